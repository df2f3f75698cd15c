// Engine: the tile-shaped answers built from the basic tile and region renders — @2x tiles, Deep
// Zoom tiles and maps in any CRS (WMS, WMTS WorldCRS84Quad). Each goes through the same two-tier
// tile store as plain tiles: typed keys, decoded and encoded tiers, single-flight.
#include <cstdio>
#include <cstring>

#include "geo/footprint.h"
#include "raster/rgba.h"
#include "service/engine.h"
#include "service/region_output.h"
#include "tiling/deep_zoom.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

namespace {

void blit(Image& dst, const Image& src, int ox, int oy) {
    const std::size_t px = std::size_t(src.channels) * sampleSize(src.type);
    const int w = std::min(src.width, dst.width - ox);
    for (int y = 0; y < src.height && oy + y < dst.height; ++y)
        std::memcpy(dst.row(oy + y) + std::size_t(ox) * px, src.row(y), std::size_t(w) * px);
}

Image doubled(const Image& src) {
    Image out(src.width * 2, src.height * 2, src.channels, src.type);
    const std::size_t px = std::size_t(src.channels) * sampleSize(src.type);
    for (int y = 0; y < out.height; ++y) {
        const std::uint8_t* s = src.row(y / 2);
        std::uint8_t* d = out.row(y);
        for (int x = 0; x < out.width; ++x) std::memcpy(d + x * px, s + (x / 2) * px, px);
    }
    return out;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

ImageRef mercator(const ImageRef& ref) {
    return ImageRef{ref.uri, "EPSG:3857", ref.sourceName};
}

}  // namespace

Encoded Engine::tile2x(const TileRequest& r) {
    auto v = view(r.image);
    const TileGrid& grid = v->grid();
    grid.checkTile(r.z, r.x, r.y);
    TileKey key = tileKey(*v, r, TileKind::Tile2x);
    key.edgeCrop = false;  // always a full 2× tile
    CachedBytes bytes = tiles_.bytes(key, [&]() -> CachedBytes {
        TileStore::Pixels out = tiles_.pixels(key, [&]() -> Image {
            const int size = grid.tileWidth();  // native tile size for TIFF sources, else 256
            const int sizeH = grid.tileHeight();
            if (!grid.isProjected() && r.z + 1 >= grid.levels()) {
                TileRequest t = r;
                t.edgeCrop = false;
                return doubled(*tilePixels(t));
            }
            Image img;
            for (int dy = 0; dy < 2; ++dy) {
                for (int dx = 0; dx < 2; ++dx) {
                    TileRequest c = r;
                    c.z = r.z + 1;
                    c.x = 2 * r.x + dx;
                    c.y = 2 * r.y + dy;
                    c.edgeCrop = false;
                    if (!grid.isProjected() && (c.x >= grid.tilesX(c.z) || c.y >= grid.tilesY(c.z)))
                        continue;  // outside the image: stays transparent
                    TileStore::Pixels child = tilePixels(c);
                    if (img.empty()) img = Image(2 * size, 2 * sizeH, child->channels, child->type);
                    if (child->channels != img.channels || child->type != img.type) continue;
                    blit(img, *child, dx * size, dy * sizeH);
                }
            }
            return img;
        });
        return std::make_shared<const Bytes>(encodeImage(*out, r.encoding, r.encodeOptions));
    });
    return {bytes, mimeType(r.encoding)};
}

Encoded Engine::deepZoomTile(const DeepZoomRequest& r) {
    auto v = view(ImageRef{r.image.uri, "", r.image.sourceName});
    const DeepZoomGrid dz{v->info().sizeX, v->info().sizeY};
    if (r.level < 0 || r.level > dz.maxLevel())
        fail(ErrorKind::NotFound, trf("Engine", "Deep Zoom level %1 does not exist (0..%2).",
                                      std::to_string(r.level), std::to_string(dz.maxLevel())));
    if (!dz.contains(r.level, r.col, r.row))
        fail(ErrorKind::NotFound, trc("Engine", "The Deep Zoom tile is outside the image."));
    TileKey key;
    key.kind = TileKind::DeepZoom;
    key.view = v->key();
    key.z = r.level;
    key.x = r.col;
    key.y = r.row;
    key.frame = r.style.frame;
    key.style = canonicalStyle(r.style.styleJson);
    key.encoder = EncoderKey{r.encoding, r.encodeOptions};
    CachedBytes bytes = tiles_.bytes(key, [&]() -> CachedBytes {
        TileStore::Pixels img = tiles_.pixels(key, [&]() -> Image {
            int x0, x1, y0, y1;
            DeepZoomGrid::span(r.col, dz.levelWidth(r.level), x0, x1);
            DeepZoomGrid::span(r.row, dz.levelHeight(r.level), y0, y1);
            const double scale = dz.scale(r.level);
            const double w = dz.width, h = dz.height;
            const ReadArea area{false,
                                std::min(w, x0 * scale),
                                std::min(h, y0 * scale),
                                std::min(w, x1 * scale),
                                std::min(h, y1 * scale),
                                x1 - x0,
                                y1 - y0};
            checkAnswerBudget(*v, r.style, false, area, trc("Engine", "A tile"));
            return v->render(r.style, area);
        });
        return std::make_shared<const Bytes>(encodeImage(*img, r.encoding, r.encodeOptions));
    });
    return {bytes, mimeType(r.encoding)};
}

std::size_t Engine::mapLayerBytes(const MapLayer& layer, int width, int height) {
    return answerBytes(*view(mercator(layer.image)), layer.style, false, true,
                       double(width) * height);
}

TileKey Engine::mapKey(const MapRenderRequest& m) {
    TileKey key;
    key.kind = TileKind::Map;
    for (const MapLayer& l : m.layers) {
        const std::string viewKey = view(mercator(l.image))->key();
        const std::string style = canonicalStyle(l.style.styleJson);
        key.view += std::to_string(viewKey.size()) + ":" + viewKey;
        key.style +=
            std::to_string(l.style.frame) + "/" + std::to_string(style.size()) + ":" + style;
    }
    key.extra = m.crs + "|" + number(m.xmin) + "," + number(m.ymin) + "," + number(m.xmax) + "," +
                number(m.ymax) + "|" + std::to_string(m.width) + "x" + std::to_string(m.height);
    return key;
}

TileStore::Pixels Engine::mapPixels(const MapRenderRequest& m) {
    if (m.width < 1 || m.height < 1)
        fail(ErrorKind::BadRequest, trc("Engine", "A map needs a width and height of at least 1."));
    const Bounds bounds{m.xmin, m.ymin, m.xmax, m.ymax};
    return tiles_.pixels(mapKey(m), [&]() -> Image {
        Image canvas(m.width, m.height, 4);
        bool first = true;
        for (const MapLayer& layer : m.layers) {
            auto v = view(mercator(layer.image));
            // A box that misses the image reads nothing (when the footprint cannot be
            // projected into the CRS, just try).
            bool misses = false;
            try {
                if (auto fp = footprint(v->info(), m.crs); fp && !fp->box.intersects(bounds))
                    misses = true;
            } catch (const Error&) {
            }
            if (misses) continue;
            if (requestMemoryBudget() > 0)
                checkBudget(answerBytes(*v, layer.style, false, true, double(m.width) * m.height),
                            trf("Engine", "A map of %1 × %2 pixels", std::to_string(m.width),
                                std::to_string(m.height)));
            Image img = toRgba(v->renderIn(layer.style, m.crs, bounds, m.width, m.height));
            if (first)
                canvas = std::move(img);
            else
                compositeOver(canvas, img);
            first = false;
        }
        return canvas;
    });
}

CachedBytes Engine::mapBytes(const MapRenderRequest& m, const std::string& format,
                             const std::function<CachedBytes(const Image&)>& encode) {
    TileKey key = mapKey(m);
    key.extra += "|" + format;
    return tiles_.bytes(key, [&]() -> CachedBytes { return encode(*mapPixels(m)); });
}

}  // namespace tessera
