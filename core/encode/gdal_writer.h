// Output through any writable GDAL driver: a RasterOutput is CreateCopy'd into an in-memory file
// (or a private temporary directory for drivers without virtual-file support) and returned as
// bytes; drivers that write several files (ENVI .hdr, AAIGrid .prj) give a ZIP of all of them.
// Safe from any thread: every call has its own datasets and file names.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "encode/encoder.h"
#include "encode/raster_output.h"

namespace tessera {

struct GdalWritten {
    Bytes bytes;
    bool zipped = false;  // several files, packed as a ZIP archive (application/zip)
};

// driver: GDAL short name; extension (without dot) names the file GDAL writes. options give
// JPEG/WebP quality and the TIFF compression for COG. Throws Error(Unsupported) with GDAL's
// message when the driver cannot write this data (band count, data type), Error(BadRequest)
// for an unknown driver.
GdalWritten encodeWithGdal(const RasterOutput& data, const std::string& driver,
                           const std::string& extension, const EncodeOptions& options = {});

// The members of a ZIP archive (as encodeWithGdal makes), name → bytes, in archive order.
// Throws Error(BadRequest) when bytes are not a ZIP archive.
std::vector<std::pair<std::string, Bytes>> unzipMembers(const Bytes& zip);

}  // namespace tessera
