#include "source/gdal_source.h"

#include <cpl_string.h>
#include <gdal_alg.h>
#include <gdal_pam.h>
#include <gdal_priv.h>
#include <gdalwarper.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include "geo/crs.h"
#include "geo/footprint.h"
#include "source/fits_source.h"
#include "source/fits_tile_check.h"
#include "source/fits_validate.h"
#include "source/gdal_env.h"
#include "source/gdal_metadata.h"
#include "source/gdal_warp.h"
#include "source/tiff_limits.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

namespace {

// Largest raster a single read may produce (bytes), so a bad request cannot exhaust memory.
constexpr double kMaxReadBytes = 2.0 * 1024 * 1024 * 1024;
// Bands an image may have (each costs statistics and metadata; GDAL's per-band block handling
// of pixel-interleaved files grows with the square of the band count).
constexpr int kMaxBands = kMaxTiffBands;
// Largest block GDAL may decode for us at once.
constexpr double kMaxBlockBytes = 512.0 * 1024 * 1024;
// Source samples one RasterIO call may pull: larger reads go in strips of output rows.
constexpr double kStripBudgetBytes = 64.0 * 1024 * 1024;

struct TypeMapping {
    DataType type;
    GDALDataType bufferType;
};

TypeMapping mapType(GDALRasterBand* band) {
    switch (band->GetRasterDataType()) {
        case GDT_Byte: {
            const char* pt = band->GetMetadataItem("PIXELTYPE", "IMAGE_STRUCTURE");
            if (pt && EQUAL(pt, "SIGNEDBYTE")) return {DataType::Int8, GDT_Byte};
            return {DataType::UInt8, GDT_Byte};
        }
        case GDT_UInt16:
            return {DataType::UInt16, GDT_UInt16};
        case GDT_Int16:
            return {DataType::Int16, GDT_Int16};
        case GDT_UInt32:
            return {DataType::UInt32, GDT_UInt32};
        case GDT_Int32:
            return {DataType::Int32, GDT_Int32};
        case GDT_Float32:
            return {DataType::Float32, GDT_Float32};
        case GDT_Float64:
            return {DataType::Float64, GDT_Float64};
        case GDT_CInt16:
        case GDT_CFloat32:
            return {DataType::Float32, GDT_Float32};  // real part
        default:
            return {DataType::Float64, GDT_Float64};  // 64-bit integers, CInt32, CFloat64
    }
}

std::string interpretationName(GDALColorInterp ci) {
    switch (ci) {
        case GCI_YCbCr_YBand:
            return "Y";
        case GCI_YCbCr_CbBand:
            return "Cb";
        case GCI_YCbCr_CrBand:
            return "Cr";
        default:
            break;
    }
    std::string n = GDALGetColorInterpretationName(ci);
    std::transform(n.begin(), n.end(), n.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return n.empty() ? "undefined" : n;
}

std::string maskDescription(int flags) {
    if (flags & GMF_ALPHA) return "alpha";
    if (flags & GMF_NODATA) return "nodata";
    if (flags & GMF_PER_DATASET) return "per-dataset";
    if (flags & GMF_ALL_VALID) return "all-valid";
    return {};
}

BandInfo readBandInfo(GDALRasterBand* band) {
    BandInfo b;
    b.interpretation = interpretationName(band->GetColorInterpretation());
    int has = FALSE;
    double v = band->GetNoDataValue(&has);
    if (has) b.nodata = v;
    v = band->GetScale(&has);
    if (has) b.scale = v;
    v = band->GetOffset(&has);
    if (has) b.offset = v;
    if (const char* u = band->GetUnitType()) b.units = u;
    if (const char* d = band->GetDescription()) b.description = d;
    for (char** c = band->GetCategoryNames(); c && *c; ++c) b.categories.emplace_back(*c);
    if (GDALColorTable* ct = band->GetColorTable()) {
        for (int i = 0; i < ct->GetColorEntryCount(); ++i) {
            GDALColorEntry e{};
            ct->GetColorEntryAsRGB(i, &e);
            b.colortable.push_back({e.c1, e.c2, e.c3, e.c4});
        }
    }
    b.maskband = maskDescription(band->GetMaskFlags());
    return b;
}

GDALRIOResampleAlg rioResample(Resample r) {
    switch (r) {
        case Resample::Nearest:
            return GRIORA_NearestNeighbour;
        case Resample::Bilinear:
            return GRIORA_Bilinear;
        case Resample::Cubic:
            return GRIORA_Cubic;
        case Resample::Average:
            return GRIORA_Average;
    }
    return GRIORA_NearestNeighbour;
}

GDALResampleAlg warpResample(Resample r) {
    switch (r) {
        case Resample::Nearest:
            return GRA_NearestNeighbour;
        case Resample::Bilinear:
            return GRA_Bilinear;
        case Resample::Cubic:
            return GRA_Cubic;
        case Resample::Average:
            return GRA_Average;
    }
    return GRA_NearestNeighbour;
}

bool finite(double v) {
    return std::isfinite(v);
}

void checkOutputSize(int w, int h, int bands, DataType t) {
    if (w <= 0 || h <= 0)
        fail(ErrorKind::BadRequest,
             trc("GdalSource", "The output size must be at least 1×1 pixel."));
    if (double(w) * h * std::max(bands, 1) * double(sampleSize(t)) > kMaxReadBytes)
        fail(ErrorKind::BadRequest, trc("GdalSource", "The requested output is too large."));
}

}  // namespace

std::shared_ptr<GdalSource> GdalSource::open(const std::string& uri, const std::string& gdalPath,
                                             bool remote) {
    // GDAL's FITS driver hands every HDU header to cfitsio (it counts the HDUs first): a FITS
    // file is checked as FitsSource checks it, and one with any damaged or lying HDU is refused.
    if (!remote && gdalPath.rfind("/vsi", 0) != 0 && FitsSource::looksLikeFits(gdalPath)) {
        const FitsStructure checked = checkFitsStructure(gdalPath, uri);
        if (checked.stopped) throw *checked.stopped;
        // GDAL decodes whole images through cfitsio: every Rice or gzip tile is checked first.
        for (const FitsHduCheck& hdu : checked.hdus)
            if (hdu.tiles) FitsTileGuard(gdalPath, uri, hdu.hdu, hdu.tiles).checkAll();
    }
    // A local TIFF whose large blocks would inflate implausibly is not given to GDAL either.
    if (!remote) checkTiffExpansion(gdalPath, uri);
    GdalDatasetPtr ds = openGdalDataset(gdalPath, remote);
    if (!ds) {
        const std::string detail = gdalLastError();
        if (remote) {
            // Tell "not there / not reachable" from "there but not an image".
            GdalThreadConfig scope(GdalThreadConfig::remoteOptions());
            VSIStatBufL st;
            if (VSIStatExL(gdalPath.c_str(), &st, VSI_STAT_EXISTS_FLAG) != 0)
                fail(ErrorKind::IO,
                     trf("GdalSource", "Cannot read %1: %2", uri,
                         detail.empty() ? trc("GdalSource", "no response") : detail));
        }
        fail(ErrorKind::Unsupported,
             trf("GdalSource", "%1 is not an image Tessera can read (%2).", uri,
                 detail.empty() ? trc("GdalSource", "no GDAL driver recognises it") : detail));
    }
    return std::make_shared<GdalSource>(uri, gdalPath, remote, std::move(ds));
}

GdalSource::GdalSource(std::string uri, std::string gdalPath, bool remote, GdalDatasetPtr probe)
    : uri_(std::move(uri)), gdalPath_(std::move(gdalPath)), remote_(remote) {
    GDALDataset* ds = probe.get();
    if (!ds) fail(ErrorKind::Internal, "GdalSource: null dataset");
    if (ds->GetRasterCount() <= 0 || ds->GetRasterXSize() <= 0 || ds->GetRasterYSize() <= 0)
        fail(ErrorKind::Unsupported,
             trf("GdalSource", "%1 is not an image Tessera can read (it has no raster bands).",
                 uri_));
    info_.sourceName = "gdal";
    if (GDALDriver* drv = ds->GetDriver()) info_.driver = drv->GetDescription();
    info_.sizeX = ds->GetRasterXSize();
    info_.sizeY = ds->GetRasterYSize();
    info_.bandCount = ds->GetRasterCount();
    if (info_.bandCount > kMaxBands)
        fail(ErrorKind::Unsupported,
             trf("GdalSource", "%1 has %2 bands; Tessera reads images of up to %3 bands.", uri_,
                 std::to_string(info_.bandCount), std::to_string(kMaxBands)));
    GDALRasterBand* b1 = ds->GetRasterBand(1);
    b1->GetBlockSize(&info_.tileWidth, &info_.tileHeight);
    const TypeMapping tm = mapType(b1);
    info_.dtype = tm.type;
    gdalType_ = tm.bufferType;
    // GDAL decodes whole blocks (all bands of a pixel-interleaved one): a header claiming huge
    // blocks (a 65520² DEFLATE tile) is refused before any read would allocate one.
    const char* interleave = ds->GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE");
    const double blockBytes =
        double(info_.tileWidth) * double(info_.tileHeight) *
        double(GDALGetDataTypeSizeBytes(b1->GetRasterDataType())) *
        (interleave && EQUAL(interleave, "PIXEL") ? double(info_.bandCount) : 1.0);
    checkBlockBytes(uri_, info_.tileWidth, info_.tileHeight, blockBytes, kMaxBlockBytes);
    info_.levels.push_back({info_.sizeX, info_.sizeY});
    for (int i = 0; i < b1->GetOverviewCount(); ++i)
        if (GDALRasterBand* o = b1->GetOverview(i))
            info_.levels.push_back({o->GetXSize(), o->GetYSize()});
    for (int b = 1; b <= info_.bandCount; ++b)
        info_.bands.push_back(readBandInfo(ds->GetRasterBand(b)));
    srcAlphaLast_ = ds->GetRasterBand(info_.bandCount)->GetColorInterpretation() == GCI_AlphaBand;

    // Georeferencing: the CRS, or the GCP projection with a GCP-derived transform.
    std::array<double, 6> gt{0, 1, 0, 0, 0, 1};
    const bool hasGt = ds->GetGeoTransform(gt.data()) == CE_None;
    const char* wkt = ds->GetProjectionRef();
    const char* gcpWkt = ds->GetGCPProjection();
    if (ds->GetGCPCount() > 0 && gcpWkt && *gcpWkt) {
        info_.projectionWkt = gcpWkt;
        std::array<double, 6> g{};
        if (GDALGCPsToGeoTransform(ds->GetGCPCount(), ds->GetGCPs(), g.data(), TRUE)) gt = g;
        info_.geoTransform = gt;
    } else if (wkt && *wkt) {
        info_.projectionWkt = wkt;
        info_.geoTransform = gt;
    } else if (hasGt) {
        info_.geoTransform = gt;
    }
    info_.geospatial = !info_.projectionWkt.empty() && isValidCrs(info_.projectionWkt);
    if (!info_.geospatial) info_.projectionWkt.clear();
    if (info_.geospatial) {
        if (auto m = pixelSizeMeters(info_)) {
            info_.mmX = *m * 1000.0;
            info_.mmY = *m * 1000.0;
        }
    }
    info_.frameCount = 1;
    pool_ = std::make_unique<GdalHandlePool>(gdalPath_, remote_, std::move(probe));
}

GdalSource::~GdalSource() = default;

int GdalSource::chooseReadLevel(double winW, double winH, int bufW, int bufH, Resample r) const {
    // GDALBandGetBestOverviewLevel2: the coarsest overview whose decimation stays below the
    // requested one times the oversampling threshold (1.2 for nearest, else 1.0).
    if (info_.levels.size() < 2) return -1;
    const bool useX = winW / bufW <= winH / bufH || bufH == 1;
    const double desired = useX ? winW / bufW : winH / bufH;
    if (desired <= 1.0) return -1;
    const char* cfg = CPLGetConfigOption("GDAL_OVERVIEW_OVERSAMPLING_THRESHOLD", nullptr);
    const double threshold = cfg ? CPLAtof(cfg) : (r == Resample::Nearest ? 1.2 : 1.0);
    int best = -1;
    double bestRes = 0;
    for (std::size_t i = 1; i < info_.levels.size(); ++i) {
        const double res = useX ? double(info_.sizeX) / info_.levels[i].width
                                : double(info_.sizeY) / info_.levels[i].height;
        if (res >= desired * threshold || res <= bestRes) continue;
        best = int(i) - 1;
        bestRes = res;
    }
    return best;
}

std::vector<int> GdalSource::checkedBands(const std::vector<int>& bands, int frame) const {
    return checkedSingleFrameBands(info_, bands, frame);
}

Raster GdalSource::read(const ReadWindow& w) const {
    std::vector<int> bands = checkedBands(w.bands, w.frame);
    if (!finite(w.x0) || !finite(w.y0) || !finite(w.x1) || !finite(w.y1) || !(w.x1 > w.x0) ||
        !(w.y1 > w.y0))
        fail(ErrorKind::BadRequest, trc("GdalSource", "The read window is empty or invalid."));
    checkOutputSize(w.outWidth, w.outHeight, int(bands.size()), info_.dtype);
    // The part of the window inside the image.
    const double ix0 = std::max(w.x0, 0.0), iy0 = std::max(w.y0, 0.0);
    const double ix1 = std::min(w.x1, double(info_.sizeX)),
                 iy1 = std::min(w.y1, double(info_.sizeY));
    if (!(ix1 > ix0) || !(iy1 > iy0))
        fail(ErrorKind::BadRequest, trc("GdalSource", "The read window lies outside the image."));

    checkBudget(
        std::size_t(w.outWidth) * std::size_t(w.outHeight) * bands.size() * sampleSize(info_.dtype),
        trc("GdalSource", "This read"));
    Raster out(w.outWidth, w.outHeight, int(bands.size()), info_.dtype);
    const double sx = (w.x1 - w.x0) / w.outWidth, sy = (w.y1 - w.y0) / w.outHeight;
    int ox0 = 0, oy0 = 0, ox1 = w.outWidth, oy1 = w.outHeight;
    double rx0 = w.x0, ry0 = w.y0, rx1 = w.x1, ry1 = w.y1;
    if (ix0 != w.x0 || iy0 != w.y0 || ix1 != w.x1 || iy1 != w.y1) {
        ox0 = std::clamp(int(std::lround((ix0 - w.x0) / sx)), 0, w.outWidth);
        ox1 = std::clamp(int(std::lround((ix1 - w.x0) / sx)), ox0, w.outWidth);
        oy0 = std::clamp(int(std::lround((iy0 - w.y0) / sy)), 0, w.outHeight);
        oy1 = std::clamp(int(std::lround((iy1 - w.y0) / sy)), oy0, w.outHeight);
        if (ox1 <= ox0 || oy1 <= oy0) return out;  // a sliver too thin for one output pixel
        rx0 = std::clamp(w.x0 + ox0 * sx, 0.0, double(info_.sizeX));
        rx1 = std::clamp(w.x0 + ox1 * sx, 0.0, double(info_.sizeX));
        ry0 = std::clamp(w.y0 + oy0 * sy, 0.0, double(info_.sizeY));
        ry1 = std::clamp(w.y0 + oy1 * sy, 0.0, double(info_.sizeY));
        if (!(rx1 > rx0) || !(ry1 > ry0)) return out;
    }
    const auto size = GSpacing(sampleSize(info_.dtype));
    const GSpacing line = size * w.outWidth;
    std::uint8_t* dst = out.bandData(0) + (std::size_t(oy0) * w.outWidth + ox0) * std::size_t(size);
    const int bufW = ox1 - ox0, bufH = oy1 - oy0;
    auto lease = pool_->acquire();
    GDALDataset* ds = lease->dataset();
    double scaleX = 1, scaleY = 1;
    const bool integral = rx0 == std::floor(rx0) && ry0 == std::floor(ry0) &&
                          rx1 == std::floor(rx1) && ry1 == std::floor(ry1);
    // The level GDAL reads, and how many source bytes that is: a read that would pull more than
    // kStripBudgetBytes (a level without overviews, decimated to a small output) is made in
    // strips of output rows, so memory stays bounded and it can be cancelled between strips.
    const int level = chooseReadLevel(rx1 - rx0, ry1 - ry0, bufW, bufH, w.resample);
    const LevelInfo& li = info_.levels[std::size_t(level + 1)];
    const double sourceBytes = (rx1 - rx0) * double(li.width) / info_.sizeX * (ry1 - ry0) *
                               double(li.height) / info_.sizeY * double(bands.size()) *
                               double(size);
    const bool strips = sourceBytes > kStripBudgetBytes && bufH > 1;
    if (!integral || strips) {
        // GDAL picks overviews from the integer window around a fractional one; choose the level
        // from the exact window instead and read that level alone.
        GDALDataset* levelDs = lease->overviewDataset(level, true);
        if (levelDs) {
            ds = levelDs;
            scaleX = double(ds->GetRasterXSize()) / info_.sizeX;
            scaleY = double(ds->GetRasterYSize()) / info_.sizeY;
        }
    }
    const int stripRows =
        strips ? std::clamp(int(double(bufH) * kStripBudgetBytes / sourceBytes), 1, bufH) : bufH;
    const double rowStep = (ry1 - ry0) / bufH;
    const int dsW = ds->GetRasterXSize(), dsH = ds->GetRasterYSize();
    const double fx0 = std::clamp(rx0 * scaleX, 0.0, double(dsW)),
                 fx1 = std::clamp(rx1 * scaleX, 0.0, double(dsW));
    const int nx0 = std::min(dsW - 1, int(std::floor(fx0)));
    const int nx1 = std::min(dsW, std::max(nx0 + 1, int(std::ceil(fx1))));
    for (int j0 = 0; j0 < bufH; j0 += stripRows) {
        const int j1 = std::min(bufH, j0 + stripRows);
        if (strips) checkCancelled();
        const double sy0 = strips ? ry0 + j0 * rowStep : ry0;
        const double sy1 = strips ? (j1 == bufH ? ry1 : ry0 + j1 * rowStep) : ry1;
        const double fy0 = std::clamp(sy0 * scaleY, 0.0, double(dsH)),
                     fy1 = std::clamp(sy1 * scaleY, 0.0, double(dsH));
        const int ny0 = std::min(dsH - 1, int(std::floor(fy0)));
        const int ny1 = std::min(dsH, std::max(ny0 + 1, int(std::ceil(fy1))));

        GDALRasterIOExtraArg extra;
        INIT_RASTERIO_EXTRA_ARG(extra);
        extra.eResampleAlg = rioResample(w.resample);
        extra.bFloatingPointWindowValidity = TRUE;
        extra.dfXOff = fx0;
        extra.dfYOff = fy0;
        extra.dfXSize = std::max(fx1 - fx0, 1e-9);
        extra.dfYSize = std::max(fy1 - fy0, 1e-9);
        extra.pfnProgress = cancelProgress;

        clearGdalError();
        const CPLErr err =
            ds->RasterIO(GF_Read, nx0, ny0, nx1 - nx0, ny1 - ny0, dst + line * j0, bufW, j1 - j0,
                         static_cast<GDALDataType>(gdalType_), int(bands.size()), bands.data(),
                         size, line, GSpacing(out.bandBytes()), &extra);
        if (err != CE_None) {
            checkCancelled();
            fail(ErrorKind::IO, trf("GdalSource", "Reading %1 failed: %2", uri_, gdalLastError()));
        }
    }
    return out;
}

Raster GdalSource::readProjected(const ProjectedWindow& w) const {
    if (!info_.geospatial) return Source::readProjected(w);
    std::vector<int> bands = checkedBands(w.bands, w.frame);
    const Bounds& b = w.bounds;
    if (!finite(b.xmin) || !finite(b.xmax) || !finite(b.ymin) || !finite(b.ymax) ||
        !(b.xmax > b.xmin) || !(b.ymax > b.ymin))
        fail(ErrorKind::BadRequest,
             trc("GdalSource", "The projected bounds are empty or invalid."));
    const int nb = int(bands.size());
    checkOutputSize(w.outWidth, w.outHeight, nb + 1, info_.dtype);
    checkBudget(std::size_t(w.outWidth) * std::size_t(w.outHeight) * std::size_t(nb + 1) *
                    sampleSize(info_.dtype),
                trc("GdalSource", "This read"));
    const std::string dstWkt = crsToWkt(w.crs);

    Raster out(w.outWidth, w.outHeight, nb + 1, info_.dtype);
    const auto gdt = static_cast<GDALDataType>(gdalType_);
    const int size = int(sampleSize(info_.dtype));

    // Destination: a MEM dataset whose bands are the raster's own memory.
    GDALDriver* memDriver = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!memDriver) fail(ErrorKind::Internal, "GDAL MEM driver missing");
    GdalDatasetPtr dst(memDriver->Create("", w.outWidth, w.outHeight, 0, gdt, nullptr));
    if (!dst)
        fail(ErrorKind::Internal,
             trf("GdalSource", "Cannot create a warp buffer: %1", gdalLastError()));
    for (int i = 0; i < nb + 1; ++i) {
        // CPLPrintPointer does not terminate the string: an unterminated buffer made MEM parse
        // stack garbage after the digits as part of the pointer (an intermittent crash).
        char ptr[64];
        const int n = CPLPrintPointer(ptr, out.bandData(i), int(sizeof ptr) - 1);
        ptr[n] = '\0';
        CPLStringList opts;
        opts.SetNameValue("DATAPOINTER", ptr);
        opts.SetNameValue("PIXELOFFSET", std::to_string(size).c_str());
        opts.SetNameValue("LINEOFFSET", std::to_string(std::size_t(size) * w.outWidth).c_str());
        if (dst->AddBand(gdt, opts.List()) != CE_None)
            fail(ErrorKind::Internal,
                 trf("GdalSource", "Cannot create a warp buffer: %1", gdalLastError()));
    }
    double dstGt[6] = {b.xmin, b.width() / w.outWidth, 0, b.ymax, 0, -b.height() / w.outHeight};
    dst->SetGeoTransform(dstGt);
    dst->SetProjection(dstWkt.c_str());

