#include "support/tiff_fixtures.h"

#include <tiffio.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace tessera::test {

namespace {

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("writeTiffPyramid: ") + what);
}

void writeAssociated(TIFF* tif, const TiffAssociatedSpec& a, int index) {
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, std::uint32_t(a.width));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, std::uint32_t(a.height));
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, std::uint16_t(3));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, std::uint16_t(8));
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, a.compression);
    if (a.compression == COMPRESSION_JPEG) {
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
        TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
        TIFFSetField(tif, TIFFTAG_JPEGQUALITY, 95);
    } else {
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
    }
    if (a.subfileType) TIFFSetField(tif, TIFFTAG_SUBFILETYPE, a.subfileType);
    if (!a.description.empty()) TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, a.description.c_str());
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, std::uint32_t(16));
    std::vector<std::uint8_t> row(std::size_t(a.width) * 3);
    for (int y = 0; y < a.height; ++y) {
        for (int x = 0; x < a.width; ++x)
            for (int b = 0; b < 3; ++b)
                row[std::size_t(x) * 3 + b] = std::uint8_t(tiffAssociatedValue(index, x, y, b));
        check(TIFFWriteScanline(tif, row.data(), std::uint32_t(y), 0) == 1, "scanline");
    }
    check(TIFFWriteDirectory(tif) == 1, "associated directory");
}

void setLevelTags(TIFF* tif, const TiffPyramidSpec& s, int w, int h, int k) {
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, std::uint32_t(w));
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, std::uint32_t(h));
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, std::uint16_t(s.samples));
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, std::uint16_t(s.bits));
    TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_UINT);
    TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, s.compression);
    if (k > 0) TIFFSetField(tif, TIFFTAG_SUBFILETYPE, std::uint32_t(FILETYPE_REDUCEDIMAGE));
    if (s.orientation != 1) TIFFSetField(tif, TIFFTAG_ORIENTATION, std::uint16_t(s.orientation));
    const bool colour = s.samples >= 3;
    if (s.compression == COMPRESSION_JPEG && s.ycbcr && colour) {
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
        TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
    } else {
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, colour ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
    }
    if (s.compression == COMPRESSION_JPEG) TIFFSetField(tif, TIFFTAG_JPEGQUALITY, s.jpegQuality);
    if (s.compression == COMPRESSION_LZW || s.compression == COMPRESSION_ADOBE_DEFLATE ||
        s.compression == 50000)
        TIFFSetField(tif, TIFFTAG_PREDICTOR, std::uint16_t(PREDICTOR_HORIZONTAL));
    if (s.compression == COMPRESSION_WEBP) TIFFSetField(tif, TIFFTAG_WEBP_LOSSLESS, 1);
    if (s.samples == 4 || s.samples == 2) {
        const std::uint16_t extra = EXTRASAMPLE_UNASSALPHA;
        TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, std::uint16_t(1), &extra);
    }
    if (s.xResolution > 0) {
        TIFFSetField(tif, TIFFTAG_XRESOLUTION, float(s.xResolution / (1 << k)));
        TIFFSetField(tif, TIFFTAG_YRESOLUTION, float(s.xResolution / (1 << k)));
        TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_CENTIMETER);
    }
    if (k == 0 && !s.description.empty())
        TIFFSetField(tif, TIFFTAG_IMAGEDESCRIPTION, s.description.c_str());
}

