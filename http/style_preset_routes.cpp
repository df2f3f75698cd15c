// Saved style presets (core/style/style_presets.h): list them, read, save and delete one. WMS
// STYLES= and WMTS style= name them. Bounded by the server's limits: a body over max-style-bytes
// → 413, nesting over max-style-depth → 400 (both checked before the body is parsed), more than
// max-style-presets presets → 409.
#include <algorithm>

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
    const ServerLimits& limits = c.api.limits();
    const std::string name = c.string("name");
    StylePresets::checkName(name);
    const QByteArray& body = c.request.body;
    if (body.size() > limits.maxStyleBytes)
        return HttpResponse::error(
            413, trf("Http",
                     "The style is %1 bytes long; this server keeps styles of at most %2 bytes "
                     "(--limit max-style-bytes).",
                     std::to_string(body.size()), std::to_string(limits.maxStyleBytes)));
    const nlohmann::json style =
        parseStyleJson(std::string_view(body.constData(), std::size_t(body.size())),
                       StyleLimits::of(limits.maxStyleBytes, limits.maxStyleDepth));
    if (!StylePresets::shared().put(name, style,
                                    std::size_t(std::max(0LL, limits.maxStylePresets))))
        return HttpResponse::error(409,
                                   trf("Http",
                                       "There are %1 style presets already, this server's limit "
                                       "(--limit max-style-presets); delete one first.",
                                       std::to_string(limits.maxStylePresets)));
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
                              "\"default\"). 413 over max-style-bytes, 409 when "
                              "max-style-presets presets exist.",
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
