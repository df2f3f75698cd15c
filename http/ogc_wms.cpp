// WMS 1.3.0 at /wms: GetCapabilities (one layer per georeferenced image, the configured image
// formats and CRS list plus each layer's native CRS and CRS:84, styles = "default" and the saved
// presets) and GetMap (BBOX in the CRS's EPSG axis order, exactly WIDTH × HEIGHT, TRANSPARENT,
// BGCOLOR, several layers composited in order, at most max-wms-layers of them). Errors are
// ServiceExceptionReports (HTTP 400; 413 for a map over the request-memory budget, which no
// EXCEPTIONS=BLANK hides) unless EXCEPTIONS=BLANK/INIMAGE asks for an image.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "geo/crs.h"
#include "http/ogc_exception.h"
#include "http/ogc_render.h"
#include "http/ogc_xml.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "raster/rgba.h"
#include "service/region_output.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"
#include "util/text.h"

namespace tessera::http {

namespace {

using namespace ogc;

constexpr int kMaxSide = 8192;

void onlineResource(XmlWriter& x, const std::string& url) {
    x.start("OnlineResource").attr("xlink:type", "simple").attr("xlink:href", url).end();
}

void dcp(XmlWriter& x, const std::string& url) {
    x.start("DCPType").start("HTTP").start("Get");
    onlineResource(x, url);
    x.end().end().end();
}

void geographicBox(XmlWriter& x, const Bounds& b) {
    x.start("EX_GeographicBoundingBox")
        .element("westBoundLongitude", num(b.xmin))
        .element("eastBoundLongitude", num(b.xmax))
        .element("southBoundLatitude", num(std::max(b.ymin, -90.0)))
        .element("northBoundLatitude", num(std::min(b.ymax, 90.0)))
        .end();
}

// A BoundingBox in the CRS's axis order (x = easting in b).
void boundingBox(XmlWriter& x, const std::string& crs, const Bounds& b, bool swapped) {
    x.start("BoundingBox").attr("CRS", crs);
    if (swapped)
        x.attr("minx", num(b.ymin))
            .attr("miny", num(b.xmin))
            .attr("maxx", num(b.ymax))
            .attr("maxy", num(b.xmax));
    else
        x.attr("minx", num(b.xmin))
            .attr("miny", num(b.ymin))
            .attr("maxx", num(b.xmax))
            .attr("maxy", num(b.ymax));
    x.end();
}

HttpResponse capabilities(RouteContext& c) {
    const auto cfg = ServiceConfig::current();
    const std::string url = serviceUrl(c.origin(), "/wms", c.queryToken());
    const auto all = layers(c.api.engine(), c.api.registry());
    const auto styles = styleNames();

    XmlWriter x;
    x.start("WMS_Capabilities")
        .ns("http://www.opengis.net/wms")
        .ns(kXlinkNs, "xlink")
        .ns(kXsiNs, "xsi")
        .attr("version", "1.3.0")
        .attr("xsi:schemaLocation",
              "http://www.opengis.net/wms "
              "http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd");
    x.start("Service")
        .element("Name", "WMS")
        .element("Title", trc("Ogc", "Tessera Web Map Service"))
        .element("Abstract", trc("Ogc", "The images this Tessera server serves, one layer each."));
    onlineResource(x, url);
    x.element("MaxWidth", std::to_string(kMaxSide))
        .element("MaxHeight", std::to_string(kMaxSide))
        .end();

    x.start("Capability").start("Request");
    x.start("GetCapabilities").element("Format", "text/xml");
    dcp(x, url);
    x.end();
    x.start("GetMap");
    for (const auto& f : imageFormats(*cfg)) x.element("Format", f.mimeType);
    dcp(x, url);
    x.end().end();  // GetMap, Request
    x.start("Exception")
        .element("Format", "XML")
        .element("Format", "INIMAGE")
        .element("Format", "BLANK")
        .end();

    // Root layer: the common CRS list; each image layer adds its native CRS.
    x.start("Layer").element("Title", trc("Ogc", "Tessera images"));
    x.element("CRS", "CRS:84");
    for (int code : cfg->epsgCodes) x.element("CRS", "EPSG:" + std::to_string(code));
    Bounds world{-180, -90, 180, 90};
    if (!all.empty()) {
        world = all.front().wgs84;
        for (const auto& l : all) {
            world.xmin = std::min(world.xmin, l.wgs84.xmin);
            world.ymin = std::min(world.ymin, l.wgs84.ymin);
            world.xmax = std::max(world.xmax, l.wgs84.xmax);
            world.ymax = std::max(world.ymax, l.wgs84.ymax);
        }
    }
    geographicBox(x, world);
    boundingBox(x, "CRS:84", world, false);
    for (const auto& l : all) {
        x.start("Layer").attr("queryable", "0").attr("opaque", "0");
        x.element("Name", l.image.id).element("Title", l.image.name);
        if (l.nativeEpsg && !cfg->supportsCrs(*l.nativeEpsg))
            x.element("CRS", "EPSG:" + std::to_string(*l.nativeEpsg));
        geographicBox(x, l.wgs84);
        boundingBox(x, "CRS:84", l.wgs84, false);
        if (cfg->supportsCrs(4326)) boundingBox(x, "EPSG:4326", l.wgs84, true);
        if (l.nativeEpsg && *l.nativeEpsg != 4326)
            boundingBox(x, "EPSG:" + std::to_string(*l.nativeEpsg), l.native,
                        epsgAxisSwapped(*l.nativeEpsg));
        for (const auto& s : styles) {
            x.start("Style").element("Name", s);
            x.element("Title", s == "default" ? trc("Ogc", "Default style") : s).end();
        }
        x.end();
    }
    x.end().end().end();  // root Layer, Capability, WMS_Capabilities
    return xmlResponse(x.finish());
}

int positiveInt(const std::optional<std::string>& v, const char* name) {
    if (!v) missing(name);
    int out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || p != v->data() + v->size() || out < 1 || out > kMaxSide)
        raise("InvalidParameterValue",
              trf("Ogc", "%1 must be a whole number from 1 to %2.", name, std::to_string(kMaxSide)),
              name);
    return out;
}

struct MapRequest {
    std::vector<Layer> layers;
    std::vector<StyleSpec> styles;
    CrsName crs;
    Bounds bbox;  // x = easting / longitude
    int width = 0, height = 0;
    const OutputFormat* format = nullptr;
    bool transparent = false;
    unsigned bgcolor = 0xFFFFFF;
};

// The parameters GetMap needs even to report an error as an image (EXCEPTIONS=BLANK).
void parseImageParams(const HttpRequest& q, MapRequest& m, const ServiceConfig& cfg) {
    m.width = positiveInt(kvp(q, "WIDTH"), "WIDTH");
    m.height = positiveInt(kvp(q, "HEIGHT"), "HEIGHT");
    const auto format = kvp(q, "FORMAT");
    if (!format || format->empty()) missing("FORMAT");
    m.format = findImageFormat(cfg, *format);
    if (!m.format) {
        std::string list;
        for (const auto& f : imageFormats(cfg)) list += (list.empty() ? "" : ", ") + f.mimeType;
        raise("InvalidFormat",
              trf("Ogc", "Format \"%1\" is not offered; use one of: %2.", *format, list), "FORMAT");
    }
    if (auto t = kvp(q, "TRANSPARENT")) {
        const std::string v = asciiUpper(*t);
        if (v != "TRUE" && v != "FALSE" && !v.empty())
            raise("InvalidParameterValue", trc("Ogc", "TRANSPARENT must be TRUE or FALSE."),
                  "TRANSPARENT");
        m.transparent = v == "TRUE";
    }
    if (auto bg = kvp(q, "BGCOLOR"); bg && !bg->empty()) {
        std::string v = asciiUpper(*bg);
        if (v.rfind("0X", 0) == 0) v = v.substr(2);
        unsigned out = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out, 16);
        if (v.size() != 6 || ec != std::errc() || p != v.data() + v.size())
            raise("InvalidParameterValue", trc("Ogc", "BGCOLOR must be 0xRRGGBB."), "BGCOLOR");
        m.bgcolor = out;
    }
}

