// Deep Zoom (OpenSeadragon's DZI) for every image: /api/image/{id}/dzi.dzi and
// dzi_files/{level}/{col}_{row}.{fmt}. Level L is the image downsampled by 2^(maxLevel − L)
// (size ceil(size / 2^(maxLevel − L)), maxLevel = ceil(log2(max(width, height)))); tiles are 254
// pixels with a 1-pixel overlap (OpenSeadragon's default), each rendered exactly as the Engine
// renders the matching pixel region, and kept in the tile cache.
#include <algorithm>
#include <cmath>

#include "http/ogc_xml.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "http/tile_response.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

constexpr int kTileSize = 254;
constexpr int kOverlap = 1;

int maxLevel(int w, int h) {
    int level = 0;
    while ((1LL << level) < std::max(w, h)) ++level;
    return level;
}

// The native (unprojected) image: Deep Zoom is a pixel pyramid.
ImageRef pixelRef(RouteContext& c) {
    ImageRef ref = c.imageRef();
    ref.projection.clear();
    return ref;
}

HttpResponse descriptor(RouteContext& c) {
    auto view = c.api.engine().view(pixelRef(c));
    const std::string format = c.string("format");
    if (!parseEncoding(format))
        fail(ErrorKind::BadRequest, trf("Http", "Unknown tile format \"%1\".", format));
    ogc::XmlWriter x;
    x.start("Image")
        .ns("http://schemas.microsoft.com/deepzoom/2008")
        .attr("Format", format)
        .attr("Overlap", std::to_string(kOverlap))
        .attr("TileSize", std::to_string(kTileSize));
    x.start("Size")
        .attr("Width", std::to_string(view->info().sizeX))
        .attr("Height", std::to_string(view->info().sizeY))
        .end();
    x.end();
    return ogc::xmlResponse(x.finish(), 200, "application/xml; charset=UTF-8");
}

// The level pixels [p0, p1) of tile index i along an axis of levelSize pixels.
void span(int i, int levelSize, int& p0, int& p1) {
    p0 = i * kTileSize - (i > 0 ? kOverlap : 0);
    p1 = std::min(levelSize, (i + 1) * kTileSize + kOverlap);
}

HttpResponse tile(RouteContext& c) {
    Engine& engine = c.api.engine();
    auto view = engine.view(pixelRef(c));
    const int w = view->info().sizeX, h = view->info().sizeY;
    const int top = maxLevel(w, h);
    const int level = c.integer("level");
    if (level > top)
        fail(ErrorKind::NotFound, trf("Http", "Deep Zoom level %1 does not exist (0..%2).",
                                      std::to_string(level), std::to_string(top)));
    const double scale = std::ldexp(1.0, top - level);
    const int lw = int(std::ceil(w / scale)), lh = int(std::ceil(h / scale));
    const int col = c.integer("col"), row = c.integer("row");
    if (col >= (lw + kTileSize - 1) / kTileSize || row >= (lh + kTileSize - 1) / kTileSize)
        fail(ErrorKind::NotFound, trc("Http", "The Deep Zoom tile is outside the image."));
    int x0, x1, y0, y1;
    span(col, lw, x0, x1);
    span(row, lh, y0, y1);
    const StyleSpec style = c.style();
    const Encoding encoding = c.encoding();
    const std::string key = view->key() + "|dzi" + std::to_string(level) + "/" +
                            std::to_string(col) + "_" + std::to_string(row) + "|" +
                            style.styleJson + "|f" + std::to_string(style.frame) + "|" +
                            encodingName(encoding);
    if (auto hit = engine.tileCache().get(key))
        return cacheableImage(c.request, {hit, mimeType(encoding)});
    const ReadArea area{false,
                        std::min(double(w), x0 * scale),
                        std::min(double(h), y0 * scale),
                        std::min(double(w), x1 * scale),
                        std::min(double(h), y1 * scale),
                        x1 - x0,
                        y1 - y0};
    auto bytes = std::make_shared<const Bytes>(encodeImage(view->render(style, area), encoding));
    engine.tileCache().put(key, bytes);
    return cacheableImage(c.request, {bytes, mimeType(encoding)});
}

ParamSpec pathInt(const char* name, const char* description) {
    return {name, ParamIn::Path, ParamType::Integer, "", description, true, {}};
}

}  // namespace

void addDziRoutes(RouteTable& t) {
    t.add({.pattern = "dzi.dzi",
           .perImage = true,
           .summary = "Deep Zoom descriptor",
           .description = "DZI XML for OpenSeadragon: TileSize 254, Overlap 1, the image size; "
                          "tiles at dzi_files/{level}/{col}_{row}.{format}.",
           .tag = "deepzoom",
           .params = {{"format",
                       ParamIn::Query,
                       ParamType::String,
                       "png",
                       "Tile format named in the descriptor.",
                       false,
                       {"png", "jpeg", "jpg", "webp"}}},
           .produces = {"application/xml"},
           .handler = descriptor});
    std::vector<ParamSpec> params{pathInt("level", "Deep Zoom level (maxLevel = full size)."),
                                  pathInt("col", "Tile column."), pathInt("row", "Tile row."),
                                  formatParam("png, jpeg, webp, tiff")};
    for (auto& p : styleParams()) params.push_back(p);
    t.add({.pattern = "dzi_files/{level}/{col}_{row}.{fmt}",
           .perImage = true,
           .summary = "Deep Zoom tile",
           .description = "254² tiles with a 1-pixel overlap (edge tiles smaller), styled like "
                          "the other image routes.",
           .tag = "deepzoom",
           .params = params,
           .produces = {"image/png", "image/jpeg", "image/webp", "image/tiff"},
           .handler = tile});
}

}  // namespace tessera::http
