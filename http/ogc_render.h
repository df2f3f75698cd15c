// What the OGC services hand the engine for a map (core/service: Engine::mapPixels renders,
// warps and composites): a registry layer as a map layer, its cost against the request's memory
// budget, and the named styles (default or a saved preset) the services render with.
// Safe from any thread (Engine is).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "http/ogc_xml.h"
#include "service/engine.h"
#include "style/style.h"

namespace tessera::http::ogc {

// A layer drawn with a style, as the engine's map renderer takes it.
MapLayer mapLayer(const Layer& layer, const StyleSpec& style);

// The peak bytes rendering the layer takes for width × height (answerBytes of the layer's
// projected view: the bands its style reads, the picture and its encoding).
std::size_t layerBytes(Engine& engine, const Layer& layer, const StyleSpec& style, int width,
                       int height);

// The style a WMS STYLES= / WMTS style= entry names: "" or "default" = the image's default style,
// else a saved preset, its text checked against limits like any style from outside (400 over
// them). nullopt when there is no preset of that name.
std::optional<StyleSpec> namedStyle(const std::string& name, const StyleLimits& limits);

}  // namespace tessera::http::ogc
