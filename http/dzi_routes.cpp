// Deep Zoom (OpenSeadragon's DZI) for every image: /api/image/{id}/dzi.dzi and
// dzi_files/{level}/{col}_{row}.{fmt}; the geometry is tiling/deep_zoom.h, the tiles are
// Engine::deepZoomTile's.

#include "http/ogc_xml.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "http/tile_response.h"
#include "tiling/deep_zoom.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

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
        .attr("Overlap", std::to_string(DeepZoomGrid::kOverlap))
        .attr("TileSize", std::to_string(DeepZoomGrid::kTileSize));
    x.start("Size")
        .attr("Width", std::to_string(view->info().sizeX))
        .attr("Height", std::to_string(view->info().sizeY))
        .end();
    x.end();
    return ogc::xmlResponse(x.finish(), 200, "application/xml; charset=UTF-8");
}

HttpResponse tile(RouteContext& c) {
    DeepZoomRequest r;
    r.image = pixelRef(c);
    r.level = c.integer("level");
    r.col = c.integer("col");
    r.row = c.integer("row");
    r.style = c.style();
    r.encoding = c.encoding();
    return cacheableImage(c.request, c.api.engine().deepZoomTile(r));
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
