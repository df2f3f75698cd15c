// Shared pieces of the libFuzzer targets: one-time process set-up (GDAL registered, library
// messages silenced, no GDAL sidecar files), the per-request memory budget the server gives a
// request, and expect() — a check that aborts, so libFuzzer reports the input that broke it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/error.h"
#include "util/request_context.h"

namespace tessera::fuzz {

// Call first in LLVMFuzzerTestOneInput (cheap after the first call).
void init();

// A property that must hold for every input; prints what failed and aborts (a libFuzzer crash).
inline void expect(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
}

// Runs f; tessera::Error (the documented way to refuse bad input) is swallowed and reported as
// false. Anything else — another exception type, a crash, a sanitizer report — escapes and
// fails the run.
template <typename F>
bool refusedOrDone(F&& f) {
    try {
        f();
        return true;
    } catch (const Error&) {
        return false;
    }
}

// The server's per-request budget (ServerLimits::requestMemoryBytes), installed around reads.
inline RequestContext serverRequest() {
    RequestContext c;
    c.memoryBudget = std::size_t(256) << 20;
    return c;
}

// A file name unique to this process and call ("/vsimem/fuzz/<pid>-<n>.<ext>" with memory=true,
// else under $TMPDIR or /dev/shm).
std::string scratchPath(std::string_view ext, bool memory);

// The input bytes as a file: in GDAL's /vsimem/ (not copied; memory=true) or a scratch file
// (for readers that take local paths only). Removed when destroyed.
struct InputFile {
    InputFile(const std::uint8_t* data, std::size_t size, std::string_view ext, bool memory);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    std::string path;
    bool memory;
};

// True when the bytes start like a TIFF or BigTIFF file (either byte order).
bool looksLikeTiff(const std::uint8_t* data, std::size_t size);

// A scratch folder (scratchPath("dir", false)) made on construction, removed with its files.
struct ScratchDir {
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    std::filesystem::path path;
};

}  // namespace tessera::fuzz