void parseMapParams(RouteContext& c, MapRequest& m, const ServiceConfig& cfg) {
    const HttpRequest& q = c.request;
    if (auto v = kvp(q, "VERSION"); v && !v->empty() && *v != "1.3.0" && *v != "1.3")
        raise("InvalidParameterValue",
              trf("Ogc", "Version %1 is not supported; this server speaks WMS 1.3.0.", *v),
              "VERSION");
    const auto layerNames = kvp(q, "LAYERS");
    if (!layerNames || layerNames->empty()) missing("LAYERS");
    const std::vector<std::string> names = splitList(*layerNames);
    const long long maxLayers = c.api.limits().wmsMaxLayers;
    if (static_cast<long long>(names.size()) > maxLayers)
        raise("InvalidParameterValue",
              trf("Ogc", "LAYERS names %1 layers; this server draws at most %2 in one map.",
                  std::to_string(names.size()), std::to_string(maxLayers)),
              "LAYERS");
    for (const auto& name : names) {
        auto l = findLayer(c.api.engine(), c.api.registry(), name);
        if (!l) raise("LayerNotDefined", trf("Ogc", "There is no layer \"%1\".", name), "LAYERS");
        m.layers.push_back(std::move(*l));
    }
    // STYLES is mandatory in 1.3.0 but commonly left out; empty entries mean the default.
    std::vector<std::string> styleNamesGiven = splitList(kvp(q, "STYLES").value_or(""));
    if (!styleNamesGiven.empty() && styleNamesGiven.size() != m.layers.size())
        raise("StyleNotDefined", trc("Ogc", "STYLES must name one style per layer (or be empty)."),
              "STYLES");
    const StyleLimits styleLimits =
        StyleLimits::of(c.api.limits().maxStyleBytes, c.api.limits().maxStyleDepth);
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
        const std::string name = styleNamesGiven.empty() ? "" : styleNamesGiven[i];
        auto s = namedStyle(name, styleLimits);
        if (!s) raise("StyleNotDefined", trf("Ogc", "There is no style \"%1\".", name), "STYLES");
        m.styles.push_back(*s);
    }
    auto crs = kvp(q, "CRS");
    if (!crs) crs = kvp(q, "SRS");  // WMS 1.1 clients
    if (!crs || crs->empty()) missing("CRS");
    auto name = parseCrsName(*crs);
    bool ok = name && (name->crs84 || cfg.supportsCrs(name->epsg));
    if (name && !ok)  // a layer's native CRS is always offered
        ok = std::all_of(m.layers.begin(), m.layers.end(),
                         [&](const Layer& l) { return l.nativeEpsg == name->epsg; });
    if (!ok)
        raise("InvalidCRS",
              trf("Ogc", "CRS \"%1\" is not offered; use CRS:84 or one of: %2.", *crs,
                  cfg.describeCrsList()),
              "CRS");
    m.crs = *name;
    const auto bbox = kvp(q, "BBOX");
    if (!bbox || bbox->empty()) missing("BBOX");
    std::vector<double> v;
    for (const auto& part : splitList(*bbox)) {
        bool okNum = false;
        const double d = QByteArray::fromStdString(part).trimmed().toDouble(&okNum);
        if (!okNum || !std::isfinite(d))
            raise("InvalidParameterValue", trc("Ogc", "BBOX must be four numbers."), "BBOX");
        v.push_back(d);
    }
    if (v.size() != 4)
        raise("InvalidParameterValue", trc("Ogc", "BBOX must be four numbers."), "BBOX");
    if (!(v[0] < v[2]) || !(v[1] < v[3]))
        raise("InvalidParameterValue",
              trc("Ogc", "BBOX minimum values must be smaller than the maximum values."), "BBOX");
    // WMS 1.3.0: the axis order of the CRS (EPSG:4326 is latitude, longitude; CRS:84 is not).
    if (!m.crs.crs84 && epsgAxisSwapped(m.crs.epsg))
        m.bbox = {v[1], v[0], v[3], v[2]};
    else
        m.bbox = {v[0], v[1], v[2], v[3]};
    if (double(m.width) * m.height > double(c.api.engine().config().maxRegionPixels))
        raise("InvalidParameterValue", trc("Ogc", "WIDTH × HEIGHT is too large."), "WIDTH");
}

