#include "service/engine.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <list>
#include <optional>
#include <unordered_map>

#include "cache/memory_tile_cache.h"
#include "cache/single_flight.h"
#include "service/area.h"
#include "service/associated_image.h"
#include "service/metadata_json.h"
#include "service/region_output.h"
#include "source/open_source.h"
#include "thumb/fits_stretch.h"
#include "thumb/label_text.h"
#include "thumb/lco_thumbnail.h"
#include "thumb/rgb_thumbnail.h"
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

// A double for cache keys: shortest text that reads back to the same value.
std::string numberKey(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

void checkThumbnailSize(int w, int h, int maxSide) {
    if (w < 1 || h < 1 || w > maxSide || h > maxSide)
        fail(ErrorKind::BadRequest,
             trf("Engine", "Thumbnail width and height must be between 1 and %1.",
                 std::to_string(maxSide)));
}

// Pads an edge tile to a full tile with zeros (transparent where the image has alpha), as
// large_image does after styling.
Image padTile(const Image& img, int width, int height) {
    if (img.width >= width && img.height >= height) return img;
    Image out(width, height, img.channels, img.type);
    for (int y = 0; y < img.height; ++y) std::copy_n(img.row(y), img.rowBytes(), out.row(y));
    return out;
}

// JPEG passthrough (large_image's tiff source): a default-style, unprojected JPEG tile whose z is
// a native pyramid level is the stored JPEG tile itself. Edge tiles pass too (their padding is
// the file's), unless edge='crop' asks for a smaller tile.
std::optional<Bytes> passthroughTile(ImageView& v, const TileRequest& r) {
    const SourceInfo& info = v.info();
    const TileGrid& grid = v.grid();
    if (r.encoding != Encoding::JPEG || v.projected() || grid.isProjected() || r.style.frame != 0 ||
        info.dtype != DataType::UInt8 || info.frameCount != 1 ||
        grid.tileWidth() != info.tileWidth || grid.tileHeight() != info.tileHeight)
        return std::nullopt;
    const int shift = grid.levels() - 1 - r.z;  // log2 of the level's downsampling
    int level = -1;
    for (std::size_t l = 0; l < info.levels.size() && level < 0; ++l) {
        const LevelInfo& li = info.levels[l];
        if (li.width <= 0 || li.height <= 0) continue;
        if (int(std::lround(std::log2(double(info.sizeX) / li.width))) == shift) level = int(l);
    }
    if (level < 0) return std::nullopt;
    if (r.edgeCrop) {
        const double f = grid.scale(r.z);
        if ((r.x + 1) * grid.tileWidth() * f > info.sizeX ||
            (r.y + 1) * grid.tileHeight() * f > info.sizeY)
            return std::nullopt;
    }
    if (v.resolve(r.style)) return std::nullopt;  // a style applies: decode
    return v.source().rawTile(level, r.x, r.y, 0);
}

}  // namespace

Engine::Engine(EngineConfig config)
    : config_(std::move(config)),
      tileCache_(config_.tileCache ? config_.tileCache
                                   : std::make_shared<MemoryTileCache>(config_.tileCacheBytes)),
      sources_(config_.maxOpenSources),
      impl_(std::make_unique<Impl>()) {
    if (!config_.thumbnailCacheDir.empty()) {
        ThumbnailDiskCache::Options o;
        o.directory = config_.thumbnailCacheDir;
        o.maxBytes = config_.thumbnailCacheBytes;
        thumbnailDisk_ = std::make_unique<ThumbnailDiskCache>(o);
    }
}

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
        checkAnswerBudget(*v, r.style, false, area, trc("Engine", "A tile"));
        return v->render(r.style, area);
    }
    const PixelWindow w = grid.window(r.z, r.x, r.y);
    ReadArea area{false, w.x0, w.y0, w.x1, w.y1, w.outWidth, w.outHeight};
    checkAnswerBudget(*v, r.style, false, area, trc("Engine", "A tile"));
    Image img = v->render(r.style, area);
    return r.edgeCrop ? img : padTile(img, grid.tileWidth(), grid.tileHeight());
}

