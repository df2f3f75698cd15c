// Conversion of any GDAL-readable raster to a Cloud Optimized GeoTIFF with GDAL's COG driver:
// compression, quality, predictor, block size, overview resampling, target CRS, nodata and
// BigTIFF, with progress and cancel. The output appears complete under its name or not at all.
// Thread safety: convertToCog is reentrant (one conversion per call, any thread).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

struct CogConvertOptions {
    std::string compression = "DEFLATE";  // one of availableCogCompressions()
    std::optional<int> quality;           // JPEG / WEBP quality 1..100
    std::optional<int> level;             // DEFLATE / ZSTD / LZMA level
    std::string predictor;                // "" (driver default), YES, NO, STANDARD, FLOATING_POINT
    int blockSize = 512;                  // power of two, 64..4096
    std::string resampling;               // overview (and warp) resampling, "" = driver default
    std::string targetCrs;                // e.g. "EPSG:3857" ("" = keep the input's)
    std::optional<double> nodata;         // sets the nodata value of the output
    std::string bigTiff = "IF_SAFER";     // YES, NO, IF_NEEDED, IF_SAFER
    bool overwrite = false;               // replace an existing output
    std::string threads;                  // NUM_THREADS ("" = 1, "ALL_CPUS", or a number)
};

// Progress in 0..1; return false to cancel.
using CogProgress = std::function<bool(double fraction)>;

// Converts input (file, URL or /vsi path) to output (a local path). Throws Error: BadRequest
// for bad options or an existing output without overwrite, NotFound for a missing input,
// Unsupported when GDAL cannot convert it, IO on write failures. Returns false when cancelled
// (nothing is left behind), true when the output was written.
bool convertToCog(const std::string& input, const std::string& output,
                  const CogConvertOptions& options, const CogProgress& progress = {});

// The COMPRESS values this GDAL's COG driver offers (upper case).
std::vector<std::string> availableCogCompressions();
// The RESAMPLING values the COG driver accepts (upper case).
std::vector<std::string> cogResamplings();

}  // namespace tessera