// georeferenced: GeoTIFF (and other GDAL formats) carry the CRS and BBOX of the map.
Encoded encodeMap(const Image& rgba, const MapRequest& m, bool georeferenced) {
    const bool alpha = m.transparent && asciiUpper(m.format->driver) != "JPEG";
    std::optional<GeoReference> geo;
    if (georeferenced) {
        geo.emplace();
        geo->wkt = crsToWkt(m.crs.gdal());
        geo->geoTransform = {m.bbox.xmin, m.bbox.width() / m.width,   0, m.bbox.ymax,
                             0,           -m.bbox.height() / m.height};
    }
    return encodePicture(alpha ? rgba : flatten(rgba, m.bgcolor), *m.format, geo ? &*geo : nullptr);
}

// The request's memory budget, before anything is read: the canvas and its flattened copy, plus
// the costliest layer (they are rendered one after another).
void checkMapBudget(RouteContext& c, const MapRequest& m) {
    const std::size_t budget = requestMemoryBudget();
    if (budget == 0) return;
    const double pixels = double(m.width) * m.height;
    bool surely = true;  // every layer's bound fits: no style needs resolving
    for (const Layer& l : m.layers)
        surely = surely &&
                 double(answerBytesBound(l.info, true, pixels)) + pixels * 8.0 <= double(budget);
    if (surely) return;
    std::size_t most = 0;
    for (std::size_t i = 0; i < m.layers.size(); ++i)
        most =
            std::max(most, layerBytes(c.api.engine(), m.layers[i], m.styles[i], m.width, m.height));
    const double total = pixels * 8.0 + double(most);
    checkBudget(
        total >= 1.8e19 ? std::size_t(-1) : std::size_t(total),
        trf("Ogc", "A map of %1 × %2 pixels", std::to_string(m.width), std::to_string(m.height)));
}

