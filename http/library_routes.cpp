#include "http/library_routes.h"

#include "http/api_state.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "http/tile_response.h"
#include "library/library_store.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

const std::vector<std::string> kJson = {"application/json"};
const std::vector<std::string> kImageTypes = {"image/png", "image/jpeg", "image/webp",
                                              "image/tiff"};

ParamSpec query(const char* name, ParamType type, const char* def, const char* description) {
    return ParamSpec{name, ParamIn::Query, type, def, description, false, {}};
}

LibraryStore& storeOf(RouteContext& c) {
    if (!c.api.library())
        fail(ErrorKind::NotFound, trc("Http", "This server has no image library attached."));
    return *c.api.library();
}

LibraryImage imageOf(RouteContext& c) {
    const std::string key = c.string("key");
    auto img = storeOf(c).find(key);
    if (!img) fail(ErrorKind::NotFound, trf("Http", "No image \"%1\" in the library.", key));
    return *img;
}

nlohmann::json entry(const LibraryImage& img) {
    nlohmann::json j = toJson(img);
    const std::string base = "/api/library/" + std::to_string(img.id);
    j["urls"] = {{"record", base},
                 {"thumbnail", base + "/thumbnail.jpeg"},
                 {"metadata", base + "/info/metadata"},
                 {"tiles", base + "/tiles/{z}/{x}/{y}.png"},
                 {"tilejson", base + "/tilejson"},
                 {"viewer", base + "/viewer"}};
    return j;
}

}  // namespace

bool isLibraryImagePath(const QString& path) {
    return path.startsWith(QStringLiteral("/api/library/"));
}

std::optional<RegisteredImage> findLibraryImage(ApiState& api, const std::string& idOrName) {
    if (!api.library()) return std::nullopt;
    try {
        const auto img = api.library()->find(idOrName);
        if (!img || img->state != "ok") return std::nullopt;
        RegisteredImage r;
        r.id = std::to_string(img->id);
        r.name = img->baseName;
        r.ref.uri = img->path;
        r.urlPrefix = "/api/library/";
        return r;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void addLibraryRoutes(RouteTable& t) {
    t.add({.pattern = "/api/library",
           .summary = "Library images",
           .description = "{total, offset, images: [{id, path, name, baseName, size, mtime, sizeX, "
                          "sizeY, bands, dtype, format, geospatial, state, error, thumbnail, "
                          "urls}]} of the images recorded in the library, sorted by name.",
           .tag = "library",
           .params = {query("search", ParamType::String, "", "Text in the file name or path."),
                      query("format", ParamType::String, "",
                            "Format (GTiff, PNG, JPEG, FITS, ...), case-insensitive."),
                      query("geospatial", ParamType::String, "",
                            "true: only georeferenced images; false: only the others."),
                      query("min_size", ParamType::Number, "", "Minimum file size (bytes)."),
                      query("max_size", ParamType::Number, "", "Maximum file size (bytes)."),
                      query("state", ParamType::String, "", "ok or error."),
                      query("limit", ParamType::Integer, "0", "At most this many (0 = all)."),
                      query("offset", ParamType::Integer, "0", "Skip this many.")},
           .produces = kJson,
           .handler = [](RouteContext& c) {
               LibraryStore& store = storeOf(c);
               LibraryQuery q;
               q.search = c.string("search");
               q.format = c.string("format");
               if (c.raw("geospatial") && !c.string("geospatial").empty())
                   q.geospatial = c.boolean("geospatial");
               if (c.raw("min_size")) q.minSize = std::int64_t(c.number("min_size"));
               if (c.raw("max_size")) q.maxSize = std::int64_t(c.number("max_size"));
               if (const std::string s = c.string("state"); !s.empty()) q.state = s;
               const std::int64_t total = store.count(q);
               q.limit = std::max(0, c.integer("limit"));
               q.offset = std::max(0, c.integer("offset"));
               nlohmann::json list = nlohmann::json::array();
               for (const auto& img : store.images(q)) list.push_back(entry(img));
               return HttpResponse::json(
                   {{"total", total}, {"offset", q.offset}, {"images", std::move(list)}});
           }});
    t.add({.pattern = "/api/library/folders",
           .summary = "Library folders",
           .description = "[{id, uri, managed, lastSync, syncState, syncError, images}]",
           .tag = "library",
           .produces = kJson,
           .handler = [](RouteContext& c) {
               LibraryStore& store = storeOf(c);
               nlohmann::json list = nlohmann::json::array();
               for (const auto& f : store.folders()) {
                   nlohmann::json j = toJson(f);
                   LibraryQuery q;
                   q.folderId = f.id;
                   j["images"] = store.count(q);
                   list.push_back(std::move(j));
               }
               return HttpResponse::json(list);
           }});
    t.add({.pattern = "/api/library/{key}",
           .summary = "Library image",
           .description = "The record of one library image, by library id or file base name. Every "
                          "per-image route (tiles, info, data, tilejson, viewer) is also served "
                          "under /api/library/{id or base name}/.",
           .tag = "library",
           .params = {{"key",
                       ParamIn::Path,
                       ParamType::String,
                       "",
                       "Library id, or the file name without extension.",
                       true,
                       {}}},
           .produces = kJson,
           .handler = [](RouteContext& c) { return HttpResponse::json(entry(imageOf(c))); }});
    auto params = std::vector<ParamSpec>{
        {"key",
         ParamIn::Path,
         ParamType::String,
         "",
         "Library id, or the file name without extension.",
         true,
         {}},
        formatParam("png, jpeg, webp, tiff"),
        query("width", ParamType::Integer, "256", "Maximum width in pixels."),
        query("height", ParamType::Integer, "256", "Maximum height in pixels."),
        query("label", ParamType::String, "", "Text drawn in white in the lower left corner.")};
    for (auto& p : styleParams()) params.push_back(p);
    t.add({.pattern = "/api/library/{key}/thumbnail.{fmt}",
           .summary = "Library thumbnail",
           .description = "The image fitted into width × height (aspect kept), with an optional "
                          "label, as the LCO archive thumbnail service. The stored 256² JPEG "
                          "thumbnail is served when it fits the request.",
           .tag = "library",
           .params = params,
           .produces = kImageTypes,
           .handler = [](RouteContext& c) {
               const LibraryImage img = imageOf(c);
               if (img.state != "ok")
                   fail(ErrorKind::Unsupported,
                        trf("Http", "%1 could not be read: %2", img.name, img.error));
               const int width = c.integer("width");
               const int height = c.integer("height");
               if (width < 1 || height < 1)
                   fail(ErrorKind::BadRequest,
                        trc("Http", "width and height must be positive numbers of pixels."));
               const std::string label = c.string("label");
               const Encoding encoding = c.encoding();
               if (encoding == Encoding::JPEG && width == 256 && height == 256 && label.empty() &&
                   !c.styleGiven() && !c.raw("style") && !c.raw("palette") && !c.raw("min") &&
                   !c.raw("max"))
                   if (auto stored = storeOf(c).thumbnail(img.id)) {
                       Encoded e;
                       e.bytes = std::make_shared<const std::vector<std::uint8_t>>(
                           std::move(stored->bytes));
                       e.mimeType = stored->mimeType;
                       return cacheableImage(c.request, e);
                   }
               ThumbnailRequest r;
               r.image.uri = img.path;
               r.maxWidth = width;
               r.maxHeight = height;
               r.style = c.style();
               r.encoding = encoding;
               r.label = label;
               return cacheableImage(c.request, c.api.engine().thumbnail(r));
           }});
}

}  // namespace tessera::http
