// Rendering a layer into any CRS for the OGC services (WMS GetMap, WMTS tiles of matrix sets
// other than WebMercatorQuad): the image's style resolved as for a projected view, warped into
// exactly width × height, transparent outside the data. Safe from any thread (Engine is).
#pragma once

#include <string>

#include "geo/bounds.h"
#include "http/ogc_xml.h"
#include "raster/image.h"
#include "service/engine.h"

namespace tessera::http::ogc {

// An 8-bit RGBA picture of the layer over bounds (in crs, x = easting/longitude). Areas outside
// the image are transparent; a box that misses the image is not read at all.
Image renderLayer(Engine& engine, const Layer& layer, const StyleSpec& style,
                  const std::string& crs, const Bounds& bounds, int width, int height);

}  // namespace tessera::http::ogc
