#include "thumb/zscale.h"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

StretchRange zscaleLimits(const Raster& raster, int band, const ZScaleOptions& options,
                          std::optional<double> nodata) {
    if (band < 0 || band >= raster.bands())
        fail(ErrorKind::BadRequest,
             trf("ZScale", "Band %1 does not exist.", std::to_string(band + 1)));
    std::vector<double> values;
    values.reserve(raster.pixelCount());
    const bool hasNodata = nodata && !std::isnan(*nodata);
    dispatchType(raster.type(), [&](auto tag) {
        using T = decltype(tag);
        const T* p = raster.band<T>(band);
        for (std::size_t i = 0; i < raster.pixelCount(); ++i) {
            const double v = double(p[i]);
            if (!std::isfinite(v)) continue;
            if constexpr (std::is_same_v<T, float>) {
                if (hasNodata && p[i] == static_cast<float>(*nodata)) continue;
            } else {
                if (hasNodata && v == *nodata) continue;
            }
            values.push_back(v);
        }
    });
    if (values.empty()) return {};
    return zscale(std::move(values), options.contrast, std::max(1, options.maxSamples));
}

StretchRange zscaleLimits(const Source& source, int band, int frame, const ZScaleOptions& options) {
    const SourceInfo& info = source.info();
    if (band < 1 || band > info.bandCount)
        fail(ErrorKind::BadRequest, trf("ZScale", "Band %1 does not exist.", std::to_string(band)));
    const double target = 2.0 * std::max(1, options.maxSamples);
    const double pixels = double(info.sizeX) * double(info.sizeY);
    const double f = std::min(1.0, std::sqrt(target / std::max(1.0, pixels)));
    ReadWindow w;
    w.x1 = info.sizeX;
    w.y1 = info.sizeY;
    w.outWidth = std::clamp(int(std::lround(info.sizeX * f)), 1, info.sizeX);
    w.outHeight = std::clamp(int(std::lround(info.sizeY * f)), 1, info.sizeY);
    w.bands = {band};
    w.frame = frame;
    w.resample = Resample::Nearest;
    const Raster r = source.read(w);
    return zscaleLimits(r, 0, options, info.bands.at(std::size_t(band - 1)).nodata);
}

}  // namespace tessera
