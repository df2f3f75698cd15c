// WMTS 1.0.0: capabilities (KVP at /wmts and REST at /wmts/1.0.0/WMTSCapabilities.xml) with the
// WebMercatorQuad tile matrix set (tiles identical to the EPSG:3857 XYZ tiles of
// /api/image/{id}/tiles) and WorldCRS84Quad when EPSG:4326 is in the configured CRS list;
// GetTile by KVP and REST (/wmts/1.0.0/{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/
// {TileCol}.{ext}). Errors are OWS 1.1 ExceptionReports (TileOutOfRange, ...).
#include <algorithm>
#include <charconv>
#include <cmath>

#include "http/ogc_exception.h"
#include "http/ogc_render.h"
#include "http/ogc_xml.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "http/tile_response.h"
#include "tiling/tile_grid.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera::http {

namespace {

using namespace ogc;

constexpr double kMercatorHalf = 20037508.342789244;
constexpr int kMaxZoom = 24;

enum class MatrixSet { WebMercatorQuad, WorldCRS84Quad };

const char* setName(MatrixSet s) {
    return s == MatrixSet::WebMercatorQuad ? "WebMercatorQuad" : "WorldCRS84Quad";
}

std::vector<MatrixSet> matrixSets(const ServiceConfig& cfg) {
    std::vector<MatrixSet> out{MatrixSet::WebMercatorQuad};
    if (cfg.supportsCrs(4326)) out.push_back(MatrixSet::WorldCRS84Quad);
    return out;
}

int matrixWidth(MatrixSet s, int z) {
    return (s == MatrixSet::WorldCRS84Quad ? 2 : 1) << z;
}
int matrixHeight(int z) {
    return 1 << z;
}
// Tile size in CRS units at level z (metres / degrees).
double tileSpan(MatrixSet s, int z) {
    return (s == MatrixSet::WebMercatorQuad ? 2 * kMercatorHalf : 180.0) / double(1 << z);
}
Point2 topLeft(MatrixSet s) {
    return s == MatrixSet::WebMercatorQuad ? Point2{-kMercatorHalf, kMercatorHalf}
                                           : Point2{-180.0, 90.0};
}

// Tile formats: the configured image formats Tessera's tile encoders write (PNG, JPEG, WebP,
// TIFF), so WebMercatorQuad tiles are the XYZ tiles themselves.
std::vector<OutputFormat> tileFormats(const ServiceConfig& cfg) {
    std::vector<OutputFormat> out;
    for (const auto& f : imageFormats(cfg))
        if (pictureEncoding(f)) out.push_back(f);
    return out;
}

struct Limits {
    int minRow = 0, maxRow = -1, minCol = 0, maxCol = -1;
};

// What one layer offers in one matrix set: its deepest level and, per level, the tiles that
// touch its data.
struct LayerSet {
    int maxZoom = 0;
    Bounds dataBounds;  // in the set's CRS

