#include "probe/probe_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

#include "util/i18n.h"

extern char** environ;

// AddressSanitizer reserves terabytes of address space for its shadow memory, so an ASan build
// cannot run under RLIMIT_AS: there the limit is left off (ASan's own allocator reports the
// allocation failures, which end as out-of-memory verdicts through its "out of memory" text).
#if defined(__SANITIZE_ADDRESS__)
#define TESSERA_PROBE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TESSERA_PROBE_ASAN 1
#endif
#endif
#ifndef TESSERA_PROBE_ASAN
#define TESSERA_PROBE_ASAN 0
#endif

namespace tessera {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

Clock::time_point after(double seconds) {
    return Clock::now() + std::chrono::microseconds(std::int64_t(seconds * 1e6));
}

// Everything the child needs, built before fork (the child may only make system calls).
struct SpawnPlan {
    std::vector<std::string> args;
    std::vector<std::string> env;
    std::vector<char*> argv;
    std::vector<char*> envp;
    rlimit as{}, cpu{}, core{0, 0};
};

SpawnPlan makePlan(const ProbeRequest& r, std::size_t first) {
    SpawnPlan p;
    p.args = {r.executable,
              "probe",
              "--child",
              "--cpu",
              std::to_string(r.limits.cpuSeconds),
              "--soft",
              std::to_string(r.limits.wallSeconds * 0.6)};
    if (!r.sourceName.empty()) {
        p.args.push_back("--source");
        p.args.push_back(r.sourceName);
    }
    p.args.push_back("--");
    for (std::size_t i = first; i < r.uris.size(); ++i) p.args.push_back(r.uris[i]);
    const std::string marker = std::string(kProbeChildEnv) + "=";
    for (char** e = environ; e && *e; ++e)
        if (std::strncmp(*e, marker.c_str(), marker.size()) != 0) p.env.emplace_back(*e);
    p.env.push_back(marker + "1");
    for (auto& a : p.args) p.argv.push_back(a.data());
    p.argv.push_back(nullptr);
    for (auto& e : p.env) p.envp.push_back(e.data());
    p.envp.push_back(nullptr);
    const rlim_t as = rlim_t(r.limits.addressSpaceBytes);
    p.as = {as, as};
    const rlim_t files = rlim_t(r.uris.size() - first);
    const rlim_t perFile = rlim_t(std::max(1, r.limits.cpuSeconds));
    p.cpu = {perFile, perFile * files + 5};
    return p;
}

struct Child {
    pid_t pid = -1;
    int out = -1;  // its stdout (the verdict lines)
    int err = -1;  // its stderr (kept for diagnostics)
};

void closeFd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// fork + exec with the limits applied in between. Returns nullopt (and why) when it fails.
std::optional<Child> spawn(SpawnPlan& plan, std::string* why) {
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        *why = std::strerror(errno);
        return std::nullopt;
    }
    if (::pipe2(err, O_CLOEXEC) != 0) {
        *why = std::strerror(errno);
        ::close(out[0]), ::close(out[1]);
        return std::nullopt;
    }
    const int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        // Child: async-signal-safe calls only until exec.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        for (int s : {SIGPIPE, SIGXCPU, SIGFPE, SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGCHLD})
            sigaction(s, &dfl, nullptr);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);
        setrlimit(RLIMIT_CORE, &plan.core);
        setrlimit(RLIMIT_CPU, &plan.cpu);
        if (!TESSERA_PROBE_ASAN) setrlimit(RLIMIT_AS, &plan.as);
        if (devnull >= 0) dup2(devnull, 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        close_range(3, ~0U, 0);
        execve(plan.argv[0], plan.argv.data(), plan.envp.data());
        _exit(127);
    }
    const int forkErrno = errno;
    if (devnull >= 0) ::close(devnull);
    ::close(out[1]);
    ::close(err[1]);
    if (pid < 0) {
        ::close(out[0]);
        ::close(err[0]);
        *why = std::strerror(forkErrno);
        return std::nullopt;
    }
    return Child{pid, out[0], err[0]};
}

