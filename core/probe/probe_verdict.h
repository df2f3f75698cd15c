// ProbeVerdict: what the crash-isolated probe found out about one file — it reads (ok), it fails
// cleanly (error, with the reader's own error kind and message), or reading it crashed, hung,
// ran out of CPU time or needed more memory than the probe allows. The last four make the file
// unsafe: unsafeError() is the one Error(Unsafe) every consumer reports for them.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace tessera {

enum class ProbeStatus {
    Ok,           // opened, metadata read, thumbnails and a full-resolution tile decoded
    Error,        // failed cleanly (not an image, unsupported, ...): errorKind and message
    Crashed,      // killed by a signal (or ended without an answer): signal, message
    Timeout,      // wall-clock time-out (wall = true) or CPU-time limit (wall = false)
    OutOfMemory,  // an allocation failed under the address-space limit
    Unavailable,  // the probe could not run at all (no executable, fork failed): not vetted
};

struct ProbeVerdict {
    ProbeStatus status = ProbeStatus::Ok;
    ErrorKind errorKind = ErrorKind::Unsupported;  // Error only
    std::string message;   // Error: the reader's message; others: details for logs
    int signal = 0;        // Crashed: the signal number (0 when it exited without answering)
    bool wall = false;     // Timeout: wall-clock (true) or CPU time (false)
    bool partial = false;  // Ok: the deep checks were cut short at the soft deadline
    double seconds = 0;    // how long the check of this file took
    double limit = 0;      // Timeout: the limit in seconds; OutOfMemory: the limit in bytes

    // Ok and Error: the file may be opened in this process (Error ones fail the same way).
    bool safe() const noexcept { return status == ProbeStatus::Ok || status == ProbeStatus::Error; }
    bool unsafe() const noexcept { return !safe() && status != ProbeStatus::Unavailable; }
    // Worth remembering across processes: not wall-clock time-outs (a busy machine or a slow
    // disk may cause them), not transient errors (IO, Busy, Cancelled), not Unavailable.
    bool persistent() const noexcept;
};

const char* probeStatusName(ProbeStatus status) noexcept;
std::optional<ProbeStatus> probeStatusFromName(const std::string& name) noexcept;

nlohmann::json toJson(const ProbeVerdict& verdict);
// Null when the JSON is not a verdict.
std::optional<ProbeVerdict> probeVerdictFromJson(const nlohmann::json& j);

// Why the file is unsafe, for a person: "the reader crashed (SIGFPE, floating-point
// exception)", "reading it took longer than 15 s", ...
std::string unsafeReason(const ProbeVerdict& verdict);
// Error(Unsafe, "this file could not be read safely: <reason>").
Error unsafeError(const ProbeVerdict& verdict);

}  // namespace tessera
