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
    // Views hold their source: at most as many as the source cache keeps, so the view cache
    // never keeps files open that the source cache has closed.
    std::size_t maxViews = 64;
};

namespace {

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
Image padTile(Image img, int width, int height) {
    if (img.width >= width && img.height >= height) return img;  // moved, not copied
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
      tiles_(config_.tileCache ? config_.tileCache
                               : std::make_shared<MemoryTileCache>(config_.tileCacheBytes),
             config_.decodedCacheBytes),
      sources_(config_.maxOpenSources, {}, config_.remoteRevalidateSeconds),
      impl_(std::make_unique<Impl>()) {
    impl_->maxViews = std::max<std::size_t>(1, config_.maxOpenSources);
    if (!config_.thumbnailCacheDir.empty()) {
        ThumbnailDiskCache::Options o;
        o.directory = config_.thumbnailCacheDir;
        o.maxBytes = config_.thumbnailCacheBytes;
        thumbnailDisk_ = std::make_unique<ThumbnailDiskCache>(o);
    }
}

Engine::~Engine() = default;

std::shared_ptr<ImageView> Engine::view(const ImageRef& ref) {
    OpenOptions options;
    options.sourceName = ref.sourceName;
    // The source cache checks the file's identity: a changed file comes back as a new source,
    // and a view of the old one is replaced.
    const SourceCache::Opened opened = sources_.open(ref.uri, options);
    const std::string key = ref.uri + "\x1f" + ref.sourceName + "\x1f" + ref.projection;
    auto current = [&]() -> std::shared_ptr<ImageView> {
        std::lock_guard lock(impl_->viewsMutex);
        auto it = impl_->viewIndex.find(key);
        if (it == impl_->viewIndex.end()) return nullptr;
        if (it->second->second->sourcePtr() != opened.source) {  // the file changed
            impl_->views.erase(it->second);
            impl_->viewIndex.erase(it);
            return nullptr;
        }
        impl_->views.splice(impl_->views.begin(), impl_->views, it->second);
        return it->second->second;
    };
    if (auto v = current()) return v;
    auto v = impl_->viewFlight.run(key + "\x1f" + opened.identity.text, [&] {
        if (auto landed = current()) return landed;
        return std::make_shared<ImageView>(opened.source, ref.projection, opened.identity.text);
    });
    std::vector<std::shared_ptr<ImageView>> dropped;  // released after the lock is dropped
    std::lock_guard lock(impl_->viewsMutex);
    if (impl_->viewIndex.find(key) == impl_->viewIndex.end()) {
        impl_->views.emplace_front(key, v);
        impl_->viewIndex[key] = impl_->views.begin();
        while (impl_->views.size() > impl_->maxViews) {
            impl_->viewIndex.erase(impl_->views.back().first);
            dropped.push_back(std::move(impl_->views.back().second));
            impl_->views.pop_back();
        }
    }
    return v;
}

TileKey Engine::tileKey(const ImageView& v, const TileRequest& r, TileKind kind) {
    TileKey k;
    k.kind = kind;
    k.view = v.key();
    k.z = r.z;
    k.x = r.x;
    k.y = r.y;
    k.frame = r.style.frame;
    k.style = canonicalStyle(r.style.styleJson);
    k.edgeCrop = r.edgeCrop;
    k.encoder = EncoderKey{r.encoding, r.encodeOptions};
    return k;
}

TileStore::Pixels Engine::tilePixels(const TileRequest& r) {
    auto v = view(r.image);
    const TileGrid& grid = v->grid();
    grid.checkTile(r.z, r.x, r.y);
    return tiles_.pixels(tileKey(*v, r), [&]() -> Image {
        if (grid.isProjected()) {
            const Bounds b = grid.tileBounds(r.z, r.x, r.y);
            if (!b.intersects(v->projectedDataBounds()))
                return Image(TileGrid::kTileSize, TileGrid::kTileSize, 4);  // transparent
            ReadArea area{
                true, b.xmin, b.ymin, b.xmax, b.ymax, TileGrid::kTileSize, TileGrid::kTileSize};
            checkAnswerBudget(*v, r.style, false, area, trc("Engine", "A tile"));
            return v->render(r.style, area);
        }
        const PixelWindow w = grid.window(r.z, r.x, r.y);
        ReadArea area{false, w.x0, w.y0, w.x1, w.y1, w.outWidth, w.outHeight};
        checkAnswerBudget(*v, r.style, false, area, trc("Engine", "A tile"));
        Image img = v->render(r.style, area);
        if (r.edgeCrop) return img;
        return padTile(std::move(img), grid.tileWidth(), grid.tileHeight());
    });
}

Image Engine::tileImage(const TileRequest& r) {
    return *tilePixels(r);
}

Encoded Engine::tile(const TileRequest& r) {
    auto v = view(r.image);
    v->grid().checkTile(r.z, r.x, r.y);
    CachedBytes bytes = tiles_.bytes(tileKey(*v, r), [&]() -> CachedBytes {
        if (auto raw = passthroughTile(*v, r))
            return std::make_shared<const Bytes>(std::move(*raw));
        return std::make_shared<const Bytes>(
            encodeImage(*tilePixels(r), r.encoding, r.encodeOptions));
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
    TileKey key;
    key.kind = TileKind::Thumbnail;
    key.view = r.image.sourceName + "|" + r.image.projection;
    key.frame = r.style.frame;
    key.style = canonicalStyle(r.style.styleJson);
    key.extra = std::to_string(r.maxWidth) + "x" + std::to_string(r.maxHeight) + "|" +
                thumbnailStretchName(r.stretch) + "|g" + numberKey(r.gamma) + "|" + r.label;
    key.encoder = EncoderKey{r.encoding, r.encodeOptions};
    return cachedThumbnail(std::move(key), {r.image.uri}, r.encoding, [&] {
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
    TileKey key;
    key.kind = TileKind::Thumbnail;
    key.view = "rgb";
    for (const ImageRef& ref : r.images) key.view += "|" + ref.sourceName + "|" + ref.projection;
    key.frame = r.frame;
    key.extra = std::to_string(r.maxWidth) + "x" + std::to_string(r.maxHeight) + "|g" +
                numberKey(r.gamma) + "|" + r.label;
    key.encoder = EncoderKey{r.encoding, r.encodeOptions};
    return cachedThumbnail(
        std::move(key), {r.images[0].uri, r.images[1].uri, r.images[2].uri}, r.encoding,
        [&] { return encodeImage(rgbThumbnailImage(r), r.encoding, r.encodeOptions); });
}

Encoded Engine::cachedThumbnail(TileKey key, const std::vector<std::string>& uris,
                                Encoding encoding, const std::function<Bytes()>& render) {
    // The disk cache stores under the identity of every image (path, size, mtime) + the
    // parameters; the memory tier's key holds both.
    const std::string params = key.str();
    ThumbnailDiskCache::Identity all;
    bool known = true;
    for (const std::string& uri : uris) {
        std::optional<SourceIdentity> id = identifySource(uri);
        if (!id) {
            known = false;
            id = SourceIdentity{"uri:" + uri, false};
        }
        all.text += (all.text.empty() ? "" : "\x1e") + id->text;
        all.remote = all.remote || id->remote;
    }
    key.view = all.text + "\x1e" + key.view;
    if (auto hit = tiles_.findBytes(key)) return {hit, mimeType(encoding)};
    const bool disk = thumbnailDisk_ && known;
    if (disk) {
        if (auto bytes = thumbnailDisk_->get(all, params)) {
            auto shared = std::make_shared<const Bytes>(std::move(*bytes));
            tiles_.putBytes(key, shared);
            return {shared, mimeType(encoding)};
        }
    }
    CachedBytes bytes = tiles_.bytes(key, [&]() -> CachedBytes {
        auto encoded = std::make_shared<const Bytes>(render());
        if (disk) thumbnailDisk_->put(all, params, *encoded);
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
    TileKey key;
    key.kind = TileKind::Associated;
    key.view = v->key();
    key.extra = name + "|" + std::to_string(maxWidth) + "x" + std::to_string(maxHeight);
    key.encoder = EncoderKey{encoding, options};
    auto bytes = tiles_.bytes(key, [&]() -> CachedBytes {
        return std::make_shared<const Bytes>(
            encodeImage(associatedImageImage(ref, name, maxWidth, maxHeight), encoding, options));
    });
    return {bytes, mimeType(encoding)};
}

}  // namespace tessera
