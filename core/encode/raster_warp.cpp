#include "encode/raster_warp.h"

#include <gdal_alg.h>
#include <gdal_utils.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "encode/gdal_mem_dataset.h"
#include "geo/crs.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

using namespace encode_detail;

RasterOutput warpRaster(const RasterOutput& in, const std::string& dstCrs, bool picture,
                        int maxWidth, int maxHeight) {
    if (!in.geo || in.geo->wkt.empty())
        fail(ErrorKind::BadRequest,
             trc("Encoder", "The region is not georeferenced, so it cannot be reprojected."));
    const std::string dstWkt = crsToWkt(dstCrs);
    GdalDatasetPtr src = wrapAsMemDataset(in);
    GdalErrorScope errors;

    // GDAL's suggested output grid (same resolution, whole region), fitted into the maximum size.
    void* transform = GDALCreateGenImgProjTransformer(src.get(), in.geo->wkt.c_str(), nullptr,
                                                      dstWkt.c_str(), FALSE, 0.0, 1);
    if (!transform)
        fail(ErrorKind::Unsupported,
             trf("Encoder", "Cannot reproject the region to %1: %2", dstCrs, errors.lastError()));
    double gt[6];
    int w = 0, h = 0;
    const CPLErr suggested =
        GDALSuggestedWarpOutput(src.get(), GDALGenImgProjTransform, transform, gt, &w, &h);
    GDALDestroyGenImgProjTransformer(transform);
    if (suggested != CE_None || w < 1 || h < 1)
        fail(ErrorKind::Unsupported,
             trf("Encoder", "Cannot reproject the region to %1: %2", dstCrs, errors.lastError()));
    double scale = 1.0;
    if (maxWidth > 0) scale = std::min(scale, double(maxWidth) / w);
    if (maxHeight > 0) scale = std::min(scale, double(maxHeight) / h);
    // Keep the output near the input's pixel count (a reprojection never enlarges the region).
    const double inPixels = double(in.raster.width()) * in.raster.height();
    if (double(w) * h > 4 * inPixels)
        scale = std::min(scale, std::sqrt(4 * inPixels / (double(w) * h)));
    const double xmin = gt[0], ymax = gt[3];
    const double xmax = gt[0] + gt[1] * w, ymin = gt[3] + gt[5] * h;
    if (scale < 1.0) {
        w = std::max(1, int(std::lround(w * scale)));
        h = std::max(1, int(std::lround(h * scale)));
    }

    std::vector<std::string> args = {"-of",
                                     "MEM",
                                     "-t_srs",
                                     dstWkt,
                                     "-te",
                                     std::to_string(xmin),
                                     std::to_string(ymin),
                                     std::to_string(xmax),
                                     std::to_string(ymax),
                                     "-ts",
                                     std::to_string(w),
                                     std::to_string(h),
                                     "-r",
                                     picture ? "bilinear" : "near",
                                     "-et",
                                     "0.125"};
    if (in.alpha) {
        args.push_back("-srcalpha");
        args.push_back("-dstalpha");
    } else if (picture) {
        args.push_back("-dstalpha");
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(argv.data(), nullptr);
    if (!options)
        fail(ErrorKind::Internal,
             trf("Encoder", "Bad reprojection options: %1", errors.lastError()));
    // A request whose client went away stops the warp between its chunks.
    GDALWarpAppOptionsSetProgress(options, cancelProgress, nullptr);
    GDALDatasetH srcHandle = src.get();
    int usageError = FALSE;
    GdalDatasetPtr dst(GDALWarp("", nullptr, 1, &srcHandle, options, &usageError));
    GDALWarpAppOptionsFree(options);
    if (!dst) checkCancelled();
    if (!dst)
        fail(ErrorKind::Unsupported, trf("Encoder", "Reprojecting the region to %1 failed: %2",
                                         dstCrs, errors.lastError()));
    RasterOutput out = readDataset(dst.get());
    out.rgb = in.rgb;
    out.alpha = in.alpha || picture;
    if (out.geo && in.geo->nodata && !picture) out.geo->nodata = in.geo->nodata;
    return out;
}

}  // namespace tessera
