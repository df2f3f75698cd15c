// Decompression-bomb checks for TIFF blocks: a stored block may not claim to decode to more
// than its codec can expand it (DEFLATE 1032:1, PackBits 64:1: the file is damaged), and a large
// block (64 MiB or more decoded) may not expand implausibly (more than 256:1: a few MB that
// inflate to gigabytes cost minutes of decoding for nothing). Used by TiffSource per block and
// by GdalSource once at open for local TIFFs with large blocks (single-strip images).
//
// Thread safety: free functions; checkTiffExpansion opens its own handle.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tessera {

// Decoded sizes from this on are checked against kMaxLargeBlockRatio.
constexpr std::uint64_t kLargeBlockBytes = std::uint64_t(64) << 20;
constexpr double kMaxLargeBlockRatio = 256.0;

enum class ExpansionVerdict { Plausible, Impossible, Bomb };

// How a block of `stored` bytes compressed with `compression` (TIFF code) decoding to `decoded`
// bytes looks. Uncompressed and sparse (stored = 0) blocks are plausible.
ExpansionVerdict judgeExpansion(std::uint16_t compression, std::uint64_t stored,
                                std::uint64_t decoded);

// For a local TIFF (gdalPath; nothing happens for other files): when the first image's blocks
// decode to kLargeBlockBytes or more, checks each of them and throws Error(Unsupported) for a
// decompression bomb, Error(BadRequest) for an impossible expansion.
void checkTiffExpansion(const std::string& gdalPath, const std::string& uri);

}  // namespace tessera
