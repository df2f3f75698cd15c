#include "source/fits_source.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <numeric>
#include <type_traits>

#include "raster/window_resample.h"
#include "source/fits_handle_pool.h"
#include "source/fits_header.h"
#include "source/fits_tile_check.h"
#include "source/fits_types.h"
#include "source/fits_validate.h"
#include "util/c_locale.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

namespace {

// Largest raster a single read may produce (bytes), as GdalSource.
constexpr double kMaxReadBytes = 2.0 * 1024 * 1024 * 1024;
// Source rows a reduced read of an uncached frame holds in memory at once.
constexpr std::size_t kReadBudgetBytes = std::size_t(32) << 20;
// Memory all handles of one .fits.gz may hold in inflated copies.
constexpr std::uint64_t kGzipHandlesBytes = std::uint64_t(1) << 30;
// Frames (image planes) one file may have: each costs a frame entry in info() and metadata.
constexpr std::size_t kMaxFrames = 100000;

std::string stringKeyword(const nlohmann::json& kw, const char* key) {
    auto it = kw.find(key);
    if (it == kw.end() || !it->is_string()) return {};
    return it->get<std::string>();
}

std::optional<double> numberKeyword(const nlohmann::json& kw, const char* key) {
    auto it = kw.find(key);
    if (it == kw.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

bool finite(double v) {
    return std::isfinite(v);
}

}  // namespace

bool FitsSource::looksLikeFits(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    char head[10] = {0};
    in.read(head, 9);
    if (in.gcount() == 9 && std::memcmp(head, "SIMPLE  =", 9) == 0) return true;
    if (in.gcount() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
        static_cast<unsigned char>(head[1]) == 0x8b) {
        std::string lower = path;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        for (const char* ext : {".fits.gz", ".fit.gz", ".fts.gz"})
            if (lower.size() > std::strlen(ext) &&
                lower.compare(lower.size() - std::strlen(ext), std::string::npos, ext) == 0)
                return true;
    }
    return false;
}

std::shared_ptr<FitsSource> FitsSource::open(const std::string& uri, const std::string& path) {
    if (!looksLikeFits(path))
        fail(ErrorKind::Unsupported, trf("FitsSource", "%1 is not a FITS file.", uri));
    return std::make_shared<FitsSource>(uri, path);
}

FitsSource::FitsSource(std::string uri, std::string path)
    : uri_(std::move(uri)), path_(std::move(path)) {
    // Every header is checked before cfitsio reads it; cfitsio only ever visits the HDUs that
    // passed (it reads each header on the way to a later one).
    const FitsStructure checked = checkFitsStructure(path_, uri_);
    const CNumericScope cNumbers;  // cfitsio parses header numbers with strtod
    FitsFilePtr probe = openFitsFile(path_);
    fitsfile* f = probe.get();
    int status = 0;
    const int hduCount = int(checked.hdus.size());
    long long width = 0, height = 0;
    std::vector<DataType> frameTypes;
    std::vector<nlohmann::json> hduKeywords;
    for (int h = 1; h <= hduCount; ++h) {
        HduSummary s;
        s.hdu = h;
        int type = 0;
        status = 0;
        if (fits_movabs_hdu(f, h, &type, &status) != 0) {
            fits_clear_errmsg();
            break;  // a truncated file: keep the HDUs read so far
        }
        int compressed = 0;
        if (type == IMAGE_HDU) compressed = fits_is_compressed_image(f, &status);
        s.type = type == IMAGE_HDU ? (compressed ? "COMPRESSED_IMAGE" : "IMAGE")
                                   : (type == BINARY_TBL ? "BINTABLE" : "TABLE");
        s.cards = readHeaderCards(f, compressed != 0);
        if (const auto& layout = checked.hdus[std::size_t(h - 1)].tiles; compressed && layout)
            s.tiles = std::make_shared<const FitsTileGuard>(path_, uri_, h, layout);
        hduKeywords.push_back(fitsHeaderKeywords(s.cards));
        if (type == IMAGE_HDU) {
            int naxis = 0;
            long long naxes[9] = {0};
            status = 0;
            fits_get_img_paramll(f, 9, &s.bitpix, &naxis, naxes, &status);
            fits_get_img_equivtype(f, &s.equivalentBitpix, &status);
            if (status != 0) {
                fits_clear_errmsg();
                hdus_.push_back(std::move(s));
                continue;
            }
            for (int a = 0; a < std::min(naxis, 9); ++a) s.naxes.push_back(naxes[a]);
            // cfitsio must agree with the checked header; otherwise the HDU is not shown.
            const FitsHduCheck& c = checked.hdus[std::size_t(h - 1)];
            if (naxis > 9 || s.naxes != c.naxes || s.bitpix != c.bitpix) {
                hdus_.push_back(std::move(s));
                continue;
            }
            long long planes = 1;
            for (std::size_t a = 2; a < s.naxes.size(); ++a) planes *= s.naxes[a];
            const bool hasData =
                s.naxes.size() >= 2 && s.naxes[0] > 0 && s.naxes[1] > 0 && planes > 0;
            if (hasData && width == 0) {
                width = s.naxes[0];
                height = s.naxes[1];
            }
            if (hasData && s.naxes[0] == width && s.naxes[1] == height) {
                s.used = true;
                std::string name = stringKeyword(hduKeywords.back(), "EXTNAME");
                if (name.empty()) name = h == 1 ? "PRIMARY" : "HDU " + std::to_string(h - 1);
                if (std::size_t(planes) > kMaxFrames - frames_.size())
                    fail(ErrorKind::Unsupported,
                         trf("FitsSource",
                             "%1 holds more than %2 image planes; Tessera shows at most that "
                             "many frames.",
                             uri_, std::to_string(kMaxFrames)));
                for (long long p = 0; p < planes; ++p) {
                    FrameRef fr;
                    fr.hdu = h;
                    fr.plane = p;
                    fr.name = planes > 1 ? name + " " + std::to_string(p + 1) : name;
                    frames_.push_back(fr);
                    frameTypes.push_back(typeOfEquivalentBitpix(s.equivalentBitpix));
                }
            }
        }
        hdus_.push_back(std::move(s));
    }
    fits_clear_errmsg();
    // A damaged or lying HDU ends the walk; without a frame before it, that is the reason.
    if (frames_.empty() && checked.stopped) throw *checked.stopped;
    if (checked.stopped) damaged_ = checked.stopped->what();
    if (frames_.empty())
        fail(ErrorKind::Unsupported,
             trf("FitsSource", "%1 holds no image (no HDU with two or more axes of data).", uri_));
    if (width > std::numeric_limits<int>::max() || height > std::numeric_limits<int>::max())
        fail(ErrorKind::Unsupported, trf("FitsSource", "%1 is too large to show.", uri_));

    info_.sourceName = "fits";
    info_.driver = "FITS";
    info_.sizeX = int(width);
    info_.sizeY = int(height);
    info_.tileWidth = 256;
    info_.tileHeight = 256;
    info_.bandCount = 1;
    info_.dtype = commonType(frameTypes);
    info_.levels.push_back({info_.sizeX, info_.sizeY});

    // The HDU of frame 0 describes the band.
    const auto firstHdu = std::size_t(frames_.front().hdu - 1);
    const nlohmann::json& kw0 = hduKeywords.at(firstHdu);
    BandInfo band;
    band.interpretation = "gray";
    band.units = stringKeyword(kw0, "BUNIT");
    if (isFloat(info_.dtype)) {
        band.nodata = std::numeric_limits<double>::quiet_NaN();
        band.maskband = "nodata";
    } else {
        std::optional<double> blank = numberKeyword(kw0, "BLANK");
        if (!blank) blank = numberKeyword(kw0, "ZBLANK");
        if (blank) {
            const double scale = numberKeyword(kw0, "BSCALE").value_or(1.0);
            const double zero = numberKeyword(kw0, "BZERO").value_or(0.0);
            band.nodata = *blank * scale + zero;
            band.maskband = "nodata";
        } else {
            band.maskband = "all-valid";
        }
    }
    info_.bands.push_back(band);

    // Frames as large_image lists them, with the HDU and plane each one comes from.
    info_.frameCount = int(frames_.size());
    if (frames_.size() > 1) {
        nlohmann::json list = nlohmann::json::array();
        std::vector<int> hduOrder;
        long long maxPlanes = 1;
        for (const FrameRef& fr : frames_) {
            if (std::find(hduOrder.begin(), hduOrder.end(), fr.hdu) == hduOrder.end())
                hduOrder.push_back(fr.hdu);
            maxPlanes = std::max(maxPlanes, fr.plane + 1);
        }
        for (std::size_t i = 0; i < frames_.size(); ++i) {
            const FrameRef& fr = frames_[i];
            const auto hduIndex =
                std::find(hduOrder.begin(), hduOrder.end(), fr.hdu) - hduOrder.begin();
            nlohmann::json e = {
                {"Frame", int(i)},        {"Index", int(i)},   {"IndexHDU", int(hduIndex)},
                {"IndexPlane", fr.plane}, {"HDU", fr.hdu - 1}, {"Plane", fr.plane},
                {"Name", fr.name}};
            list.push_back(std::move(e));
        }
        info_.frames = std::move(list);
        nlohmann::json range = nlohmann::json::object(), stride = nlohmann::json::object();
        if (hduOrder.size() > 1) {
            range["IndexHDU"] = int(hduOrder.size());
            if (frames_.size() == hduOrder.size() * std::size_t(maxPlanes))
                stride["IndexHDU"] = maxPlanes;
        }
        if (maxPlanes > 1) {
            range["IndexPlane"] = maxPlanes;
            stride["IndexPlane"] = 1;
        }
        info_.extra["IndexRange"] = range;
        if (!stride.empty()) info_.extra["IndexStride"] = stride;
    }

    // A celestial WCS (frame 0's HDU, else the first frame HDU that has one) for RA/Dec read-out.
    std::vector<int> candidates;
    for (const FrameRef& fr : frames_)
        if (std::find(candidates.begin(), candidates.end(), fr.hdu) == candidates.end())
            candidates.push_back(fr.hdu);
    for (int h : candidates) {
        const nlohmann::json& kw = hduKeywords.at(std::size_t(h - 1));
        if (!hasCelestialWcs(kw)) continue;
        nlohmann::json wcs = fitsWcsKeywords(kw);
        const std::string ctype1 = stringKeyword(kw, "CTYPE1");
        info_.extra["wcs"] = {{"hdu", h - 1},
                              {"celestial", true},
                              {"projection", ctype1.size() >= 8 ? ctype1.substr(5, 3) : ""},
                              {"keywords", std::move(wcs)}};
        break;
    }
    // cfitsio inflates a .fits.gz into memory for each handle: their copies together stay
    // within kGzipHandlesBytes (at least one handle).
    std::size_t maxOpen = 0;
    if (checked.gzip)
        maxOpen = std::clamp<std::size_t>(
            std::size_t(kGzipHandlesBytes / std::max<std::uint64_t>(1, checked.fileBytes)), 1, 8);
    pool_ = std::make_unique<FitsHandlePool>(path_, std::move(probe), 8, maxOpen);
}

FitsSource::~FitsSource() = default;

void FitsSource::checkFrame(int frame) const {
    if (frame < 0 || frame >= int(frames_.size()))
        fail(ErrorKind::BadRequest,
             trf("FitsSource", "Frame %1 does not exist (this image has %2 frames).",
                 std::to_string(frame), std::to_string(frames_.size())));
}

std::size_t FitsSource::cachedFrames() const {
    std::lock_guard lock(cacheMutex_);
    return frameCache_.size();
}

std::vector<std::uint8_t> FitsSource::readFitsBlock(int frame, int firstRow, int rowCount,
                                                    int firstCol, int colCount) const {
    const FrameRef& fr = frames_.at(std::size_t(frame));
    const HduSummary& hdu = hdus_.at(std::size_t(fr.hdu - 1));
    const std::size_t size = sampleSize(info_.dtype);
    std::vector<std::uint8_t> buf(std::size_t(rowCount) * std::size_t(colCount) * size);
    const int naxis = int(hdu.naxes.size());
    std::vector<long> fpixel(std::size_t(naxis), 1), lpixel(std::size_t(naxis), 1),
        inc(std::size_t(naxis), 1);
    // Display rows [firstRow, firstRow + rowCount) are FITS rows H - firstRow - rowCount + 1 ..
    // H - firstRow (1-based, bottom-up).
    fpixel[0] = firstCol + 1;
    lpixel[0] = firstCol + colCount;
    fpixel[1] = long(info_.sizeY) - firstRow - rowCount + 1;
    lpixel[1] = long(info_.sizeY) - firstRow;
    long long rest = fr.plane;
    for (int a = 2; a < naxis; ++a) {
        const long long n = std::max<long long>(1, hdu.naxes[std::size_t(a)]);
        fpixel[std::size_t(a)] = lpixel[std::size_t(a)] = long(rest % n) + 1;
        rest /= n;
    }
    const CNumericScope cNumbers;  // moving to an HDU makes cfitsio parse its header again
    auto lease = pool_->acquire();
    fitsfile* f = lease.get();
    int status = 0;
    fits_movabs_hdu(f, fr.hdu, nullptr, &status);
    int anynul = 0;
    const float nanf = std::numeric_limits<float>::quiet_NaN();
    const double nand = std::numeric_limits<double>::quiet_NaN();
    void* nulval = nullptr;
    if (info_.dtype == DataType::Float32) nulval = const_cast<float*>(&nanf);
    if (info_.dtype == DataType::Float64) nulval = const_cast<double*>(&nand);
    if (status == 0 && hdu.tiles) hdu.tiles->check(fpixel, lpixel);
    if (status == 0)
        fits_read_subset(f, cfitsioType(info_.dtype), fpixel.data(), lpixel.data(), inc.data(),
                         nulval, buf.data(), &anynul, &status);
    if (status != 0)
        fail(ErrorKind::IO,
             trf("FitsSource", "Reading %1 failed: %2", uri_, fitsErrorText(status)));
    // FITS order is bottom-up: flip to display order.
    const std::size_t line = std::size_t(colCount) * size;
    for (int a = 0, b = rowCount - 1; a < b; ++a, --b)
        std::swap_ranges(buf.begin() + std::ptrdiff_t(line * std::size_t(a)),
                         buf.begin() + std::ptrdiff_t(line * std::size_t(a + 1)),
                         buf.begin() + std::ptrdiff_t(line * std::size_t(b)));
    return buf;
}

Raster FitsSource::readFrameRows(int frame, int firstRow, int rowCount, int firstCol,
                                 int colCount) const {
    Raster r(colCount, rowCount, 1, info_.dtype);
    r.bytes() = readFitsBlock(frame, firstRow, rowCount, firstCol, colCount);
    return r;
}

std::shared_ptr<const Raster> FitsSource::cachedFrame(int frame) const {
    const std::size_t bytes =
        std::size_t(info_.sizeX) * std::size_t(info_.sizeY) * sampleSize(info_.dtype);
    if (bytes > maxCachedFrameBytes_.load()) return nullptr;
    {
        std::lock_guard lock(cacheMutex_);
        for (auto it = frameCache_.begin(); it != frameCache_.end(); ++it)
            if (it->first == frame) {
                frameCache_.splice(frameCache_.begin(), frameCache_, it);
                return it->second;
            }
    }
    return frameLoads_.run(std::to_string(frame), [&]() -> std::shared_ptr<const Raster> {
        auto r =
            std::make_shared<const Raster>(readFrameRows(frame, 0, info_.sizeY, 0, info_.sizeX));
        std::lock_guard lock(cacheMutex_);
        for (const auto& e : frameCache_)
            if (e.first == frame) return e.second;
        frameCache_.emplace_front(frame, r);
        frameCacheBytes_ += r->bandBytes();
        while (frameCacheBytes_ > kFrameCacheBytes && frameCache_.size() > 1) {
            frameCacheBytes_ -= frameCache_.back().second->bandBytes();
            frameCache_.pop_back();
        }
        return r;
    });
}

void FitsSource::readInto(const ReadWindow& w, int frame, Raster& out, int ox0, int ox1, int oy0,
                          int oy1) const {
    const double sx = (w.x1 - w.x0) / w.outWidth, sy = (w.y1 - w.y0) / w.outHeight;
    const AxisTaps xs = axisTaps(w.x0, sx, ox0, ox1, info_.sizeX, w.resample);
    const std::optional<double> nodata = info_.bands[0].nodata;
    const double fill =
        isFloat(info_.dtype) ? std::numeric_limits<double>::quiet_NaN() : nodata.value_or(0.0);
    if (auto full = cachedFrame(frame)) {
        const AxisTaps ys = axisTaps(w.y0, sy, oy0, oy1, info_.sizeY, w.resample);
        SourceRows rows;
        rows.type = info_.dtype;
        rows.rows.resize(std::size_t(info_.sizeY));
        const std::size_t line = std::size_t(info_.sizeX) * sampleSize(info_.dtype);
        for (int y = 0; y < info_.sizeY; ++y)
            rows.rows[std::size_t(y)] = full->bandData(0) + line * std::size_t(y);
        resampleWindow(rows, xs, ys, nodata, fill, out, 0);
        return;
    }
    // A large frame: read the source samples the output needs, a block of output rows and
    // columns at a time, so no read holds more than about kReadBudgetBytes of source samples
    // (a very wide image is read in column chunks too).
    const std::size_t ss = sampleSize(info_.dtype);
    const double rowsPerOutput = std::max(1.0, sy) + 4.0;
    const double colsPerOutput = std::max(1.0, sx) + 4.0;
    const double outColsPerChunk =
        std::max(1.0, double(kReadBudgetBytes) / (rowsPerOutput * colsPerOutput * double(ss)));
    const int chunkCols = int(std::min<double>(ox1 - ox0, outColsPerChunk));
    for (int c0 = ox0; c0 < ox1; c0 += chunkCols) {
        const int c1 = std::min(ox1, c0 + chunkCols);
        const AxisTaps xc =
            c0 == ox0 && c1 == ox1 ? xs : axisTaps(w.x0, sx, c0, c1, info_.sizeX, w.resample);
        const int cx0 = xc.minIndex(), cx1 = xc.maxIndexExclusive();
        const int cols = std::max(1, cx1 - cx0);
        const std::size_t rowBytes = std::size_t(cols) * ss;
        const int batch = std::max(
            1, int(double(std::max<std::size_t>(1, kReadBudgetBytes / rowBytes)) / rowsPerOutput));
        for (int a = oy0; a < oy1; a += batch) {
            checkCancelled();
            const int b = std::min(oy1, a + batch);
            const AxisTaps ys = axisTaps(w.y0, sy, a, b, info_.sizeY, w.resample);
            const std::vector<int> needed = ys.distinctIndices();
            if (needed.empty()) continue;
            SourceRows rows;
            rows.type = info_.dtype;
            rows.firstRow = needed.front();
            rows.firstCol = cx0;
            rows.rows.assign(std::size_t(needed.back() - needed.front() + 1), nullptr);
            // Runs of consecutive rows are read in one call; sparse rows (nearest) one by one.
            std::vector<std::vector<std::uint8_t>> blocks;
            for (std::size_t i = 0; i < needed.size();) {
                std::size_t j = i + 1;
                while (j < needed.size() && needed[j] == needed[j - 1] + 1) ++j;
                const int first = needed[i], count = int(j - i);
                blocks.push_back(readFitsBlock(frame, first, count, cx0, cols));
                for (int k = 0; k < count; ++k)
                    rows.rows[std::size_t(first + k - rows.firstRow)] =
                        blocks.back().data() + rowBytes * std::size_t(k);
                i = j;
            }
            resampleWindow(rows, xc, ys, nodata, fill, out, 0);
        }
    }
}

Raster FitsSource::read(const ReadWindow& w) const {
    checkFrame(w.frame);
    std::vector<int> bands = w.bands.empty() ? std::vector<int>{1} : w.bands;
    for (int b : bands)
        if (b != 1)
            fail(ErrorKind::BadRequest,
                 trf("FitsSource", "Band %1 does not exist (the image has %2 bands).",
                     std::to_string(b), std::to_string(info_.bandCount)));
    if (!finite(w.x0) || !finite(w.y0) || !finite(w.x1) || !finite(w.y1) || !(w.x1 > w.x0) ||
        !(w.y1 > w.y0))
        fail(ErrorKind::BadRequest, trc("FitsSource", "The read window is empty or invalid."));
    if (w.outWidth <= 0 || w.outHeight <= 0)
        fail(ErrorKind::BadRequest,
             trc("FitsSource", "The output size must be at least 1×1 pixel."));
    if (double(w.outWidth) * w.outHeight * double(bands.size()) * double(sampleSize(info_.dtype)) >
        kMaxReadBytes)
        fail(ErrorKind::BadRequest, trc("FitsSource", "The requested output is too large."));
    const double ix0 = std::max(w.x0, 0.0), iy0 = std::max(w.y0, 0.0);
    const double ix1 = std::min(w.x1, double(info_.sizeX)),
                 iy1 = std::min(w.y1, double(info_.sizeY));
    if (!(ix1 > ix0) || !(iy1 > iy0))
        fail(ErrorKind::BadRequest, trc("FitsSource", "The read window lies outside the image."));

    checkBudget(
        std::size_t(w.outWidth) * std::size_t(w.outHeight) * bands.size() * sampleSize(info_.dtype),
        trc("FitsSource", "This read"));
    Raster out(w.outWidth, w.outHeight, int(bands.size()), info_.dtype);
    // The output pixels inside the image (GdalSource's rule, so both sources pad alike).
    const double sx = (w.x1 - w.x0) / w.outWidth, sy = (w.y1 - w.y0) / w.outHeight;
    int ox0 = 0, oy0 = 0, ox1 = w.outWidth, oy1 = w.outHeight;
    if (ix0 != w.x0 || iy0 != w.y0 || ix1 != w.x1 || iy1 != w.y1) {
        ox0 = std::clamp(int(std::lround((ix0 - w.x0) / sx)), 0, w.outWidth);
        ox1 = std::clamp(int(std::lround((ix1 - w.x0) / sx)), ox0, w.outWidth);
        oy0 = std::clamp(int(std::lround((iy0 - w.y0) / sy)), 0, w.outHeight);
        oy1 = std::clamp(int(std::lround((iy1 - w.y0) / sy)), oy0, w.outHeight);
        if (ox1 <= ox0 || oy1 <= oy0) return out;
    }
    readInto(w, w.frame, out, ox0, ox1, oy0, oy1);
    for (std::size_t b = 1; b < bands.size(); ++b)
        std::memcpy(out.bandData(int(b)), out.bandData(0), out.bandBytes());
    return out;
}

BandStats FitsSource::statistics(int band, int frame, bool approximate) const {
    checkFrame(frame);
    if (band != 1)
        fail(ErrorKind::BadRequest,
             trf("FitsSource", "Band %1 does not exist (the image has %2 bands).",
                 std::to_string(band), std::to_string(info_.bandCount)));
    {
        std::lock_guard lock(statsMutex_);
        if (auto it = stats_.find({frame, true}); it != stats_.end()) return it->second;
        if (approximate)
            if (auto it = stats_.find({frame, false}); it != stats_.end()) return it->second;
    }
    // Welford over the valid samples of the frame (exact) or of a ≤1024 px nearest sample.
    const std::optional<double> nodata = info_.bands[0].nodata;
    double n = 0, mean = 0, m2 = 0;
    double mn = std::numeric_limits<double>::infinity(), mx = -mn;
    auto accumulate = [&](const Raster& r) {
        dispatchType(r.type(), [&](auto tag) {
            using T = decltype(tag);
            const T* p = r.band<T>(0);
            for (std::size_t i = 0; i < r.pixelCount(); ++i) {
                const double v = double(p[i]);
                if (!std::isfinite(v)) continue;
                if (nodata && v == *nodata) continue;
                n += 1;
                const double d = v - mean;
                mean += d / n;
                m2 += d * (v - mean);
                mn = std::min(mn, v);
                mx = std::max(mx, v);
            }
        });
    };
    const double scale =
        approximate ? std::min(1.0, 1024.0 / std::max(info_.sizeX, info_.sizeY)) : 1.0;
    if (scale < 1.0) {
        ReadWindow w;
        w.x1 = info_.sizeX;
        w.y1 = info_.sizeY;
        w.outWidth = std::max(1, int(std::lround(info_.sizeX * scale)));
        w.outHeight = std::max(1, int(std::lround(info_.sizeY * scale)));
        w.frame = frame;
        accumulate(read(w));
    } else if (auto full = cachedFrame(frame)) {
        accumulate(*full);
    } else {
        // Blocks of whole rows (or of one row's column chunks for very wide frames), each at
        // most kReadBudgetBytes; Welford's sums do not depend on the block shape.
        const std::size_t ss = sampleSize(info_.dtype);
        const int cols = int(std::min<std::size_t>(
            std::size_t(info_.sizeX), std::max<std::size_t>(1, kReadBudgetBytes / ss)));
        const std::size_t rowBytes = std::size_t(cols) * ss;
        const int batch = cols < info_.sizeX ? 1 : std::max(1, int(kReadBudgetBytes / rowBytes));
        for (int y = 0; y < info_.sizeY; y += batch)
            for (int x = 0; x < info_.sizeX; x += cols) {
                checkCancelled();
                accumulate(readFrameRows(frame, y, std::min(batch, info_.sizeY - y), x,
                                         std::min(cols, info_.sizeX - x)));
            }
    }
    BandStats s;
    if (n > 0) s = {mn, mx, mean, std::sqrt(m2 / n), true};
    std::lock_guard lock(statsMutex_);
    stats_[{frame, !approximate || scale >= 1.0}] = s;
    return s;
}

nlohmann::json FitsSource::internalMetadata() const {
    float v = 0;
    fits_get_version(&v);
    const std::string version = formatFixedC(double(v), 2);
    nlohmann::json hdus = nlohmann::json::array();
    for (const HduSummary& h : hdus_) {
        nlohmann::json frames = nlohmann::json::array();
        for (std::size_t i = 0; i < frames_.size(); ++i)
            if (frames_[i].hdu == h.hdu) frames.push_back(int(i));
        nlohmann::json cards = nlohmann::json::array();
        for (const std::string& c : h.cards) {
            std::string t = c;
            while (!t.empty() && t.back() == ' ') t.pop_back();
            cards.push_back(t);
        }
        hdus.push_back({{"hdu", h.hdu - 1},
                        {"type", h.type},
                        {"bitpix", h.bitpix},
                        {"equivalentBitpix", h.equivalentBitpix},
                        {"naxes", h.naxes},
                        {"frames", frames},
                        {"keywords", fitsHeaderKeywords(h.cards)},
                        {"header", cards}});
    }
    nlohmann::json j = {{"driverShortName", "FITS"},
                        {"driverLongName", "Flexible Image Transport System (cfitsio)"},
                        {"cfitsioVersion", version},
                        {"hduCount", hdus_.size()},
                        {"hdus", hdus}};
    if (info_.extra.contains("wcs")) j["wcs"] = info_.extra["wcs"];
    if (!damaged_.empty()) j["damaged"] = damaged_;
    return j;
}

}  // namespace tessera
