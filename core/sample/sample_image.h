// The built-in sample image: a synthetic, georeferenced RGB COG (16384² by default) that the
// viewer and server open when no file is given. Made once, on first use, in the user's cache.
//
// Thread safety: ensureSampleImage() may be called from any thread and from several processes
// at once; callers wait for (or reuse) one generation and never see a half-written file.
#pragma once

#include <functional>
#include <string>

#include "sample/sample_pattern.h"

namespace tessera {

struct SampleProgress {
    double fraction = 0;  // 0..1, never decreasing during one call
    // Translated stage name: "Waiting for another Tessera process" (only when one is making
    // the same file), "Generating pixels", "Building overviews", "Writing COG", "Done".
    std::string stage;
};

// Where the sample lives: $TESSERA_SAMPLE_DIR when set, else <generic cache>/tessera/sample
// (e.g. ~/.cache/tessera/sample).
std::string defaultSampleDir();

// The file name ensureSampleImage() uses for a size, e.g. "tessera-sample-16384.tif".
std::string sampleFileName(int size);

// Returns the path of the sample image of size × size pixels in dir (defaultSampleDir() when
// empty), generating it first when it is missing or unreadable. size must be a power of two
// from 256 to 32768. progress (optional) is called on the calling thread; returning false
// cancels: nothing is left behind and Error(BadRequest) is thrown. Throws Error(IO) when the
// directory or file cannot be written.
//
// The file: a COG (JPEG quality 85, YCbCr, 256×256 tiles, overviews down to one tile), 3 bands
// uint8 RGB, EPSG:3857 over a 40 km square centred on Geneva; about 57 MB at 16384². Made via
// an uncompressed temporary GTiff next to it (4 · size² bytes, 1.1 GB at 16384², removed at
// the end) and renamed into place, so a half-written file never carries the final name.
std::string ensureSampleImage(const std::string& dir = {}, int size = 16384,
                              std::function<bool(const SampleProgress&)> progress = {});

}  // namespace tessera