    auto lease = pool_->acquire();
    GDALDataset* src = lease->dataset();
    clearGdalError();
    void* transformer = lease->warpTransformer(dstWkt);
    if (!transformer)
        fail(ErrorKind::Unsupported, trf("GdalSource", "This image cannot be reprojected to %1: %2",
                                         w.crs, gdalLastError()));
    GDALSetGenImgProjTransformerDstGeoTransform(transformer, dstGt);
    WarpResources res;
    ScaledTransformer scaled{transformer, 1.0, 1.0};
    GDALTransformerFunc fn = GDALGenImgProjTransform;
    void* fnArg = transformer;
    const int ovr = chooseWarpOverview(src, transformer, w.outWidth, w.outHeight);
    if (ovr >= 0) {
        if (GDALDataset* ovrDs = lease->overviewDataset(ovr)) {
            scaled.sx = double(ovrDs->GetRasterXSize()) / src->GetRasterXSize();
            scaled.sy = double(ovrDs->GetRasterYSize()) / src->GetRasterYSize();
            fn = scaledTransform;
            fnArg = &scaled;
            src = ovrDs;
        }
    }
    // gdalwarp's default error threshold of 0.125 pixel.
    res.approx = GDALCreateApproxTransformer(fn, fnArg, 0.125);

    GDALWarpOptions* wo = GDALCreateWarpOptions();
    res.options = wo;
    wo->hSrcDS = GDALDataset::ToHandle(src);
    wo->hDstDS = GDALDataset::ToHandle(dst.get());
    wo->eResampleAlg = warpResample(w.resample);
    wo->nBandCount = nb;
    wo->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int) * nb));
    wo->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int) * nb));
    for (int i = 0; i < nb; ++i) {
        wo->panSrcBands[i] = bands[i];
        wo->panDstBands[i] = i + 1;
    }
    wo->nDstAlphaBand = nb + 1;
    if (srcAlphaLast_) wo->nSrcAlphaBand = info_.bandCount;
    // Source nodata as gdalwarp takes it: per band, a sentinel for bands without one.
    bool anyNodata = false;
    for (int bnd : bands) anyNodata = anyNodata || info_.bands[bnd - 1].nodata.has_value();
    if (anyNodata) {
        wo->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double) * nb));
        for (int i = 0; i < nb; ++i) {
            const auto& nd = info_.bands[bands[i] - 1].nodata;
            wo->padfSrcNoDataReal[i] = nd ? *nd : -123456.789;
        }
    }
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "INIT_DEST", "0");
    // The handle's transformer cannot be cloned for GDAL worker threads; callers parallelise.
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "NUM_THREADS", "1");
    wo->papszWarpOptions =
        CSLSetNameValue(wo->papszWarpOptions, "ERROR_OUT_IF_EMPTY_SOURCE_WINDOW", "FALSE");
    if (info_.dtype == DataType::Int8)
        wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "DST_ALPHA_MAX", "127");
    wo->pfnTransformer = GDALApproxTransform;
    wo->pTransformerArg = res.approx;

    GDALWarpOperation op;
    if (op.Initialize(wo) != CE_None ||
        op.ChunkAndWarpImage(0, 0, w.outWidth, w.outHeight) != CE_None)
        fail(remote_ ? ErrorKind::IO : ErrorKind::Unsupported,
             trf("GdalSource", "Reprojecting %1 to %2 failed: %3", uri_, w.crs, gdalLastError()));
    dst.reset();  // release the MEM wrapper before the raster leaves
    return out;
}

