// WCS 2.0.1 (KVP at /wcs) with the CRS extension: GetCapabilities (formats and CRSes of the
// configuration), DescribeCoverage (the native CRS, grid and bands, and the native format the
// formats registry maps the source driver to, as EOxServer RFC 17 describes) and GetCoverage
// (raw data: subset=axis(low,high) in the native CRS, or Lat/Long in WGS 84, format, outputCrs,
// subsettingCrs) through Engine::region. Coverage ids are "image_<id>" (NCNames); the image id
// and name are accepted too. Errors are OWS 2.0 ExceptionReports.
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

#include "geo/crs.h"
#include "http/ogc_exception.h"
#include "http/ogc_xml.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera::http {

namespace {

using namespace ogc;

constexpr const char* kWcsNs = "http://www.opengis.net/wcs/2.0";
constexpr const char* kGmlNs = "http://www.opengis.net/gml/3.2";
constexpr const char* kGmlcovNs = "http://www.opengis.net/gmlcov/1.0";
constexpr const char* kSweNs = "http://www.opengis.net/swe/2.0";
constexpr const char* kCrsNs = "http://www.opengis.net/wcs/crs/1.0";

std::string coverageId(const Layer& l) {
    return "image_" + l.image.id;
}

std::optional<Layer> findCoverage(RouteContext& c, const std::string& id) {
    auto l = findLayer(c.api.engine(), c.api.registry(), id);
    if (!l && id.rfind("image_", 0) == 0)
        l = findLayer(c.api.engine(), c.api.registry(), id.substr(6));
    return l;
}

// The native CRS as a request names it: "EPSG:n", or the WKT.
std::string nativeCrs(const Layer& l) {
    return l.nativeEpsg ? "EPSG:" + std::to_string(*l.nativeEpsg) : l.info.projectionWkt;
}

void operation(XmlWriter& x, const char* name, const std::string& url) {
    x.start("ows:Operation").attr("name", name).start("ows:DCP").start("ows:HTTP");
    x.start("ows:Get").attr("xlink:href", url).end();
    x.end().end().end();
}

HttpResponse capabilities(RouteContext& c) {
    const auto cfg = ServiceConfig::current();
    const std::string url = serviceUrl(c.origin(), "/wcs", c.queryToken());
    XmlWriter x;
    x.start("wcs:Capabilities")
        .ns(kWcsNs, "wcs")
        .ns(kOws20Ns, "ows")
        .ns(kXlinkNs, "xlink")
        .ns(kCrsNs, "crs")
        .ns(kXsiNs, "xsi")
        .attr("version", "2.0.1")
        .attr("xsi:schemaLocation",
              "http://www.opengis.net/wcs/2.0 http://schemas.opengis.net/wcs/2.0/wcsAll.xsd");
    x.start("ows:ServiceIdentification")
        .element("ows:Title", trc("Ogc", "Tessera Web Coverage Service"))
        .element("ows:Abstract", trc("Ogc", "Raw data of the images this server serves."))
        .element("ows:ServiceType", "OGC WCS")
        .element("ows:ServiceTypeVersion", "2.0.1");
    for (const char* p :
         {"http://www.opengis.net/spec/WCS/2.0/conf/core",
          "http://www.opengis.net/spec/WCS_protocol-binding_get-kvp/1.0/conf/get-kvp",
          "http://www.opengis.net/spec/WCS_service-extension_crs/1.0/conf/crs",
          "http://www.opengis.net/spec/GMLCOV/1.0/conf/gml-coverage"})
        x.element("ows:Profile", p);
    x.end();
    x.start("ows:OperationsMetadata");
    for (const char* op : {"GetCapabilities", "DescribeCoverage", "GetCoverage"})
        operation(x, op, url);
    x.end();
    x.start("wcs:ServiceMetadata");
    for (const auto& f : cfg->formats.writable()) x.element("wcs:formatSupported", f.mimeType);
    x.start("wcs:Extension").start("crs:CrsMetadata");
    for (int code : cfg->epsgCodes) x.element("crs:crsSupported", crsUri(code));
    x.end().end().end();  // CrsMetadata, Extension, ServiceMetadata
    x.start("wcs:Contents");
    for (const auto& l : layers(c.api.engine(), c.api.registry())) {
        x.start("wcs:CoverageSummary").element("ows:Title", l.image.name);
        x.start("ows:WGS84BoundingBox")
            .element("ows:LowerCorner", num(l.wgs84.xmin) + " " + num(l.wgs84.ymin))
            .element("ows:UpperCorner", num(l.wgs84.xmax) + " " + num(l.wgs84.ymax))
            .end();
        x.element("wcs:CoverageId", coverageId(l))
            .element("wcs:CoverageSubtype", "RectifiedGridCoverage")
            .end();
    }
    x.end().end();
    return xmlResponse(x.finish(), 200, "application/xml; charset=UTF-8");
}

// Axis labels of a CRS in its axis order.
std::pair<std::string, std::string> axisLabels(int epsg) {
    const bool geo = epsgGeographic(epsg), swapped = epsgAxisSwapped(epsg);
    if (geo) return swapped ? std::pair{"Lat", "Long"} : std::pair{"Long", "Lat"};
    return swapped ? std::pair{"N", "E"} : std::pair{"E", "N"};
}

std::string pair(double x, double y, bool swapped) {
    return swapped ? num(y) + " " + num(x) : num(x) + " " + num(y);
}

void describe(XmlWriter& x, RouteContext& c, const Layer& l) {
    const auto cfg = ServiceConfig::current();
    const std::string id = coverageId(l);
    const int epsg = l.nativeEpsg.value_or(4326);
    const bool swapped = epsgAxisSwapped(epsg);
    const Bounds box = l.nativeEpsg ? l.native : l.wgs84;
    const std::string srs = crsUri(epsg);
    const auto [a0, a1] = axisLabels(epsg);
    const std::string uom = epsgGeographic(epsg) ? "deg deg" : "m m";
    x.start("wcs:CoverageDescription").attr("gml:id", id);
    x.start("gml:boundedBy")
        .start("gml:Envelope")
        .attr("srsName", srs)
        .attr("axisLabels", a0 + " " + a1)
        .attr("uomLabels", uom)
        .attr("srsDimension", "2")
        .element("gml:lowerCorner", pair(box.xmin, box.ymin, swapped))
        .element("gml:upperCorner", pair(box.xmax, box.ymax, swapped))
        .end()
        .end();
    x.element("wcs:CoverageId", id);
    const auto& g = l.info.geoTransform;
    x.start("gml:domainSet")
        .start("gml:RectifiedGrid")
        .attr("dimension", "2")
        .attr("gml:id", id + "_grid");
    x.start("gml:limits")
        .start("gml:GridEnvelope")
        .element("gml:low", "0 0")
        .element("gml:high",
                 std::to_string(l.info.sizeX - 1) + " " + std::to_string(l.info.sizeY - 1))
        .end()
        .end();
    x.element("gml:axisLabels", "i j");
    x.start("gml:origin")
        .start("gml:Point")
        .attr("gml:id", id + "_origin")
        .attr("srsName", srs)
        .element("gml:pos",
                 pair(g[0] + 0.5 * g[1] + 0.5 * g[2], g[3] + 0.5 * g[4] + 0.5 * g[5], swapped))
        .end()
        .end();
    x.start("gml:offsetVector").attr("srsName", srs).text(pair(g[1], g[4], swapped)).end();
    x.start("gml:offsetVector").attr("srsName", srs).text(pair(g[2], g[5], swapped)).end();
    x.end().end();  // RectifiedGrid, domainSet

    x.start("gmlcov:rangeType").start("swe:DataRecord");
    const char* dtype = numpyName(l.info.dtype);
    for (int b = 0; b < l.info.bandCount; ++b) {
        const BandInfo& bi = l.info.bands[std::size_t(b)];
        std::string name = "band_" + std::to_string(b + 1);
        x.start("swe:field").attr("name", name);
        x.start("swe:Quantity")
            .attr("definition", std::string("http://www.opengis.net/def/dataType/OGC/0/") + dtype);
        x.element("swe:description", bi.description.empty() ? bi.interpretation : bi.description);
        if (bi.nodata) x.element("swe:nilValues", num(*bi.nodata));
        x.start("swe:uom").attr("code", bi.units.empty() ? "10^0" : bi.units).end();
        x.start("swe:constraint").start("swe:AllowedValues");
        const double lo = isFloat(l.info.dtype)    ? -3.4028234663852886e38
                          : isSigned(l.info.dtype) ? -typeFullMax(l.info.dtype) - 1
                                                   : 0.0;
        const double hi = isFloat(l.info.dtype) ? 3.4028234663852886e38 : typeFullMax(l.info.dtype);
        x.element("swe:interval", num(lo) + " " + num(hi));
        x.end().end();  // AllowedValues, constraint
        x.end().end();  // Quantity, field
    }
    x.end().end();  // DataRecord, rangeType

    std::string nativeFormat;
    try {
        nativeFormat = cfg->formats.nativeFor(l.info.driver).mimeType;
    } catch (const Error&) {
    }
    x.start("wcs:ServiceParameters")
        .element("wcs:CoverageSubtype", "RectifiedGridCoverage")
        .element("wcs:nativeFormat", nativeFormat)
        .end();
    x.end();  // CoverageDescription
    (void)c;
}

HttpResponse describeCoverage(RouteContext& c) {
    const auto ids = kvp(c.request, "COVERAGEID");
    if (!ids) missing("coverageId");
    const auto list = splitList(*ids);
    if (list.empty())
        raise("EmptyCoverageIdList", trc("Ogc", "coverageId names no coverage."), "coverageId");
    std::vector<Layer> found;
    for (const auto& id : list) {
        auto l = findCoverage(c, id);
        if (!l) raise("NoSuchCoverage", trf("Ogc", "There is no coverage \"%1\".", id), id);
        found.push_back(std::move(*l));
    }
    XmlWriter x;
    x.start("wcs:CoverageDescriptions")
        .ns(kWcsNs, "wcs")
        .ns(kGmlNs, "gml")
        .ns(kGmlcovNs, "gmlcov")
        .ns(kSweNs, "swe")
        .ns(kXsiNs, "xsi")
        .attr("xsi:schemaLocation",
              "http://www.opengis.net/wcs/2.0 http://schemas.opengis.net/wcs/2.0/wcsAll.xsd");
    for (const auto& l : found) describe(x, c, l);
    x.end();
    return xmlResponse(x.finish(), 200, "application/xml; charset=UTF-8");
}

// A CRS a request names for subsetting or output: supported (configured list or native).
std::string requireCrs(const std::string& text, const Layer& l, const char* code,
                       const char* locator) {
    const auto cfg = ServiceConfig::current();
    auto name = parseCrsName(text);
    if (!name || !(cfg->supportsCrs(name->epsg) || l.nativeEpsg == name->epsg))
        raise(code,
              trf("Ogc", "CRS \"%1\" is not supported; use one of: %2.", text,
                  cfg->describeCrsList()),
              locator);
    return name->gdal();
}

struct Subset {
    std::optional<double> lo, hi;
};

// The region job (job_routes.cpp) rendering the same raw coverage as a GetCoverage request.
std::string coverageJobUrl(const Layer& l, const RegionRequest& r, const std::string& extension) {
    auto enc = [](const std::string& v) {
        return QByteArray::fromStdString(v).toPercentEncoding().toStdString();
    };
    auto number = [](double v) { return QByteArray::number(v, 'g', 17).toStdString(); };
    std::string url = l.image.urlPrefix + l.image.id + "/jobs/region?fmt=" + enc(extension) +
                      "&units=" + enc(r.units) + "&left=" + number(r.left) +
                      "&top=" + number(r.top) + "&right=" + number(r.right) +
                      "&bottom=" + number(r.bottom);
    if (!r.outputCrs.empty()) url += "&crs=" + enc(r.outputCrs);
    return url;
}

HttpResponse getCoverage(RouteContext& c) {
    const auto cfg = ServiceConfig::current();
    const auto id = kvp(c.request, "COVERAGEID");
    if (!id || id->empty()) missing("coverageId");
    auto layer = findCoverage(c, *id);
    if (!layer) raise("NoSuchCoverage", trf("Ogc", "There is no coverage \"%1\".", *id), *id);
    const Layer& l = *layer;

    const OutputFormat* format = nullptr;
    if (auto f = kvp(c.request, "FORMAT"); f && !f->empty()) {
        format = cfg->formats.find(*f);
        if (!format || !format->writable)
            raise("InvalidParameterValue",
                  trf("Ogc", "Format \"%1\" cannot be written; use one of: %2.", *f,
                      cfg->formats.describeWritable()),
                  "format");
    } else {
        format = &cfg->formats.nativeFor(l.info.driver);
    }
    std::string outputCrs;
    if (auto o = kvp(c.request, "OUTPUTCRS"); o && !o->empty())
        outputCrs = requireCrs(*o, l, "OutputCrs-NotSupported", "outputCrs");
    std::string subsetCrs;
    if (auto s = kvp(c.request, "SUBSETTINGCRS"); s && !s->empty())
        subsetCrs = requireCrs(*s, l, "SubsettingCrs-NotSupported", "subsettingCrs");

    // subset=axis(low,high): x/E/Long... for the first axis, y/N/Lat... for the second.
    static const QRegularExpression re(QStringLiteral(
        "^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:,\\s*([^()]+?)\\s*)?\\(\\s*([^,()]+?)\\s*"
        "(?:,\\s*([^,()]+?)\\s*)?\\)\\s*$"));
    Subset axes[2];
    bool geographicLabels = false, nativeLabels = false;
    for (const auto& s : kvpAll(c.request, "SUBSET")) {
        const auto m = re.match(QString::fromStdString(s));
        if (!m.hasMatch())
            raise("InvalidEncodingSyntax", trf("Ogc", "Cannot read subset \"%1\".", s), "subset");
        const std::string label = asciiUpper(m.captured(1).toStdString());
        if (m.hasCaptured(2) && !m.captured(2).isEmpty())  // WCS 1.x style "axis,crs(...)"
            subsetCrs =
                requireCrs(m.captured(2).toStdString(), l, "SubsettingCrs-NotSupported", "subset");
        int axis = -1;
        if (label == "X" || label == "E" || label == "EASTING" || label == "I") axis = 0;
        if (label == "Y" || label == "N" || label == "NORTHING" || label == "J") axis = 1;
        if (axis >= 0) nativeLabels = true;
        if (label == "LONG" || label == "LON" || label == "LONGITUDE")
            axis = 0, geographicLabels = true;
        if (label == "LAT" || label == "LATITUDE") axis = 1, geographicLabels = true;
        if (axis < 0)
            raise("InvalidAxisLabel", trf("Ogc", "Unknown axis \"%1\".", label), "subset");
        if (!m.hasCaptured(4) || m.captured(4).isEmpty())
            raise("InvalidSubsetting",
                  trc("Ogc", "Slicing is not supported: give a range, e.g. x(0,100)."), "subset");
        auto value = [&](const QString& t) -> std::optional<double> {
            if (t.trimmed() == QLatin1String("*")) return std::nullopt;
            bool ok = false;
            const double v = t.trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(v))
                raise("InvalidSubsetting", trf("Ogc", "Bad subset bound \"%1\".", t.toStdString()),
                      "subset");
            return v;
        };
        axes[axis].lo = value(m.captured(3));
        axes[axis].hi = value(m.captured(4));
        if (axes[axis].lo && axes[axis].hi && *axes[axis].lo > *axes[axis].hi)
            raise("InvalidSubsetting", trc("Ogc", "A subset's low bound is above its high bound."),
                  "subset");
    }
    const bool nativeGeographic = l.nativeEpsg && epsgGeographic(*l.nativeEpsg);
    if (geographicLabels && nativeLabels && !nativeGeographic)
        raise("InvalidSubsetting", trc("Ogc", "Do not mix Lat/Long with x/y subsets."), "subset");
    if (subsetCrs.empty())
        subsetCrs = geographicLabels && !nativeGeographic ? "EPSG:4326" : nativeCrs(l);

