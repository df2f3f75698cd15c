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

// Encodes img as the given encoding. JPEG drops alpha (RGBA->RGB, LA->L: the alpha samples are
// discarded, not composited, as PIL's convert does in large_image); 16-bit/float images are
// converted as §3.2 says for 8-bit-only formats (PNG keeps uint16 as 16-bit). TIFF keeps the
// image's type. Throws Error(Unsupported) for impossible combinations.
Bytes encodeImage(const Image& img, Encoding encoding, const EncodeOptions& options = {},
                  const GeoReference* geo = nullptr);

// Individual encoders, for benchmarks and tests.
// PNG: UP filter; level 0..1 = ISA-L igzip level 1 (fastest), 2..9 = libdeflate at that level.
Bytes encodePng(const Image& img, int level = 1);
// JPEG: quality 0..100, subsampling 0/1/2 = 4:4:4/4:2:2/4:2:0; gray is always TJSAMP_GRAY.
Bytes encodeJpeg(const Image& img, int quality = 95, int subsampling = 0);
// WebP, method 0. Lossy: quality 0..100. Lossless: quality is libwebp's effort (0 = fastest).
Bytes encodeWebp(const Image& img, int quality = 75, bool lossless = false);
// A tiled GeoTIFF (BigTIFF when large) of an image or of raw raster data, through GDAL.
Bytes encodeTiff(const Image& img, const EncodeOptions& options = {},
                 const GeoReference* geo = nullptr);
Bytes encodeRasterTiff(const Raster& raster, const EncodeOptions& options = {},
                       const GeoReference* geo = nullptr);

// Decoding (any format GDAL reads, via /vsimem/), for tests and the CLI's checks.
Image decodeImage(const Bytes& bytes);

}  // namespace tessera