    Limits limits(MatrixSet s, int z) const {
        const double span = tileSpan(s, z);
        const Point2 tl = topLeft(s);
        auto clampi = [](double v, int hi) { return std::clamp(int(v), 0, hi); };
        Limits l;
        l.minCol =
            clampi(std::floor((dataBounds.xmin - tl.x) / span + 1e-9), matrixWidth(s, z) - 1);
        l.maxCol =
            clampi(std::ceil((dataBounds.xmax - tl.x) / span - 1e-9) - 1, matrixWidth(s, z) - 1);
        l.minRow = clampi(std::floor((tl.y - dataBounds.ymax) / span + 1e-9), matrixHeight(z) - 1);
        l.maxRow =
            clampi(std::ceil((tl.y - dataBounds.ymin) / span - 1e-9) - 1, matrixHeight(z) - 1);
        return l;
    }
};

ImageRef mercatorRef(const Layer& l) {
    return ImageRef{l.image.ref.uri, "EPSG:3857", l.image.ref.sourceName};
}

LayerSet layerSet(Engine& engine, const Layer& l, MatrixSet s) {
    LayerSet out;
    if (s == MatrixSet::WebMercatorQuad) {
        auto view = engine.view(mercatorRef(l));
        out.maxZoom = std::clamp(view->grid().levels() - 1, 0, kMaxZoom);
        out.dataBounds = view->projectedDataBounds();
    } else {
        // Deepest level: the first whose pixels are at least as fine as the image's.
        const double degPerPixel = l.wgs84.width() / std::max(1, l.info.sizeX);
        const double z = std::log2((180.0 / 256.0) / std::max(degPerPixel, 1e-12));
        out.maxZoom = std::clamp(int(std::ceil(z - 1e-9)), 0, kMaxZoom);
        out.dataBounds = l.wgs84;
    }
    return out;
}

void operation(XmlWriter& x, const char* name, const std::string& kvpUrl) {
    x.start("ows:Operation").attr("name", name).start("ows:DCP").start("ows:HTTP");
    x.start("ows:Get").attr("xlink:href", kvpUrl);
    x.start("ows:Constraint").attr("name", "GetEncoding").start("ows:AllowedValues");
    x.element("ows:Value", "KVP").end().end().end();  // AllowedValues, Constraint, Get
    x.end().end().end();                              // HTTP, DCP, Operation
}

HttpResponse capabilities(RouteContext& c) {
    const auto cfg = ServiceConfig::current();
    Engine& engine = c.api.engine();
    const std::string token = c.queryToken();
    const std::string kvpUrl = serviceUrl(c.origin(), "/wmts", token);
    const std::string tokenQuery =
        token.empty()
            ? ""
            : "?token=" + QByteArray::fromStdString(token).toPercentEncoding().toStdString();
    const auto all = layers(engine, c.api.registry());
    const auto sets = matrixSets(*cfg);
    const auto formats = tileFormats(*cfg);
    const auto styles = styleNames();

    XmlWriter x;
    x.start("Capabilities")
        .ns("http://www.opengis.net/wmts/1.0")
        .ns(kOws11Ns, "ows")
        .ns(kXlinkNs, "xlink")
        .ns(kXsiNs, "xsi")
        .ns("http://www.opengis.net/gml", "gml")
        .attr("version", "1.0.0")
        .attr("xsi:schemaLocation",
              "http://www.opengis.net/wmts/1.0 "
              "http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd");
    x.start("ows:ServiceIdentification")
        .element("ows:Title", trc("Ogc", "Tessera Web Map Tile Service"))
        .element("ows:ServiceType", "OGC WMTS")
        .element("ows:ServiceTypeVersion", "1.0.0")
        .end();
    x.start("ows:OperationsMetadata");
    operation(x, "GetCapabilities", kvpUrl);
    operation(x, "GetTile", kvpUrl);
    x.end();

    x.start("Contents");
    std::vector<int> setMaxZoom(sets.size(), 0);
    for (const auto& l : all) {
        x.start("Layer").element("ows:Title", l.image.name);
        x.start("ows:WGS84BoundingBox")
            .element("ows:LowerCorner", num(l.wgs84.xmin) + " " + num(l.wgs84.ymin))
            .element("ows:UpperCorner", num(l.wgs84.xmax) + " " + num(l.wgs84.ymax))
            .end();
        x.element("ows:Identifier", l.image.id);
        for (const auto& s : styles) {
            x.start("Style");
            if (s == "default") x.attr("isDefault", "true");
            x.element("ows:Identifier", s).end();
        }
        for (const auto& f : formats) x.element("Format", f.mimeType);
        for (std::size_t i = 0; i < sets.size(); ++i) {
            LayerSet ls;
            try {
                ls = layerSet(engine, l, sets[i]);
            } catch (const Error&) {
                continue;  // not representable in this set
            }
            setMaxZoom[i] = std::max(setMaxZoom[i], ls.maxZoom);
            x.start("TileMatrixSetLink").element("TileMatrixSet", setName(sets[i]));
            x.start("TileMatrixSetLimits");
            for (int z = 0; z <= ls.maxZoom; ++z) {
                const Limits lim = ls.limits(sets[i], z);
                x.start("TileMatrixLimits")
                    .element("TileMatrix", std::to_string(z))
                    .element("MinTileRow", std::to_string(lim.minRow))
                    .element("MaxTileRow", std::to_string(lim.maxRow))
                    .element("MinTileCol", std::to_string(lim.minCol))
                    .element("MaxTileCol", std::to_string(lim.maxCol))
                    .end();
            }
            x.end().end();  // TileMatrixSetLimits, TileMatrixSetLink
        }
        for (const auto& f : formats)
            x.start("ResourceURL")
                .attr("format", f.mimeType)
                .attr("resourceType", "tile")
                .attr("template", c.origin() + "/wmts/1.0.0/" + l.image.id +
                                      "/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}." +
                                      f.extension + tokenQuery)
                .end();
        x.end();  // Layer
    }
    for (std::size_t i = 0; i < sets.size(); ++i) {
        const MatrixSet s = sets[i];
        const bool merc = s == MatrixSet::WebMercatorQuad;
        x.start("TileMatrixSet").element("ows:Identifier", setName(s));
        x.element("ows:SupportedCRS",
                  merc ? "urn:ogc:def:crs:EPSG::3857" : "urn:ogc:def:crs:OGC:1.3:CRS84");
        x.element("WellKnownScaleSet", merc ? "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible"
                                            : "urn:ogc:def:wkss:OGC:1.0:GoogleCRS84Quad");
        const double scale0 = merc ? 559082264.0287178 : 279541132.0143589;
        const Point2 tl = topLeft(s);
        for (int z = 0; z <= setMaxZoom[i]; ++z) {
            x.start("TileMatrix")
                .element("ows:Identifier", std::to_string(z))
                .element("ScaleDenominator", num(scale0 / double(1 << z)))
                .element("TopLeftCorner", num(tl.x) + " " + num(tl.y))
                .element("TileWidth", "256")
                .element("TileHeight", "256")
                .element("MatrixWidth", std::to_string(matrixWidth(s, z)))
                .element("MatrixHeight", std::to_string(matrixHeight(z)))
                .end();
        }
        x.end();
    }
    x.end();  // Contents
    x.start("ServiceMetadataURL")
        .attr("xlink:href", c.origin() + "/wmts/1.0.0/WMTSCapabilities.xml" + tokenQuery)
        .end();
    x.end();
    return xmlResponse(x.finish());
}

int tileIndex(const std::optional<std::string>& v, const char* name, const char* outCode) {
    if (!v || v->empty()) missing(name);
    int out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || p != v->data() + v->size())
        raise("InvalidParameterValue", trf("Ogc", "%1 must be a whole number.", name), name);
    if (out < 0) raise(outCode, trf("Ogc", "%1 is out of range.", name), name);
    return out;
}

