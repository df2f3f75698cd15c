// The region parameters shared by data/region.{fmt} and the POST jobs/region route: the query
// parameters (bounds, units, size, output CRS) once for both routes and the OpenAPI document,
// and the RegionRequest built from them, so a region job renders exactly what data/region would.
//
// Thread safety: free functions; regionRequest reads only its RouteContext.
#pragma once

#include <string>
#include <vector>

#include "http/route_table.h"
#include "service/requests.h"

namespace tessera::http {

class RouteContext;

// crs, outputCrs, left, right, top, bottom, units, width, height.
std::vector<ParamSpec> regionQueryParams();

// The request for the image in c with format (any writable entry of the formats registry by
// extension, driver or MIME type; the Engine answers 400 for unknown or read-only ones).
RegionRequest regionRequest(RouteContext& c, const std::string& format);

}  // namespace tessera::http
