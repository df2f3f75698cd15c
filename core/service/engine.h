// Engine: the one service every consumer calls. It composes the request flow
//   request → tile cache → single-flight → source cache → tile grid → Source::read
//   → style → encoder → tile cache
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
#include "encode/encoder.h"
#include "raster/image.h"
#include "service/image_view.h"
#include "service/requests.h"

namespace tessera {

struct EngineConfig {
    std::size_t tileCacheBytes = std::size_t(256) << 20;
    std::size_t maxOpenSources = 64;
    std::shared_ptr<TileCache> tileCache;  // null = a MemoryTileCache of tileCacheBytes
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

    // Tiles: encoded (cached) and as an image (for the viewer's textures).
    Encoded tile(const TileRequest& request);
    Image tileImage(const TileRequest& request);

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
    TileCache& tileCache() noexcept { return *tileCache_; }
    SourceCache& sourceCache() noexcept { return sources_; }
    // The thumbnail disk cache, null when EngineConfig::thumbnailCacheDir is empty.
    ThumbnailDiskCache* thumbnailDiskCache() noexcept { return thumbnailDisk_.get(); }

  private:
    Encoded cachedThumbnail(const std::string& key, const std::vector<std::string>& uris,
                            const std::string& params, Encoding encoding,
                            const std::function<Bytes()>& render);

    struct Impl;
    EngineConfig config_;
    std::shared_ptr<TileCache> tileCache_;
    SourceCache sources_;
    std::unique_ptr<ThumbnailDiskCache> thumbnailDisk_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tessera