// Waits for the child until the deadline, then kills it. Returns the wait status, or nullopt
// when it cannot be known (SIGCHLD ignored by someone else).
std::optional<int> reap(pid_t pid, Clock::time_point deadline, bool* killed) {
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return status;
        if (r < 0 && errno != EINTR) return std::nullopt;
        if (Clock::now() >= deadline) {
            ::kill(pid, SIGKILL);
            *killed = true;
            while (::waitpid(pid, &status, 0) < 0)
                if (errno != EINTR) return std::nullopt;
            return status;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::string lastLine(const std::string& text) {
    std::string t = text;
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
    const auto nl = t.find_last_of('\n');
    std::string line = nl == std::string::npos ? t : t.substr(nl + 1);
    if (line.size() > 300) line = line.substr(0, 300) + "…";
    return line;
}

bool mentionsAllocationFailure(const std::string& text) {
    return text.find("bad_alloc") != std::string::npos ||
           text.find("out of memory") != std::string::npos ||
           text.find("Out of memory") != std::string::npos ||
           text.find("Cannot allocate memory") != std::string::npos;
}

// The verdict for the file the child was on when it ended without answering for it.
ProbeVerdict deathVerdict(const ProbeRequest& r, std::optional<int> status, bool timedOut,
                          const std::string& stderrTail, double seconds) {
    ProbeVerdict v;
    v.seconds = seconds;
    if (timedOut) {
        v.status = ProbeStatus::Timeout;
        v.wall = true;
        v.limit = r.limits.wallSeconds;
        return v;
    }
    if (!status) {
        v.status = ProbeStatus::Crashed;
        v.message = trc("Probe", "the probe process ended and its status is unknown");
        return v;
    }
    if (WIFSIGNALED(*status)) {
        const int sig = WTERMSIG(*status);
        if (sig == SIGXCPU) {
            v.status = ProbeStatus::Timeout;
            v.wall = false;
            v.limit = r.limits.cpuSeconds;
        } else if (sig == SIGKILL || mentionsAllocationFailure(stderrTail)) {
            // Not killed by us: the kernel's OOM killer; or an abort after a failed allocation.
            v.status = ProbeStatus::OutOfMemory;
            v.limit = double(r.limits.addressSpaceBytes);
            v.signal = sig;
        } else {
            v.status = ProbeStatus::Crashed;
            v.signal = sig;
        }
        v.message = lastLine(stderrTail);
        return v;
    }
    v.status =
        mentionsAllocationFailure(stderrTail) ? ProbeStatus::OutOfMemory : ProbeStatus::Crashed;
    if (v.status == ProbeStatus::OutOfMemory) v.limit = double(r.limits.addressSpaceBytes);
    const std::string line = lastLine(stderrTail);
    v.message = trf("Probe", "exit code %1%2", std::to_string(WEXITSTATUS(*status)),
                    line.empty() ? std::string() : ": " + line);
    return v;
}

ProbeVerdict unavailable(const std::string& why) {
    ProbeVerdict v;
    v.status = ProbeStatus::Unavailable;
    v.message = why;
    return v;
}

bool cancelled(const ProbeRequest& r) {
    return r.cancel && r.cancel->load(std::memory_order_relaxed);
}

}  // namespace

std::vector<ProbeVerdict> runProbeProcess(const ProbeRequest& r) {
    std::vector<ProbeVerdict> verdicts(r.uris.size());
    std::size_t next = 0;  // the first file without a verdict
    if (r.executable.empty()) {
        for (auto& v : verdicts) v = unavailable(trc("Probe", "no probe executable is set"));
        return verdicts;
    }
    while (next < r.uris.size()) {
        if (cancelled(r)) {
            for (; next < r.uris.size(); ++next) verdicts[next] = unavailable("cancelled");
            break;
        }
        SpawnPlan plan = makePlan(r, next);
        const std::size_t base = next;
        std::string why;
        std::optional<Child> child = spawn(plan, &why);
        if (!child) {
            for (; next < r.uris.size(); ++next)
                verdicts[next] = unavailable(trf("Probe", "cannot start the probe: %1", why));
            break;
        }
        bool ready = false, timedOut = false, stop = false;
        std::size_t started = std::size_t(-1);  // the file the child said it is on
        Clock::time_point deadline = after(r.limits.startupSeconds);
        Clock::time_point fileStart = Clock::now();
        std::string outBuf, errTail;
        while (child->out >= 0 || child->err >= 0) {
            const auto now = Clock::now();
            if (now >= deadline) {
                ::kill(child->pid, SIGKILL);
                timedOut = true;
                break;
            }
            if (cancelled(r)) {
                ::kill(child->pid, SIGKILL);
                stop = true;
                break;
            }
            int wait =
                int(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count()) +
                1;
            if (r.cancel) wait = std::min(wait, 200);
            pollfd fds[2];
            int n = 0;
            if (child->out >= 0) fds[n++] = {child->out, POLLIN, 0};
            if (child->err >= 0) fds[n++] = {child->err, POLLIN, 0};
            const int pr = ::poll(fds, nfds_t(n), wait);
            if (pr < 0 && errno != EINTR) break;
            if (pr <= 0) continue;
            for (int i = 0; i < n; ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                char buf[65536];
                const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
                if (got < 0 && errno == EINTR) continue;
                const bool isOut = fds[i].fd == child->out;
                if (got <= 0) {
                    closeFd(isOut ? child->out : child->err);
                    continue;
                }
                if (!isOut) {
                    errTail.append(buf, std::size_t(got));
                    if (errTail.size() > 8192) errTail.erase(0, errTail.size() - 8192);
                    continue;
                }
                outBuf.append(buf, std::size_t(got));
                for (auto nl = outBuf.find('\n'); nl != std::string::npos; nl = outBuf.find('\n')) {
                    const std::string line = outBuf.substr(0, nl);
                    outBuf.erase(0, nl + 1);
                    const auto j = nlohmann::json::parse(line, nullptr, false);
                    if (!j.is_object()) continue;  // not ours (a library printing to stdout)
                    if (j.contains("ready")) {
                        ready = true;
                    } else if (j.contains("start") && j["start"].is_number_integer()) {
                        started = base + j["start"].get<std::size_t>();
                    } else if (j.contains("index") && j["index"].is_number_integer() &&
                               j.contains("verdict")) {
                        const std::size_t index = base + j["index"].get<std::size_t>();
                        auto v = probeVerdictFromJson(j["verdict"]);
                        if (index != next || !v) continue;
                        verdicts[next++] = *v;
                    } else {
                        continue;
                    }
                    fileStart = Clock::now();
                    deadline = after(r.limits.wallSeconds);
                }
            }
        }
        closeFd(child->out);
        closeFd(child->err);
        bool killed = timedOut || stop;
        const auto status = reap(child->pid, after(5), &killed);
        if (stop) continue;  // the loop head marks the rest cancelled
        if (next >= r.uris.size()) break;
        const bool progressed = next > base;
        if (ready && !timedOut && started != next) {
            // It ended between files (after an out-of-memory answer, say): go on with a new
            // child, unless this one checked nothing at all.
            if (progressed) continue;
            for (; next < r.uris.size(); ++next)
                verdicts[next] = unavailable(trc("Probe", "the probe ended without checking"));
            break;
        }
        if (!ready) {
            const std::string tail = lastLine(errTail);
            const std::string reason = timedOut
                                           ? trf("Probe", "the probe did not start within %1 s",
                                                 std::to_string(int(r.limits.startupSeconds)))
                                           : trf("Probe", "the probe ended before it was ready%1",
                                                 tail.empty() ? std::string() : ": " + tail);
            for (; next < r.uris.size(); ++next) verdicts[next] = unavailable(reason);
            break;
        }
        verdicts[next] = deathVerdict(r, status, timedOut, errTail, secondsSince(fileStart));
        ++next;
    }
    return verdicts;
}

}  // namespace tessera