Encoded Engine::tile(const TileRequest& r) {
    auto v = view(r.image);
    v->grid().checkTile(r.z, r.x, r.y);
    const std::string key = v->key() + "|t" + std::to_string(r.z) + "/" + std::to_string(r.x) +
                            "/" + std::to_string(r.y) + "|" + styleKey(r.style) + "|" +
                            encodeKey(r.encoding, r.encodeOptions) + (r.edgeCrop ? "|crop" : "");
    if (auto hit = tileCache_->get(key)) return {hit, mimeType(r.encoding)};
    CachedBytes bytes = impl_->tileFlight.run(key, [&]() -> CachedBytes {
        std::shared_ptr<const Bytes> encoded;
        if (auto raw = passthroughTile(*v, r)) {
            encoded = std::make_shared<const Bytes>(std::move(*raw));
        } else {
            Image img = tileImage(r);
            encoded = std::make_shared<const Bytes>(encodeImage(img, r.encoding, r.encodeOptions));
        }
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
    checkRegionBudget(*v, a, r);  // before anything is read (413 with a pointer to region jobs)
    if (!r.format.empty() || !r.outputCrs.empty()) {  // formats registry / output CRS
        RegionOutput out = writeRegion(*v, a, r);
        return {std::make_shared<const Bytes>(std::move(out.bytes)), out.mimeType};
    }
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
    checkThumbnailSize(r.maxWidth, r.maxHeight, config_.maxThumbnailSide);
    checkGamma(r.gamma);
    const bool lco = usesLcoStretch(*v, r);
    const ReadArea area = thumbnailArea(*v, r.maxWidth, r.maxHeight);
    checkAnswerBudget(*v, r.style, lco, area,
                      trf("Engine", "A thumbnail of %1 × %2 pixels", std::to_string(area.outWidth),
                          std::to_string(area.outHeight)));
    Image img = lco ? lcoThumbnailImage(*v, r.maxWidth, r.maxHeight, r.style.frame, r.gamma)
                    : v->render(r.style, area);
    if (!r.label.empty()) drawLabel(img, r.label);
    return img;
}

Encoded Engine::thumbnail(const ThumbnailRequest& r) {
    // Keys need no opened source, so a disk-cache hit never opens the image.
    const std::string params =
        "thumb|" + std::to_string(r.maxWidth) + "x" + std::to_string(r.maxHeight) + "|" +
        r.image.projection + "|" + r.image.sourceName + "|" + styleKey(r.style) + "|" +
        encodeKey(r.encoding, r.encodeOptions) + "|" + thumbnailStretchName(r.stretch) + "|g" +
        numberKey(r.gamma) + "|" + r.label;
    const std::string key = r.image.uri + "|" + params;
    return cachedThumbnail(key, {r.image.uri}, params, r.encoding, [&] {
        return encodeImage(thumbnailImage(r), r.encoding, r.encodeOptions);
    });
}

Image Engine::rgbThumbnailImage(const RgbThumbnailRequest& r) {
    std::array<std::shared_ptr<ImageView>, 3> views;
    for (std::size_t c = 0; c < 3; ++c) views[c] = view(r.images[c]);
    checkThumbnailSize(r.maxWidth, r.maxHeight, config_.maxThumbnailSide);
    Image img = tessera::rgbThumbnailImage(views, r.maxWidth, r.maxHeight, r.frame, r.gamma);
    if (!r.label.empty()) drawLabel(img, r.label);
    return img;
}

Encoded Engine::rgbThumbnail(const RgbThumbnailRequest& r) {
    std::string params = "rgbthumb|" + std::to_string(r.maxWidth) + "x" +
                         std::to_string(r.maxHeight) + "|f" + std::to_string(r.frame) + "|" +
                         encodeKey(r.encoding, r.encodeOptions) + "|g" + numberKey(r.gamma) + "|" +
                         r.label;
    std::string key;
    for (const ImageRef& ref : r.images) {
        params += "|" + ref.projection + "|" + ref.sourceName;
        key += ref.uri + "\x1e";
    }
    key += params;
    return cachedThumbnail(
        key, {r.images[0].uri, r.images[1].uri, r.images[2].uri}, params, r.encoding,
        [&] { return encodeImage(rgbThumbnailImage(r), r.encoding, r.encodeOptions); });
}

Encoded Engine::cachedThumbnail(const std::string& key, const std::vector<std::string>& uris,
                                const std::string& params, Encoding encoding,
                                const std::function<Bytes()>& render) {
    if (auto hit = tileCache_->get(key)) return {hit, mimeType(encoding)};
    // The disk cache: identity of every image (path, size, mtime) + the parameters.
    std::optional<ThumbnailDiskCache::Identity> identity;
    if (thumbnailDisk_) {
        ThumbnailDiskCache::Identity all;
        for (const std::string& uri : uris) {
            auto id = ThumbnailDiskCache::identityOf(uri);
            if (!id) {
                all.text.clear();
                break;
            }
            all.text += (all.text.empty() ? "" : "\x1e") + id->text;
            all.remote = all.remote || id->remote;
        }
        if (!all.text.empty()) {
            identity = all;
            if (auto bytes = thumbnailDisk_->get(*identity, params)) {
                auto shared = std::make_shared<const Bytes>(std::move(*bytes));
                tileCache_->put(key, shared);
                return {shared, mimeType(encoding)};
            }
        }
    }
    CachedBytes bytes = impl_->tileFlight.run(key, [&]() -> CachedBytes {
        auto encoded = std::make_shared<const Bytes>(render());
        tileCache_->put(key, encoded);
        if (identity) thumbnailDisk_->put(*identity, params, *encoded);
        return encoded;
    });
    return {bytes, mimeType(encoding)};
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

std::vector<std::string> Engine::associatedImages(const ImageRef& ref) {
    return view(ref)->source().associatedImageNames();
}

Image Engine::associatedImageImage(const ImageRef& ref, const std::string& name, int maxWidth,
                                   int maxHeight) {
    if (maxWidth < 0 || maxHeight < 0 || maxWidth > config_.maxThumbnailSide ||
        maxHeight > config_.maxThumbnailSide)
        fail(ErrorKind::BadRequest, trf("Engine", "Width and height must be between 0 and %1.",
                                        std::to_string(config_.maxThumbnailSide)));
    return fitImage(view(ref)->source().associatedImage(name), maxWidth, maxHeight);
}

Encoded Engine::associatedImage(const ImageRef& ref, const std::string& name, int maxWidth,
                                int maxHeight, Encoding encoding, const EncodeOptions& options) {
    auto v = view(ref);
    const std::string key = v->key() + "|assoc:" + name + "|" + std::to_string(maxWidth) + "x" +
                            std::to_string(maxHeight) + "|" + encodeKey(encoding, options);
    if (auto hit = tileCache_->get(key)) return {hit, mimeType(encoding)};
    auto bytes = std::make_shared<const Bytes>(
        encodeImage(associatedImageImage(ref, name, maxWidth, maxHeight), encoding, options));
    tileCache_->put(key, bytes);
    return {bytes, mimeType(encoding)};
}

}  // namespace tessera
