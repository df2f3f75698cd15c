#include "http/region_params.h"

#include "encode/encoding.h"
#include "http/route_context.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

ParamSpec query(const char* name, ParamType type, const char* def, const char* description,
                bool required = false) {
    return {name, ParamIn::Query, type, def, description, required, {}};
}

}  // namespace

std::vector<ParamSpec> regionQueryParams() {
    return {query("crs", ParamType::String, "",
                  "Output CRS (EPSG:nnnn from GET /api/formats): the region is reprojected and "
                  "georeferenced in it. Alias: outputCrs."),
            query("outputCrs", ParamType::String, "", "Alias of crs."),
            query("left", ParamType::Number, "", "Left bound.", true),
            query("right", ParamType::Number, "", "Right bound.", true),
            query("top", ParamType::Number, "", "Top bound.", true),
            query("bottom", ParamType::Number, "", "Bottom bound.", true),
            query("units", ParamType::String, "",
                  "pixels, fraction, projection, EPSG:nnnn, wgs84, +proj=..."),
            query("width", ParamType::Integer, "0", "Maximum output width (0 = native)."),
            query("height", ParamType::Integer, "0", "Maximum output height (0 = native).")};
}

RegionRequest regionRequest(RouteContext& c, const std::string& format) {
    RegionRequest r;
    r.image = c.imageRef();
    r.left = c.number("left");
    r.right = c.number("right");
    r.top = c.number("top");
    r.bottom = c.number("bottom");
    r.units = c.string("units");
    r.width = c.integer("width");
    r.height = c.integer("height");
    if (r.width < 0 || r.height < 0)
        fail(ErrorKind::BadRequest, trc("Http", "Invalid output width or height."));
    r.style = c.style();
    r.styleGiven = !r.style.styleJson.empty();
    // Every format goes through the formats registry (400 for unknown/read-only).
    r.format = format;
    if (auto e = parseEncoding(r.format)) r.encoding = *e;
    r.outputCrs = c.string("crs");
    if (r.outputCrs.empty()) r.outputCrs = c.string("outputCrs");
    return r;
}

}  // namespace tessera::http
