// Histograms as large_image's histogram() computes them (numpy.histogram per band over the
// range [min, max + 1) unless a range is given; density = hist / samples), with NaN and nodata
// samples skipped, plus the JSON shapes of django-large-image's data/histogram (§4.1).
#include "stats/histogram.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

// Edges and comparisons use float32 for float32 data (numpy's result_type), float64 otherwise.
template <typename T>
using EdgeOf = std::conditional_t<std::is_same_v<T, float>, float, double>;

template <typename T>
BandHistogram histogramOfBand(const T* data, std::size_t n, const HistogramOptions& o) {
    using E = EdgeOf<T>;
    BandHistogram h;
    h.bins = o.bins;
    h.density = o.density;
    h.integerData = !std::is_floating_point_v<T>;

    auto skip = [&](T x) {
        if constexpr (std::is_floating_point_v<T>) {
            if (std::isnan(x)) return true;
        }
        if (o.nodata) {
            if constexpr (std::is_same_v<T, float>) {
                return x == static_cast<float>(*o.nodata);
            } else {
                return static_cast<double>(x) == *o.nodata;
            }
        }
        return false;
    };

    // Pass 1: min, max, mean, stdev.
    bool any = false;
    T mn{}, mx{};
    double sum = 0, sum2 = 0;
    long long count = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const T x = data[i];
        if (skip(x)) continue;
        if (!any) {
            mn = mx = x;
            any = true;
        } else {
            if (x < mn) mn = x;
            if (x > mx) mx = x;
        }
        const double d = static_cast<double>(x);
        sum += d;
        sum2 += d * d;
        ++count;
    }
    if (any) {
        h.min = static_cast<double>(mn);
        h.max = static_cast<double>(mx);
        h.mean = sum / static_cast<double>(count);
        const double var = sum2 / static_cast<double>(count) - h.mean * h.mean;
        h.stdev = std::sqrt(var > 0 ? var : 0.0);
    }

    // Range: large_image passes (min, max + 1) for every data type.
    double lo = o.rangeMin ? *o.rangeMin : h.min;
    double hi = o.rangeMax ? *o.rangeMax : h.max + 1.0;
    if (!std::isfinite(lo) || !std::isfinite(hi))
        fail(ErrorKind::BadRequest,
             trc("Histogram", "The histogram range must be finite numbers."));
    if (lo > hi)
        fail(ErrorKind::BadRequest,
             trc("Histogram", "max must be larger than min in the histogram range."));
    h.rangeLow = lo;
    h.rangeHigh = hi;
    if (lo == hi) {  // numpy widens an empty range
        lo -= 0.5;
        hi += 0.5;
    }

    // Bin edges: numpy.linspace(lo, hi, bins + 1) in float64, cast to the bin type.
    const int bins = o.bins;
    std::vector<E> edges(static_cast<std::size_t>(bins) + 1);
    const double step = (hi - lo) / static_cast<double>(bins);
    for (int j = 0; j <= bins; ++j) edges[j] = static_cast<E>(static_cast<double>(j) * step + lo);
    edges[bins] = static_cast<E>(hi);

    std::vector<long long> counts(static_cast<std::size_t>(bins), 0);
    const E first = static_cast<E>(lo), last = static_cast<E>(hi);
    const E denom = static_cast<E>(hi - lo);
    const E numer = static_cast<E>(bins);
    for (std::size_t i = 0; i < n; ++i) {
        const T x = data[i];
        if (skip(x)) continue;
        const E v = static_cast<E>(x);
        if (!(v >= first && v <= last)) continue;
        E f = ((v - first) / denom) * numer;
        long long idx = static_cast<long long>(f);
        if (idx >= bins) idx = bins - 1;
        if (idx < 0) idx = 0;
        if (v < edges[idx] && idx > 0) --idx;
        if (idx != bins - 1 && v >= edges[idx + 1]) ++idx;
        ++counts[idx];
    }
    long long samples = 0;
    for (auto c : counts) samples += c;
    h.samples = samples;
    h.hist.resize(counts.size());
    for (std::size_t j = 0; j < counts.size(); ++j)
        h.hist[j] = o.density ? (samples ? static_cast<double>(counts[j]) / samples
                                         : std::numeric_limits<double>::quiet_NaN())
                              : static_cast<double>(counts[j]);
    h.binEdges.assign(edges.begin(), edges.end());
    return h;
}

nlohmann::json number(double v) {
    if (!std::isfinite(v)) return nullptr;
    return v;
}

}  // namespace

std::vector<BandHistogram> computeHistograms(const Raster& r, const HistogramOptions& options) {
    if (options.bins < 1 || options.bins > 1000000)
        fail(ErrorKind::BadRequest,
             trf("Histogram", "bins must be a positive number up to 1000000, not %1.",
                 std::to_string(options.bins)));
    std::vector<BandHistogram> out;
    out.reserve(static_cast<std::size_t>(r.bands()));
    for (int b = 0; b < r.bands(); ++b) {
        dispatchType(r.type(), [&](auto tag) {
            using T = decltype(tag);
            out.push_back(histogramOfBand<T>(r.band<T>(b), r.pixelCount(), options));
        });
    }
    return out;
}

nlohmann::json histogramsToJson(const std::vector<BandHistogram>& hs) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& h : hs) {
        nlohmann::json e;
        e["min"] = number(h.min);
        e["max"] = number(h.max);
        e["mean"] = number(h.mean);
        e["stdev"] = number(h.stdev);
        e["range"] = {number(h.rangeLow), number(h.rangeHigh)};
        nlohmann::json hist = nlohmann::json::array();
        for (double v : h.hist) {
            if (h.density)
                hist.push_back(number(v));
            else
                hist.push_back(static_cast<long long>(v));
        }
        e["hist"] = std::move(hist);
        nlohmann::json edges = nlohmann::json::array();
        for (double v : h.binEdges) edges.push_back(number(v));
        e["bin_edges"] = std::move(edges);
        e["bins"] = h.bins;
        e["density"] = h.density;
        e["samples"] = h.samples;
        list.push_back(std::move(e));
    }
    return list;
}

nlohmann::json minMaxToJson(const std::vector<BandHistogram>& hs) {
    nlohmann::json out = {{"min", nlohmann::json::array()},
                          {"max", nlohmann::json::array()},
                          {"mean", nlohmann::json::array()},
                          {"stdev", nlohmann::json::array()}};
    for (const auto& h : hs) {
        // min/max keep the data type (numpy arrays of the tile dtype); mean/stdev are floats.
        if (h.integerData) {
            out["min"].push_back(static_cast<long long>(h.min));
            out["max"].push_back(static_cast<long long>(h.max));
        } else {
            out["min"].push_back(number(h.min));
            out["max"].push_back(number(h.max));
        }
        out["mean"].push_back(number(h.mean));
        out["stdev"].push_back(number(h.stdev));
    }
    return out;
}

}  // namespace tessera
