#include "http/ogc_render.h"

#include "geo/footprint.h"
#include "service/region_output.h"
#include "style/style_presets.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera::http::ogc {

namespace {

// The projected view a layer renders through (large_image's warp alpha: transparent outside).
std::shared_ptr<ImageView> layerView(Engine& engine, const Layer& layer) {
    return engine.view(ImageRef{layer.image.ref.uri, "EPSG:3857", layer.image.ref.sourceName});
}

}  // namespace

Image renderLayer(Engine& engine, const Layer& layer, const StyleSpec& style,
                  const std::string& crs, const Bounds& bounds, int width, int height) {
    // Does the box reach the image? (When the footprint cannot be projected, just try.)
    try {
        if (auto fp = footprint(layer.info, crs); fp && !fp->box.intersects(bounds))
            return Image(width, height, 4);
    } catch (const Error&) {
    }
    auto view = layerView(engine, layer);
    if (requestMemoryBudget() > 0)
        checkBudget(
            answerBytes(*view, style, false, true, double(width) * height),
            trf("Ogc", "A map of %1 × %2 pixels", std::to_string(width), std::to_string(height)));
    return toRgba(view->renderIn(style, crs, bounds, width, height));
}

std::size_t layerBytes(Engine& engine, const Layer& layer, const StyleSpec& style, int width,
                       int height) {
    return answerBytes(*layerView(engine, layer), style, false, true, double(width) * height);
}

std::optional<StyleSpec> namedStyle(const std::string& name, const StyleLimits& limits) {
    if (name.empty() || name == StylePresets::kDefaultName) return StyleSpec{};
    auto text = StylePresets::shared().styleText(name, limits);
    if (!text) return std::nullopt;
    return StyleSpec{std::move(*text), 0};
}

}  // namespace tessera::http::ogc
