// What a source knows about its image: size, native tiling and pyramid, bands, frames and
// georeferencing. Filled once when the source opens; immutable afterwards.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "raster/datatype.h"

namespace tessera {

struct BandInfo {
    // "red", "green", "blue", "gray", "alpha", "palette", "undefined", ... (GDAL names, lower case)
    std::string interpretation = "undefined";
    std::optional<double> nodata;
    std::optional<double> scale;
    std::optional<double> offset;
    std::string units;
    std::string description;
    std::vector<std::string> categories;
    // RGBA entries 0..255 for paletted bands (interpretation "palette").
    std::vector<std::array<int, 4>> colortable;
    // GDAL mask flags description, e.g. "per-dataset", "alpha", "nodata", "all-valid".
    std::string maskband;
};

// Statistics of one band; stored statistics where the file has them, else approximate ones
// computed on an overview of about a megapixel.
struct BandStats {
    double min = 0, max = 0, mean = 0, stdev = 0;
    bool valid = false;
};

// One native resolution level of the source pyramid; level 0 is full resolution.
struct LevelInfo {
    int width = 0;
    int height = 0;
};

struct SourceInfo {
    std::string sourceName;  // "gdal", "tiff", "fits"
    std::string driver;      // e.g. GDAL short driver name "GTiff"
    int sizeX = 0;
    int sizeY = 0;
    int tileWidth = 256;  // native block size (informational; tiling uses 256 like large_image)
    int tileHeight = 256;
    int bandCount = 0;
    DataType dtype = DataType::UInt8;
    std::vector<LevelInfo> levels;  // native pyramid, full resolution first
    std::vector<BandInfo> bands;    // bandCount entries

    int frameCount = 1;
    // large_image "frames" list (objects with Frame, Index, ...), null for single-frame sources.
    nlohmann::json frames;

    // Georeferencing. geospatial means a CRS and a non-identity geotransform are present.
    bool geospatial = false;
    std::string projectionWkt;  // native CRS as WKT, empty when not georeferenced
    std::array<double, 6> geoTransform{0, 1, 0, 0, 0, 1};  // GDAL order

    std::optional<double> magnification;
    std::optional<double> mmX;
    std::optional<double> mmY;

    // Source-specific keys merged into getMetadata() (e.g. Aperio properties).
    nlohmann::json extra = nlohmann::json::object();
};

}  // namespace tessera
