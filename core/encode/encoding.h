// Output encodings (PNG, JPEG, WebP, TIFF): names, aliases, MIME types and options.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace tessera {

enum class Encoding { PNG, JPEG, WebP, TIFF };

// Parses a format or extension, case-insensitive: png, jpeg, jpg, jfif, webp, tif, tiff, tiled.
std::optional<Encoding> parseEncoding(std::string_view name);
const char* mimeType(Encoding e) noexcept;       // "image/png", ...
const char* fileExtension(Encoding e) noexcept;  // "png", "jpeg", "webp", "tiff"
const char* encodingName(Encoding e) noexcept;   // "PNG", "JPEG", "WEBP", "TIFF"

struct EncodeOptions {
    int jpegQuality = 95;     // large_image's default
    int jpegSubsampling = 0;  // 0 = 4:4:4, 1 = 4:2:2, 2 = 4:2:0 (large_image's numbering)
    int webpQuality = 75;     // 0..100; 100 with webpLossless
    bool webpLossless = false;
    int pngLevel = 1;                         // deflate effort 0..9; 1 is the fast default
    std::string tiffCompression = "DEFLATE";  // GDAL COMPRESS= value for TIFF output
};

// Georeferencing written into GeoTIFF output.
struct GeoReference {
    std::string wkt;
    std::array<double, 6> geoTransform{0, 1, 0, 0, 0, 1};
    std::optional<double> nodata;
};

}  // namespace tessera
