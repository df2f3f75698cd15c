// Test fixtures written by the tests themselves with GDAL: COGs of every kind the issues name
// (uint8 RGB JPEG, uint16 DEFLATE, float32 with nodata, paletted, web-mercator, not georeferenced)
// with known pixel values, plus helpers to find ../shared/data.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "raster/datatype.h"

namespace tessera::test {

struct FixtureSpec {
    int width = 1024;
    int height = 768;
    int bands = 3;
    DataType type = DataType::UInt8;
    std::string compression = "DEFLATE";  // COG COMPRESS=
    int blockSize = 256;
    bool overviews = true;
    // Georeferencing: epsg 0 = none. geoTransform in GDAL order.
    int epsg = 4326;
    std::array<double, 6> geoTransform{-10.0, 0.02, 0.0, 10.0, 0.0, -0.02};
    std::optional<double> nodata;
    // Band colour interpretations (GDAL names: "red", "green", "blue", "gray", "alpha",
    // "palette", "undefined"); empty = GDAL defaults.
    std::vector<std::string> interpretations;
    // Colour table for paletted fixtures (RGBA entries).
    std::vector<std::array<short, 4>> colorTable;
    // Pixel value: value(x, y, band0). Default: pattern below.
    std::function<double(int, int, int)> value;
    std::string format = "COG";  // or "GTiff" (plain, striped unless tiled)
    bool tiled = true;           // for GTiff
};

// The default pattern: band b at (x, y) = (x + 2*y + 40*b) % 256 (scaled for 16-bit: ×200).
double defaultPattern(int x, int y, int band, DataType type);

// Writes the fixture to path; returns path.
std::string writeFixture(const std::string& path, const FixtureSpec& spec);

// A fresh temporary directory for this test process (removed at exit).
std::string tempDir();

// ../shared/data (or TESSERA_SHARED_DATA from the environment); empty when absent.
std::string sharedDataDir();
// All files in a subfolder of shared data with one of the extensions (lower case, with dot).
std::vector<std::string> sharedDataFiles(const std::string& sub,
                                         const std::vector<std::string>& exts);

}  // namespace tessera::test
