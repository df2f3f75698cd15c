// Per-image routes of django-large-image (tiles/, info/, data/) plus tilejson, @2x tiles and
// the Girder-style fzxy tiles. Every handler builds a request value and calls the Engine.
#include <algorithm>
#include <cmath>

#include "cog/cog_validate.h"
#include "http/region_params.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "http/tile_response.h"
#include "thumb/lco_thumbnail.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

ParamSpec pathInt(const char* name, const char* description) {
    return {name, ParamIn::Path, ParamType::Integer, "", description, true, {}};
}
ParamSpec query(const char* name, ParamType type, const char* def, const char* description,
                bool required = false) {
    return {name, ParamIn::Query, type, def, description, required, {}};
}

std::vector<ParamSpec> concat(std::initializer_list<std::vector<ParamSpec>> lists) {
    std::vector<ParamSpec> out;
    for (const auto& l : lists) out.insert(out.end(), l.begin(), l.end());
    return out;
}

const std::vector<std::string> kImageTypes = {"image/png", "image/jpeg", "image/webp",
                                              "image/tiff"};
const std::vector<std::string> kJson = {"application/json"};

std::vector<ParamSpec> zxy() {
    return {pathInt("z", "Zoom level (0 = whole image)."), pathInt("x", "Tile column."),
            pathInt("y", "Tile row (0 = top).")};
}

TileRequest tileRequest(RouteContext& c) {
    TileRequest t;
    t.image = c.imageRef();
    t.z = c.integer("z");
    t.x = c.integer("x");
    t.y = c.integer("y");
    t.style = c.style();
    t.encoding = c.encoding();
    return t;
}

HttpResponse tile(RouteContext& c) {
    return cacheableImage(c.request, c.api.engine().tile(tileRequest(c)));
}

HttpResponse tile2(RouteContext& c) {
    return cacheableImage(c.request, c.api.engine().tile2x(tileRequest(c)));
}

HttpResponse json(const nlohmann::json& j) {
    return HttpResponse::json(j);
}

// The region job route with the request's parameters (region format as fmt, no token), for the
// 413 answer of a region over the memory budget.
std::string regionJobUrl(RouteContext& c) {
    std::string q = "?fmt=" + c.string("fmt");
    for (const auto& [k, v] : c.request.query) {
        if (k == "token" || k == "fmt") continue;
        q += "&" + QByteArray::fromStdString(k).toPercentEncoding().toStdString() + "=" +
             QByteArray::fromStdString(v).toPercentEncoding().toStdString();
    }
    return c.image->urlPrefix + c.image->id + "/jobs/region" + q;
}

// TileJSON 3.0.0 for the image: geospatial images are served in EPSG:3857 (the XYZ grid web maps
// expect) unless the request names a projection.
HttpResponse tilejson(RouteContext& c) {
    Engine& e = c.api.engine();
    ImageRef ref = c.imageRef();
    const bool geospatial =
        e.metadata(ImageRef{ref.uri, "", ref.sourceName}).value("geospatial", false);
    if (geospatial && ref.projection.empty()) ref.projection = "EPSG:3857";
    const nlohmann::json meta = e.infoMetadata(ref);
    const int levels = meta.value("levels", 1);

    // Query of the tile URLs: the request's (style, band, ...), projection and token forwarded.
    std::string q;
    auto add = [&](const std::string& k, const std::string& v) {
        q += (q.empty() ? "?" : "&") + k + "=" +
             QByteArray::fromStdString(v).toPercentEncoding().toStdString();
    };
    if (!ref.projection.empty()) add("projection", ref.projection);
    for (const auto& [k, v] : c.request.query)
        if (k != "projection" && k != "format") add(k, v);
    const std::string fmt = c.string("format");
    const std::string base = c.origin() + c.image->urlPrefix + c.image->id;

    nlohmann::json tj = {{"tilejson", "3.0.0"},
                         {"name", c.image->name},
                         {"scheme", "xyz"},
                         {"tiles", {base + "/tiles/{z}/{x}/{y}." + fmt + q}},
                         {"minzoom", 0},
                         {"maxzoom", std::max(0, levels - 1)},
                         {"tileSize", meta.value("tileWidth", 256)}};
    double w = -180, s = -85.0511287798066, ea = 180, n = 85.0511287798066;
    const auto& b = meta["bounds"];
    if (geospatial && b.is_object() && b.contains("xmin")) {
        w = b.value("xmin", w);
        ea = b.value("xmax", ea);
        s = std::max(b.value("ymin", s), -85.0511287798066);
        n = std::min(b.value("ymax", n), 85.0511287798066);
    }
    tj["bounds"] = {w, s, ea, n};
    int zoom = 0;
    if (geospatial && ea > w) zoom = int(std::floor(std::log2(360.0 / (ea - w))));
    zoom = std::clamp(zoom, 0, std::max(0, levels - 1));
    tj["center"] = {(w + ea) / 2, (s + n) / 2, zoom};
    tj["attribution"] = "";
    tj["description"] = geospatial ? "EPSG:3857 XYZ tiles" : "Pixel tiles (not georeferenced)";
    return json(tj);
}

}  // namespace