HttpResponse getMap(RouteContext& c) {
    const auto cfg = ServiceConfig::current();
    const std::string exceptions = asciiUpper(kvp(c.request, "EXCEPTIONS").value_or("XML"));
    const bool inImage = exceptions == "BLANK" || exceptions == "INIMAGE" ||
                         exceptions == "APPLICATION/VND.OGC.SE_BLANK" ||
                         exceptions == "APPLICATION/VND.OGC.SE_INIMAGE";
    MapRequest m;
    parseImageParams(c.request, m, *cfg);  // without these even a blank image cannot be made
    try {
        parseMapParams(c, m, *cfg);
        checkMapBudget(c, m);
        MapRenderRequest r;
        for (std::size_t i = 0; i < m.layers.size(); ++i)
            r.layers.push_back(mapLayer(m.layers[i], m.styles[i]));
        r.crs = m.crs.gdal();
        r.xmin = m.bbox.xmin;
        r.ymin = m.bbox.ymin;
        r.xmax = m.bbox.xmax;
        r.ymax = m.bbox.ymax;
        r.width = m.width;
        r.height = m.height;
        const TileStore::Pixels canvas = c.api.engine().mapPixels(r);
        const Encoded e = encodeMap(*canvas, m, true);
        return HttpResponse::bytes(
            QByteArray(reinterpret_cast<const char*>(e.bytes->data()), qsizetype(e.bytes->size())),
            QByteArray::fromStdString(e.mimeType));
    } catch (const std::exception& ex) {
        if (!inImage) throw;
        // Over the budget (or cancelled) is no blank map: the client must know.
        if (const auto* e = dynamic_cast<const Error*>(&ex);
            e && (e->kind() == ErrorKind::TooLarge || e->kind() == ErrorKind::Cancelled))
            throw;
        // EXCEPTIONS=BLANK (and INIMAGE, drawn blank): an empty map of the requested size.
        const Encoded e = encodeMap(Image(m.width, m.height, 4), m, false);
        return HttpResponse::bytes(
            QByteArray(reinterpret_cast<const char*>(e.bytes->data()), qsizetype(e.bytes->size())),
            QByteArray::fromStdString(e.mimeType));
    }
}

HttpResponse wms(RouteContext& c) {
    return runService(ReportKind::Wms130, [&] {
        if (auto s = kvp(c.request, "SERVICE"); s && !s->empty() && asciiUpper(*s) != "WMS")
            raise("InvalidParameterValue", trf("Ogc", "SERVICE must be WMS here, not \"%1\".", *s),
                  "SERVICE");
        const auto request = kvp(c.request, "REQUEST");
        if (!request || request->empty()) missing("REQUEST");
        const std::string r = asciiUpper(*request);
        if (r == "GETCAPABILITIES" || r == "CAPABILITIES") return capabilities(c);
        if (r == "GETMAP" || r == "MAP") return getMap(c);
        raise(
            "OperationNotSupported",
            trf("Ogc", "Request \"%1\" is not supported; use GetCapabilities or GetMap.", *request),
            "REQUEST");
    });
}

ParamSpec kv(const char* name, const char* description, std::vector<std::string> values = {}) {
    return {name, ParamIn::Query, ParamType::String, "", description, false, std::move(values)};
}

}  // namespace

void addWmsRoutes(RouteTable& t) {
    t.add({.pattern = "/wms",
           .summary = "OGC WMS 1.3.0",
           .description =
               "GetCapabilities and GetMap; one layer per georeferenced image (Name = image id). "
               "BBOX follows the CRS's axis order (EPSG:4326: lat,lon; CRS:84: lon,lat). "
               "Errors are WMS ServiceExceptionReports (XML, HTTP 400) unless EXCEPTIONS=BLANK.",
           .tag = "ogc",
           .params = {kv("SERVICE", "WMS."), kv("REQUEST", "GetCapabilities or GetMap."),
                      kv("VERSION", "1.3.0."),
                      kv("LAYERS", "Comma-separated layer names (image ids or names)."),
                      kv("STYLES", "Comma-separated style names: default or a saved preset."),
                      kv("CRS", "EPSG:nnnn from the capabilities, or CRS:84."),
                      kv("BBOX", "minx,miny,maxx,maxy in the CRS's axis order."),
                      kv("WIDTH", "Output width in pixels."),
                      kv("HEIGHT", "Output height in pixels."),
                      kv("FORMAT", "Output MIME type, e.g. image/png."),
                      kv("TRANSPARENT", "TRUE: transparent outside the data.", {"TRUE", "FALSE"}),
                      kv("BGCOLOR", "Background colour 0xRRGGBB (default 0xFFFFFF)."),
                      kv("EXCEPTIONS", "XML (default), BLANK or INIMAGE.")},
           .produces = {"text/xml", "image/png", "image/jpeg", "image/webp", "image/tiff"},
           .handler = wms});
}

}  // namespace tessera::http