    RegionRequest r;
    r.image = ImageRef{l.image.ref.uri, "", l.image.ref.sourceName};
    r.style.styleJson = "{}";  // raw data
    r.styleGiven = false;
    r.format = format->mimeType;
    r.outputCrs = outputCrs;
    const bool anySubset = axes[0].lo || axes[0].hi || axes[1].lo || axes[1].hi;
    if (!anySubset) {
        r.units = "pixels";
        r.left = 0, r.top = 0, r.right = l.info.sizeX, r.bottom = l.info.sizeY;
    } else {
        auto full = subsetCrs == "EPSG:4326" ? std::optional<Bounds>(l.wgs84)
                                             : transformBounds(nativeCrs(l), subsetCrs, l.native);
        if (!full)
            raise("InvalidSubsetting", trc("Ogc", "The coverage cannot be expressed in that CRS."),
                  "subsettingCrs");
        Bounds b{axes[0].lo.value_or(full->xmin), axes[1].lo.value_or(full->ymin),
                 axes[0].hi.value_or(full->xmax), axes[1].hi.value_or(full->ymax)};
        if (!b.intersects(*full))
            raise("InvalidSubsetting", trc("Ogc", "The subset does not overlap the coverage."),
                  "subset");
        r.units = subsetCrs;
        r.left = b.xmin, r.right = b.xmax, r.bottom = b.ymin, r.top = b.ymax;
    }
    Encoded e;
    try {
        e = c.api.engine().region(r);
    } catch (const Error& err) {
        // Over the request-memory budget: NoApplicableCode with HTTP 413 (OWS defines no code
        // for an answer too large), naming the region job that renders the same coverage.
        if (err.kind() != ErrorKind::TooLarge) throw;
        throw OgcException(
            "NoApplicableCode",
            err.what() + (" " + trf("Ogc",
                                    "Ask for a smaller subset, or render the coverage as a job: "
                                    "POST %1",
                                    coverageJobUrl(l, r, format->extension))),
            {}, 413);
    }
    HttpResponse resp = HttpResponse::bytes(
        QByteArray(reinterpret_cast<const char*>(e.bytes->data()), qsizetype(e.bytes->size())),
        QByteArray::fromStdString(e.mimeType));
    const std::string ext = e.mimeType == "application/zip" ? "zip" : format->extension;
    resp.setHeader(
        "Content-Disposition",
        QByteArray::fromStdString("attachment; filename=\"" + coverageId(l) + "." + ext + "\""));
    return resp;
}

