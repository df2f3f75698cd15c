// Helpers of GdalSource's warped reads: gdalwarp's "-ovr AUTO" overview choice, a transformer
// that maps an overview's pixels through the full-resolution transformer, and the owner of the
// per-read warp objects.
//
// Thread safety: plain functions and per-read objects; the transformer belongs to one handle.
#pragma once

#include <gdal_priv.h>
#include <gdalwarper.h>

namespace tessera {

// Source pixels of an overview from the full-resolution transformer: scales its source side.
struct ScaledTransformer {
    void* inner = nullptr;
    double sx = 1, sy = 1;  // overview size / full size
};

// A GDALTransformerFunc for a ScaledTransformer argument.
int scaledTransform(void* arg, int dstToSrc, int n, double* x, double* y, double* z, int* ok);

// Owns the per-read GDAL warp objects (the GenImgProj transformer belongs to the handle).
struct WarpResources {
    void* approx = nullptr;
    GDALWarpOptions* options = nullptr;
    WarpResources() = default;
    WarpResources(const WarpResources&) = delete;
    WarpResources& operator=(const WarpResources&) = delete;
    ~WarpResources() {
        if (options) GDALDestroyWarpOptions(options);
        if (approx) GDALDestroyApproxTransformer(approx);
    }
};

// gdalwarp's "-ovr AUTO" choice for a target of known bounds and size (GDAL 3.6 logic):
// sample a 10×10 grid of destination pixels into source pixels, take the source span per
// destination pixel, and choose the last overview whose decimation stays below it. -1 = full
// resolution.
int chooseWarpOverview(GDALDataset* src, void* transformer, int dstW, int dstH);

}  // namespace tessera
