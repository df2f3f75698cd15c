#include "http/ogc_render.h"

#include "style/style_presets.h"

namespace tessera::http::ogc {

MapLayer mapLayer(const Layer& layer, const StyleSpec& style) {
    return MapLayer{layer.image.ref, style};
}

std::size_t layerBytes(Engine& engine, const Layer& layer, const StyleSpec& style, int width,
                       int height) {
    return engine.mapLayerBytes(mapLayer(layer, style), width, height);
}

std::optional<StyleSpec> namedStyle(const std::string& name, const StyleLimits& limits) {
    if (name.empty() || name == StylePresets::kDefaultName) return StyleSpec{};
    auto text = StylePresets::shared().styleText(name, limits);
    if (!text) return std::nullopt;
    return StyleSpec{std::move(*text), 0};
}

}  // namespace tessera::http::ogc
