// Request values: every consumer (canvas, HTTP route, CLI command, export job) builds one of
// these and hands it to the Engine. Plain data; the names follow the REST parameters.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "encode/encoding.h"
#include "source/source.h"

namespace tessera {

// Which image, opened how: the path or URL, a projection ("" = native pixel tiling, or e.g.
// "EPSG:3857"), and a forced reader name.
struct ImageRef {
    std::string uri;
    std::string projection;
    std::string sourceName;
};

// Style selection shared by all rendering requests. styleJson empty = the default style;
// "{}" = raw (unstyled) output.
struct StyleSpec {
    std::string styleJson;
    int frame = 0;
};

struct TileRequest {
    ImageRef image;
    int z = 0, x = 0, y = 0;
    StyleSpec style;
    Encoding encoding = Encoding::PNG;
    EncodeOptions encodeOptions;
    bool edgeCrop = false;  // large_image edge='crop': return edge tiles smaller than 256²
};

// Region bounds units: pixels of the full-resolution image, fractions 0..1, or a CRS.
struct RegionRequest {
    ImageRef image;
    double left = 0, top = 0, right = 0, bottom = 0;
    // "pixels", "fraction", "projection", "EPSG:nnnn", "wgs84", "+proj=...", or "" (default:
    // EPSG:4326 for geospatial sources, pixels otherwise — as django-large-image).
    std::string units;
    int width = 0;   // maximum output width, 0 = native
    int height = 0;  // maximum output height, 0 = native
    StyleSpec style;
    bool styleGiven = false;  // TIFF output without an explicit style writes raw data
    Encoding encoding = Encoding::TIFF;
    EncodeOptions encodeOptions;
    // Output format as a formats-registry entry (GDAL driver, extension or MIME type, e.g.
    // "COG", "nc", "image/jp2"); "" = `encoding`. Must be writable in ServiceConfig::current(),
    // else Error(BadRequest) listing the valid ones. Data formats (not PNG/JPEG/WebP/GIF...)
    // without an explicit style write raw data, as TIFF does.
    std::string format;
    // Output CRS ("EPSG:32633", "" = the image's): the region is warped into it and written
    // with that CRS and geotransform. Must be in ServiceConfig's list, else Error(BadRequest).
    std::string outputCrs;
};

// How a thumbnail is stretched. Auto: the LCO stretch (zscale + gamma, as LCO's thumbnail
// service) for FITS sources when no style is given, else the style (or the default style).
// Style: always the style. ZScale: always the LCO stretch, whatever the source.
enum class ThumbnailStretch { Auto, Style, ZScale };

struct ThumbnailRequest {
    ImageRef image;
    int maxWidth = 256;
    int maxHeight = 256;
    StyleSpec style;
    Encoding encoding = Encoding::PNG;
    EncodeOptions encodeOptions;
    ThumbnailStretch stretch = ThumbnailStretch::Auto;
    double gamma = 2.5;  // gamma of the LCO stretch (fits2image's default; 1 = linear)
    std::string label;   // UTF-8 text drawn in the lower-left corner; "" = no label
};

// A colour thumbnail from three single-band images of the same pixel size (LCO's colour
// thumbnails: red, green and blue filter exposures), each stretched with its own zscale limits
// and gamma, aligned by pixel.
struct RgbThumbnailRequest {
    std::array<ImageRef, 3> images;  // red, green, blue
    int maxWidth = 256;
    int maxHeight = 256;
    int frame = 0;
    double gamma = 2.5;
    std::string label;
    Encoding encoding = Encoding::PNG;
    EncodeOptions encodeOptions;
};

struct PixelRequest {
    ImageRef image;
    double left = 0;  // full-resolution pixels of the opened image (world pixels if projected)
    double top = 0;
    std::string units;  // "" = pixels; or a CRS as in RegionRequest
    StyleSpec style;
};

struct HistogramRequest {
    ImageRef image;
    int bins = 256;
    bool density = false;
    bool onlyMinMax = false;
    std::optional<double> rangeMin;
    std::optional<double> rangeMax;
    int frame = 0;
    // Longest side of the image the histogram is computed on; 0 = full resolution.
    int maxSize = 2048;
};

// A Deep Zoom tile (tiling/deep_zoom.h) of the unprojected image.
struct DeepZoomRequest {
    ImageRef image;  // its projection is ignored: Deep Zoom is a pixel pyramid
    int level = 0, col = 0, row = 0;
    StyleSpec style;
    Encoding encoding = Encoding::PNG;
    EncodeOptions encodeOptions;
};

// A map in any CRS (WMS GetMap, WMTS tiles outside WebMercatorQuad): every layer's image seen
// through its EPSG:3857 view (transparent outside the data, large_image's warp alpha), warped to
// exactly width × height over bounds (in crs, x = easting/longitude) and composited in order
// into 8-bit RGBA.
struct MapLayer {
    ImageRef image;  // its projection is ignored (EPSG:3857 is used)
    StyleSpec style;
};
struct MapRenderRequest {
    std::vector<MapLayer> layers;
    std::string crs;
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
    int width = 256;
    int height = 256;
};

}  // namespace tessera