void addImageRoutes(RouteTable& t) {
    const auto ip = imageParams();
    const auto sp = styleParams();
    const std::string tag = "tiles";

    t.add({.pattern = "tiles/metadata",
           .perImage = true,
           .summary = "Tile metadata",
           .description = "{levels, size_x, size_y, tile_size, geospatial, additional_metadata}. "
                          "Style is not applied.",
           .tag = "tiles",
           .params = ip,
           .produces = kJson,
           .handler = [](RouteContext& c) {
               return json(c.api.engine().tilesMetadata(c.imageRef()));
           }});

    t.add({.pattern = "tiles/{z}/{x}/{y}.{fmt}",
           .perImage = true,
           .summary = "One 256² tile",
           .description = "Style parameters apply. Pixel tiling: z/x/y outside the image → 400. "
                          "Projected: tiles outside the data are transparent. ETag + "
                          "Cache-Control; If-None-Match → 304.",
           .tag = tag,
           .params =
               concat({zxy(), {formatParam("png, jpeg (jpg, jfif), webp, tiff (tif)")}, ip, sp}),
           .produces = kImageTypes,
           .handler = tile});

    t.add({.pattern = "tiles/{z}/{x}/{y}@2x.{fmt}",
           .perImage = true,
           .summary = "One 512² (high-DPI) tile",
           .description = "The same area as tiles/{z}/{x}/{y}: the four z+1 child tiles rendered "
                          "and assembled (at the deepest pixel level the tile is doubled).",
           .tag = tag,
           .params = concat({zxy(), {formatParam("png, jpeg, webp, tiff")}, ip, sp}),
           .produces = kImageTypes,
           .handler = tile2});

    t.add({.pattern = "tiles/{z}/{x}/{y}/corners",
           .perImage = true,
           .summary = "Tile corners",
           .description = "{xmin, xmax, ymin, ymax}: projection units when projected, else "
                          "full-resolution pixels with y measured from the bottom.",
           .tag = tag,
           .params = concat({zxy(), ip}),
           .produces = kJson,
           .handler = [](RouteContext& c) {
               return json(c.api.engine().tileCorners(c.imageRef(), c.integer("z"), c.integer("x"),
                                                      c.integer("y")));
           }});

    for (bool withFormat : {true, false}) {
        std::vector<ParamSpec> params{pathInt("frame", "Frame number.")};
        for (auto& p : zxy()) params.push_back(p);
        if (withFormat) params.push_back(formatParam("png, jpeg, webp, tiff"));
        auto rest = concat({ip, sp});
        rest.erase(std::remove_if(rest.begin(), rest.end(),
                                  [](const ParamSpec& p) { return p.name == "frame"; }),
                   rest.end());
        params.insert(params.end(), rest.begin(), rest.end());
        t.add({.pattern = withFormat ? "tiles/fzxy/{frame}/{z}/{x}/{y}.{fmt}"
                                     : "tiles/fzxy/{frame}/{z}/{x}/{y}",
               .perImage = true,
               .summary = withFormat ? "One tile of a frame" : "One PNG tile of a frame",
               .description = "Girder-style frame tile; the frame in the path wins.",
               .tag = tag,
               .params = params,
               .produces = withFormat ? kImageTypes : std::vector<std::string>{"image/png"},
               .handler = tile});
    }

    t.add({.pattern = "tilejson",
           .perImage = true,
           .summary = "TileJSON 3.0.0",
           .description = "Tile URL template with the same style query, zoom range, WGS84 "
                          "bounds and centre. Geospatial images use EPSG:3857 tiles unless "
                          "projection is given.",
           .tag = tag,
           .params = concat({ip,
                             sp,
                             {{"format",
                               ParamIn::Query,
                               ParamType::String,
                               "png",
                               "Tile format in the template.",
                               false,
                               {"png", "jpeg", "jpg", "webp", "tiff"}}}}),
           .produces = kJson,
           .handler = tilejson});

    // info/
    t.add({.pattern = "info/metadata",
           .perImage = true,
           .summary = "Image metadata",
           .description = "large_image getMetadata(); geospatial images have bounds in EPSG:4326 "
                          "(latitude clamped to ±89.9999); frames: false when absent.",
           .tag = "info",
           .params = ip,
           .produces = kJson,
           .handler = [](RouteContext& c) {
               return json(c.api.engine().infoMetadata(c.imageRef()));
           }});
    t.add({.pattern = "info/metadata_internal",
           .perImage = true,
           .summary = "Internal (reader) metadata",
           .tag = "info",
           .params = ip,
           .produces = kJson,
           .handler = [](RouteContext& c) {
               return json(c.api.engine().internalMetadata(c.imageRef()));
           }});
    t.add({.pattern = "info/bands",
           .perImage = true,
           .summary = "Band information",
           .description = "{\"1\": {interpretation, min, max, mean, stdev, nodata, ...}, ...}",
           .tag = "info",
           .params = ip,
           .produces = kJson,
           .handler = [](RouteContext& c) { return json(c.api.engine().bands(c.imageRef())); }});
    t.add({.pattern = "info/band",
           .perImage = true,
           .summary = "One band's information",
           .tag = "info",
           .params = concat({{query("band", ParamType::Integer, "1", "1-based band.")}, ip}),
           .produces = kJson,
           .handler = [](RouteContext& c) {
               return json(c.api.engine().band(c.imageRef(), c.integer("band")));
           }});
    t.add({.pattern = "info/frames",
           .perImage = true,
           .summary = "Frames and their bands",
           .tag = "info",
           .params = ip,
           .produces = kJson,
           .handler = [](RouteContext& c) { return json(c.api.engine().frames(c.imageRef())); }});

    // Associated images of slides (label, macro, thumbnail): one Engine path for all consumers.
    t.add({.pattern = "info/images",
           .perImage = true,
           .summary = "Associated image names",
           .description = "The slide's associated images (label, macro, thumbnail) as a JSON list "
                          "of names; empty for other images.",
           .tag = "info",
           .params = ip,
           .produces = kJson,
           .handler = [](RouteContext& c) {
               return json(nlohmann::json(c.api.engine().associatedImages(c.imageRef())));
           }});
    t.add({.pattern = "info/images/{name}.{fmt}",
           .perImage = true,
           .summary = "One associated image",
           .description = "An associated image fitted into width × height (aspect kept, never "
                          "enlarged; 0 or absent = native size). 404 for an unknown name.",
           .tag = "info",
           .params = concat({{{"name",
                               ParamIn::Path,
                               ParamType::String,
                               "",
                               "Associated image name, as info/images lists it.",
                               true,
                               {}},
                              formatParam("png, jpeg, webp, tiff"),
                              query("width", ParamType::Integer, "0", "Maximum width."),
                              query("height", ParamType::Integer, "0", "Maximum height.")},
                             ip}),
           .produces = kImageTypes,
           .handler = [](RouteContext& c) {
               return cacheableImage(
                   c.request, c.api.engine().associatedImage(c.imageRef(), c.string("name"),
                                                             c.integer("width"),
                                                             c.integer("height"), c.encoding()));
           }});

    t.add({.pattern = "info/cog_validation",
           .perImage = true,
           .summary = "Cloud Optimized GeoTIFF validation",
           .description = "{valid, errors: [{code, message}], warnings, details} by GDAL's "
                          "validate_cloud_optimized_geotiff rules (lenient: rio-cogeo's). A file "
                          "that is not a GeoTIFF gives valid: false with the reason.",
           .tag = "info",
           .params = {query("lenient", ParamType::Boolean, "false", "rio-cogeo's rules."),
                      query("strict", ParamType::Boolean, "false", "Warnings count as errors."),
                      {"full_check",
                       ParamIn::Query,
                       ParamType::String,
                       "auto",
                       "Check block leaders/trailers (auto = local files only).",
                       false,
                       {"auto", "yes", "no"}}},
           .produces = kJson,
           .handler = [](RouteContext& c) {
               CogValidateOptions o;
               o.lenient = c.boolean("lenient");
               o.strict = c.boolean("strict");
               const std::string full = c.string("full_check");
               if (full != "auto" && full != "yes" && full != "no")
                   fail(ErrorKind::BadRequest, trc("Http", "full_check must be auto, yes or no."));
               o.fullCheck = full == "yes"  ? CogFullCheck::Yes
                             : full == "no" ? CogFullCheck::No
                                            : CogFullCheck::Auto;
               return json(cogReportJson(validateCog(c.image->ref.uri, o)));
           }});

    // data/
    t.add({.pattern = "data/thumbnail.{fmt}",
           .perImage = true,
           .summary = "Thumbnail",
           .description = "The whole image (projected: its data bounds) fitted into "
                          "max_width × max_height, aspect kept, never enlarged. FITS images "
                          "without a style are stretched as LCO's thumbnail service does "
                          "(zscale limits, gamma); label draws text in the lower-left corner.",
           .tag = "data",
           .params =
               concat({{formatParam("png, jpeg, webp, tiff"),
                        query("max_width", ParamType::Integer, "256", "Maximum width."),
                        query("max_height", ParamType::Integer, "256", "Maximum height."),
                        query("label", ParamType::String, "",
                              "Text drawn in white on a dark box in the lower-left corner."),
                        query("gamma", ParamType::Number, "2.5",
                              "Gamma of the zscale stretch (LCO's 2.5; 1 = linear)."),
                        {"stretch",
                         ParamIn::Query,
                         ParamType::String,
                         "auto",
                         "auto: zscale + gamma for FITS images without a style, else the style; "
                         "style; zscale (any image).",
                         false,
                         {"auto", "style", "zscale"}}},
                       ip,
                       sp}),
           .produces = kImageTypes,
           .handler = [](RouteContext& c) {
               ThumbnailRequest r;
               r.image = c.imageRef();
               r.maxWidth = c.integer("max_width");
               r.maxHeight = c.integer("max_height");
               r.style = c.style();
               r.encoding = c.encoding();
               r.label = c.string("label");
               r.gamma = c.number("gamma");
               r.stretch = parseThumbnailStretch(c.string("stretch"));
               return cacheableImage(c.request, c.api.engine().thumbnail(r));
           }});
    t.add({.pattern = "data/region.{fmt}",
           .perImage = true,
           .summary = "Region",
           .description = "left/right/top/bottom in units (default: EPSG:4326 for geospatial "
                          "images, else pixels). TIFF output is a tiled GeoTIFF; without a style "
                          "it holds the raw data. Empty regions → 400. A region whose answer "
                          "would exceed the server's request-memory budget → 413 naming the "
                          "same region as a job (POST jobs/region).",
           .tag = "data",
           .params = concat(
               {{{"fmt", ParamIn::Path, ParamType::String, "",
                  "Any writable format of the formats registry by extension, driver or MIME "
                  "type (GET /api/formats): tiff (tif, tiled), png, jpeg, webp, cog, nc, jp2, "
                  "img, gpkg, ... Unknown or read-only → 400 listing the valid ones.",
                  true}},
                regionQueryParams(),
                ip,
                sp}),
           .produces = kImageTypes,
           .handler = [](RouteContext& c) {
               const RegionRequest r = regionRequest(c, c.string("fmt"));
               Encoded e;
               try {
                   e = c.api.engine().region(r);
               } catch (const Error& err) {
                   if (err.kind() != ErrorKind::TooLarge) throw;
                   fail(ErrorKind::TooLarge,
                        err.what() + (" " + trf("Http", "The same region as a job: POST %1",
                                                regionJobUrl(c))));
               }
               return HttpResponse::bytes(QByteArray(reinterpret_cast<const char*>(e.bytes->data()),
                                                     qsizetype(e.bytes->size())),
                                          QByteArray::fromStdString(e.mimeType));
           }});
    t.add({.pattern = "data/pixel",
           .perImage = true,
           .summary = "Pixel value",
           .description = "Styled channel values and raw band values at full-resolution pixel "
                          "left, top (world pixels when projected); {} outside the image.",
           .tag = "data",
           .params = concat({{query("left", ParamType::Integer, "", "Pixel column.", true),
                              query("top", ParamType::Integer, "", "Pixel row.", true)},
                             ip,
                             sp}),
           .produces = kJson,
           .handler = [](RouteContext& c) {
               PixelRequest r;
               r.image = c.imageRef();
               r.left = c.integer("left");
               r.top = c.integer("top");
               r.style = c.style();
               return json(c.api.engine().pixel(r));
           }});
    t.add(
        {.pattern = "data/histogram",
         .perImage = true,
         .summary = "Histogram of the raw data",
         .description = "One entry per band; onlyMinMax → {min, max, mean, stdev} lists. "
                        "Computed on the image at most maxSize pixels on its longest side "
                        "(resolution=full: every pixel).",
         .tag = "data",
         .params =
             concat({{query("onlyMinMax", ParamType::Boolean, "false", "Only min/max/mean/stdev."),
                      query("bins", ParamType::Integer, "256", "Number of bins."),
                      query("density", ParamType::Boolean, "false", "Normalise counts."),
                      query("rangeMin", ParamType::Number, "", "Lower edge of the bins."),
                      query("rangeMax", ParamType::Number, "", "Upper edge of the bins."),
                      {"resolution",
                       ParamIn::Query,
                       ParamType::String,
                       "",
                       "full = every pixel (overrides maxSize).",
                       false,
                       {"", "full"}},
                      query("maxSize", ParamType::Integer, "2048",
                            "Longest side analysed (0 = full resolution)."),
                      query("frame", ParamType::Integer, "0", "Frame number."),
                      query("format", ParamType::String, "", "Ignored (compatibility).")},
                     ip}),
         .produces = kJson,
         .handler = [](RouteContext& c) {
             HistogramRequest r;
             r.image = c.imageRef();
             r.onlyMinMax = c.boolean("onlyMinMax");
             r.bins = c.integer("bins");
             r.density = c.boolean("density");
             r.rangeMin = c.optionalNumber("rangeMin");
             r.rangeMax = c.optionalNumber("rangeMax");
             r.frame = c.integer("frame");
             r.maxSize = c.integer("maxSize");
             const std::string res = c.string("resolution");
             if (res == "full")
                 r.maxSize = 0;
             else if (!res.empty())
                 fail(ErrorKind::BadRequest, trc("Http", "resolution must be \"full\" or empty."));
             if (r.maxSize < 0 || r.frame < 0)
                 fail(ErrorKind::BadRequest,
                      trc("Http", "maxSize and frame must not be negative."));
             return json(c.api.engine().histogram(r));
         }});
}

}  // namespace tessera::http
