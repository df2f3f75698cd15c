// Shared pieces of the OGC services (WMS 1.3.0, WMTS 1.0, WCS 2.0.1): case-insensitive KVP
// parameters, the layers (registered georeferenced images) with their bounds, CRS names and EPSG
// axis order, the image output formats of the configuration, and an XML document writer over
// QXmlStreamWriter. Stateless functions; safe from any thread (XmlWriter is one per response).
#pragma once

#include <QByteArray>
#include <QXmlStreamWriter>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "encode/encoder.h"
#include "formats/service_config.h"
#include "geo/bounds.h"
#include "geo/crs_name.h"
#include "geo/epsg_axes.h"
#include "http/http_types.h"
#include "http/image_registry.h"
#include "raster/image.h"
#include "service/engine.h"
#include "service/requests.h"

namespace tessera::http::ogc {

// XML namespaces.
inline constexpr const char* kXlinkNs = "http://www.w3.org/1999/xlink";
inline constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr const char* kOws11Ns = "http://www.opengis.net/ows/1.1";
inline constexpr const char* kOws20Ns = "http://www.opengis.net/ows/2.0";

// An XML document written element by element (never by string concatenation).
class XmlWriter {
  public:
    XmlWriter();
    QXmlStreamWriter& raw() { return w_; }
    // Starts an element (qualified name, e.g. "ows:Title"); end() closes the innermost.
    XmlWriter& start(const char* name);
    XmlWriter& end();
    XmlWriter& attr(const char* name, const std::string& value);
    XmlWriter& ns(const char* uri, const char* prefix = nullptr);  // nullptr = default namespace
    XmlWriter& text(const std::string& value);
    // <name>value</name>
    XmlWriter& element(const char* name, const std::string& value);
    // The document (closes open elements).
    QByteArray finish();

  private:
    QByteArray buffer_;
    QXmlStreamWriter w_;
};

// "text/xml; charset=UTF-8" response.
HttpResponse xmlResponse(QByteArray body, int status = 200,
                         const QByteArray& contentType = "text/xml; charset=UTF-8");

// KVP parameter (name compared case-insensitively, as OGC KVP requires); nullopt when absent.
std::optional<std::string> kvp(const HttpRequest& request, std::string_view name);
// Every value of a repeatable parameter (WCS subset=...).
std::vector<std::string> kvpAll(const HttpRequest& request, std::string_view name);
// "a,b,,c" → {"a", "b", "", "c"}; "" → {}.
std::vector<std::string> splitList(const std::string& text, char separator = ',');
// Number with all the digits a double needs ("1.5", "-20037508.342789244").
std::string num(double v);

// A served layer: a registered georeferenced image that opens.
struct Layer {
    RegisteredImage image;
    SourceInfo info;
    Bounds wgs84;                   // lon/lat box
    Bounds native;                  // box in the native CRS (x = easting)
    std::optional<int> nativeEpsg;  // when the native CRS is an EPSG one
};

// Every layer of the registry in registration order (non-georeferenced images and images that
// fail to open are left out).
std::vector<Layer> layers(Engine& engine, const ImageRegistry& registry);
// A layer by id or name; nullopt when unknown or not georeferenced.
std::optional<Layer> findLayer(Engine& engine, const ImageRegistry& registry,
                               const std::string& idOrName);

// The box of a rectangle transformed between CRSs (edges densified); nullopt when it cannot be.
std::optional<Bounds> transformBounds(const std::string& fromCrs, const std::string& toCrs,
                                      const Bounds& b);

// The picture encoder of a format (PNG, JPEG, WEBP, GTiff drivers); nullopt for others.
std::optional<Encoding> pictureEncoding(const OutputFormat& format);
// Image output formats of the configuration: the writable formats with an image/* MIME type,
// in configuration order (WMS GetMap).
std::vector<OutputFormat> imageFormats(const ServiceConfig& config);
// The image format named by MIME type (or extension / driver); nullptr when not offered.
const OutputFormat* findImageFormat(const ServiceConfig& config, std::string_view name);
// Encodes a picture in an image format: PNG, JPEG, WebP and TIFF with Tessera's encoders, others
// through GDAL (georeferenced by geo when given and the format can hold it).
Encoded encodePicture(const Image& img, const OutputFormat& format,
                      const GeoReference* geo = nullptr);

// The style of a style name: "" or "default" = the default style, else a saved preset;
// nullopt when there is no preset of that name.
std::optional<StyleSpec> styleByName(const std::string& name);
// "default" followed by the preset names.
std::vector<std::string> styleNames();

// The base URL of a service ("http://host:port/wms"), with ?token=... when the request had one,
// ready for appending KVP ("...?" or "...&").
std::string serviceUrl(const std::string& origin, const std::string& path,
                       const std::string& token);

}  // namespace tessera::http::ogc
