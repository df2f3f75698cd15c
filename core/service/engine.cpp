#include "service/engine.h"

#include <algorithm>
#include <cmath>
#include <list>
#include <unordered_map>

#include "cache/memory_tile_cache.h"
#include "cache/single_flight.h"
#include "service/area.h"
#include "service/metadata_json.h"
#include "source/open_source.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

struct Engine::Impl {
    std::mutex viewsMutex;
    std::list<std::pair<std::string, std::shared_ptr<ImageView>>> views;  // front = recent
    std::unordered_map<std::string, decltype(views)::iterator> viewIndex;
    SingleFlight<std::shared_ptr<ImageView>> viewFlight;
    SingleFlight<CachedBytes> tileFlight;
    static constexpr std::size_t kMaxViews = 128;
};

namespace {

std::string styleKey(const StyleSpec& s) {
    return s.styleJson + "|f" + std::to_string(s.frame);
}

std::string encodeKey(Encoding e, const EncodeOptions& o) {
    std::string k = encodingName(e);
    switch (e) {
        case Encoding::JPEG:
            k += ":q" + std::to_string(o.jpegQuality) + "s" + std::to_string(o.jpegSubsampling);
            break;
        case Encoding::WebP:
            k += ":q" + std::to_string(o.webpQuality) + (o.webpLossless ? "l" : "");
            break;
        case Encoding::PNG:
            k += ":" + std::to_string(o.pngLevel);
            break;
        case Encoding::TIFF:
            k += ":" + o.tiffCompression;
            break;
    }
    return k;
}

// Pads an edge tile to 256² with zeros (transparent where the image has alpha), as
// large_image does after styling.
Image padTile(const Image& img, int size) {
    if (img.width >= size && img.height >= size) return img;
    Image out(size, size, img.channels, img.type);
    for (int y = 0; y < img.height; ++y) std::copy_n(img.row(y), img.rowBytes(), out.row(y));
    return out;
}

}  // namespace

Engine::Engine(EngineConfig config)
    : config_(std::move(config)),
      tileCache_(config_.tileCache ? config_.tileCache
                                   : std::make_shared<MemoryTileCache>(config_.tileCacheBytes)),
      sources_(config_.maxOpenSources),
      impl_(std::make_unique<Impl>()) {}

Engine::~Engine() = default;

std::shared_ptr<ImageView> Engine::view(const ImageRef& ref) {
    const std::string key = ref.uri + "\x1f" + ref.sourceName + "\x1f" + ref.projection;
    {
        std::lock_guard lock(impl_->viewsMutex);
        if (auto it = impl_->viewIndex.find(key); it != impl_->viewIndex.end()) {
            impl_->views.splice(impl_->views.begin(), impl_->views, it->second);
            return it->second->second;
        }
    }
    auto v = impl_->viewFlight.run(key, [&] {
        OpenOptions options;
        options.sourceName = ref.sourceName;
        return std::make_shared<ImageView>(sources_.get(ref.uri, options), ref.projection);
    });
    std::lock_guard lock(impl_->viewsMutex);
    if (impl_->viewIndex.find(key) == impl_->viewIndex.end()) {
        impl_->views.emplace_front(key, v);
        impl_->viewIndex[key] = impl_->views.begin();
        while (impl_->views.size() > Impl::kMaxViews) {
            impl_->viewIndex.erase(impl_->views.back().first);
            impl_->views.pop_back();
        }
    }
    return v;
}

Image Engine::tileImage(const TileRequest& r) {
    auto v = view(r.image);
    const TileGrid& grid = v->grid();
    grid.checkTile(r.z, r.x, r.y);
    if (grid.isProjected()) {
        const Bounds b = grid.tileBounds(r.z, r.x, r.y);
        if (!b.intersects(v->projectedDataBounds()))
            return Image(TileGrid::kTileSize, TileGrid::kTileSize, 4);  // transparent, unstyled
        ReadArea area{
            true, b.xmin, b.ymin, b.xmax, b.ymax, TileGrid::kTileSize, TileGrid::kTileSize};
        return v->render(r.style, area);
    }
    const PixelWindow w = grid.window(r.z, r.x, r.y);
    ReadArea area{false, w.x0, w.y0, w.x1, w.y1, w.outWidth, w.outHeight};
    Image img = v->render(r.style, area);
    return r.edgeCrop ? img : padTile(img, TileGrid::kTileSize);
}

Encoded Engine::tile(const TileRequest& r) {
    auto v = view(r.image);
    v->grid().checkTile(r.z, r.x, r.y);
    const std::string key = v->key() + "|t" + std::to_string(r.z) + "/" + std::to_string(r.x) +
                            "/" + std::to_string(r.y) + "|" + styleKey(r.style) + "|" +
                            encodeKey(r.encoding, r.encodeOptions) + (r.edgeCrop ? "|crop" : "");
    if (auto hit = tileCache_->get(key)) return {hit, mimeType(r.encoding)};
    CachedBytes bytes = impl_->tileFlight.run(key, [&]() -> CachedBytes {
        Image img = tileImage(r);
        auto encoded = std::make_shared<const Bytes>(encodeImage(img, r.encoding, r.encodeOptions));
        tileCache_->put(key, encoded);
        return encoded;
    });
    return {bytes, mimeType(r.encoding)};
}

