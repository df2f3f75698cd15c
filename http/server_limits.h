// ServerLimits: every bound the HTTP server enforces — transport sizes and time-outs,
// connection caps, work-queue sizes and the per-request memory budgets — in one value with its
// defaults. `tessera serve --limit NAME=VALUE` and the README list them from limitSpecs(), so
// the names, defaults and descriptions are written once.
//
// Thread safety: a plain value; the server copies it at start().
#pragma once

#include <string>
#include <vector>

namespace tessera::http {

struct ServerLimits {
    // Transport (http/transport): request line (414), header block (431), body (413).
    long long maxRequestLine = 8 * 1024;
    long long maxHeaderBytes = 32 * 1024;
    long long maxBodyBytes = 1024 * 1024;
    // Time-outs in milliseconds: a whole request header, a body, an idle keep-alive connection,
    // a response the client does not read.
    long long headerTimeoutMs = 10000;
    long long bodyTimeoutMs = 30000;
    long long idleTimeoutMs = 15000;
    long long writeTimeoutMs = 30000;
    // Connections: in total and per client address. At the cap the oldest idle connection
    // is closed to make room; with none idle the new one is answered 503.
    long long maxConnections = 2000;
    long long maxConnectionsPerClient = 500;
    // Requests read ahead on one connection (pipelining) and unsent response bytes after
    // which a connection is not read until its client catches up (backpressure).
    long long maxPipelined = 16;
    long long maxUnsentBytes = 8 * 1024 * 1024;
    // Graceful stop: how long in-flight requests may finish after SIGTERM/SIGINT.
    long long drainTimeoutMs = 4000;

    // Scheduling: worker threads and queued (not yet running) requests per pool; a full queue
    // answers 503 with Retry-After.
    long long localThreads = 0;  // 0 = max(2, cores)
    long long remoteThreads = 16;
    long long localQueue = 512;
    long long remoteQueue = 512;
    long long retryAfterSeconds = 1;

    // Memory budgets per request.
    long long requestMemoryBytes = 256LL * 1024 * 1024;  // region/WCS/WMS/thumbnail answers
    long long wmsMaxLayers = 16;
    long long maxJobs = 16;        // queued + running region jobs (more → 429)
    long long maxJobResults = 32;  // finished results kept (oldest removed first)
    long long maxJobResultBytes = 4LL * 1024 * 1024 * 1024;
    long long maxStylePresets = 256;      // named presets at /api/styles
    long long maxStyleBytes = 64 * 1024;  // one style (query parameter or preset body)
    long long maxStyleDepth = 32;         // JSON nesting of one style
};

// One settable limit: its option name, description and member.
struct LimitSpec {
    const char* name;
    const char* description;
    long long ServerLimits::*field;
};
const std::vector<LimitSpec>& limitSpecs();

// Applies "name=value" (value an integer, with optional k/M/G suffix for sizes). Returns an
// error message ("" on success).
std::string applyLimit(ServerLimits& limits, const std::string& assignment);

// "name  default  description" lines for --help and the README.
std::string describeLimits();

}  // namespace tessera::http
