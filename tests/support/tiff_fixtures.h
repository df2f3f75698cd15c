// TIFF pyramid fixtures written with libtiff: multi-IFD or SubIFD pyramids, BigTIFF, any libtiff
// codec (JPEG RGB/YCbCr, LZW, DEFLATE, ZSTD, WEBP, none), 8/16-bit, 1/3/4 samples, tiles or
// strips, missing levels, Orientation, an Aperio-style description and associated images
// (thumbnail / label / macro). Pixel values are known: level k pixel (x, y) of band b is
// value(x << k, y << k, b), so tests compare what they read with what was written.
//
// Thread safety: writes files; call from one thread per path.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tessera::test {

struct TiffAssociatedSpec {
    std::string description;  // e.g. "Aperio Image Library v10\nlabel 120x80"
    int width = 120;
    int height = 80;
    std::uint32_t subfileType = 0;
    std::uint16_t compression = 5;  // LZW
};

struct TiffPyramidSpec {
    int width = 1000;
    int height = 700;
    int samples = 3;
    int bits = 8;
    std::uint16_t compression = 5;  // libtiff COMPRESSION_* (1 none, 5 LZW, 7 JPEG, 8 DEFLATE,
                                    // 50000 ZSTD, 50001 WEBP)
    bool ycbcr = false;             // JPEG: photometric YCbCr (else RGB / min-is-black)
    int jpegQuality = 90;
    int tileWidth = 256;
    int tileHeight = 256;
    bool stripped = false;  // level 0 only, in strips of rowsPerStrip
    int rowsPerStrip = 16;
    int levels = 3;               // pyramid levels written, full resolution first
    std::vector<int> skipLevels;  // level numbers (≥1) left out
    bool subIfds = false;         // reduced levels as SubIFDs of level 0
    bool bigTiff = false;
    int orientation = 1;
    std::string description;  // level 0 ImageDescription ("" = none)
    double xResolution = 0;   // pixels per centimetre (0 = no resolution tags)
    // Written after level 0 (Aperio puts the thumbnail there) or after the pyramid.
    std::vector<TiffAssociatedSpec> associatedAfterLevel0;
    std::vector<TiffAssociatedSpec> associatedAtEnd;
    // value(x, y, band) at full resolution; default: tiffPattern.
    std::function<int(int, int, int)> value;
};

// Blocks of 32×32 with distinct values per band: (x/32*37 + y/32*59 + b*80) % 256.
int tiffPattern(int x, int y, int b);

// Level k size: the full size halved k times (floor, at least 1).
int tiffLevelSize(int full, int k);

// Writes the pyramid to path (returns path). Throws std::runtime_error on failure.
std::string writeTiffPyramid(const std::string& path, const TiffPyramidSpec& spec);

// The value written at level k pixel (x, y) of band b.
int tiffExpected(const TiffPyramidSpec& spec, int k, int x, int y, int b);

// Associated image pixel (x, y) of band b (RGB): a gradient per image index.
int tiffAssociatedValue(int index, int x, int y, int b);

}  // namespace tessera::test