struct TileParams {
    std::optional<std::string> layer, style, format, matrixSet, matrix, row, col;
};

HttpResponse getTile(RouteContext& c, const TileParams& p) {
    const auto cfg = ServiceConfig::current();
    Engine& engine = c.api.engine();
    if (!p.layer || p.layer->empty()) missing("LAYER");
    auto layer = findLayer(engine, c.api.registry(), *p.layer);
    if (!layer)
        raise("InvalidParameterValue", trf("Ogc", "There is no layer \"%1\".", *p.layer), "LAYER");
    if (!p.style) missing("STYLE");
    auto style = namedStyle(
        *p.style, StyleLimits::of(c.api.limits().maxStyleBytes, c.api.limits().maxStyleDepth));
    if (!style)
        raise("InvalidParameterValue", trf("Ogc", "There is no style \"%1\".", *p.style), "STYLE");
    if (!p.format || p.format->empty()) missing("FORMAT");
    const OutputFormat* format = findImageFormat(*cfg, *p.format);
    if (!format)
        if (auto e = parseEncoding(*p.format)) format = findImageFormat(*cfg, mimeType(*e));
    if (!format || !pictureEncoding(*format))
        raise("InvalidParameterValue", trf("Ogc", "Format \"%1\" is not offered.", *p.format),
              "FORMAT");
    if (!p.matrixSet || p.matrixSet->empty()) missing("TILEMATRIXSET");
    std::optional<MatrixSet> set;
    for (MatrixSet s : matrixSets(*cfg))
        if (*p.matrixSet == setName(s)) set = s;
    if (!set)
        raise("InvalidParameterValue",
              trf("Ogc", "There is no tile matrix set \"%1\".", *p.matrixSet), "TILEMATRIXSET");
    const LayerSet ls = layerSet(engine, *layer, *set);
    if (!p.matrix || p.matrix->empty()) missing("TILEMATRIX");
    int z = -1;
    auto [ptr, ec] = std::from_chars(p.matrix->data(), p.matrix->data() + p.matrix->size(), z);
    if (ec != std::errc() || ptr != p.matrix->data() + p.matrix->size() || z < 0 || z > ls.maxZoom)
        raise("InvalidParameterValue",
              trf("Ogc", "There is no tile matrix \"%1\" in %2 for this layer.", *p.matrix,
                  setName(*set)),
              "TILEMATRIX");
    const int row = tileIndex(p.row, "TILEROW", "TileOutOfRange");
    const int col = tileIndex(p.col, "TILECOL", "TileOutOfRange");
    const Limits lim = ls.limits(*set, z);
    if (row < lim.minRow || row > lim.maxRow)
        raise("TileOutOfRange",
              trf("Ogc", "TileRow %1 is outside %2..%3 at this level.", std::to_string(row),
                  std::to_string(lim.minRow), std::to_string(lim.maxRow)),
              "TILEROW");
    if (col < lim.minCol || col > lim.maxCol)
        raise("TileOutOfRange",
              trf("Ogc", "TileCol %1 is outside %2..%3 at this level.", std::to_string(col),
                  std::to_string(lim.minCol), std::to_string(lim.maxCol)),
              "TILECOL");
    const Encoding encoding = *pictureEncoding(*format);

    if (*set == MatrixSet::WebMercatorQuad) {  // the XYZ tile itself
        TileRequest t;
        t.image = mercatorRef(*layer);
        t.z = z;
        t.x = col;
        t.y = row;
        t.style = *style;
        t.encoding = encoding;
        Encoded e = engine.tile(t);
        e.mimeType = format->mimeType;
        return cacheableImage(c.request, e);
    }
    const double span = tileSpan(*set, z);
    MapRenderRequest m;
    m.layers.push_back(mapLayer(*layer, *style));
    m.crs = "EPSG:4326";
    m.xmin = -180.0 + col * span;
    m.ymin = 90.0 - (row + 1) * span;
    m.xmax = -180.0 + (col + 1) * span;
    m.ymax = 90.0 - row * span;
    m.width = m.height = TileGrid::kTileSize;
    // encodePicture uses the encoder's default options for picture formats.
    const std::string formatKey =
        EncoderKey{encoding, {}}.text() + "|" + format->driver + "|" + format->mimeType;
    CachedBytes bytes = engine.mapBytes(
        m, formatKey, [&](const Image& img) { return encodePicture(img, *format).bytes; });
    return cacheableImage(c.request, {bytes, format->mimeType});
}