HttpResponse wcs(RouteContext& c) {
    return runService(ReportKind::Ows20, [&] {
        if (auto s = kvp(c.request, "SERVICE"); s && !s->empty() && asciiUpper(*s) != "WCS")
            raise("InvalidParameterValue", trf("Ogc", "SERVICE must be WCS here, not \"%1\".", *s),
                  "service");
        const auto request = kvp(c.request, "REQUEST");
        if (!request || request->empty()) missing("request");
        const std::string r = asciiUpper(*request);
        if (r == "GETCAPABILITIES") return capabilities(c);
        if (auto v = kvp(c.request, "VERSION"); v && *v != "2.0.1" && *v != "2.0.0")
            raise("VersionNegotiationFailed",
                  trf("Ogc", "Version %1 is not supported; this server speaks WCS 2.0.1.", *v),
                  "version");
        if (r == "DESCRIBECOVERAGE") return describeCoverage(c);
        if (r == "GETCOVERAGE") return getCoverage(c);
        raise("OperationNotSupported",
              trf("Ogc",
                  "Request \"%1\" is not supported; use GetCapabilities, DescribeCoverage or "
                  "GetCoverage.",
                  *request),
              "request");
    });
}

ParamSpec kv(const char* name, const char* description) {
    return {name, ParamIn::Query, ParamType::String, "", description, false, {}};
}

}  // namespace

void addWcsRoutes(RouteTable& t) {
    t.add({.pattern = "/wcs",
           .summary = "OGC WCS 2.0.1",
           .description =
               "GetCapabilities, DescribeCoverage and GetCoverage (raw data). subset=x(a,b) / "
               "y(a,b) in the native CRS or Lat(a,b) / Long(a,b) in WGS 84; format = a writable "
               "MIME type (default: the native format); outputCrs from the configured list. "
               "Errors are OWS 2.0 ExceptionReports.",
           .tag = "ogc",
           .params = {kv("service", "WCS."),
                      kv("request", "GetCapabilities, DescribeCoverage or GetCoverage."),
                      kv("version", "2.0.1."),
                      kv("coverageId", "image_<id> (the image id or name also work)."),
                      kv("subset", "Repeatable: axis(low,high), e.g. Lat(10,20)."),
                      kv("subsettingCrs", "CRS of x/y subsets (default: native)."),
                      kv("format", "Output MIME type (default: the native format)."),
                      kv("outputCrs",
                         "Output CRS, e.g. http://www.opengis.net/def/crs/EPSG/0/3857.")},
           .produces = {"application/xml", "image/tiff"},
           .handler = wcs});
}

}  // namespace tessera::http
