#include "http/route_context.h"

#include <QByteArray>
#include <charconv>
#include <cmath>

#include "service/style_params.h"
#include "source/open_source.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera::http {

RouteContext::RouteContext(ApiState& a, const HttpRequest& req, const Route& r,
                           std::map<std::string, std::string> pp,
                           std::optional<RegisteredImage> img)
    : api(a), request(req), route(r), pathParams(std::move(pp)), image(std::move(img)) {}

std::optional<std::string> RouteContext::raw(const std::string& name) const {
    if (auto it = pathParams.find(name); it != pathParams.end()) return it->second;
    return request.queryValue(name);
}

namespace {

[[noreturn]] void badType(const std::string& name) {
    fail(ErrorKind::BadRequest, trf("Http", "\"%1\" parameter is an incorrect type.", name));
}

}  // namespace

std::string RouteContext::string(const std::string& name) const {
    if (auto v = raw(name)) return *v;
    const ParamSpec* p = route.param(name);
    if (p && p->required)
        fail(ErrorKind::BadRequest, trf("Http", "Parameter \"%1\" is required.", name));
    return p ? p->defaultValue : std::string();
}

int RouteContext::integer(const std::string& name) const {
    std::string v = trimmed(string(name));
    if (v.empty())
        if (const ParamSpec* p = route.param(name)) v = p->defaultValue;  // "?n=" = default
    if (v.empty()) badType(name);
    long long out = 0;
    const char* b = v.data() + (v[0] == '+' ? 1 : 0);
    auto [ptr, ec] = std::from_chars(b, v.data() + v.size(), out);
    if (ec != std::errc() || ptr != v.data() + v.size() || out < -2147483647LL ||
        out > 2147483647LL)
        badType(name);
    return int(out);
}

double RouteContext::number(const std::string& name) const {
    const std::string v = trimmed(string(name));
    if (v.empty()) badType(name);
    bool ok = false;
    const double d = QByteArray::fromStdString(v).toDouble(&ok);
    if (!ok || !std::isfinite(d)) badType(name);
    return d;
}

bool RouteContext::boolean(const std::string& name) const {
    std::string v = trimmed(string(name));
    for (auto& c : v) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (v == "true" || v == "1" || v == "yes" || v == "on" || v == "t" || v == "y") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off" || v == "f" || v == "n" || v.empty())
        return false;
    badType(name);
}

std::optional<double> RouteContext::optionalNumber(const std::string& name) const {
    auto v = raw(name);
    if (!v || isNully(trimmed(*v))) return std::nullopt;
    return number(name);
}

ImageRef RouteContext::imageRef() const {
    if (!image) fail(ErrorKind::NotFound, trc("Http", "Not found."));
    ImageRef ref = image->ref;
    if (auto proj = raw("projection"); proj && !trimmed(*proj).empty())
        ref.projection = trimmed(*proj);
    if (auto src = raw("source"); src && !src->empty()) {
        const auto names = availableSourceNames();
        bool known = false;
        std::string list = "[";
        for (const auto& n : names) {
            known = known || n == *src;
            list += (list.size() > 1 ? ", '" : "'") + n + "'";
        }
        list += "]";
        if (!known)
            fail(ErrorKind::BadRequest,
                 trf("Http", "'%1' is not a valid source. Try one of: %2", *src, list));
        ref.sourceName = *src;
    }
    return ref;
}

StyleSpec RouteContext::style() const {
    SimpleStyleParams p;
    p.style = request.queryValue("style");
    p.band = request.queryValue("band");
    p.min = request.queryValue("min");
    p.max = request.queryValue("max");
    p.palette = request.queryValue("palette");
    if (!p.palette || isNully(*p.palette)) p.palette = request.queryValue("cmap");
    p.nodata = request.queryValue("nodata");
    p.scheme = request.queryValue("scheme");
    StyleSpec s;
    s.styleJson = styleJsonFromParams(
        p, StyleLimits::of(api.limits().maxStyleBytes, api.limits().maxStyleDepth));
    if (auto it = pathParams.find("frame"); it != pathParams.end())
        s.frame = integer("frame");
    else if (auto f = request.queryValue("frame"); f && !isNully(*f))
        s.frame = integer("frame");
    if (s.frame < 0) badType("frame");
    return s;
}

bool RouteContext::styleGiven() const {
    return !style().styleJson.empty();
}

Encoding RouteContext::encoding() const {
    auto e = parseEncoding(raw("fmt").value_or("png"));  // fzxy without .fmt = PNG
    if (!e) fail(ErrorKind::NotFound, trc("Http", "Not found."));
    return *e;
}

std::string RouteContext::origin() const {
    QByteArray host = request.header("host");
    if (host.isEmpty()) host = "127.0.0.1";
    return "http://" + host.toStdString();
}

std::string RouteContext::queryToken() const {
    return request.queryValue("token").value_or("");
}

std::vector<ParamSpec> imageParams() {
    return {
        {"projection",
         ParamIn::Query,
         ParamType::String,
         "",
         "Tile projection passed to the source, e.g. EPSG:3857 (empty: native pixel tiling). "
         "Geographic CRSs are rejected.",
         false,
         {}},
        {"source",
         ParamIn::Query,
         ParamType::String,
         "",
         "Force a reader by name (see /api/large-image/sources); empty = auto-detect.",
         false,
         {}},
    };
}

std::vector<ParamSpec> styleParams() {
    auto q = [](const char* n, ParamType t, const char* d) {
        return ParamSpec{n, ParamIn::Query, t, "", d, false, {}};
    };
    return {
        q("style", ParamType::String,
          "URL-encoded large_image style JSON; wins over the simple parameters below."),
        q("band", ParamType::Integer, "1-based band; 0 or absent = the source's default style."),
        q("min", ParamType::String,
          "Minimum for band (number, 'auto', 'min', 'max', 'full', 'min:T')."),
        q("max", ParamType::String, "Maximum for band."),
        q("palette", ParamType::String, "Palette for band (colormap name or colour)."),
        q("cmap", ParamType::String, "Alias of palette."),
        q("nodata", ParamType::String, "No-data value for band."),
        q("scheme", ParamType::String, "linear or discrete, for band."),
        q("frame", ParamType::Integer, "Frame number (default 0)."),
    };
}

ParamSpec formatParam(const std::string& description) {
    return {"fmt",
            ParamIn::Path,
            ParamType::String,
            "",
            description,
            true,
            {"png", "jpeg", "jpg", "jfif", "webp", "tiff", "tif", "tiled"}};
}

}  // namespace tessera::http
