// Saved style presets (core/style/style_presets.h): list them, read, save and delete one. WMS
// STYLES= and WMTS style= name them.
#include "http/route_context.h"
#include "http/routes.h"
#include "style/style_presets.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

const std::vector<std::string> kJson = {"application/json"};

ParamSpec nameParam() {
    return {"name", ParamIn::Path, ParamType::String, "", "Preset name.", true, {}};
}

HttpResponse getPreset(RouteContext& c) {
    const std::string name = c.string("name");
    auto style = StylePresets::shared().get(name);
    if (!style) fail(ErrorKind::NotFound, trf("Http", "There is no style preset \"%1\".", name));
    return HttpResponse::json(*style);
}

HttpResponse putPreset(RouteContext& c) {
    const QByteArray& body = c.request.body;
    nlohmann::json style = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
    if (style.is_discarded())
        fail(ErrorKind::BadRequest, trc("Http", "The body must be a large_image style (JSON)."));
    StylePresets::shared().put(c.string("name"), style);
    return HttpResponse::json(style);
}

}  // namespace

void addStylePresetRoutes(RouteTable& t) {
    t.add({.pattern = "/api/styles",
           .summary = "Saved style presets",
           .description = "{name: style JSON} of the presets saved in the config dir "
                          "(styles.json). WMS STYLES= and WMTS style= refer to them by name.",
           .tag = "styles",
           .produces = kJson,
           .handler = [](RouteContext&) {
               return HttpResponse::json(StylePresets::shared().all());
           }});
    t.add({.pattern = "/api/styles/{name}",
           .summary = "One style preset",
           .tag = "styles",
           .params = {nameParam()},
           .produces = kJson,
           .handler = getPreset});
    for (const char* method : {"PUT", "POST"})
        t.add({.method = method,
               .pattern = "/api/styles/{name}",
               .summary = "Save a style preset",
               .description = "The body is a large_image style; it is validated and stored under "
                              "the name (letters, digits, '_', '-', '.', spaces; not "
                              "\"default\").",
               .tag = "styles",
               .params = {nameParam()},
               .produces = kJson,
               .hasBody = true,
               .handler = putPreset});
    t.add({.method = "DELETE",
           .pattern = "/api/styles/{name}",
           .summary = "Delete a style preset",
           .tag = "styles",
           .params = {nameParam()},
           .produces = kJson,
           .handler = [](RouteContext& c) {
               const std::string name = c.string("name");
               if (!StylePresets::shared().remove(name))
                   fail(ErrorKind::NotFound, trf("Http", "There is no style preset \"%1\".", name));
               return HttpResponse::json({{"deleted", name}});
           }});
}

}  // namespace tessera::http
