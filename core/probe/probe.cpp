#include "probe/probe.h"

#include <sys/stat.h>

#include <QByteArray>
#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <semaphore>
#include <thread>

#include "cache/single_flight.h"
#include "probe/probe_cache.h"
#include "source/open_source.h"
#include "util/i18n.h"

namespace tessera {

namespace {

struct Config {
    std::mutex mutex;
    std::string executable;
    std::string stamp;
    std::optional<ProbeLimits> limits;
};

Config& config() {
    static Config c;
    return c;
}

double envNumber(const char* name, double fallback) {
    const QByteArray v = qgetenv(name);
    if (v.isEmpty()) return fallback;
    bool ok = false;
    const double d = v.toDouble(&ok);
    return ok && d > 0 ? d : fallback;
}

ProbeLimits limitsFromEnvironment() {
    ProbeLimits l;
    l.addressSpaceBytes = std::uint64_t(
        envNumber("TESSERA_PROBE_MEMORY_MB", double(l.addressSpaceBytes >> 20)) * (1 << 20));
    l.cpuSeconds = int(envNumber("TESSERA_PROBE_CPU_SECONDS", l.cpuSeconds));
    l.wallSeconds = envNumber("TESSERA_PROBE_SECONDS", l.wallSeconds);
    return l;
}

// Probe children running at once, all callers together.
std::counting_semaphore<1024>& slots() {
    static std::counting_semaphore<1024> s(
        std::ptrdiff_t(std::clamp(2 * std::thread::hardware_concurrency(), 2u, 64u)));
    return s;
}

SingleFlight<ProbeVerdict>& flights() {
    static SingleFlight<ProbeVerdict> f;
    return f;
}

std::string stampOf(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return "unknown";
    return std::to_string(st.st_size) + ":" +
           std::to_string(std::int64_t(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec);
}

std::string currentStamp() {
    Config& c = config();
    std::lock_guard lock(c.mutex);
    return c.stamp;
}

std::vector<ProbeVerdict> runChild(const std::vector<std::string>& uris,
                                   const std::string& sourceName, const std::atomic<bool>* cancel) {
    ProbeRequest r;
    r.executable = probeExecutable();
    r.uris = uris;
    r.sourceName = sourceName;
    r.limits = probeLimits();
    r.cancel = cancel;
    slots().acquire();
    struct Release {
        ~Release() { slots().release(); }
    } release;
    return runProbeProcess(r);
}

ProbeVerdict unavailable(const std::string& why) {
    ProbeVerdict v;
    v.status = ProbeStatus::Unavailable;
    v.message = why;
    return v;
}

}  // namespace

void setProbeExecutable(const std::string& path) {
    const std::string stamp = path.empty() ? std::string() : stampOf(path);
    Config& c = config();
    std::lock_guard lock(c.mutex);
    c.executable = path;
    c.stamp = stamp;
}

std::string probeExecutable() {
    if (std::getenv(kProbeChildEnv)) return {};
    const QByteArray mode = qgetenv("TESSERA_PROBE");
    if (mode == "off" || mode == "0") return {};
    Config& c = config();
    std::lock_guard lock(c.mutex);
    return c.executable;
}

bool probeEnabled() {
    return !probeExecutable().empty();
}

void setProbeLimits(const ProbeLimits& limits) {
    Config& c = config();
    std::lock_guard lock(c.mutex);
    c.limits = limits;
}

ProbeLimits probeLimits() {
    Config& c = config();
    std::lock_guard lock(c.mutex);
    if (!c.limits) c.limits = limitsFromEnvironment();
    return *c.limits;
}

void vetBeforeOpen(const std::string& uri, const std::string& gdalPath,
                   const std::string& sourceName) {
    if (!probeEnabled() || isRemoteUri(uri)) return;
    const auto id = probeIdentityOf(gdalPath, sourceName, currentStamp());
    if (!id) return;  // not there: the reader reports it
    std::optional<ProbeVerdict> verdict = lookupProbeVerdict(*id);
    if (!verdict)
        verdict = flights().run(id->key(), [&]() -> ProbeVerdict {
            if (auto known = lookupProbeVerdict(*id)) return *known;  // a flight just ended
            const ProbeVerdict v = runChild({uri}, sourceName, nullptr).at(0);
            storeProbeVerdict(*id, v);
            return v;
        });
    switch (verdict->status) {
        case ProbeStatus::Ok:
        case ProbeStatus::Unavailable:
            return;
        case ProbeStatus::Error:
            throw Error(verdict->errorKind, verdict->message);
        case ProbeStatus::Crashed:
        case ProbeStatus::Timeout:
        case ProbeStatus::OutOfMemory:
            throw unsafeError(*verdict);
    }
}

std::vector<ProbeVerdict> probeFiles(const std::vector<std::string>& uris,
                                     const ProbeFilesOptions& options) {
    std::vector<ProbeVerdict> out(uris.size());
    if (!probeEnabled()) {
        for (auto& v : out) v = unavailable(trc("Probe", "no probe executable is set"));
        return out;
    }
    const std::string stamp = currentStamp();
    std::vector<std::size_t> pending;
    std::vector<ProbeFileIdentity> ids(uris.size());
    for (std::size_t i = 0; i < uris.size(); ++i) {
        if (isRemoteUri(uris[i])) {
            out[i] = unavailable(trc("Probe", "remote files are not probed"));
            continue;
        }
        const auto id = probeIdentityOf(toGdalPath(uris[i]), options.sourceName, stamp);
        if (!id) {
            out[i] = unavailable(trf("Probe", "File not found: %1", uris[i]));
            continue;
        }
        ids[i] = *id;
        if (!options.fresh)
            if (auto known = lookupProbeVerdict(*id)) {
                out[i] = *known;
                continue;
            }
        pending.push_back(i);
    }
    if (pending.empty()) return out;
    std::vector<std::string> todo;
    for (std::size_t i : pending) todo.push_back(uris[i]);
    const auto verdicts = runChild(todo, options.sourceName, options.cancel);
    for (std::size_t k = 0; k < pending.size(); ++k) {
        out[pending[k]] = verdicts[k];
        storeProbeVerdict(ids[pending[k]], verdicts[k], options.memoryOnly);
    }
    return out;
}

std::string probeRecordOf(const std::string& uri, const std::string& sourceName) {
    if (isRemoteUri(uri)) return {};
    const auto id = probeIdentityOf(toGdalPath(uri), sourceName, currentStamp());
    if (!id) return {};
    const auto v = lookupProbeVerdict(*id);
    return v ? probeVerdictRecord(*id, *v) : std::string();
}

}  // namespace tessera