HttpResponse wmtsKvp(RouteContext& c) {
    return runService(ReportKind::Ows11, [&] {
        const HttpRequest& q = c.request;
        if (auto s = kvp(q, "SERVICE"); s && !s->empty() && asciiUpper(*s) != "WMTS")
            raise("InvalidParameterValue", trf("Ogc", "SERVICE must be WMTS here, not \"%1\".", *s),
                  "SERVICE");
        const auto request = kvp(q, "REQUEST");
        if (!request || request->empty()) missing("REQUEST");
        const std::string r = asciiUpper(*request);
        if (r == "GETCAPABILITIES") return capabilities(c);
        if (r == "GETTILE") {
            if (auto v = kvp(q, "VERSION"); v && *v != "1.0.0")
                raise("InvalidParameterValue",
                      trf("Ogc", "Version %1 is not supported; this server speaks WMTS 1.0.0.", *v),
                      "VERSION");
            return getTile(
                c, {kvp(q, "LAYER"), kvp(q, "STYLE"), kvp(q, "FORMAT"), kvp(q, "TILEMATRIXSET"),
                    kvp(q, "TILEMATRIX"), kvp(q, "TILEROW"), kvp(q, "TILECOL")});
        }
        raise("OperationNotSupported",
              trf("Ogc", "Request \"%1\" is not supported; use GetCapabilities or GetTile.",
                  *request),
              "REQUEST");
    });
}

