// ImageView: an opened source seen through an optional projection — its tile grid, bounds,
// parsed and resolved styles (cached per style text and frame) and the low-resolution raster
// min/max resolution uses. One per (source, projection); shared by all requests.
//
// Thread safety: all members may be called from any thread; caches are guarded by a mutex.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "geo/bounds.h"
#include "service/requests.h"
#include "source/source.h"
#include "style/style.h"
#include "tiling/tile_grid.h"
#include "util/lru_map.h"

namespace tessera {

// Where to read: a pixel window of the source, or bounds in the view's projection.
struct ReadArea {
    bool projected = false;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // source pixels, or projection units
    int outWidth = 0;
    int outHeight = 0;
};

class ImageView {
  public:
    // Throws Error(BadRequest) for a geographic projection ("must not be geographic") or one
    // whose extent is unknown ("unitsPerPixel must be specified"). identity: the file's
    // (cache/source_identity.h), the first part of key(); "" = the source's URI.
    ImageView(SourcePtr source, const std::string& projection, const std::string& identity = {});

    const Source& source() const noexcept { return *source_; }
    const SourcePtr& sourcePtr() const noexcept { return source_; }
    const SourceInfo& info() const noexcept { return source_->info(); }
    const TileGrid& grid() const noexcept { return grid_; }
    // The pixel grid of the source, whatever the projection (source levels, sizes).
    const TileGrid& sourceGrid() const noexcept { return sourceGrid_; }
    bool projected() const noexcept { return !projection_.empty(); }
    // "EPSG:3857" as given (upper-case), empty when unprojected.
    const std::string& projection() const noexcept { return projection_; }
    // large_image's lower-case form: "epsg:3857", or null in JSON when unprojected.
    std::string projectionSrs() const;
    // Cache-key prefix identifying the file (path, size, mtime), reader and projection.
    const std::string& key() const noexcept { return key_; }

    // Data bounds in the view's projection (projected views only).
    const Bounds& projectedDataBounds() const noexcept { return dataBounds_; }

    // The style to apply for a spec: nullptr means raw output (no style applies).
    std::shared_ptr<const ResolvedStyle> resolve(const StyleSpec& spec);

    // Reads the rasters a resolved style needs (raw: all bands, plus the warp alpha when
    // projected) over an area. crs: the CRS of a projected area's bounds ("" = the view's
    // projection; any CRS GDAL warps to, geographic ones too, x = easting/longitude).
    std::vector<Raster> readFor(const ResolvedStyle* style, const ReadArea& area, int frame,
                                const std::string& crs = {}) const;

    // Renders an area with a style into an image (read + apply, or raw 8-bit conversion).
    Image render(const StyleSpec& spec, const ReadArea& area);
    // Renders bounds in any CRS warped to exactly outWidth × outHeight (WMS GetMap), the style
    // resolved as for this view (a projected view adds the warp alpha: transparent outside data).
    Image renderIn(const StyleSpec& spec, const std::string& crs, const Bounds& bounds,
                   int outWidth, int outHeight);

    // The whole image at most maxSide pixels on its longest side (cached for 1024), for
    // min/max histograms. Held in memory: large sizes are for streamed readers (see
    // histogram_json.cpp); throws Error(TooLarge) beyond the request's memory budget.
    Raster overview(int frame, int maxSide) const;

    // Approximate statistics of band (1-based), cached by the source.
    std::optional<BandStats> bandStats(int band, int frame) const;

  private:
    class Provider;
    SourcePtr source_;
    std::string projection_;
    std::string projectionWkt_;
    std::string key_;
    TileGrid grid_;
    TileGrid sourceGrid_;
    Bounds dataBounds_;

    mutable std::mutex mutex_;
    // Keyed by client-supplied style text: bounded (a resolved style may hold lookup tables).
    static constexpr std::size_t kMaxStyles = 64;
    LruMap<std::pair<std::string, int>, std::shared_ptr<const ResolvedStyle>> resolved_{kMaxStyles};
    LruMap<std::string, std::shared_ptr<const Style>> parsed_{kMaxStyles};
    mutable std::map<int, std::shared_ptr<const Raster>> overviews_;
};

}  // namespace tessera
