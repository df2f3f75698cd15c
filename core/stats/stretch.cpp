// Stretch presets: display ranges from the samples of one band (min/max, numpy-style linear
// percentiles, mean ± k·σ) and IRAF zscale ported from astropy's ZScaleInterval.get_limits
// (n_samples, contrast, max_reject 0.5, min_npixels 5, krej 2.5, max_iterations 5).
#include "stats/stretch.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

std::vector<double> validSamples(const Raster& r, int band, const double* nodata) {
    std::vector<double> out;
    if (band < 0 || band >= r.bands()) return out;
    out.reserve(r.pixelCount());
    dispatchType(r.type(), [&](auto tag) {
        using T = decltype(tag);
        const T* p = r.band<T>(band);
        for (std::size_t i = 0; i < r.pixelCount(); ++i) {
            const T x = p[i];
            if constexpr (std::is_floating_point_v<T>) {
                if (!std::isfinite(x)) continue;
            }
            if (nodata) {
                if constexpr (std::is_same_v<T, float>) {
                    if (x == static_cast<float>(*nodata)) continue;
                } else {
                    if (static_cast<double>(x) == *nodata) continue;
                }
            }
            out.push_back(static_cast<double>(x));
        }
    });
    return out;
}

// numpy.percentile(values, q) with the default "linear" method; values is reordered.
double percentile(std::vector<double>& v, double q) {
    const std::size_t n = v.size();
    q = std::clamp(q, 0.0, 100.0);
    const double idx = q / 100.0 * static_cast<double>(n - 1);
    const auto lo = static_cast<std::size_t>(std::floor(idx));
    const double t = idx - static_cast<double>(lo);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
    const double a = v[lo];
    if (lo + 1 >= n) return a;
    const double b = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end());
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

}  // namespace

StretchRange zscale(std::vector<double> values, double contrast, int nsamples) {
    constexpr double maxReject = 0.5;
    constexpr std::size_t minNpixels = 5;
    constexpr double krej = 2.5;
    constexpr int maxIterations = 5;

    values.erase(
        std::remove_if(values.begin(), values.end(), [](double x) { return !std::isfinite(x); }),
        values.end());
    if (values.empty()) return {};
    if (nsamples < 1) nsamples = 1;

    // Sample the image: values[::stride][:n_samples].
    const auto stride = static_cast<std::size_t>(
        std::max(1.0, static_cast<double>(values.size()) / static_cast<double>(nsamples)));
    std::vector<double> samples;
    for (std::size_t i = 0;
         i < values.size() && samples.size() < static_cast<std::size_t>(nsamples); i += stride)
        samples.push_back(values[i]);
    std::sort(samples.begin(), samples.end());

    const std::size_t npix = samples.size();
    double vmin = samples.front();
    double vmax = samples.back();

    // Fit a line to the sorted samples, with k-sigma rejection.
    const std::size_t minpix =
        std::max(minNpixels, static_cast<std::size_t>(static_cast<double>(npix) * maxReject));
    std::size_t ngoodpix = npix;
    std::size_t lastNgoodpix = npix + 1;
    std::vector<unsigned char> badpix(npix, 0), grown(npix, 0);
    const std::size_t ngrow =
        std::max<std::size_t>(1, static_cast<std::size_t>(static_cast<double>(npix) * 0.01));
    double slope = 0, intercept = 0;
    std::vector<double> flat(npix);

    for (int iter = 0; iter < maxIterations; ++iter) {
        if (ngoodpix >= lastNgoodpix || ngoodpix < minpix) break;

        // np.polyfit(x, samples, 1, w=~badpix): least squares over the good pixels.
        double sx = 0, sy = 0, cnt = 0;
        for (std::size_t i = 0; i < npix; ++i)
            if (!badpix[i]) {
                sx += static_cast<double>(i);
                sy += samples[i];
                cnt += 1;
            }
        const double xm = sx / cnt, ym = sy / cnt;
        double sxx = 0, sxy = 0;
        for (std::size_t i = 0; i < npix; ++i)
            if (!badpix[i]) {
                const double dx = static_cast<double>(i) - xm;
                sxx += dx * dx;
                sxy += dx * (samples[i] - ym);
            }
        slope = sxx > 0 ? sxy / sxx : 0.0;
        intercept = ym - slope * xm;

        // Subtract the fitted line; k-sigma threshold from the good pixels (numpy std, ddof 0).
        double fsum = 0;
        for (std::size_t i = 0; i < npix; ++i) {
            flat[i] = samples[i] - (slope * static_cast<double>(i) + intercept);
            if (!badpix[i]) fsum += flat[i];
        }
        const double fmean = fsum / cnt;
        double fvar = 0;
        for (std::size_t i = 0; i < npix; ++i)
            if (!badpix[i]) fvar += (flat[i] - fmean) * (flat[i] - fmean);
        const double threshold = krej * std::sqrt(fvar / cnt);
        for (std::size_t i = 0; i < npix; ++i)
            if (flat[i] < -threshold || flat[i] > threshold) badpix[i] = 1;

        // np.convolve(badpix, ones(ngrow), mode="same") on booleans: dilation.
        const std::ptrdiff_t off = static_cast<std::ptrdiff_t>((ngrow - 1) / 2);
        const auto n = static_cast<std::ptrdiff_t>(npix);
        for (std::ptrdiff_t i = 0; i < n; ++i) {
            unsigned char any = 0;
            const std::ptrdiff_t hiIdx = i + off;
            const std::ptrdiff_t loIdx = hiIdx - static_cast<std::ptrdiff_t>(ngrow) + 1;
            for (std::ptrdiff_t k = std::max<std::ptrdiff_t>(0, loIdx);
                 k <= std::min(n - 1, hiIdx) && !any; ++k)
                any = badpix[k];
            grown[i] = any;
        }
        badpix.swap(grown);

        lastNgoodpix = ngoodpix;
        ngoodpix = static_cast<std::size_t>(std::count(badpix.begin(), badpix.end(), 0));
    }

    if (ngoodpix >= minpix) {
        if (contrast > 0) slope = slope / contrast;
        const auto center = static_cast<double>((npix - 1) / 2);
        const double median =
            npix % 2 ? samples[npix / 2] : (samples[npix / 2 - 1] + samples[npix / 2]) / 2.0;
        vmin = std::max(vmin, median - (center - 1) * slope);
        vmax = std::min(vmax, median + (static_cast<double>(npix) - center) * slope);
    }
    return {vmin, vmax};
}

