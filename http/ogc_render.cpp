#include "http/ogc_render.h"

#include "geo/footprint.h"
#include "util/error.h"

namespace tessera::http::ogc {

Image renderLayer(Engine& engine, const Layer& layer, const StyleSpec& style,
                  const std::string& crs, const Bounds& bounds, int width, int height) {
    // Does the box reach the image? (When the footprint cannot be projected, just try.)
    try {
        if (auto fp = footprint(layer.info, crs); fp && !fp->box.intersects(bounds))
            return Image(width, height, 4);
    } catch (const Error&) {
    }
    // A projected view resolves the style with large_image's warp alpha (transparent outside).
    auto view = engine.view(ImageRef{layer.image.ref.uri, "EPSG:3857", layer.image.ref.sourceName});
    return toRgba(view->renderIn(style, crs, bounds, width, height));
}

}  // namespace tessera::http::ogc
