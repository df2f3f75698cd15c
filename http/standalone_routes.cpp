// Standalone routes: django-large-image's api/large-image/{sources,colormaps,formats}, the
// Girder-like settings, and the list of served images.
#include <cctype>

#include "formats/service_config.h"
#include "formats/service_config_json.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "source/open_source.h"
#include "style/color.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

const std::vector<std::string> kJson = {"application/json"};

nlohmann::json imageEntry(RouteContext& c, const RegisteredImage& img) {
    const std::string base = "/api/image/" + img.id;
    nlohmann::json j = {{"id", img.id}, {"name", img.name}, {"uri", img.ref.uri}};
    try {
        const nlohmann::json m = c.api.engine().metadata(img.ref);
        j["geospatial"] = m.value("geospatial", false);
        j["sizeX"] = m.value("sizeX", 0);
        j["sizeY"] = m.value("sizeY", 0);
        j["levels"] = m.value("levels", 1);
    } catch (const std::exception& e) {
        j["geospatial"] = false;
        j["sizeX"] = nullptr;
        j["sizeY"] = nullptr;
        j["error"] = e.what();
    }
    j["urls"] = {{"metadata", base + "/info/metadata"},
                 {"tiles", base + "/tiles/{z}/{x}/{y}.png"},
                 {"thumbnail", base + "/data/thumbnail.png"},
                 {"tilejson", base + "/tilejson"},
                 {"viewer", base + "/viewer"},
                 {"cesium", base + "/cesium"}};
    return j;
}

}  // namespace

void addStandaloneRoutes(RouteTable& t) {
    t.add({.pattern = "/api/large-image/sources",
           .summary = "Available readers",
           .description = "{name: description} for every reader this build has.",
           .tag = "large-image",
           .produces = kJson,
           .work = Work::Inline,
           .handler = [](RouteContext&) {
               nlohmann::json j = nlohmann::json::object();
               for (const auto& n : availableSourceNames()) j[n] = "tessera." + n + " source";
               return HttpResponse::json(j);
           }});
    t.add({.pattern = "/api/large-image/colormaps",
           .summary = "Colormap names",
           .description = "{\"matplotlib\": [...], \"simple\": [\"red\",\"green\",\"blue\"]} plus "
                          "the palettable families under \"palettable\".",
           .tag = "large-image",
           .produces = kJson,
           .work = Work::Inline,
           .handler = [](RouteContext&) { return HttpResponse::json(colormapListing()); }});
    t.add({.pattern = "/api/large-image/formats",
           .summary = "Output formats",
           .description = "{FORMAT: mime type}: the encodings tiles and thumbnails accept, plus "
                          "every writable format of the formats registry (by driver and "
                          "extension, upper-case) that data/region.{fmt} accepts. Details: "
                          "GET /api/formats.",
           .tag = "large-image",
           .produces = kJson,
           .work = Work::Inline,
           .handler = [](RouteContext&) {
               nlohmann::json j = nlohmann::json::object();
               for (const char* f : {"PNG", "JPEG", "JPG", "JFIF", "WEBP", "TIFF", "TIF", "TILED"})
                   j[f] = mimeType(*parseEncoding(f));
               for (const OutputFormat& f : ServiceConfig::current()->formats.writable())
                   for (std::string key : {f.driver, f.extension}) {
                       for (char& ch : key) ch = char(std::toupper(static_cast<unsigned char>(ch)));
                       if (!j.contains(key)) j[key] = f.mimeType;
                   }
               return HttpResponse::json(j);
           }});
    t.add({.pattern = "/api/formats",
           .summary = "Formats registry and output CRSes",
           .description = "{formats: {file, formats: [{driver, mimeType, writable, extension}], "
                          "native: {source driver: output driver}}, crs: {file, epsg: [...], "
                          "crs: [\"EPSG:4326\", ...]}, problems: [{file, line, message}]}",
           .tag = "large-image",
           .produces = kJson,
           .work = Work::Inline,
           .handler = [](RouteContext&) {
               auto config = ServiceConfig::current();
               nlohmann::json f = formatsJson(*config);
               nlohmann::json c = crsJson(*config);
               nlohmann::json problems = f["problems"];
               f.erase("problems");
               c.erase("problems");
               return HttpResponse::json({{"formats", f}, {"crs", c}, {"problems", problems}});
           }});
    t.add({.pattern = "/api/large-image/settings",
           .summary = "Settings",
           .description = "{\"auto_use_large_images\": true, \"max_small_image_size\": 4096}",
           .tag = "large-image",
           .produces = kJson,
           .work = Work::Inline,
           .handler = [](RouteContext& c) { return HttpResponse::json(c.api.settings()); }});
    for (const char* method : {"PUT", "POST"}) {
        t.add({.method = method,
               .pattern = "/api/large-image/settings",
               .summary = "Update settings",
               .description = "A JSON object with any of auto_use_large_images (bool) and "
                              "max_small_image_size (1..65536); returns the new settings.",
               .tag = "large-image",
               .produces = kJson,
               .work = Work::Inline,
               .hasBody = true,
               .handler = [](RouteContext& c) {
                   const auto body =
                       nlohmann::json::parse(c.request.body.toStdString(), nullptr, false);
                   if (body.is_discarded())
                       fail(ErrorKind::BadRequest,
                            trc("Http", "The request body is not valid JSON."));
                   return HttpResponse::json(c.api.updateSettings(body));
               }});
    }
    t.add({.pattern = "/api/images",
           .summary = "Served images",
           .description = "[{id, name, uri, geospatial, sizeX, sizeY, levels, urls}]",
           .tag = "images",
           .produces = kJson,
           .handler = [](RouteContext& c) {
               nlohmann::json list = nlohmann::json::array();
               for (const auto& img : c.api.registry().list()) list.push_back(imageEntry(c, img));
               return HttpResponse::json(list);
           }});
}

}  // namespace tessera::http
