#include "source/tiff_limits.h"

#include <cpl_vsi.h>
#include <tiffio.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

#include "source/source.h"
#include "source/tiff_handle.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

// The most a block can expand for codecs with a hard limit; 0 = no known limit.
double hardLimit(std::uint16_t compression) {
    switch (compression) {
        case COMPRESSION_ADOBE_DEFLATE:
        case COMPRESSION_DEFLATE:
            return 1032.0;
        case COMPRESSION_PACKBITS:
            return 64.0;
        default:
            return 0.0;
    }
}

// Blocks checked at most when opening (large blocks are few: 64 MiB each).
constexpr std::uint32_t kMaxBlocksChecked = 65536;

bool looksLikeTiff(const std::string& path) {
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return false;
    unsigned char m[4] = {0, 0, 0, 0};
    const std::size_t got = VSIFReadL(m, 1, 4, f);
    VSIFCloseL(f);
    if (got < 4) return false;
    return (m[0] == 'I' && m[1] == 'I' && (m[2] == 42 || m[2] == 43) && m[3] == 0) ||
           (m[0] == 'M' && m[1] == 'M' && m[2] == 0 && (m[3] == 42 || m[3] == 43));
}

}  // namespace

ExpansionVerdict judgeExpansion(std::uint16_t compression, std::uint64_t stored,
                                std::uint64_t decoded) {
    if (compression == COMPRESSION_NONE || stored == 0) return ExpansionVerdict::Plausible;
    const double limit = hardLimit(compression);
    if (limit > 0 && double(decoded) > double(stored) * limit + 4096.0)
        return ExpansionVerdict::Impossible;
    if (decoded >= kLargeBlockBytes && double(decoded) > double(stored) * kMaxLargeBlockRatio)
        return ExpansionVerdict::Bomb;
    return ExpansionVerdict::Plausible;
}

void checkTiffLevelLimits(const TiffIfd& d, int bands, int pixelBytes, const std::string& uri) {
    if (bands > kMaxTiffBands)
        fail(ErrorKind::Unsupported,
             trf("TiffSource",
                 "%1 has %2 samples per pixel; Tessera reads images of up to %3 bands.", uri,
                 std::to_string(bands), std::to_string(kMaxTiffBands)));
    if (d.width == 0 || d.height == 0 || d.tileWidth == 0 || d.tileHeight == 0)
        fail(ErrorKind::Unsupported, trf("TiffSource", "%1 has an empty image.", uri));
    const auto maxInt = std::uint32_t(std::numeric_limits<int>::max());
    if (d.width > maxInt || d.height > maxInt || d.tileWidth > maxInt || d.tileHeight > maxInt)
        fail(ErrorKind::Unsupported,
             trf("TiffSource", "%1 is %2×%3 pixels, larger than Tessera's TIFF reader reads.", uri,
                 std::to_string(d.width), std::to_string(d.height)));
    const double blockBytes = double(d.tileWidth) * double(d.tileHeight) * double(pixelBytes);
    checkBlockBytes(uri, d.tileWidth, d.tileHeight, blockBytes, kMaxTiffBlockBytes);
}

