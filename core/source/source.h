// Source: one opened image file (local or remote) behind one interface, whatever the format.
// Implementations: GdalSource (any GDAL raster), and later TiffSource and FitsSource.
//
// Thread safety: every const member may be called from any thread at once. Implementations
// keep per-thread (pooled) library handles; they never share a GDAL dataset between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "geo/bounds.h"
#include "raster/raster.h"
#include "source/source_info.h"

namespace tessera {

enum class Resample { Nearest, Bilinear, Cubic, Average };

// A window of the full-resolution image, resampled to outWidth × outHeight. The source picks
// the pyramid level (the coarsest one at least as fine as the request, as GDAL does).
struct ReadWindow {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // full-resolution pixels; x1/y1 exclusive
    int outWidth = 0;
    int outHeight = 0;
    std::vector<int> bands;  // 1-based; empty means all bands
    int frame = 0;
    Resample resample = Resample::Nearest;
};

// An area in another CRS, warped to outWidth × outHeight. The result carries one extra band
// after the requested ones: the warp alpha (0 outside data, 255 inside), as GDAL's dstAlpha.
struct ProjectedWindow {
    std::string crs;  // anything OGRSpatialReference::SetFromUserInput takes, e.g. "EPSG:3857"
    Bounds bounds;    // in that CRS
    int outWidth = 0;
    int outHeight = 0;
    std::vector<int> bands;  // 1-based; empty means all bands
    int frame = 0;
    Resample resample = Resample::Nearest;
};

// Options used to open a source: they are part of the source cache key.
struct OpenOptions {
    std::string sourceName;  // force a reader ("gdal", "tiff", "fits"); empty = auto-detect
};

class Source {
  public:
    virtual ~Source() = default;

    virtual const SourceInfo& info() const = 0;
    // The path or URL this source was opened from (as the user gave it).
    virtual const std::string& uri() const = 0;
    // Driver-specific metadata (large_image getInternalMetadata()).
    virtual nlohmann::json internalMetadata() const = 0;

    // Reads raw samples. Throws Error(BadRequest) for an empty window or bad band numbers.
    virtual Raster read(const ReadWindow& window) const = 0;

    // Warped read for georeferenced sources; the default throws Error(Unsupported).
    virtual Raster readProjected(const ProjectedWindow& window) const;

    // Band statistics (1-based band); computed on first use and cached. approximate=true uses
    // stored statistics or an overview; false scans full resolution.
    virtual BandStats statistics(int band, int frame, bool approximate) const = 0;

    // The bytes of a stored tile when they can be served as-is (JPEG passthrough), else nullopt.
    virtual std::optional<std::vector<std::uint8_t>> rawTile(int level, int tx, int ty,
                                                             int frame) const {
        (void)level, (void)tx, (void)ty, (void)frame;
        return std::nullopt;
    }

    // Associated images (label, macro, thumbnail) for slide formats.
    virtual std::vector<std::string> associatedImageNames() const { return {}; }
    virtual Raster associatedImage(const std::string& name) const;
};

using SourcePtr = std::shared_ptr<const Source>;

// For single-frame sources: the 1-based bands to read (all when bands is empty). Throws
// Error(BadRequest) for a frame other than 0 or a band outside 1..info.bandCount.
std::vector<int> checkedSingleFrameBands(const SourceInfo& info, const std::vector<int>& bands,
                                         int frame);

// Throws Error(Unsupported) when one block of blockWidth × blockHeight pixels decodes to more
// than `limit` bytes (`blockBytes`): readers decode whole blocks, so a header claiming huge ones
// is refused before any read would allocate one.
void checkBlockBytes(const std::string& uri, long long blockWidth, long long blockHeight,
                     double blockBytes, double limit);

}  // namespace tessera