BandStats GdalSource::statistics(int band, int frame, bool approximate) const {
    checkedBands({band}, frame);
    {
        std::lock_guard lock(statsMutex_);
        if (auto it = stats_.find({band, false}); it != stats_.end()) return it->second;
        if (approximate)
            if (auto it = stats_.find({band, true}); it != stats_.end()) return it->second;
    }
    BandStats s;
    {
        auto lease = pool_->acquire();
        GDALRasterBand* rb = lease->dataset()->GetRasterBand(band);
        double mn = 0, mx = 0, mean = 0, sd = 0;
        clearGdalError();
        CPLErr err = rb->GetStatistics(approximate, FALSE, &mn, &mx, &mean, &sd);
        if (err != CE_None) {
            clearGdalError();
            err = rb->ComputeStatistics(approximate, &mn, &mx, &mean, &sd, cancelProgress, nullptr);
            if (err != CE_None) checkCancelled();
            // Computed statistics live in memory only: never write an .aux.xml next to the file.
            if (auto* pam = dynamic_cast<GDALPamDataset*>(lease->dataset()))
                pam->SetPamFlags(pam->GetPamFlags() & ~GPF_DIRTY);
        }
        if (err == CE_None && finite(mn) && finite(mx)) {
            s = {mn, mx, mean, sd, true};
        }
    }
    std::lock_guard lock(statsMutex_);
    stats_[{band, approximate}] = s;
    return s;
}

nlohmann::json GdalSource::internalMetadata() const {
    {
        std::lock_guard lock(metaMutex_);
        if (internal_) return *internal_;
    }
    nlohmann::json j;
    {
        auto lease = pool_->acquire();
        j = gdalInternalMetadata(lease->dataset(), info_, remote_);
    }
    std::lock_guard lock(metaMutex_);
    internal_ = j;
    return j;
}

}  // namespace tessera
