// What a TIFF must keep to before Tessera decodes it: level and block sizes, bands, stored blocks
// inside the file, and plausible expansion — a block may not claim to decode to more than its
// codec can expand it (DEFLATE 1032:1, PackBits 64:1: the file is damaged), and a large block
// (64 MiB or more decoded) may not expand more than 256:1 (a few MB that inflate to gigabytes
// cost minutes of decoding for nothing). Used by TiffSource at open and per block, and by
// GdalSource once at open for local TIFFs with large blocks (single-strip images).
//
// Thread safety: free functions; checkTiffExpansion opens its own handle.
#pragma once

#include <cstdint>
#include <string>

#include "source/tiff_layout.h"

typedef struct tiff TIFF;

namespace tessera {

// Bands (samples per pixel) an image may have; GdalSource keeps the same limit.
constexpr int kMaxTiffBands = 8192;
// Largest decoded block (tile or strip) TiffSource decodes at once.
constexpr double kMaxTiffBlockBytes = 256.0 * 1024 * 1024;

// Decoded sizes from this on are checked against kMaxLargeBlockRatio.
constexpr std::uint64_t kLargeBlockBytes = std::uint64_t(64) << 20;
constexpr double kMaxLargeBlockRatio = 256.0;

enum class ExpansionVerdict { Plausible, Impossible, Bomb };

// How a block of `stored` bytes compressed with `compression` (TIFF code) decoding to `decoded`
// bytes looks. Uncompressed and sparse (stored = 0) blocks are plausible.
ExpansionVerdict judgeExpansion(std::uint16_t compression, std::uint64_t stored,
                                std::uint64_t decoded);

// Throws Error(Unsupported) for a level TiffSource cannot read within its limits: more than
// kMaxTiffBands samples, an empty or larger than int image, or blocks decoding to more than
// kMaxTiffBlockBytes (pixelBytes: decoded bytes of one pixel). Such files are left to GDAL.
void checkTiffLevelLimits(const TiffIfd& d, int bands, int pixelBytes, const std::string& uri);

// Throws Error(BadRequest) when stored block `index` of the current directory lies outside the
// file (fileSize 0 = unknown) or claims to decode to more than its codec can expand it, and
// Error(Unsupported) for a decompression bomb. (bx, by) name the block in messages.
void checkTiffBlock(TIFF* tif, std::uint64_t fileSize, std::uint16_t compression,
                    std::uint32_t index, std::uint64_t decoded, const std::string& uri, int bx,
                    int by);

// For a local TIFF (gdalPath; nothing happens for other files): when the first image's blocks
// decode to kLargeBlockBytes or more, checks each of them and throws Error(Unsupported) for a
// decompression bomb, Error(BadRequest) for an impossible expansion.
void checkTiffExpansion(const std::string& gdalPath, const std::string& uri);

}  // namespace tessera
