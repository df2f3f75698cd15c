#include "source/tiff_source.h"

#include <tiffio.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "source/tiff_jpeg.h"
#include "source/tiff_limits.h"
#include "source/tiff_orientation.h"
#include "util/c_locale.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

namespace {

constexpr double kMaxReadBytes = 2.0 * 1024 * 1024 * 1024;
constexpr std::uint64_t kMaxRawTileBytes = 64ull << 20;

bool finite(double v) {
    return std::isfinite(v);
}

// The sample type of an IFD; nullopt when libtiff's RGBA interface must be used instead.
std::optional<DataType> nativeType(const TiffIfd& d) {
    const bool sgn = d.sampleFormat == SAMPLEFORMAT_INT;
    const bool flt = d.sampleFormat == SAMPLEFORMAT_IEEEFP;
    switch (d.bitsPerSample) {
        case 8:
            if (flt) return std::nullopt;
            return sgn ? DataType::Int8 : DataType::UInt8;
        case 16:
            if (flt) return std::nullopt;
            return sgn ? DataType::Int16 : DataType::UInt16;
        case 32:
            if (flt) return DataType::Float32;
            return sgn ? DataType::Int32 : DataType::UInt32;
        case 64:
            if (flt) return DataType::Float64;
            return std::nullopt;
        default:
            return std::nullopt;
    }
}

// True when libtiff's RGBA interface has to decode this IFD (YCbCr without the JPEG codec's
// conversion, old-style JPEG, bit depths other than 8/16/32/64, CIELab, ...).
bool needsRgba(const TiffIfd& d) {
    if (d.compression == COMPRESSION_OJPEG) return true;
    if (d.photometric == PHOTOMETRIC_YCBCR && d.compression != COMPRESSION_JPEG) return true;
    if (d.photometric == PHOTOMETRIC_CIELAB || d.photometric == PHOTOMETRIC_SEPARATED) return true;
    return !nativeType(d).has_value();
}

const char* compressionName(std::uint16_t c) {
    switch (c) {
        case 33003:
        case 33005:
        case 34712:
            return "JPEG 2000";
        case COMPRESSION_JPEG:
            return "JPEG";
        case COMPRESSION_LZW:
            return "LZW";
        case COMPRESSION_ADOBE_DEFLATE:
        case COMPRESSION_DEFLATE:
            return "DEFLATE";
        case 50000:
            return "ZSTD";
        case 50001:
            return "WEBP";
        case 34887:
            return "LERC";
        case 34933:
            return "PNG";
        case 34934:
            return "JPEG XR";
        default:
            return nullptr;
    }
}

// The number a property value starts with ("0.2325", "0.25 um"), read with a '.' decimal point
// whatever the process locale.
std::optional<double> toDouble(const std::string& s) {
    char* end = nullptr;
    const double v = strtodC(s.c_str(), &end);
    if (end == s.c_str() || !std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace

struct TiffSource::Level {
    int ifd = 0;
    int factor = 1;
    std::uint64_t offset = 0;
    int width = 0, height = 0;            // stored
    int blockWidth = 0, blockHeight = 0;  // tile, or width × rowsPerStrip
    bool tiled = false;
    bool rgba = false;      // decode through TIFFReadRGBA*
    bool separate = false;  // PlanarConfig 2
    int spp = 1;            // samples in a decoded block pixel
    int fileSpp = 1;
    int sampleBytes = 1;
    std::uint16_t compression = 1, photometric = 1, bitsPerSample = 8;
    std::vector<std::uint8_t> jpegTables;
};

std::shared_ptr<TiffSource> TiffSource::open(const std::string& uri, const std::string& gdalPath,
                                             Accept accept) {
    auto handle = std::make_unique<TiffHandle>(gdalPath);
    if (accept == Accept::LargeImageRules) {
        // Decide from the first IFD before walking the others.
        TIFF* tif = handle->tif();
        std::uint16_t orientation = 1;
        TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orientation);
        char* desc = nullptr;
        const bool aperio = TIFFGetField(tif, TIFFTAG_IMAGEDESCRIPTION, &desc) && desc &&
                            std::strncmp(desc, "Aperio", 6) == 0;
        const bool take = aperio || (orientation >= 2 && orientation <= 8) ||
                          (!tiffHasGeoTags(tif) && TIFFIsTiled(tif));
        if (!take)
            fail(ErrorKind::Unsupported,
                 trf("TiffSource",
                     "%1 is left to GDAL (georeferenced or untiled TIFF without orientation).",
                     uri));
    }
    TiffLayout layout = discoverTiffLayout(handle->tif());
    handle->invalidate();  // the layout walk moved the handle's directory
    return std::make_shared<TiffSource>(uri, gdalPath, std::move(handle), std::move(layout));
}

TiffSource::TiffSource(std::string uri, std::string gdalPath, std::unique_ptr<TiffHandle> handle,
                       TiffLayout layout)
    : uri_(std::move(uri)), gdalPath_(std::move(gdalPath)), layout_(std::move(layout)) {
    if (layout_.levels.empty())
        fail(ErrorKind::Unsupported, trf("TiffSource", "%1 has no readable image.", uri_));
    TIFF* tif = handle->tif();
    for (const TiffLevel& tl : layout_.levels) {
        const TiffIfd& d = layout_.ifds[std::size_t(tl.ifd)];
        Level L;
        L.ifd = tl.ifd;
        L.factor = tl.factor;
        L.offset = d.offset;
        L.width = int(d.width);
        L.height = int(d.height);
        L.tiled = d.tiled;
        L.blockWidth = int(d.tileWidth);
        L.blockHeight = int(d.tileHeight);
        L.compression = d.compression;
        L.photometric = d.photometric;
        L.bitsPerSample = d.bitsPerSample;
        L.fileSpp = d.samplesPerPixel;
        L.rgba = needsRgba(d);
        L.separate = d.planarConfig == PLANARCONFIG_SEPARATE && !L.rgba;
        if (L.rgba) {
            L.spp = d.extraAlpha || d.samplesPerPixel == 4 || d.samplesPerPixel == 2 ? 4 : 3;
            L.sampleBytes = 1;
        } else {
            L.spp = d.samplesPerPixel;
            L.sampleBytes = int(sampleSize(*nativeType(d)));
        }
        if (!TIFFIsCODECConfigured(d.compression)) {
            const char* name = compressionName(d.compression);
            fail(ErrorKind::Unsupported,
                 trf("TiffSource",
                     "%1 uses %2 compression (TIFF compression %3), which this build's libtiff "
                     "cannot decode.",
                     uri_, name ? std::string(name) : trc("TiffSource", "an unknown"),
                     std::to_string(d.compression)));
        }
        // Sizes are checked before anything is allocated or decoded from them.
        checkTiffLevelLimits(d, L.spp, L.rgba ? 4 : L.spp * L.sampleBytes, uri_);
        if (L.width <= 0 || L.height <= 0 || L.blockWidth <= 0 || L.blockHeight <= 0)
            fail(ErrorKind::Unsupported, trf("TiffSource", "%1 has an empty image.", uri_));
        if (d.compression == COMPRESSION_JPEG && handle->select(d.offset)) {
            std::uint32_t n = 0;
            void* tables = nullptr;
            if (TIFFGetField(tif, TIFFTAG_JPEGTABLES, &n, &tables) && tables && n > 0) {
                const auto* p = static_cast<const std::uint8_t*>(tables);
                L.jpegTables.assign(p, p + n);
            }
        }
        levels_.push_back(std::move(L));
    }
    const Level& L0 = levels_.front();
    const TiffIfd& d0 = layout_.ifds[std::size_t(L0.ifd)];
    orientation_ = d0.orientation;
    const bool swap = orientation_ >= 5;

    info_.sourceName = "tiff";
    info_.driver = layout_.aperio ? "SVS" : "TIFF";
    info_.sizeX = swap ? L0.height : L0.width;
    info_.sizeY = swap ? L0.width : L0.height;
    if (L0.tiled) {
        info_.tileWidth = swap ? L0.blockHeight : L0.blockWidth;
        info_.tileHeight = swap ? L0.blockWidth : L0.blockHeight;
    } else {
        info_.tileWidth = info_.tileHeight = 256;  // strips are read into 256² tiles
    }
    info_.bandCount = L0.spp;
    info_.dtype = L0.rgba ? DataType::UInt8 : *nativeType(d0);
    for (const Level& L : levels_)
        info_.levels.push_back({swap ? L.height : L.width, swap ? L.width : L.height});
    // Band interpretations.
    const bool alphaLast = d0.extraAlpha || (L0.rgba && L0.spp == 4);
    for (int b = 0; b < info_.bandCount; ++b) {
        BandInfo bi;
        const bool colour = info_.bandCount >= 3 && (L0.rgba || d0.photometric == PHOTOMETRIC_RGB ||
                                                     d0.photometric == PHOTOMETRIC_YCBCR);
        if (d0.photometric == PHOTOMETRIC_PALETTE && b == 0) {
            bi.interpretation = "palette";
            if (handle->select(d0.offset)) {
                std::uint16_t *r = nullptr, *g = nullptr, *bl = nullptr;
                if (TIFFGetField(tif, TIFFTAG_COLORMAP, &r, &g, &bl) && r && g && bl) {
                    const int n = d0.bitsPerSample <= 16 ? 1 << d0.bitsPerSample : 0;
                    for (int i = 0; i < n; ++i)
                        bi.colortable.push_back({r[i] / 257, g[i] / 257, bl[i] / 257, 255});
                }
            }
        } else if (colour && b < 3) {
            static const char* names[] = {"red", "green", "blue"};
            bi.interpretation = names[b];
        } else if (b == info_.bandCount - 1 && b > 0 &&
                   (alphaLast || info_.bandCount == 2 || (colour && info_.bandCount == 4))) {
            bi.interpretation = "alpha";
        } else if (!colour && b == 0) {
            bi.interpretation = "gray";
        }
        info_.bands.push_back(std::move(bi));
    }
    // Scale: Aperio MPP and AppMag, else the resolution tags (large_image's pixelInfo).
    if (layout_.aperio) {
        const auto& p = layout_.aperioProperties;
        if (auto it = p.find("MPP"); it != p.end())
            if (auto v = toDouble(it->second); v && *v > 0) info_.mmX = info_.mmY = *v / 1000.0;
        if (auto it = p.find("AppMag"); it != p.end())
            if (auto v = toDouble(it->second); v && *v > 0) info_.magnification = *v;
        nlohmann::json props = nlohmann::json::object();
        for (const auto& [k, v] : p) props[k] = v;
        info_.extra["aperio"] = props;
    } else if (d0.tags.contains("XResolution") && d0.tags.contains("YResolution")) {
        const int unit = d0.tags.value("ResolutionUnit", 2);
        const double xr = d0.tags["XResolution"].get<double>();
        const double yr = d0.tags["YResolution"].get<double>();
        const double per = unit == 3 ? 10.0 : unit == 2 ? 25.4 : 0.0;
        if (per > 0 && xr > 0 && yr > 0) {
            info_.mmX = per / xr;
            info_.mmY = per / yr;
        }
    }
    if (swap && info_.mmX && info_.mmY) std::swap(info_.mmX, info_.mmY);
    if (!info_.magnification && info_.mmX && *info_.mmX > 0)
        info_.magnification = 0.01 / *info_.mmX;
    info_.frameCount = 1;
    pool_ = std::make_unique<TiffHandlePool>(gdalPath_, std::move(handle));
}

TiffSource::~TiffSource() = default;

std::vector<int> TiffSource::checkedBands(const std::vector<int>& bands, int frame) const {
    return checkedSingleFrameBands(info_, bands, frame);
}

void TiffSource::decodeBlock(TiffHandle& h, const Level& L, int bx, int by,
                             std::vector<std::uint8_t>& buf) const {
    TIFF* tif = h.tif();
    const std::size_t px = std::size_t(L.spp) * std::size_t(L.sampleBytes);
    const std::size_t blockBytes = std::size_t(L.blockWidth) * L.blockHeight * px;
    const auto x = std::uint32_t(bx) * std::uint32_t(L.blockWidth);
    const auto y = std::uint32_t(by) * std::uint32_t(L.blockHeight);
    // Every stored block (one per plane when planes are separate) is checked — its place in the
    // file and how far it would expand — before anything is allocated or decoded for it. A strip
    // at the bottom edge holds only the rows left.
    {
        const int planes =
            layout_.ifds[std::size_t(L.ifd)].planarConfig == PLANARCONFIG_SEPARATE ? L.fileSpp : 1;
        const std::uint32_t rows = L.tiled ? std::uint32_t(L.blockHeight)
                                           : std::min<std::uint32_t>(std::uint32_t(L.blockHeight),
                                                                     std::uint32_t(L.height) - y);
        const std::uint64_t decoded = L.tiled ? std::uint64_t(TIFFTileSize64(tif))
                                              : std::uint64_t(TIFFVStripSize64(tif, rows));
        for (int s = 0; s < planes; ++s) {
            const std::uint32_t index = L.tiled ? TIFFComputeTile(tif, x, y, 0, std::uint16_t(s))
                                                : TIFFComputeStrip(tif, y, std::uint16_t(s));
            int err = 0;
            if (TIFFGetStrileByteCountWithErr(tif, index, &err) == 0 && !err) continue;
            checkTiffBlock(tif, h.fileSize(), L.compression, index, decoded, uri_, bx, by);
        }
    }
    buf.assign(blockBytes, 0);
    h.clearError();
    auto failRead = [&] {
        fail(ErrorKind::IO,
             trf("TiffSource", "Reading %1 failed at block %2,%3: %4", uri_, std::to_string(bx),
                 std::to_string(by),
                 h.lastError().empty() ? trc("TiffSource", "libtiff error") : h.lastError()));
    };
    if (L.rgba) {
        std::vector<std::uint32_t> rgba(std::size_t(L.blockWidth) * L.blockHeight);
        int rows = L.blockHeight;
        if (L.tiled) {
            if (!TIFFReadRGBATileExt(tif, x, y, rgba.data(), 0)) failRead();
        } else {
            if (!TIFFReadRGBAStripExt(tif, y, rgba.data(), 0)) failRead();
            rows = int(std::min<std::uint32_t>(std::uint32_t(L.blockHeight), L.height - y));
        }
        // The RGBA interfaces return the block bottom-up (rows = the rows actually read).
        for (int r = 0; r < rows; ++r) {
            const std::uint32_t* src = rgba.data() + std::size_t(rows - 1 - r) * L.blockWidth;
            std::uint8_t* dst = buf.data() + std::size_t(r) * L.blockWidth * px;
            for (int c = 0; c < L.blockWidth; ++c) {
                const std::uint32_t v = src[c];
                dst[c * px + 0] = std::uint8_t(TIFFGetR(v));
                dst[c * px + 1] = std::uint8_t(TIFFGetG(v));
                dst[c * px + 2] = std::uint8_t(TIFFGetB(v));
                if (L.spp == 4) dst[c * px + 3] = std::uint8_t(TIFFGetA(v));
            }
        }
        return;
    }
    auto readOne = [&](std::uint32_t index, void* out, tmsize_t size) {
        // Sparse files: blocks without data read as zeros.
        int err = 0;
        if (TIFFGetStrileByteCountWithErr(tif, index, &err) == 0 && !err) return;
        const tmsize_t got = L.tiled ? TIFFReadEncodedTile(tif, index, out, size)
                                     : TIFFReadEncodedStrip(tif, index, out, size);
        if (got < 0) failRead();
    };
    if (!L.separate) {
        const std::uint32_t index =
            L.tiled ? TIFFComputeTile(tif, x, y, 0, 0) : TIFFComputeStrip(tif, y, 0);
        readOne(index, buf.data(), tmsize_t(blockBytes));
        return;
    }
    // Separate planes: read each and interleave.
    const std::size_t planeBytes = std::size_t(L.blockWidth) * L.blockHeight * L.sampleBytes;
    std::vector<std::uint8_t> plane(planeBytes);
    for (int s = 0; s < L.spp; ++s) {
        std::fill(plane.begin(), plane.end(), std::uint8_t(0));
        const std::uint32_t index = L.tiled ? TIFFComputeTile(tif, x, y, 0, std::uint16_t(s))
                                            : TIFFComputeStrip(tif, y, std::uint16_t(s));
        readOne(index, plane.data(), tmsize_t(planeBytes));
        const std::size_t n = std::size_t(L.blockWidth) * L.blockHeight;
        for (std::size_t i = 0; i < n; ++i)
            std::memcpy(buf.data() + i * px + std::size_t(s) * L.sampleBytes,
                        plane.data() + i * L.sampleBytes, std::size_t(L.sampleBytes));
    }
}

Raster TiffSource::read(const ReadWindow& w) const {
    const std::vector<int> bands = checkedBands(w.bands, w.frame);
    if (!finite(w.x0) || !finite(w.y0) || !finite(w.x1) || !finite(w.y1) || !(w.x1 > w.x0) ||
        !(w.y1 > w.y0))
        fail(ErrorKind::BadRequest, trc("TiffSource", "The read window is empty or invalid."));
    if (w.outWidth <= 0 || w.outHeight <= 0)
        fail(ErrorKind::BadRequest,
             trc("TiffSource", "The output size must be at least 1×1 pixel."));
    if (double(w.outWidth) * w.outHeight * double(bands.size()) * double(sampleSize(info_.dtype)) >
        kMaxReadBytes)
        fail(ErrorKind::BadRequest, trc("TiffSource", "The requested output is too large."));
    if (w.x1 <= 0 || w.y1 <= 0 || w.x0 >= info_.sizeX || w.y0 >= info_.sizeY)
        fail(ErrorKind::BadRequest, trc("TiffSource", "The read window lies outside the image."));

    const Level& L0 = levels_.front();
    const TiffOrientation orient(orientation_, L0.width, L0.height);
    double sx0, sy0, sx1, sy1;
    orient.toStored(w.x0, w.y0, w.x1, w.y1, sx0, sy0, sx1, sy1);
    const int sw = orient.transposes() ? w.outHeight : w.outWidth;
    const int sh = orient.transposes() ? w.outWidth : w.outHeight;
    const double stepX = (sx1 - sx0) / sw, stepY = (sy1 - sy0) / sh;

    // The coarsest native level at least as fine as the request.
    const double wanted = std::min(stepX, stepY);
    std::size_t li = 0;
    for (std::size_t i = 1; i < levels_.size(); ++i)
        if (levels_[i].factor <= wanted * (1 + 1e-9)) li = i;
    const Level& L = levels_[li];
    const double f = L.factor;

    // Nearest sampling: the level pixel of every output column and row (-1 = outside).
    // On a flipped axis a sample exactly on a pixel edge belongs to the pixel that is on the
    // displayed side (floor in displayed coordinates): nudge it back by a hair.
    const double nudgeX = orient.flipsStoredX() ? stepX * 1e-7 : 0.0;
    const double nudgeY = orient.flipsStoredY() ? stepY * 1e-7 : 0.0;
    std::vector<int> cols(std::size_t(sw), -1), rows(std::size_t(sh), -1);
    for (int i = 0; i < sw; ++i) {
        const double x = sx0 + (i + 0.5) * stepX - nudgeX;
        if (x >= 0 && x < L0.width) cols[std::size_t(i)] = std::min(int(x / f), L.width - 1);
    }
    for (int j = 0; j < sh; ++j) {
        const double y = sy0 + (j + 0.5) * stepY - nudgeY;
        if (y >= 0 && y < L0.height) rows[std::size_t(j)] = std::min(int(y / f), L.height - 1);
    }

    const int nb = int(bands.size());
    const std::size_t outBytes = std::size_t(sw) * std::size_t(sh) * std::size_t(nb) *
                                 sampleSize(info_.dtype) * (orient.identity() ? 1 : 2);
    checkBudget(outBytes, trc("TiffSource", "This read"));
    Raster stored(sw, sh, nb, info_.dtype);
    const std::size_t ss = sampleSize(info_.dtype);
    const std::size_t px = std::size_t(L.spp) * std::size_t(L.sampleBytes);
    auto lease = pool_->acquireOn(L.offset);
    if (!lease->select(L.offset))
        fail(ErrorKind::IO, trf("TiffSource", "Reading %1 failed: %2", uri_, lease->lastError()));
    std::vector<std::uint8_t> block;
    // Runs of output rows / columns falling in the same block row / column.
    auto runs = [](const std::vector<int>& idx, int blockSize) {
        std::vector<std::pair<int, int>> r;  // (first output index, end)
        for (int i = 0; i < int(idx.size());) {
            if (idx[std::size_t(i)] < 0) {
                ++i;
                continue;
            }
            const int b = idx[std::size_t(i)] / blockSize;
            int e = i + 1;
            while (e < int(idx.size()) && idx[std::size_t(e)] >= 0 &&
                   idx[std::size_t(e)] / blockSize == b)
                ++e;
            r.emplace_back(i, e);
            i = e;
        }
        return r;
    };
    const auto rowRuns = runs(rows, L.blockHeight);
    const auto colRuns = runs(cols, L.blockWidth);
    for (const auto& [j0, j1] : rowRuns) {
        const int by = rows[std::size_t(j0)] / L.blockHeight;
        for (const auto& [i0, i1] : colRuns) {
            checkCancelled();
            const int bx = cols[std::size_t(i0)] / L.blockWidth;
            decodeBlock(*lease, L, bx, by, block);
            for (int j = j0; j < j1; ++j) {
                const int ry = rows[std::size_t(j)] - by * L.blockHeight;
                const std::uint8_t* src = block.data() + std::size_t(ry) * L.blockWidth * px;
                for (int k = 0; k < nb; ++k) {
                    const std::size_t so = std::size_t(bands[std::size_t(k)] - 1) * ss;
                    std::uint8_t* dst = stored.bandData(k) + (std::size_t(j) * sw) * ss;
                    for (int i = i0; i < i1; ++i) {
                        const int rx = cols[std::size_t(i)] - bx * L.blockWidth;
                        std::memcpy(dst + std::size_t(i) * ss, src + std::size_t(rx) * px + so, ss);
                    }
                }
            }
        }
    }
    if (orient.identity()) return stored;
    Raster out(w.outWidth, w.outHeight, nb, info_.dtype);
    for (int k = 0; k < nb; ++k) {
        const std::uint8_t* src = stored.bandData(k);
        std::uint8_t* dst = out.bandData(k);
        for (int Y = 0; Y < w.outHeight; ++Y)
            for (int X = 0; X < w.outWidth; ++X) {
                const auto [x, y] = orient.storedPixel(X, Y, sw, sh);
                std::memcpy(dst + (std::size_t(Y) * w.outWidth + X) * ss,
                            src + (std::size_t(y) * sw + x) * ss, ss);
            }
    }
    return out;
}

BandStats TiffSource::statistics(int band, int frame, bool approximate) const {
    (void)approximate;  // always from a ~1024 px read: full scans belong to histograms
    checkedBands({band}, frame);
    {
        std::lock_guard lock(statsMutex_);
        if (auto it = stats_.find(band); it != stats_.end()) return it->second;
    }
    // One read for all bands (metadata asks for each band in turn).
    const double scale = std::min(1.0, 1024.0 / std::max(info_.sizeX, info_.sizeY));
    ReadWindow w;
    w.x1 = info_.sizeX;
    w.y1 = info_.sizeY;
    w.outWidth = std::max(1, int(std::lround(info_.sizeX * scale)));
    w.outHeight = std::max(1, int(std::lround(info_.sizeY * scale)));
    const Raster r = read(w);
    std::map<int, BandStats> all;
    for (int b = 0; b < r.bands(); ++b) {
        double sum = 0, sum2 = 0;
        std::size_t n = 0;
        double mn = std::numeric_limits<double>::infinity(), mx = -mn;
        dispatchType(r.type(), [&](auto t) {
            using T = decltype(t);
            const T* p = r.band<T>(b);
            for (std::size_t i = 0; i < r.pixelCount(); ++i) {
                const double v = double(p[i]);
                if (!std::isfinite(v)) continue;
                mn = std::min(mn, v);
                mx = std::max(mx, v);
                sum += v;
                sum2 += v * v;
                ++n;
            }
        });
        BandStats st;
        if (n > 0) {
            const double mean = sum / double(n);
            st = {mn, mx, mean, std::sqrt(std::max(0.0, sum2 / double(n) - mean * mean)), true};
        }
        all[b + 1] = st;
    }
    std::lock_guard lock(statsMutex_);
    for (const auto& [b, st] : all) stats_.emplace(b, st);
    return stats_[band];
}

std::optional<std::vector<std::uint8_t>> TiffSource::rawTile(int level, int tx, int ty,
                                                             int frame) const {
    if (frame != 0 || level < 0 || level >= int(levels_.size()) || orientation_ != 1)
        return std::nullopt;
    const Level& L = levels_[std::size_t(level)];
    if (L.compression != COMPRESSION_JPEG || !L.tiled || L.separate || L.bitsPerSample != 8 ||
        !(L.photometric == PHOTOMETRIC_YCBCR || L.photometric == PHOTOMETRIC_RGB ||
          L.photometric == PHOTOMETRIC_MINISBLACK))
        return std::nullopt;
    const int tilesX = (L.width + L.blockWidth - 1) / L.blockWidth;
    const int tilesY = (L.height + L.blockHeight - 1) / L.blockHeight;
    if (tx < 0 || ty < 0 || tx >= tilesX || ty >= tilesY) return std::nullopt;
    auto lease = pool_->acquireOn(L.offset);
    if (!lease->select(L.offset)) return std::nullopt;
    TIFF* tif = lease->tif();
    const std::uint32_t index = TIFFComputeTile(tif, std::uint32_t(tx * L.blockWidth),
                                                std::uint32_t(ty * L.blockHeight), 0, 0);
    int err = 0, errOffset = 0;
    const std::uint64_t size = TIFFGetStrileByteCountWithErr(tif, index, &err);
    const std::uint64_t offset = TIFFGetStrileOffsetWithErr(tif, index, &errOffset);
    if (err || errOffset || size < 4 || size > kMaxRawTileBytes) return std::nullopt;
    const std::uint64_t fileSize = lease->fileSize();
    if (fileSize > 0 && (offset > fileSize || size > fileSize - offset)) return std::nullopt;
    std::vector<std::uint8_t> frameBytes(size);
    const tmsize_t got = TIFFReadRawTile(tif, index, frameBytes.data(), tmsize_t(size));
    if (got != tmsize_t(size)) return std::nullopt;
    return spliceJpegTile(L.jpegTables, std::move(frameBytes), L.photometric == PHOTOMETRIC_RGB);
}

std::vector<std::string> TiffSource::associatedImageNames() const {
    std::vector<std::string> names;
    for (const TiffAssociated& a : layout_.associated) names.push_back(a.name);
    return names;
}

Raster TiffSource::associatedImage(const std::string& name) const {
    const TiffAssociated* found = nullptr;
    for (const TiffAssociated& a : layout_.associated)
        if (a.name == name) found = &a;
    if (!found) return Source::associatedImage(name);
    const TiffIfd& d = layout_.ifds[std::size_t(found->ifd)];
    auto lease = pool_->acquireOn(d.offset);
    if (!lease->select(d.offset))
        fail(ErrorKind::IO, trf("TiffSource", "Reading %1 failed: %2", uri_, lease->lastError()));
    const int w = int(d.width), h = int(d.height);
    std::vector<std::uint32_t> rgba(std::size_t(w) * h);
    lease->clearError();
    if (!TIFFReadRGBAImageOriented(lease->tif(), std::uint32_t(w), std::uint32_t(h), rgba.data(),
                                   ORIENTATION_TOPLEFT, 0))
        fail(ErrorKind::IO, trf("TiffSource", "Reading the %1 image of %2 failed: %3", name, uri_,
                                lease->lastError()));
    const bool alpha = d.extraAlpha;
    Raster out(w, h, alpha ? 4 : 3, DataType::UInt8);
    for (std::size_t i = 0; i < rgba.size(); ++i) {
        out.bandData(0)[i] = std::uint8_t(TIFFGetR(rgba[i]));
        out.bandData(1)[i] = std::uint8_t(TIFFGetG(rgba[i]));
        out.bandData(2)[i] = std::uint8_t(TIFFGetB(rgba[i]));
        if (alpha) out.bandData(3)[i] = std::uint8_t(TIFFGetA(rgba[i]));
    }
    return out;
}

nlohmann::json TiffSource::internalMetadata() const {
    nlohmann::json j;
    j["driver"] = info_.driver;
    nlohmann::json ifds = nlohmann::json::array();
    for (std::size_t i = 0; i < layout_.ifds.size(); ++i) {
        const TiffIfd& d = layout_.ifds[i];
        nlohmann::json e;
        e["index"] = i;
        e["offset"] = d.offset;
        if (d.chainIndex >= 0) e["directory"] = d.chainIndex;
        if (d.parent >= 0) e["subIfdOf"] = d.parent;
        std::string role = "unused";
        for (std::size_t l = 0; l < layout_.levels.size(); ++l)
            if (layout_.levels[l].ifd == int(i)) role = "level " + std::to_string(l);
        for (const TiffAssociated& a : layout_.associated)
            if (a.ifd == int(i)) role = "associated " + a.name;
        e["role"] = role;
        e["tags"] = d.tags;
        ifds.push_back(std::move(e));
    }
    j["ifds"] = std::move(ifds);
    nlohmann::json levels = nlohmann::json::array();
    for (const Level& L : levels_)
        levels.push_back({{"ifd", L.ifd},
                          {"width", L.width},
                          {"height", L.height},
                          {"downsample", L.factor},
                          {"tileWidth", L.blockWidth},
                          {"tileHeight", L.blockHeight},
                          {"tiled", L.tiled}});
    j["levels"] = std::move(levels);
    j["orientation"] = orientation_;
    if (layout_.aperio) {
        nlohmann::json props = nlohmann::json::object();
        for (const auto& [k, v] : layout_.aperioProperties) props[k] = v;
        j["aperio"] = std::move(props);
        j["aperioHeader"] = layout_.aperioHeader;
    }
    return j;
}

}  // namespace tessera
