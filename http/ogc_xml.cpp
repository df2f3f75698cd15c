#include "http/ogc_xml.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>

#include "encode/gdal_writer.h"
#include "encode/raster_output.h"
#include "geo/crs.h"
#include "geo/footprint.h"
#include "style/style_presets.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera::http::ogc {

XmlWriter::XmlWriter() : w_(&buffer_) {
    w_.setAutoFormatting(true);
    w_.setAutoFormattingIndent(1);
    w_.writeStartDocument(QStringLiteral("1.0"));
}

XmlWriter& XmlWriter::start(const char* name) {
    w_.writeStartElement(QString::fromUtf8(name));
    return *this;
}
XmlWriter& XmlWriter::end() {
    w_.writeEndElement();
    return *this;
}
XmlWriter& XmlWriter::attr(const char* name, const std::string& value) {
    w_.writeAttribute(QString::fromUtf8(name), QString::fromStdString(value));
    return *this;
}
XmlWriter& XmlWriter::ns(const char* uri, const char* prefix) {
    if (prefix)
        w_.writeNamespace(QString::fromUtf8(uri), QString::fromUtf8(prefix));
    else
        w_.writeDefaultNamespace(QString::fromUtf8(uri));
    return *this;
}
XmlWriter& XmlWriter::text(const std::string& value) {
    w_.writeCharacters(QString::fromStdString(value));
    return *this;
}
XmlWriter& XmlWriter::element(const char* name, const std::string& value) {
    w_.writeTextElement(QString::fromUtf8(name), QString::fromStdString(value));
    return *this;
}
QByteArray XmlWriter::finish() {
    w_.writeEndDocument();
    return buffer_;
}

HttpResponse xmlResponse(QByteArray body, int status, const QByteArray& contentType) {
    return HttpResponse::bytes(std::move(body), contentType, status);
}

namespace {}  // namespace

std::optional<std::string> kvp(const HttpRequest& request, std::string_view name) {
    for (const auto& [k, v] : request.query)
        if (iequals(k, name)) return v;
    return std::nullopt;
}

std::vector<std::string> kvpAll(const HttpRequest& request, std::string_view name) {
    std::vector<std::string> out;
    for (const auto& [k, v] : request.query)
        if (iequals(k, name)) out.push_back(v);
    return out;
}

std::vector<std::string> splitList(const std::string& text, char separator) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::size_t start = 0;
    while (true) {
        const std::size_t p = text.find(separator, start);
        out.push_back(text.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos) break;
        start = p + 1;
    }
    return out;
}

std::string num(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc()) return "0";
    return std::string(buf, end);
}

namespace {

std::optional<Layer> makeLayer(Engine& engine, const RegisteredImage& img) {
    try {
        auto view = engine.view(ImageRef{img.ref.uri, "", img.ref.sourceName});
        const SourceInfo& info = view->info();
        if (!info.geospatial) return std::nullopt;
        Layer l{img, info, {}, {}, epsgCode(info.projectionWkt)};
        auto geo = footprint(info, "EPSG:4326");
        auto nat = footprint(info);
        if (!geo || !nat) return std::nullopt;
        l.wgs84 = geo->box;
        l.native = nat->box;
        return l;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace

std::vector<Layer> layers(Engine& engine, const ImageRegistry& registry) {
    std::vector<Layer> out;
    for (const auto& img : registry.list())
        if (auto l = makeLayer(engine, img)) out.push_back(std::move(*l));
    return out;
}

std::optional<Layer> findLayer(Engine& engine, const ImageRegistry& registry,
                               const std::string& idOrName) {
    auto img = registry.find(idOrName);
    if (!img) return std::nullopt;
    return makeLayer(engine, *img);
}

std::optional<Bounds> transformBounds(const std::string& fromCrs, const std::string& toCrs,
                                      const Bounds& b) {
    constexpr int kSteps = 16;
    std::vector<Point2> pts;
    for (int i = 0; i <= kSteps; ++i) {
        const double t = double(i) / kSteps;
        const double x = b.xmin + t * b.width(), y = b.ymin + t * b.height();
        pts.push_back({x, b.ymin});
        pts.push_back({x, b.ymax});
        pts.push_back({b.xmin, y});
        pts.push_back({b.xmax, y});
    }
    std::vector<bool> ok;
    try {
        transformPoints(fromCrs, toCrs, pts, &ok);
    } catch (const Error&) {
        return std::nullopt;
    }
    std::optional<Bounds> out;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!ok[i] || !std::isfinite(pts[i].x) || !std::isfinite(pts[i].y)) continue;
        if (!out) out = Bounds{pts[i].x, pts[i].y, pts[i].x, pts[i].y};
        out->xmin = std::min(out->xmin, pts[i].x);
        out->ymin = std::min(out->ymin, pts[i].y);
        out->xmax = std::max(out->xmax, pts[i].x);
        out->ymax = std::max(out->ymax, pts[i].y);
    }
    return out;
}

std::optional<Encoding> pictureEncoding(const OutputFormat& f) {
    const std::string d = asciiUpper(f.driver);
    if (d == "PNG") return Encoding::PNG;
    if (d == "JPEG") return Encoding::JPEG;
    if (d == "WEBP") return Encoding::WebP;
    if (d == "GTIFF") return Encoding::TIFF;
    return std::nullopt;
}

namespace {

bool isImageFormat(const OutputFormat& f) {
    return f.writable && f.mimeType.rfind("image/", 0) == 0;
}

}  // namespace

std::vector<OutputFormat> imageFormats(const ServiceConfig& config) {
    std::vector<OutputFormat> out;
    for (const auto& f : config.formats.writable())
        if (isImageFormat(f)) out.push_back(f);
    return out;
}

const OutputFormat* findImageFormat(const ServiceConfig& config, std::string_view name) {
    const OutputFormat* f = config.formats.find(name);
    if (!f || !isImageFormat(*f)) return nullptr;
    return f;
}

Encoded encodePicture(const Image& img, const OutputFormat& format, const GeoReference* geo) {
    if (const auto e = pictureEncoding(format)) {
        auto bytes = std::make_shared<const Bytes>(
            encodeImage(img, *e, {}, *e == Encoding::TIFF ? geo : nullptr));
        return {bytes, format.mimeType};
    }
    // Any other GDAL driver of the registry (GIF, JPEG 2000, COG, ...).
    RasterOutput data = imageToRasterOutput(img);
    if (geo) data.geo = *geo;
    GdalWritten w = encodeWithGdal(data, format.driver, format.extension);
    return {std::make_shared<const Bytes>(std::move(w.bytes)),
            w.zipped ? std::string("application/zip") : format.mimeType};
}

std::optional<StyleSpec> styleByName(const std::string& name) {
    if (name.empty() || name == StylePresets::kDefaultName) return StyleSpec{};
    auto preset = StylePresets::shared().get(name);
    if (!preset) return std::nullopt;
    return StyleSpec{preset->dump(), 0};
}

std::vector<std::string> styleNames() {
    std::vector<std::string> out{StylePresets::kDefaultName};
    try {
        for (auto& n : StylePresets::shared().names()) out.push_back(n);
    } catch (const Error&) {
        // An unreadable presets file leaves only the default style.
    }
    return out;
}

std::string serviceUrl(const std::string& origin, const std::string& path,
                       const std::string& token) {
    std::string u = origin + path + "?";
    if (!token.empty())
        u += "token=" + QByteArray::fromStdString(token).toPercentEncoding().toStdString() + "&";
    return u;
}

}  // namespace tessera::http::ogc