void writeLevelData(TIFF* tif, const TiffPyramidSpec& s, int w, int h, int k) {
    const int bytes = s.bits / 8;
    auto put = [&](std::uint8_t* p, int v) {
        if (bytes == 1) {
            *p = std::uint8_t(v);
        } else {
            const auto u = std::uint16_t(v);
            std::memcpy(p, &u, 2);
        }
    };
    if (s.stripped) {
        TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, std::uint32_t(s.rowsPerStrip));
        std::vector<std::uint8_t> row(std::size_t(w) * s.samples * bytes);
        for (int y = 0; y < h; ++y) {
            for (int x = 0; x < w; ++x)
                for (int b = 0; b < s.samples; ++b)
                    put(&row[(std::size_t(x) * s.samples + b) * bytes],
                        tiffExpected(s, k, x, y, b));
            check(TIFFWriteScanline(tif, row.data(), std::uint32_t(y), 0) == 1, "scanline");
        }
        return;
    }
    TIFFSetField(tif, TIFFTAG_TILEWIDTH, std::uint32_t(s.tileWidth));
    TIFFSetField(tif, TIFFTAG_TILELENGTH, std::uint32_t(s.tileHeight));
    std::vector<std::uint8_t> tile(std::size_t(s.tileWidth) * s.tileHeight * s.samples * bytes);
    for (int ty = 0; ty < h; ty += s.tileHeight)
        for (int tx = 0; tx < w; tx += s.tileWidth) {
            std::fill(tile.begin(), tile.end(), std::uint8_t(0));
            for (int y = 0; y < s.tileHeight && ty + y < h; ++y)
                for (int x = 0; x < s.tileWidth && tx + x < w; ++x)
                    for (int b = 0; b < s.samples; ++b)
                        put(&tile[((std::size_t(y) * s.tileWidth + x) * s.samples + b) * bytes],
                            tiffExpected(s, k, tx + x, ty + y, b));
            const std::uint32_t index =
                TIFFComputeTile(tif, std::uint32_t(tx), std::uint32_t(ty), 0, 0);
            check(TIFFWriteEncodedTile(tif, index, tile.data(), tmsize_t(tile.size())) >= 0,
                  "tile");
        }
}

}  // namespace

int tiffPattern(int x, int y, int b) {
    return ((x / 32) * 37 + (y / 32) * 59 + b * 80) % 256;
}

int tiffLevelSize(int full, int k) {
    return std::max(1, full >> k);
}

int tiffExpected(const TiffPyramidSpec& spec, int k, int x, int y, int b) {
    const int v = spec.value ? spec.value(x << k, y << k, b) : tiffPattern(x << k, y << k, b);
    return spec.bits == 16 ? v * 200 : v;
}

int tiffAssociatedValue(int index, int x, int y, int b) {
    return (index * 60 + (b == 0 ? x : b == 1 ? y : x + y)) % 256;
}

std::string writeTiffPyramid(const std::string& path, const TiffPyramidSpec& s) {
    TIFF* tif = TIFFOpen(path.c_str(), s.bigTiff ? "w8" : "w");
    check(tif != nullptr, "open");
    std::vector<int> levels;
    for (int k = 0; k < (s.stripped ? 1 : s.levels); ++k)
        if (k == 0 || std::find(s.skipLevels.begin(), s.skipLevels.end(), k) == s.skipLevels.end())
            levels.push_back(k);
    int assocIndex = 0;
    try {
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const int k = levels[i];
            const int w = tiffLevelSize(s.width, k), h = tiffLevelSize(s.height, k);
            setLevelTags(tif, s, w, h, k);
            if (k == 0 && s.subIfds && levels.size() > 1) {
                std::vector<toff_t> offsets(levels.size() - 1, 0);
                TIFFSetField(tif, TIFFTAG_SUBIFD, std::uint16_t(offsets.size()), offsets.data());
            }
            writeLevelData(tif, s, w, h, k);
            check(TIFFWriteDirectory(tif) == 1, "directory");
            if (k == 0 && !s.subIfds)
                for (const auto& a : s.associatedAfterLevel0) writeAssociated(tif, a, assocIndex++);
        }
        if (s.subIfds)
            for (const auto& a : s.associatedAfterLevel0) writeAssociated(tif, a, assocIndex++);
        for (const auto& a : s.associatedAtEnd) writeAssociated(tif, a, assocIndex++);
    } catch (...) {
        TIFFClose(tif);
        throw;
    }
    TIFFClose(tif);
    return path;
}

}  // namespace tessera::test
