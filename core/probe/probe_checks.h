// The probe child's side (`tessera probe --child FILE...`): checks each file in this process the
// way every consumer will read it — open through the Engine (openSource + its metadata), then
// decode a thumbnail of every frame and full-resolution tiles, which exercises the fragile
// decoders (cfitsio's tile decompression, GDAL's drivers) on the whole image where there is no
// pyramid — and writes one JSON line per file on the protocol stream:
//   {"ready":true}                         once, when started
//   {"start":i}                            before file i (0-based)
//   {"index":i,"verdict":{...}}            after file i (probe/probe_verdict.h JSON)
// A crash, a hang or an allocation failure kills the process or stops it answering; the parent
// (probe/probe_process.h) turns that into the file's verdict. The deep checks stop at a soft
// deadline (verdict ok, partial); opening and metadata must finish.
#pragma once

#include <string>
#include <vector>

namespace tessera {

struct ProbeChildOptions {
    std::vector<std::string> uris;
    std::string sourceName;  // forced reader, "" = auto-detect
    int cpuSeconds = 10;     // per file: the soft RLIMIT_CPU is raised by this before each file
    double softSeconds = 9;  // deep checks of a file stop after this long
};

// Hardens the current process before it reads anything hostile: no new privileges, no core
// dumps, not ptrace-attachable. The place for a seccomp filter or namespaces later.
void enterProbeSandbox();

// Runs the checks, writing the protocol to stdout (anything else that writes to stdout is sent
// to stderr). Returns the process exit code (0).
int runProbeChild(const ProbeChildOptions& options);

}  // namespace tessera
