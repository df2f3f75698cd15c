#include "raster/window_resample.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "util/error.h"

namespace tessera {

namespace {

// Keys cubic convolution kernel with a = -0.5 (GDAL's "cubic").
double cubicWeight(double t) {
    t = std::abs(t);
    constexpr double a = -0.5;
    if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
    if (t < 2) return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
    return 0;
}

template <typename T>
T saturate(double v) {
    if constexpr (std::is_floating_point_v<T>) {
        return static_cast<T>(v);
    } else {
        if (std::isnan(v)) return T(0);
        const double r = std::round(v);
        if (r <= double(std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::lowest();
        if (r >= double(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
        return static_cast<T>(r);
    }
}

}  // namespace

int AxisTaps::minIndex() const noexcept {
    if (index.empty()) return 0;
    return *std::min_element(index.begin(), index.end());
}

int AxisTaps::maxIndexExclusive() const noexcept {
    if (index.empty()) return 0;
    return *std::max_element(index.begin(), index.end()) + 1;
}

std::vector<int> AxisTaps::distinctIndices() const {
    std::vector<int> v = index;
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

AxisTaps axisTaps(double origin, double step, int o0, int o1, int size, Resample r) {
    AxisTaps t;
    t.outBegin = o0;
    t.offsets.push_back(0);
    if (size <= 0 || o1 <= o0) return t;
    auto clampIndex = [size](long long i) { return int(std::clamp<long long>(i, 0, size - 1)); };
    const bool reduce = step > 1.0 + 1e-12;
    for (int o = o0; o < o1; ++o) {
        const double centre = origin + (o + 0.5) * step;
        if (r == Resample::Nearest) {
            // GDAL adds a small epsilon so exact halves do not flip with rounding noise.
            t.index.push_back(clampIndex((long long)std::floor(centre + 1e-10)));
            t.weight.push_back(1.0);
        } else if (r == Resample::Average || reduce) {
            double a = std::max(origin + o * step, 0.0);
            double b = std::min(origin + (o + 1) * step, double(size));
            if (!(b > a)) {  // footprint outside the image: nearest edge pixel
                t.index.push_back(clampIndex((long long)std::floor(centre)));
                t.weight.push_back(1.0);
            } else {
                for (long long i = (long long)std::floor(a); double(i) < b; ++i) {
                    const double w = std::min(b, double(i + 1)) - std::max(a, double(i));
                    if (w <= 1e-12) continue;
                    t.index.push_back(clampIndex(i));
                    t.weight.push_back(w);
                }
            }
        } else if (r == Resample::Bilinear) {
            const double c = centre - 0.5;
            const double f = std::floor(c);
            const double frac = c - f;
            t.index.push_back(clampIndex((long long)f));
            t.weight.push_back(1.0 - frac);
            if (frac > 1e-12) {
                t.index.push_back(clampIndex((long long)f + 1));
                t.weight.push_back(frac);
            }
        } else {  // cubic
            const double c = centre - 0.5;
            const double f = std::floor(c);
            const double frac = c - f;
            for (int k = -1; k <= 2; ++k) {
                const double w = cubicWeight(frac - k);
                if (std::abs(w) < 1e-12) continue;
                t.index.push_back(clampIndex((long long)f + k));
                t.weight.push_back(w);
            }
        }
        t.offsets.push_back(int(t.index.size()));
    }
    return t;
}

void resampleWindow(const SourceRows& src, const AxisTaps& xs, const AxisTaps& ys,
                    std::optional<double> nodata, double fill, Raster& out, int band) {
    if (src.type != out.type()) fail(ErrorKind::Internal, "resampleWindow: type mismatch");
    const int nx = xs.count(), ny = ys.count();
    if (nx <= 0 || ny <= 0) return;
    if (xs.outBegin < 0 || ys.outBegin < 0 || xs.outBegin + nx > out.width() ||
        ys.outBegin + ny > out.height() || band < 0 || band >= out.bands())
        fail(ErrorKind::Internal, "resampleWindow: output range outside the raster");
    dispatchType(src.type, [&](auto tag) {
        using T = decltype(tag);
        T* dst = out.band<T>(band);
        const bool hasNodata = nodata.has_value() && !std::isnan(*nodata);
        const T nd = hasNodata ? saturate<T>(*nodata) : T(0);
        auto valid = [&](T v) {
            if constexpr (std::is_floating_point_v<T>) {
                if (std::isnan(v)) return false;
            }
            return !(hasNodata && v == nd);
        };
        auto rowPtr = [&](int y) -> const T* {
            const long long i = (long long)y - src.firstRow;
            if (i < 0 || i >= (long long)src.rows.size() || !src.rows[std::size_t(i)])
                fail(ErrorKind::Internal, "resampleWindow: source row not loaded");
            return reinterpret_cast<const T*>(src.rows[std::size_t(i)]);
        };
        const bool single =
            xs.index.size() == std::size_t(nx) && ys.index.size() == std::size_t(ny);
        for (int j = 0; j < ny; ++j) {
            T* line = dst + std::size_t(ys.outBegin + j) * out.width() + xs.outBegin;
            if (single) {  // nearest: one tap per axis, copy
                const T* row = rowPtr(ys.index[std::size_t(j)]);
                for (int i = 0; i < nx; ++i) line[i] = row[xs.index[std::size_t(i)] - src.firstCol];
                continue;
            }
            for (int i = 0; i < nx; ++i) {
                double sum = 0, wsum = 0;
                for (int a = ys.offsets[std::size_t(j)]; a < ys.offsets[std::size_t(j) + 1]; ++a) {
                    const T* row = rowPtr(ys.index[std::size_t(a)]);
                    const double wy = ys.weight[std::size_t(a)];
                    for (int b = xs.offsets[std::size_t(i)]; b < xs.offsets[std::size_t(i) + 1];
                         ++b) {
                        const T v = row[xs.index[std::size_t(b)] - src.firstCol];
                        if (!valid(v)) continue;
                        const double w = wy * xs.weight[std::size_t(b)];
                        sum += w * double(v);
                        wsum += w;
                    }
                }
                line[i] = std::abs(wsum) > 1e-12 ? saturate<T>(sum / wsum) : saturate<T>(fill);
            }
        }
    });
}

}  // namespace tessera