StretchRange computeStretch(const Raster& r, int band, const StretchParams& params,
                            const double* nodata) {
    if (band < 0 || band >= r.bands())
        fail(ErrorKind::BadRequest,
             trf("Stretch", "Band %1 does not exist.", std::to_string(band + 1)));
    std::vector<double> v = validSamples(r, band, nodata);
    if (v.empty()) return {};
    switch (params.kind) {
        case StretchKind::MinMax: {
            auto [mn, mx] = std::minmax_element(v.begin(), v.end());
            return {*mn, *mx};
        }
        case StretchKind::Percentile: {
            double lo = percentile(v, params.lowPercent);
            double hi = percentile(v, params.highPercent);
            return {lo, hi};
        }
        case StretchKind::StdDev: {
            double sum = 0;
            for (double x : v) sum += x;
            const double mean = sum / static_cast<double>(v.size());
            double var = 0;
            for (double x : v) var += (x - mean) * (x - mean);
            const double sd = std::sqrt(var / static_cast<double>(v.size()));
            return {mean - params.k * sd, mean + params.k * sd};
        }
        case StretchKind::ZScale:
            return zscale(std::move(v), params.contrast, params.samples);
    }
    return {};
}

nlohmann::json styleFromStretch(int bandCount, const std::vector<StretchRange>& ranges,
                                const nlohmann::json& palette) {
    auto range = [&](std::size_t i) {
        return i < ranges.size() ? ranges[i] : (ranges.empty() ? StretchRange{} : ranges.back());
    };
    if (bandCount < 3) {
        nlohmann::json s = {{"band", 1}, {"min", range(0).min}, {"max", range(0).max}};
        if (!palette.is_null()) s["palette"] = palette;
        return s;
    }
    static const char* colours[3] = {"#f00", "#0f0", "#00f"};
    nlohmann::json bands = nlohmann::json::array();
    for (std::size_t i = 0; i < 3; ++i)
        bands.push_back({{"band", static_cast<int>(i) + 1},
                         {"min", range(i).min},
                         {"max", range(i).max},
                         {"palette", {"#000", colours[i]}},
                         {"composite", "lighten"}});
    return {{"bands", std::move(bands)}};
}

}  // namespace tessera
