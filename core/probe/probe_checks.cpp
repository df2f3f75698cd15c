#include "probe/probe_checks.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <new>
#include <thread>

#include "probe/probe_verdict.h"
#include "service/engine.h"
#include "source/gdal_env.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// The protocol stream: the original stdout, kept private; fd 1 then goes to stderr so that a
// library printing to stdout cannot corrupt it.
class Protocol {
  public:
    Protocol() {
        std::fflush(stdout);
        fd_ = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
        ::dup2(2, 1);
    }
    void send(const nlohmann::json& j) {
        const std::string line =
            j.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) + "\n";
        std::lock_guard lock(mutex_);
        std::size_t done = 0;
        while (done < line.size()) {
            const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) _exit(0);  // the parent is gone
            done += std::size_t(n);
        }
    }

  private:
    int fd_ = 1;
    std::mutex mutex_;
};

// Cancels the current file's deep checks at its soft deadline (reads that call
// checkCancelled() stop there; the checks between steps stop too).
class Watchdog {
  public:
    Watchdog() : thread_([this] { loop(); }) {}
    ~Watchdog() {
        {
            std::lock_guard lock(mutex_);
            quit_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    void arm(CancelToken token, Clock::time_point deadline) {
        {
            std::lock_guard lock(mutex_);
            token_ = std::move(token);
            deadline_ = deadline;
            armed_ = true;
        }
        cv_.notify_all();
    }
    void disarm() {
        std::lock_guard lock(mutex_);
        armed_ = false;
    }

  private:
    void loop() {
        std::unique_lock lock(mutex_);
        while (!quit_) {
            if (!armed_) {
                cv_.wait(lock);
                continue;
            }
            if (cv_.wait_until(lock, deadline_) == std::cv_status::timeout && armed_ &&
                Clock::now() >= deadline_) {
                token_.cancel();
                armed_ = false;
            }
        }
    }
    std::mutex mutex_;
    std::condition_variable cv_;
    CancelToken token_;
    Clock::time_point deadline_{};
    bool armed_ = false;
    bool quit_ = false;
    std::thread thread_;
};

// Before each file: the soft CPU limit becomes what was used so far plus one file's allowance.
void allowCpuFor(int seconds) {
    rusage ru{};
    rlimit lim{};
    if (::getrusage(RUSAGE_SELF, &ru) != 0 || ::getrlimit(RLIMIT_CPU, &lim) != 0) return;
    if (lim.rlim_cur == RLIM_INFINITY) return;
    const double used = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                        double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    rlim_t want = rlim_t(std::ceil(used)) + rlim_t(std::max(1, seconds));
    if (lim.rlim_max != RLIM_INFINITY) want = std::min(want, lim.rlim_max);
    lim.rlim_cur = want;
    ::setrlimit(RLIMIT_CPU, &lim);
}

std::uint64_t addressSpaceLimit() {
    rlimit lim{};
    if (::getrlimit(RLIMIT_AS, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return 0;
    return std::uint64_t(lim.rlim_cur);
}

// The address space this process has mapped now (/proc/self/statm), 0 when unknown.
std::uint64_t addressSpaceInUse() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0;
    if (!(statm >> pages)) return 0;
    return pages * std::uint64_t(::sysconf(_SC_PAGESIZE));
}

ProbeVerdict outOfMemory(double seconds) {
    ProbeVerdict v;
    v.status = ProbeStatus::OutOfMemory;
    v.limit = double(addressSpaceLimit());
    v.seconds = seconds;
    return v;
}

// A clean error from a C library that could not allocate: in this process the address space is
// limited, in the parent it is not, so the parent must not try.
bool isAllocationFailure(const Error& e) {
    if (e.kind() == ErrorKind::TooLarge || e.kind() == ErrorKind::Cancelled) return false;
    std::string m = e.what();
    for (char& c : m) c = char(std::tolower(static_cast<unsigned char>(c)));
    return m.find("out of memory") != std::string::npos ||
           m.find("cannot allocate") != std::string::npos ||
           m.find("memory allocation") != std::string::npos ||
           m.find("failed to allocate") != std::string::npos;
}

ProbeVerdict checkFile(const std::string& uri, const ProbeChildOptions& o, Watchdog& watchdog) {
    const auto start = Clock::now();
    ProbeVerdict v;
    EngineConfig config;
    config.tileCacheBytes = std::size_t(16) << 20;
    config.decodedCacheBytes = std::size_t(16) << 20;  // the child's address space is limited
    config.maxOpenSources = 2;
    Engine engine(config);
    ImageRef ref;
    ref.uri = uri;
    ref.sourceName = o.sourceName;
    std::shared_ptr<ImageView> view;
    // Opening and metadata: what every consumer does first. An error here is the file's error.
    try {
        view = engine.view(ref);
        engine.infoMetadata(ref);
        engine.metadata(ref);
        engine.internalMetadata(ref);
    } catch (const std::bad_alloc&) {
        return outOfMemory(secondsSince(start));
    } catch (const Error& e) {
        if (isAllocationFailure(e)) return outOfMemory(secondsSince(start));
        v.status = ProbeStatus::Error;
        v.errorKind = e.kind();
        v.message = e.what();
        v.seconds = secondsSince(start);
        return v;
    } catch (const std::exception& e) {
        v.status = ProbeStatus::Error;
        v.errorKind = ErrorKind::Internal;
        v.message = e.what();
        v.seconds = secondsSince(start);
        return v;
    }

    // Deep checks, until the soft deadline: decode errors are the reader's business (they
    // come back cleanly), a crash or a hang is ours.
    const auto soft =
        start + std::chrono::microseconds(std::int64_t(std::max(0.5, o.softSeconds) * 1e6));
    CancelToken token;
    watchdog.arm(token, soft);
    RequestContext context;
    context.cancel = token;
    if (const std::uint64_t as = addressSpaceLimit()) context.memoryBudget = std::size_t(as / 4);
    RequestScope scope(context);
    bool stop = false;
    auto step = [&](const std::function<void()>& run) {
        if (stop) return;
        if (Clock::now() >= soft || token.cancelled()) {
            v.partial = true;
            stop = true;
            return;
        }
        try {
            run();
        } catch (const std::bad_alloc&) {
            v.status = ProbeStatus::OutOfMemory;
            stop = true;
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::Cancelled || e.kind() == ErrorKind::TooLarge) {
                v.partial = true;
                stop = true;
            } else if (isAllocationFailure(e)) {
                v.status = ProbeStatus::OutOfMemory;
                stop = true;
            } else if (v.message.empty()) {
                v.message = e.what();
            }
        } catch (const std::exception& e) {
            if (v.message.empty()) v.message = e.what();
        }
    };
    const SourceInfo info = view->info();
    const int frames = std::max(1, info.frameCount);
    for (int f = 0; f < frames && !stop; ++f)
        step([&] {
            ThumbnailRequest t;
            t.image = ref;
            t.style.frame = f;
            engine.thumbnailImage(t);
        });
    const TileGrid& grid = view->grid();
    const int z = grid.levels() - 1;
    const int nx = std::max(1, (grid.sizeX() + TileGrid::kTileSize - 1) / TileGrid::kTileSize);
    const int ny = std::max(1, (grid.sizeY() + TileGrid::kTileSize - 1) / TileGrid::kTileSize);
    for (const auto& [x, y] : {std::pair{0, 0}, std::pair{nx / 2, ny / 2}})
        step([&, x = x, y = y] {
            TileRequest t;
            t.image = ref;
            t.z = z;
            t.x = x;
            t.y = y;
            engine.tileImage(t);
        });
    step([&] {
        for (const std::string& name : engine.associatedImages(ref)) {
            checkCancelled();
            engine.associatedImageImage(ref, name, 256, 256);
        }
    });
    watchdog.disarm();
    if (v.status == ProbeStatus::OutOfMemory) v.limit = double(addressSpaceLimit());
    v.seconds = secondsSince(start);
    return v;
}

}  // namespace

void enterProbeSandbox() {
    ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    const rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore);
}

int runProbeChild(const ProbeChildOptions& o) {
    enterProbeSandbox();
    Protocol protocol;
    ensureGdal();
    protocol.send({{"ready", true}});
    Watchdog watchdog;
    for (std::size_t i = 0; i < o.uris.size(); ++i) {
        allowCpuFor(o.cpuSeconds);
        protocol.send({{"start", i}});
        ProbeVerdict v;
        try {
            v = checkFile(o.uris[i], o, watchdog);
        } catch (const std::bad_alloc&) {
            v = outOfMemory(0);
        }
        protocol.send({{"index", i}, {"verdict", toJson(v)}});
        // After a failed allocation this process is not to be trusted: a new one goes on. So it
        // does when a file left the address space more than half used (libraries that keep or
        // leak buffers after an error): the next file's verdict must not depend on this one.
        if (v.status == ProbeStatus::OutOfMemory) break;
        const std::uint64_t limit = addressSpaceLimit();
        if (limit > 0 && addressSpaceInUse() > limit / 2) break;
    }
    return 0;
}

}  // namespace tessera