Image Engine::regionImage(const RegionRequest& r) {
    auto v = view(r.image);
    const ResolvedArea a = resolveRegionArea(*v, r, config_.maxRegionPixels);
    return v->render(r.style, a.area);
}

Encoded Engine::region(const RegionRequest& r) {
    auto v = view(r.image);
    const ResolvedArea a = resolveRegionArea(*v, r, config_.maxRegionPixels);
    Bytes bytes;
    if (r.encoding == Encoding::TIFF) {
        const GeoReference* geo = a.geo ? &*a.geo : nullptr;
        if (!r.styleGiven) {
            std::vector<Raster> raw = v->readFor(nullptr, a.area, r.style.frame);
            bytes = encodeRasterTiff(raw.at(0), r.encodeOptions, geo);
        } else {
            bytes = encodeImage(v->render(r.style, a.area), r.encoding, r.encodeOptions, geo);
        }
    } else {
        bytes = encodeImage(v->render(r.style, a.area), r.encoding, r.encodeOptions);
    }
    return {std::make_shared<const Bytes>(std::move(bytes)), mimeType(r.encoding)};
}

Image Engine::thumbnailImage(const ThumbnailRequest& r) {
    auto v = view(r.image);
    if (r.maxWidth < 1 || r.maxHeight < 1 || r.maxWidth > config_.maxThumbnailSide ||
        r.maxHeight > config_.maxThumbnailSide)
        fail(ErrorKind::BadRequest,
             trf("Engine", "Thumbnail width and height must be between 1 and %1.",
                 std::to_string(config_.maxThumbnailSide)));
    return v->render(r.style, thumbnailArea(*v, r.maxWidth, r.maxHeight));
}

Encoded Engine::thumbnail(const ThumbnailRequest& r) {
    auto v = view(r.image);
    const std::string key = v->key() + "|thumb" + std::to_string(r.maxWidth) + "x" +
                            std::to_string(r.maxHeight) + "|" + styleKey(r.style) + "|" +
                            encodeKey(r.encoding, r.encodeOptions);
    if (auto hit = tileCache_->get(key)) return {hit, mimeType(r.encoding)};
    CachedBytes bytes = impl_->tileFlight.run(key, [&]() -> CachedBytes {
        auto encoded = std::make_shared<const Bytes>(
            encodeImage(thumbnailImage(r), r.encoding, r.encodeOptions));
        tileCache_->put(key, encoded);
        return encoded;
    });
    return {bytes, mimeType(r.encoding)};
}

nlohmann::json Engine::pixel(const PixelRequest& r) {
    return pixelJson(*view(r.image), r);
}

nlohmann::json Engine::histogram(const HistogramRequest& r) {
    if (r.bins < 1 || r.bins > config_.maxBins)
        fail(ErrorKind::BadRequest,
             trf("Engine", "bins must be between 1 and %1.", std::to_string(config_.maxBins)));
    return histogramJson(*view(r.image), r);
}

nlohmann::json Engine::metadata(const ImageRef& ref) {
    return metadataJson(*view(ref));
}

nlohmann::json Engine::infoMetadata(const ImageRef& ref) {
    return infoMetadataJson(*view(ref));
}

nlohmann::json Engine::tilesMetadata(const ImageRef& ref) {
    auto v = view(ref);
    nlohmann::json m = metadataJson(*v);
    return {{"levels", m["levels"]},
            {"size_x", m["sizeX"]},
            {"size_y", m["sizeY"]},
            {"tile_size", m["tileWidth"]},
            {"geospatial", v->info().geospatial},
            {"additional_metadata", m}};
}

nlohmann::json Engine::internalMetadata(const ImageRef& ref) {
    auto v = view(ref);
    nlohmann::json m = v->source().internalMetadata();
    m["tilesource"] = v->info().sourceName;
    return m;
}

nlohmann::json Engine::bands(const ImageRef& ref) {
    return bandsJson(*view(ref));
}

nlohmann::json Engine::band(const ImageRef& ref, int band) {
    auto v = view(ref);
    if (band < 1 || band > v->info().bandCount)
        fail(ErrorKind::BadRequest, trf("Engine", "Band %1 does not exist; the image has %2 bands.",
                                        std::to_string(band), std::to_string(v->info().bandCount)));
    return bandsJson(*v)[std::to_string(band)];
}

nlohmann::json Engine::frames(const ImageRef& ref) {
    return framesJson(*view(ref));
}

nlohmann::json Engine::tileCorners(const ImageRef& ref, int z, int x, int y) {
    auto v = view(ref);
    const TileGrid& g = v->grid();
    if (!g.isProjected()) g.checkTile(z, x, y);
    const TileCorners c = g.corners(z, x, y);
    return {{"xmin", c.xmin}, {"xmax", c.xmax}, {"ymin", c.ymin}, {"ymax", c.ymax}};
}

}  // namespace tessera
