// Request values: every consumer (canvas, HTTP route, CLI command, export job) builds one of
// these and hands it to the Engine. Plain data; the names follow the REST parameters.
#pragma once

#include <optional>
#include <string>

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
};

struct ThumbnailRequest {
    ImageRef image;
    int maxWidth = 256;
    int maxHeight = 256;
    StyleSpec style;
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

}  // namespace tessera
