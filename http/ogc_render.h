// Rendering a layer into any CRS for the OGC services (WMS GetMap, WMTS tiles of matrix sets
// other than WebMercatorQuad): the image's style resolved as for a projected view, warped into
// exactly width × height, transparent outside the data; what that costs against the request's
// memory budget; and the named styles (default or a saved preset) the services render with.
// Safe from any thread (Engine is).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "geo/bounds.h"
#include "http/ogc_xml.h"
#include "raster/image.h"
#include "service/engine.h"
#include "style/style.h"

namespace tessera::http::ogc {

// An 8-bit RGBA picture of the layer over bounds (in crs, x = easting/longitude). Areas outside
// the image are transparent; a box that misses the image is not read at all. Throws
// Error(TooLarge) before reading when the picture would exceed the request's memory budget.
Image renderLayer(Engine& engine, const Layer& layer, const StyleSpec& style,
                  const std::string& crs, const Bounds& bounds, int width, int height);

// The peak bytes renderLayer takes for width × height (answerBytes of the layer's projected
// view: the bands its style reads, the picture and its encoding).
std::size_t layerBytes(Engine& engine, const Layer& layer, const StyleSpec& style, int width,
                       int height);

// The style a WMS STYLES= / WMTS style= entry names: "" or "default" = the image's default style,
// else a saved preset, its text checked against limits like any style from outside (400 over
// them). nullopt when there is no preset of that name.
std::optional<StyleSpec> namedStyle(const std::string& name, const StyleLimits& limits);

}  // namespace tessera::http::ogc
