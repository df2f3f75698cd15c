// Encoding an Image (or raw Raster, for TIFF) to bytes. Encoders keep per-thread compressor
// state (thread_local), so every function here may be called from any thread.
#pragma once

#include <cstdint>
#include <vector>

#include "encode/encoding.h"
#include "raster/image.h"
#include "raster/raster.h"

namespace tessera {

using Bytes = std::vector<std::uint8_t>;

// Encodes img as the given encoding. JPEG drops alpha (composited over black, as PIL does for
// RGBA->RGB conversion in large_image); 16-bit/float images are converted as §3.2 says for
// 8-bit-only formats. TIFF keeps the image's type. Throws Error(Unsupported) for impossible
// combinations.
Bytes encodeImage(const Image& img, Encoding encoding, const EncodeOptions& options = {},
                  const GeoReference* geo = nullptr);

// Individual encoders, for benchmarks and tests.
Bytes encodePng(const Image& img, int level = 1);
Bytes encodeJpeg(const Image& img, int quality = 95, int subsampling = 0);
Bytes encodeWebp(const Image& img, int quality = 75, bool lossless = false);
// A tiled GeoTIFF (BigTIFF when large) of an image or of raw raster data, through GDAL.
Bytes encodeTiff(const Image& img, const EncodeOptions& options = {}, const GeoReference* geo = nullptr);
Bytes encodeRasterTiff(const Raster& raster, const EncodeOptions& options = {},
                       const GeoReference* geo = nullptr);

// Decoding (any format GDAL reads, via /vsimem/), for tests and the CLI's checks.
Image decodeImage(const Bytes& bytes);

}  // namespace tessera
