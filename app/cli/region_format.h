// The CLI's choice of a region output format from --format, --encoding, the -o extension or the
// image's native format (formats registry), and writing multi-file results next to -o.
// Not thread-safe (CLI main thread only).
#pragma once

#include <QCommandLineParser>
#include <string>

#include "service/engine.h"

namespace tessera::cli {

// The registry entry name for RegionRequest::format: --format as given; "" when --encoding is
// set (the built-in encodings); else the -o extension when the registry knows it (read-only
// ones then fail with the list of valid formats); else the native format of the image's driver.
std::string regionOutputFormat(Engine& engine, const QCommandLineParser& p, const ImageRef& image);

// Writes the result to -o; a ZIP of several files (ENVI, AAIGrid...) is unpacked next to -o
// (FILE.bil + FILE.hdr) unless -o names a .zip file or stdout.
void writeRegionOutput(const QCommandLineParser& p, const Encoded& e);

}  // namespace tessera::cli
