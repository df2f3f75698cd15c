// The probe child process: runs `<executable> probe --child -- FILE...` under resource limits
// (RLIMIT_AS, RLIMIT_CPU, no core dumps, killed with its parent) and a wall-clock time-out per
// file, reads one JSON verdict line per file from its stdout, and turns a crash, a time-out or
// an allocation failure into that file's verdict, starting a new child for the files after it.
// The limits are set between fork and exec, so they hold whatever the child does; a later
// sandbox (seccomp filter, user namespaces) belongs in that same place or in
// enterProbeSandbox() (probe/probe_checks.h), which the child runs before reading any file.
//
// Thread safety: runProbeProcess() may be called from any number of threads at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "probe/probe_verdict.h"

namespace tessera {

struct ProbeLimits {
    std::uint64_t addressSpaceBytes = std::uint64_t(4) << 30;  // RLIMIT_AS of the child
    int cpuSeconds = 10;         // RLIMIT_CPU per file (the child raises its soft limit per file)
    double wallSeconds = 15;     // per file, from the moment the child starts on it
    double startupSeconds = 30;  // for the child to start and report that it is ready
};

struct ProbeRequest {
    std::string executable;         // the tessera binary (or anything speaking the protocol)
    std::vector<std::string> uris;  // files to check, in order
    std::string sourceName;         // forced reader ("" = auto-detect), as OpenOptions
    ProbeLimits limits;
    const std::atomic<bool>* cancel = nullptr;  // checked a few times a second
};

// One verdict per file, in order. Files left when the child could not be started (or cancel
// was set) get ProbeStatus::Unavailable.
std::vector<ProbeVerdict> runProbeProcess(const ProbeRequest& request);

// The environment variable set in the child: a process that has it never probes (the child
// opens files in-process; that is its job).
constexpr const char* kProbeChildEnv = "TESSERA_PROBE_CHILD";

}  // namespace tessera
