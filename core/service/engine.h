// Engine: the one service every consumer calls. It composes the request flow
//   request → encoded tier → source cache (file identity) → decoded tier → tile grid
//   → Source::read → style → encoder → encoded tier  (cache/tile_store.h; both tiers
//   single-flight, keyed by cache/tile_key.h)
// and the region, thumbnail, pixel, histogram and metadata variants of it.
//
// Thread safety: every member may be called from any number of threads at once. The Engine
// takes no threading decisions itself; callers run requests on their worker pools.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cache/source_cache.h"
#include "cache/thumbnail_disk_cache.h"
#include "cache/tile_cache.h"
#include "cache/tile_key.h"
#include "cache/tile_store.h"
#include "encode/encoder.h"
#include "raster/image.h"
#include "service/image_view.h"
#include "service/requests.h"

namespace tessera {

struct EngineConfig {
    // Encoded tiles (and thumbnails): an in-process LRU of tileCacheBytes, unless tileCache
    // names a shared backend (memcached).
    std::size_t tileCacheBytes = std::size_t(256) << 20;
    std::shared_ptr<TileCache> tileCache;
    // Decoded (styled) tiles, shared by every consumer in this process.
    std::size_t decodedCacheBytes = std::size_t(128) << 20;
    std::size_t maxOpenSources = 64;
    // Remote files are asked again whether they changed (size, Last-Modified, ETag) at most this
    // often; local files are stat'ed on every request.
    int remoteRevalidateSeconds = 300;
    // Output limits (the server maps violations to 400).
    long long maxRegionPixels = 16384LL * 16384;
    int maxThumbnailSide = 4096;
    int maxBins = 65536;
    // Disk cache of encoded thumbnails ("" = none; ThumbnailDiskCache::defaultDirectory() is
    // what the CLI and `serve` use), bounded by thumbnailCacheBytes.
    std::string thumbnailCacheDir;
    std::size_t thumbnailCacheBytes = std::size_t(256) << 20;
};

// An encoded result: bytes plus its MIME type.
struct Encoded {
    CachedBytes bytes;
    std::string mimeType;
};

class Engine {
  public:
    explicit Engine(EngineConfig config = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // The opened image seen through its projection (cached with its source).
    std::shared_ptr<ImageView> view(const ImageRef& ref);

    // Tiles: encoded, and decoded (for the viewer's textures, @2x assembly); both cached.
    Encoded tile(const TileRequest& request);
    TileStore::Pixels tilePixels(const TileRequest& request);
    Image tileImage(const TileRequest& request);  // a copy of tilePixels
    // The cache key of a tile request seen through its view (tests, and the variants below).
    static TileKey tileKey(const ImageView& view, const TileRequest& request,
                           TileKind kind = TileKind::Tile);

    // A tile of twice the size covering z/x/y, assembled from the four z+1 children (below the
    // deepest level of a pixel grid, the tile itself doubled by pixel replication); children
    // outside a pixel grid stay transparent.
    Encoded tile2x(const TileRequest& request);
    // A Deep Zoom tile (tiling/deep_zoom.h); Error(NotFound) outside the pyramid.
    Encoded deepZoomTile(const DeepZoomRequest& request);
    // A map in any CRS as 8-bit RGBA (decoded tier), and encoded by `encode` under a format key
    // naming every choice the encoder makes (encoded tier). mapLayerBytes: what one layer's
    // render costs against the request's memory budget.
    TileStore::Pixels mapPixels(const MapRenderRequest& request);
    CachedBytes mapBytes(const MapRenderRequest& request, const std::string& format,
                         const std::function<CachedBytes(const Image&)>& encode);
    std::size_t mapLayerBytes(const MapLayer& layer, int width, int height);

    Encoded region(const RegionRequest& request);
    Image regionImage(const RegionRequest& request);
    // Thumbnails: styled, or LCO-stretched (FITS without a style, or stretch=zscale), with an
    // optional label; cached in memory and, when configured, on disk (a disk hit opens nothing).
    Encoded thumbnail(const ThumbnailRequest& request);
    Image thumbnailImage(const ThumbnailRequest& request);
    // A colour thumbnail from three same-size images, each zscale-stretched (LCO colour thumbs).
    Encoded rgbThumbnail(const RgbThumbnailRequest& request);
    Image rgbThumbnailImage(const RgbThumbnailRequest& request);

    nlohmann::json pixel(const PixelRequest& request);
    nlohmann::json histogram(const HistogramRequest& request);

    // large_image getMetadata() of the view; info/metadata variant (4326 bounds, frames).
    nlohmann::json metadata(const ImageRef& ref);
    nlohmann::json infoMetadata(const ImageRef& ref);
    // django-large-image tiles/metadata: {levels, size_x, size_y, tile_size, geospatial, ...}.
    nlohmann::json tilesMetadata(const ImageRef& ref);
    nlohmann::json internalMetadata(const ImageRef& ref);
    nlohmann::json bands(const ImageRef& ref);
    nlohmann::json band(const ImageRef& ref, int band);
    nlohmann::json frames(const ImageRef& ref);
    nlohmann::json tileCorners(const ImageRef& ref, int z, int x, int y);

    // Associated images of slide formats (label, macro, thumbnail): their names, and one of them
    // fitted into maxWidth × maxHeight (aspect kept, never enlarged; 0 = no limit), as an RGB(A)
    // image or encoded. Throws Error(NotFound) for an unknown name.
    std::vector<std::string> associatedImages(const ImageRef& ref);
    Image associatedImageImage(const ImageRef& ref, const std::string& name, int maxWidth = 0,
                               int maxHeight = 0);
    Encoded associatedImage(const ImageRef& ref, const std::string& name, int maxWidth,
                            int maxHeight, Encoding encoding, const EncodeOptions& options = {});

    const EngineConfig& config() const noexcept { return config_; }
    // The encoded tier (stats, clearing) and both tiers.
    TileCache& tileCache() noexcept { return tiles_.encodedTier(); }
    TileStore& tileStore() noexcept { return tiles_; }
    SourceCache& sourceCache() noexcept { return sources_; }
    // The thumbnail disk cache, null when EngineConfig::thumbnailCacheDir is empty.
    ThumbnailDiskCache* thumbnailDiskCache() noexcept { return thumbnailDisk_.get(); }

  private:
    TileKey mapKey(const MapRenderRequest& request);
    Encoded cachedThumbnail(TileKey key, const std::vector<std::string>& uris, Encoding encoding,
                            const std::function<Bytes()>& render);

    struct Impl;
    EngineConfig config_;
    TileStore tiles_;
    SourceCache sources_;
    std::unique_ptr<ThumbnailDiskCache> thumbnailDisk_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tessera
