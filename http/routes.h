// The route groups of the API, each adding its routes to the table (one file each):
// per-image routes (tiles, info, data, tilejson), standalone routes (sources, colormaps,
// formats, settings, image list) and pages (viewers, docs, OpenAPI, static assets).
#pragma once

#include "http/route_table.h"

namespace tessera::http {

void addImageRoutes(RouteTable& table);
void addStandaloneRoutes(RouteTable& table);
void addLibraryRoutes(RouteTable& table);  // http/library_routes.h
void addPageRoutes(RouteTable& table);
// OGC services and Deep Zoom: ogc_wms.cpp (/wms), ogc_wmts.cpp (/wmts), ogc_wcs.cpp (/wcs),
// dzi_routes.cpp (per image dzi.dzi, dzi_files/...), style_preset_routes.cpp (/api/styles).
void addWmsRoutes(RouteTable& table);
void addWmtsRoutes(RouteTable& table);
void addWcsRoutes(RouteTable& table);
void addDziRoutes(RouteTable& table);
void addStylePresetRoutes(RouteTable& table);
void addJobRoutes(RouteTable& table);  // job_routes.cpp: region jobs, /api/jobs

}  // namespace tessera::http
