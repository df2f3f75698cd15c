// Crash isolation for files never seen before. Before a local file is first opened in this
// process, openSource() calls vetBeforeOpen(): unless a verdict for this exact file (path, size,
// mtime; see probe/probe_cache.h) is known, the file is checked in a child process — the
// `tessera probe --child` command, under an address-space limit, a CPU-time limit and a
// wall-clock time-out (probe/probe_process.h) — and a crash, a hang or an allocation failure
// there becomes Error(Unsafe, "this file could not be read safely: …") here, for the CLI (exit
// 2), the server (422), the library (record state "error") and the viewer (a message) alike.
// A file the child could not open fails here with the child's own error, without trying again.
//
// Which files: every local file (and local GDAL /vsi path) not yet vetted with the same
// identity. Not probed: remote URLs (http, https, s3, gs, /vsicurl, ...) — their bytes arrive
// through GDAL's network layer and are read by the GTiff/COG reader in practice (the FITS reader
// reads local files only); probing them would fetch every remote image twice and a remote object
// has no mtime to key a verdict on. Nothing is probed when no probe executable is configured
// (library users and tests that do not call setProbeExecutable()), inside the probe child itself
// (environment TESSERA_PROBE_CHILD), or with TESSERA_PROBE=off.
//
// Settings: the `tessera` binary configures itself (/proc/self/exe) at start-up. Limits default
// to 4 GiB of address space, 10 s of CPU time and 15 s of wall-clock time per file, and may be
// set with setProbeLimits() or the environment (TESSERA_PROBE_MEMORY_MB,
// TESSERA_PROBE_CPU_SECONDS, TESSERA_PROBE_SECONDS). At most two probe children per core run at
// once; callers beyond that wait.
//
// Thread safety: every function may be called from any thread; concurrent first opens of one
// file share one probe.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "probe/probe_process.h"
#include "probe/probe_verdict.h"

namespace tessera {

// The executable that speaks `probe --child` ("" = no probing). Also records its identity
// (size, mtime), which is part of every verdict's key.
void setProbeExecutable(const std::string& path);
// The configured executable, or "" when probing is off (none set, in the child, TESSERA_PROBE=off).
std::string probeExecutable();
bool probeEnabled();

void setProbeLimits(const ProbeLimits& limits);
ProbeLimits probeLimits();  // the defaults, with the environment's overrides

// The hook in openSource(): returns when the file may be opened in this process (vetted ok,
// remote, or probing off); throws Error(Unsafe) for an unsafe file and the child's error for a
// file that cannot be opened.
void vetBeforeOpen(const std::string& uri, const std::string& gdalPath,
                   const std::string& sourceName);

// Verdicts for local files, from the caches or from one probe child for all those not known
// (then remembered: in memory only when memoryOnly, e.g. for the library, which records them in
// its own database). Remote URIs and unreadable paths get ProbeStatus::Unavailable.
// fresh = true ignores what is remembered (the `tessera probe` command).
struct ProbeFilesOptions {
    std::string sourceName;
    const std::atomic<bool>* cancel = nullptr;
    bool memoryOnly = false;
    bool fresh = false;
};
std::vector<ProbeVerdict> probeFiles(const std::vector<std::string>& uris,
                                     const ProbeFilesOptions& options = {});

// The remembered verdict of a file as a library record stores it (probe/probe_cache.h), or ""
// when there is none.
std::string probeRecordOf(const std::string& uri, const std::string& sourceName = {});

}  // namespace tessera
