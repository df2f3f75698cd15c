// The route groups of the API, each adding its routes to the table (one file each):
// per-image routes (tiles, info, data, tilejson), standalone routes (sources, colormaps,
// formats, settings, image list) and pages (viewers, docs, OpenAPI, static assets).
#pragma once

#include "http/route_table.h"

namespace tessera::http {

void addImageRoutes(RouteTable& table);
void addStandaloneRoutes(RouteTable& table);
void addPageRoutes(RouteTable& table);

}  // namespace tessera::http
