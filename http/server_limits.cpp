#include "http/server_limits.h"

#include <charconv>

namespace tessera::http {

const std::vector<LimitSpec>& limitSpecs() {
    static const std::vector<LimitSpec> specs = {
        {"max-request-line", "bytes of the request line (longer: 414)",
         &ServerLimits::maxRequestLine},
        {"max-header-bytes", "bytes of the header block (more: 431)",
         &ServerLimits::maxHeaderBytes},
        {"max-body-bytes", "bytes of a request body (more: 413, refused before reading)",
         &ServerLimits::maxBodyBytes},
        {"header-timeout-ms", "time to send a whole request header",
         &ServerLimits::headerTimeoutMs},
        {"body-timeout-ms", "time to send a request body", &ServerLimits::bodyTimeoutMs},
        {"idle-timeout-ms", "idle keep-alive connections are closed after this",
         &ServerLimits::idleTimeoutMs},
        {"write-timeout-ms", "time a client may take to read a response",
         &ServerLimits::writeTimeoutMs},
        {"max-connections", "open connections in total", &ServerLimits::maxConnections},
        {"max-connections-per-client", "open connections from one address",
         &ServerLimits::maxConnectionsPerClient},
        {"max-pipelined", "requests read ahead on one connection", &ServerLimits::maxPipelined},
        {"max-unsent-bytes", "unsent response bytes before a connection is no longer read",
         &ServerLimits::maxUnsentBytes},
        {"drain-timeout-ms", "time in-flight requests get to finish on SIGTERM/SIGINT",
         &ServerLimits::drainTimeoutMs},
        {"local-threads", "worker threads for local files (0 = max(2, cores))",
         &ServerLimits::localThreads},
        {"remote-threads", "worker threads for remote (HTTP, S3) images",
         &ServerLimits::remoteThreads},
        {"local-queue", "requests waiting for a local worker (more: 503)",
         &ServerLimits::localQueue},
        {"remote-queue", "requests waiting for a remote worker (more: 503)",
         &ServerLimits::remoteQueue},
        {"retry-after", "seconds in the Retry-After header of a 503",
         &ServerLimits::retryAfterSeconds},
        {"request-memory", "bytes one answer may take (region, WCS, WMS; more: 413)",
         &ServerLimits::requestMemoryBytes},
        {"wms-max-layers", "layers in one WMS GetMap", &ServerLimits::wmsMaxLayers},
        {"max-jobs", "queued and running jobs (more: 429)", &ServerLimits::maxJobs},
        {"max-job-results", "finished job results kept", &ServerLimits::maxJobResults},
        {"max-job-result-bytes", "bytes of finished job results kept",
         &ServerLimits::maxJobResultBytes},
        {"max-style-presets", "named style presets", &ServerLimits::maxStylePresets},
        {"max-style-bytes", "bytes of one style", &ServerLimits::maxStyleBytes},
        {"max-style-depth", "JSON nesting depth of one style", &ServerLimits::maxStyleDepth},
    };
    return specs;
}

std::string applyLimit(ServerLimits& limits, const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos) return "expected NAME=VALUE, got \"" + assignment + "\"";
    const std::string name = assignment.substr(0, eq);
    std::string value = assignment.substr(eq + 1);
    long long multiplier = 1;
    if (!value.empty()) {
        switch (value.back()) {
            case 'k':
            case 'K':
                multiplier = 1024;
                break;
            case 'm':
            case 'M':
                multiplier = 1024 * 1024;
                break;
            case 'g':
            case 'G':
                multiplier = 1024LL * 1024 * 1024;
                break;
            default:
                break;
        }
        if (multiplier != 1) value.pop_back();
    }
    long long v = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (value.empty() || ec != std::errc() || ptr != value.data() + value.size() || v < 0 ||
        v > (1LL << 50) / multiplier)
        return "invalid value for " + name + ": \"" + assignment.substr(eq + 1) + "\"";
    for (const LimitSpec& s : limitSpecs()) {
        if (name == s.name) {
            limits.*s.field = v * multiplier;
            return {};
        }
    }
    return "unknown limit \"" + name + "\"";
}

std::string describeLimits() {
    const ServerLimits defaults;
    std::string out;
    for (const LimitSpec& s : limitSpecs()) {
        std::string line = "  " + std::string(s.name);
        line.resize(30, ' ');
        std::string def = std::to_string(defaults.*s.field);
        def.resize(12, ' ');
        out += line + def + s.description + "\n";
    }
    return out;
}

}  // namespace tessera::http
