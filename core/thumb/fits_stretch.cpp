#include "thumb/fits_stretch.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

void checkGamma(double gamma) {
    if (!std::isfinite(gamma) || gamma < 0.05 || gamma > 20.0)
        fail(ErrorKind::BadRequest,
             trc("Thumbnail", "gamma must be a number between 0.05 and 20."));
}

void stretchBandInto(const Raster& r, int band, StretchRange limits, double gamma,
                     std::optional<double> nodata, Image& out, int channel) {
    checkGamma(gamma);
    if (band < 0 || band >= r.bands() || out.width != r.width() || out.height != r.height() ||
        channel < 0 || channel >= out.channels || out.type != DataType::UInt8)
        fail(ErrorKind::Internal, "stretchBandInto: mismatched raster and image");
    double lo = limits.min, hi = limits.max;
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = hi = 0;
    if (hi == lo) {
        lo -= 1;
        hi += 1;
    }
    if (hi < lo) std::swap(lo, hi);
    // A 4096-entry table over [lo, hi] keeps the pow() out of the pixel loop.
    constexpr int kTable = 4096;
    static thread_local std::array<std::uint8_t, kTable + 1> table;
    static thread_local double tableGamma = -1;
    if (tableGamma != gamma) {
        for (int i = 0; i <= kTable; ++i)
            table[std::size_t(i)] = static_cast<std::uint8_t>(
                std::lround(255.0 * std::pow(double(i) / kTable, 1.0 / gamma)));
        tableGamma = gamma;
    }
    const double scale = kTable / (hi - lo);
    const bool hasNodata = nodata && !std::isnan(*nodata);
    dispatchType(r.type(), [&](auto tag) {
        using T = decltype(tag);
        const T* p = r.band<T>(band);
        std::uint8_t* dst = out.pixels.data() + channel;
        const std::size_t stride = std::size_t(out.channels);
        for (std::size_t i = 0; i < r.pixelCount(); ++i) {
            const double v = double(p[i]);
            std::uint8_t o = 0;
            if (std::isfinite(v) && !(hasNodata && v == *nodata)) {
                const double t = std::clamp((v - lo) * scale, 0.0, double(kTable));
                o = table[std::size_t(std::lround(t))];
            }
            dst[i * stride] = o;
        }
    });
}

Image stretchBand(const Raster& r, int band, StretchRange limits, double gamma,
                  std::optional<double> nodata) {
    Image img(r.width(), r.height(), 1);
    stretchBandInto(r, band, limits, gamma, nodata, img, 0);
    return img;
}

}  // namespace tessera
