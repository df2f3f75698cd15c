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

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

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

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    return s;
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

std::optional<CrsName> parseCrsName(std::string_view text) {
    std::string t = upper(std::string(text));
    while (!t.empty() && t.back() == ' ') t.pop_back();
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    if (t == "CRS:84" || t == "OGC:CRS84" || t == "URN:OGC:DEF:CRS:OGC:1.3:CRS84" ||
        t == "URN:OGC:DEF:CRS:OGC::CRS84" || t == "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84")
        return CrsName{4326, true};
    std::string digits;
    for (const char* prefix :
         {"EPSG:", "URN:OGC:DEF:CRS:EPSG:", "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/",
          "HTTPS://WWW.OPENGIS.NET/DEF/CRS/EPSG/"}) {
        if (t.rfind(prefix, 0) == 0) {
            // The code is after the last ':' or '/' (a version may sit in between).
            const std::size_t p = t.find_last_of(":/");
            digits = t.substr(p + 1);
            break;
        }
    }
    if (digits.empty()) digits = t;
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return CrsName{std::stoi(digits), false};
}

std::string crsUri(int epsg) {
    return "http://www.opengis.net/def/crs/EPSG/0/" + std::to_string(epsg);
}
std::string crsUrn(int epsg) {
    return "urn:ogc:def:crs:EPSG::" + std::to_string(epsg);
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
    const std::string d = upper(f.driver);
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

Image toRgba(const Image& img) {
    Image out(img.width, img.height, 4);
    const std::size_t n = std::size_t(img.width) * img.height;
    auto sample = [&](std::size_t i, int c) -> std::uint8_t {
        return dispatchType(img.type, [&](auto t) -> std::uint8_t {
            using T = decltype(t);
            T v;
            std::memcpy(&v, img.pixels.data() + (i * img.channels + c) * sizeof(T), sizeof(T));
            double d = double(v);
            if constexpr (std::is_floating_point_v<T>) {
                if (std::isnan(d)) d = 0;
            } else if constexpr (sizeof(T) > 1) {
                d = d / (typeFullMax(img.type) + 1.0) * 256.0;
            }
            return std::uint8_t(std::clamp(d, 0.0, 255.0));
        });
    };
    for (std::size_t i = 0; i < n; ++i) {
        std::uint8_t* d = out.pixels.data() + i * 4;
        switch (img.channels) {
            case 1:
            case 2:
                d[0] = d[1] = d[2] = sample(i, 0);
                d[3] = img.channels == 2 ? sample(i, 1) : 255;
                break;
            default:
                d[0] = sample(i, 0);
                d[1] = sample(i, 1);
                d[2] = sample(i, 2);
                d[3] = img.channels == 4 ? sample(i, 3) : 255;
        }
    }
    return out;
}

void compositeOver(Image& dst, const Image& src) {
    const std::size_t n = std::size_t(dst.width) * dst.height;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* s = src.pixels.data() + i * 4;
        std::uint8_t* d = dst.pixels.data() + i * 4;
        const int sa = s[3];
        if (sa == 0) continue;
        if (sa == 255) {
            std::memcpy(d, s, 4);
            continue;
        }
        const int da = d[3];
        const int oa = sa + da * (255 - sa) / 255;
        for (int c = 0; c < 3; ++c)
            d[c] = std::uint8_t((s[c] * sa + d[c] * da * (255 - sa) / 255) / std::max(1, oa));
        d[3] = std::uint8_t(oa);
    }
}

Image flatten(const Image& rgba, unsigned rgb) {
    Image out(rgba.width, rgba.height, 3);
    const int bg[3] = {int((rgb >> 16) & 255), int((rgb >> 8) & 255), int(rgb & 255)};
    const std::size_t n = std::size_t(rgba.width) * rgba.height;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* s = rgba.pixels.data() + i * 4;
        const int a = s[3];
        for (int c = 0; c < 3; ++c)
            out.pixels[i * 3 + c] = std::uint8_t((s[c] * a + bg[c] * (255 - a) + 127) / 255);
    }
    return out;
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