HttpResponse wmtsRest(RouteContext& c) {
    return runService(ReportKind::Ows11, [&] {
        return getTile(c, {c.raw("layer"), c.raw("style"), c.raw("ext"), c.raw("TileMatrixSet"),
                           c.raw("TileMatrix"), c.raw("TileRow"), c.raw("TileCol")});
    });
}

ParamSpec kv(const char* name, const char* description) {
    return {name, ParamIn::Query, ParamType::String, "", description, false, {}};
}
ParamSpec path(const char* name, ParamType type, const char* description) {
    return {name, ParamIn::Path, type, "", description, true, {}};
}

}  // namespace

void addWmtsRoutes(RouteTable& t) {
    t.add({.pattern = "/wmts",
           .summary = "OGC WMTS 1.0.0 (KVP)",
           .description = "GetCapabilities and GetTile. Tile matrix sets: WebMercatorQuad (the "
                          "EPSG:3857 XYZ tiles) and WorldCRS84Quad when EPSG:4326 is configured. "
                          "Errors are OWS ExceptionReports.",
           .tag = "ogc",
           .params = {kv("SERVICE", "WMTS."), kv("REQUEST", "GetCapabilities or GetTile."),
                      kv("VERSION", "1.0.0."), kv("LAYER", "Layer identifier (image id or name)."),
                      kv("STYLE", "default or a saved style preset."),
                      kv("FORMAT", "Tile MIME type, e.g. image/png."),
                      kv("TILEMATRIXSET", "WebMercatorQuad or WorldCRS84Quad."),
                      kv("TILEMATRIX", "Zoom level."), kv("TILEROW", "Tile row (0 = top)."),
                      kv("TILECOL", "Tile column.")},
           .produces = {"application/xml", "image/png", "image/jpeg", "image/webp", "image/tiff"},
           .handler = wmtsKvp});
    t.add({.pattern = "/wmts/1.0.0/WMTSCapabilities.xml",
           .summary = "OGC WMTS 1.0.0 capabilities (REST)",
           .tag = "ogc",
           .produces = {"application/xml"},
           .handler = [](RouteContext& c) {
               return runService(ReportKind::Ows11, [&] { return capabilities(c); });
           }});
    t.add(
        {.pattern =
             "/wmts/1.0.0/{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.{ext}",
         .summary = "OGC WMTS 1.0.0 GetTile (REST)",
         .description = "The tile of the ResourceURL template in the capabilities.",
         .tag = "ogc",
         .params = {path("layer", ParamType::String, "Layer identifier (image id or name)."),
                    path("style", ParamType::String, "default or a saved style preset."),
                    path("TileMatrixSet", ParamType::String, "WebMercatorQuad or WorldCRS84Quad."),
                    path("TileMatrix", ParamType::String, "Zoom level."),
                    path("TileRow", ParamType::Integer, "Tile row (0 = top)."),
                    path("TileCol", ParamType::Integer, "Tile column."),
                    path("ext", ParamType::String, "Format extension: png, jpg, webp, tif.")},
         .produces = {"image/png", "image/jpeg", "image/webp", "image/tiff"},
         .handler = wmtsRest});
}

}  // namespace tessera::http