void checkTiffBlock(TIFF* tif, std::uint64_t fileSize, std::uint16_t compression,
                    std::uint32_t index, std::uint64_t decoded, const std::string& uri, int bx,
                    int by) {
    int errOffset = 0, errCount = 0;
    const std::uint64_t offset = TIFFGetStrileOffsetWithErr(tif, index, &errOffset);
    const std::uint64_t count = TIFFGetStrileByteCountWithErr(tif, index, &errCount);
    auto damaged = [&](const std::string& why) {
        fail(ErrorKind::BadRequest, trf("TiffSource", "%1 is damaged: block %2,%3 of a level %4",
                                        uri, std::to_string(bx), std::to_string(by), why));
    };
    if (errOffset || errCount) damaged(trc("TiffSource", "has no valid offset or byte count."));
    if (fileSize > 0 && (offset > fileSize || count > fileSize - offset))
        damaged(trf("TiffSource", "claims bytes %1 to %2, but the file has %3 bytes.",
                    std::to_string(offset), std::to_string(offset + count),
                    std::to_string(fileSize)));
    switch (judgeExpansion(compression, count, decoded)) {
        case ExpansionVerdict::Plausible:
            break;
        case ExpansionVerdict::Impossible:
            damaged(trf("TiffSource",
                        "would expand %1 stored bytes to %2 bytes, more than its compression can.",
                        std::to_string(count), std::to_string(decoded)));
            break;
        case ExpansionVerdict::Bomb:
            fail(ErrorKind::Unsupported,
                 trf("TiffSource",
                     "%1 looks like a decompression bomb: block %2,%3 would expand %4 stored "
                     "bytes to %5 MiB (more than %6:1). Tessera does not decode it.",
                     uri, std::to_string(bx), std::to_string(by), std::to_string(count),
                     std::to_string(decoded >> 20), std::to_string(int(kMaxLargeBlockRatio))));
    }
}

void checkTiffExpansion(const std::string& gdalPath, const std::string& uri) {
    if (gdalPath.rfind("/vsi", 0) == 0 || !looksLikeTiff(gdalPath)) return;
    std::unique_ptr<TiffHandle> h;
    try {
        h = std::make_unique<TiffHandle>(gdalPath);
    } catch (const Error&) {
        return;  // libtiff cannot read it: GDAL gives its own answer
    }
    TIFF* tif = h->tif();
    const bool tiled = TIFFIsTiled(tif) != 0;
    const std::uint64_t blockBytes =
        tiled ? std::uint64_t(TIFFTileSize64(tif)) : std::uint64_t(TIFFStripSize64(tif));
    if (blockBytes < kLargeBlockBytes) return;
    std::uint16_t compression = COMPRESSION_NONE;
    TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &compression);
    if (compression == COMPRESSION_NONE) return;
    std::uint32_t height = 0, rowsPerStrip = 0;
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &rowsPerStrip);
    const std::uint32_t blocks = tiled ? TIFFNumberOfTiles(tif) : TIFFNumberOfStrips(tif);
    const std::uint32_t perPlane =
        tiled || rowsPerStrip == 0 ? 0 : (height + rowsPerStrip - 1) / rowsPerStrip;
    for (std::uint32_t i = 0; i < blocks && i < kMaxBlocksChecked; ++i) {
        int err = 0;
        const std::uint64_t stored = TIFFGetStrileByteCountWithErr(tif, i, &err);
        if (err) return;  // GDAL reports broken arrays itself
        std::uint64_t decoded = blockBytes;
        if (!tiled && perPlane > 0 && i % perPlane == perPlane - 1) {
            // The last strip of a plane holds only the rows left.
            const std::uint32_t rows = height - (perPlane - 1) * rowsPerStrip;
            decoded = std::uint64_t(TIFFVStripSize64(tif, rows));
        }
        switch (judgeExpansion(compression, stored, decoded)) {
            case ExpansionVerdict::Plausible:
                break;
            case ExpansionVerdict::Impossible:
                fail(ErrorKind::BadRequest,
                     trf("TiffSource",
                         "%1 is damaged: block %2 would expand %3 stored bytes to %4 bytes, more "
                         "than its compression can.",
                         uri, std::to_string(i), std::to_string(stored), std::to_string(decoded)));
            case ExpansionVerdict::Bomb:
                fail(ErrorKind::Unsupported,
                     trf("TiffSource",
                         "%1 looks like a decompression bomb: block %2 would expand %3 stored "
                         "bytes to %4 MiB (more than %5:1). Tessera does not decode it.",
                         uri, std::to_string(i), std::to_string(stored),
                         std::to_string(decoded >> 20), std::to_string(int(kMaxLargeBlockRatio))));
        }
    }
}

}  // namespace tessera
