#include "source/gdal_warp.h"

#include <gdal_alg.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace tessera {

int scaledTransform(void* arg, int dstToSrc, int n, double* x, double* y, double* z, int* ok) {
    auto* t = static_cast<ScaledTransformer*>(arg);
    if (!dstToSrc)
        for (int i = 0; i < n; ++i) {
            x[i] /= t->sx;
            y[i] /= t->sy;
        }
    const int r = GDALGenImgProjTransform(t->inner, dstToSrc, n, x, y, z, ok);
    if (dstToSrc)
        for (int i = 0; i < n; ++i) {
            x[i] *= t->sx;
            y[i] *= t->sy;
        }
    return r;
}

int chooseWarpOverview(GDALDataset* src, void* transformer, int dstW, int dstH) {
    GDALRasterBand* b1 = src->GetRasterBand(1);
    const int nOvr = b1->GetOverviewCount();
    if (nOvr <= 0) return -1;
    constexpr int n1 = 10;
    std::vector<double> xs(n1 * n1), ys(n1 * n1), zs(n1 * n1, 0.0);
    std::vector<int> ok(n1 * n1, 0);
    int i = 0;
    for (int ix = 0; ix < n1; ++ix)
        for (int iy = 0; iy < n1; ++iy, ++i) {
            xs[i] = dstW * double(ix) / (n1 - 1);
            ys[i] = dstH * double(iy) / (n1 - 1);
        }
    if (!GDALGenImgProjTransform(transformer, TRUE, n1 * n1, xs.data(), ys.data(), zs.data(),
                                 ok.data()))
        return -1;
    double minX = std::numeric_limits<double>::infinity(), maxX = -minX;
    for (int k = 0; k < n1 * n1; ++k)
        if (ok[k] && std::isfinite(xs[k])) {
            minX = std::min(minX, xs[k]);
            maxX = std::max(maxX, xs[k]);
        }
    if (!(maxX > minX)) return -1;
    const double target = (maxX - minX) / dstW;
    if (!(target > 1.0)) return -1;
    const double full = src->GetRasterXSize();
    int iOvr = -1;
    for (; iOvr < nOvr - 1; ++iOvr) {
        GDALRasterBand* cur = iOvr < 0 ? nullptr : b1->GetOverview(iOvr);
        GDALRasterBand* next = b1->GetOverview(iOvr + 1);
        if ((iOvr >= 0 && !cur) || !next) break;
        const double ratio = iOvr < 0 ? 1.0 : full / cur->GetXSize();
        const double nextRatio = full / next->GetXSize();
        if (ratio < target && nextRatio > target) break;
        if (std::abs(ratio - target) < 1e-1) break;
    }
    return iOvr;
}

}  // namespace tessera
