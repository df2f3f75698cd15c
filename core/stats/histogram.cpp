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

// True for samples left out (NaN, nodata).
template <typename T>
bool skipSample(T x, const HistogramOptions& o) {
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
}

// Pass 1: min, max, sum and sum of squares (min/max kept as double: exact for every sample type).
template <typename T>
void statsPass(const T* data, std::size_t n, const HistogramOptions& o, HistogramAccumulator& a) {
    for (std::size_t i = 0; i < n; ++i) {
        const T x = data[i];
        if (skipSample(x, o)) continue;
        const double d = static_cast<double>(x);
        if (!a.any) {
            a.mn = a.mx = d;
            a.any = true;
        } else {
            if (d < a.mn) a.mn = d;
            if (d > a.mx) a.mx = d;
        }
        a.sum += d;
        a.sum2 += d * d;
        ++a.count;
    }
}

// Between the passes: statistics, the range and the bin edges.
template <typename T>
void finishStats(const HistogramOptions& o, HistogramAccumulator& a) {
    using E = EdgeOf<T>;
    BandHistogram& h = a.result;
    h.bins = o.bins;
    h.density = o.density;
    h.integerData = !std::is_floating_point_v<T>;
    if (a.any) {
        h.min = a.mn;
        h.max = a.mx;
        h.mean = a.sum / static_cast<double>(a.count);
        const double var = a.sum2 / static_cast<double>(a.count) - h.mean * h.mean;
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
    a.lo = lo;
    a.hi = hi;

    // Bin edges: numpy.linspace(lo, hi, bins + 1) in float64, cast to the bin type.
    const int bins = o.bins;
    h.binEdges.assign(static_cast<std::size_t>(bins) + 1, 0.0);
    const double step = (hi - lo) / static_cast<double>(bins);
    for (int j = 0; j <= bins; ++j)
        h.binEdges[std::size_t(j)] = static_cast<E>(static_cast<double>(j) * step + lo);
    h.binEdges[std::size_t(bins)] = static_cast<E>(hi);
    a.counts.assign(static_cast<std::size_t>(bins), 0);
}

// Pass 2: counts per bin.
template <typename T>
void countPass(const T* data, std::size_t n, const HistogramOptions& o, HistogramAccumulator& a) {
    using E = EdgeOf<T>;
    const int bins = o.bins;
    const std::vector<double>& edgesD = a.result.binEdges;
    const E first = static_cast<E>(a.lo), last = static_cast<E>(a.hi);
    const E denom = static_cast<E>(a.hi - a.lo);
    const E numer = static_cast<E>(bins);
    for (std::size_t i = 0; i < n; ++i) {
        const T x = data[i];
        if (skipSample(x, o)) continue;
        const E v = static_cast<E>(x);
        if (!(v >= first && v <= last)) continue;
        E f = ((v - first) / denom) * numer;
        long long idx = static_cast<long long>(f);
        if (idx >= bins) idx = bins - 1;
        if (idx < 0) idx = 0;
        if (v < static_cast<E>(edgesD[std::size_t(idx)]) && idx > 0) --idx;
        if (idx != bins - 1 && v >= static_cast<E>(edgesD[std::size_t(idx + 1)])) ++idx;
        ++a.counts[std::size_t(idx)];
    }
}

void finishCounts(const HistogramOptions& o, HistogramAccumulator& a) {
    BandHistogram& h = a.result;
    long long samples = 0;
    for (auto c : a.counts) samples += c;
    h.samples = samples;
    h.hist.resize(a.counts.size());
    for (std::size_t j = 0; j < a.counts.size(); ++j)
        h.hist[j] = o.density ? (samples ? static_cast<double>(a.counts[j]) / samples
                                         : std::numeric_limits<double>::quiet_NaN())
                              : static_cast<double>(a.counts[j]);
}

void checkBins(int bins) {
    if (bins < 1 || bins > 1000000)
        fail(ErrorKind::BadRequest,
             trf("Histogram", "bins must be a positive number up to 1000000, not %1.",
                 std::to_string(bins)));
}

nlohmann::json number(double v) {
    if (!std::isfinite(v)) return nullptr;
    return v;
}

}  // namespace

std::vector<BandHistogram> computeHistograms(const Raster& r, const HistogramOptions& options) {
    checkBins(options.bins);
    std::vector<BandHistogram> out;
    out.reserve(static_cast<std::size_t>(r.bands()));
    for (int b = 0; b < r.bands(); ++b) {
        dispatchType(r.type(), [&](auto tag) {
            using T = decltype(tag);
            HistogramAccumulator a;
            statsPass<T>(r.band<T>(b), r.pixelCount(), options, a);
            finishStats<T>(options, a);
            countPass<T>(r.band<T>(b), r.pixelCount(), options, a);
            finishCounts(options, a);
            out.push_back(std::move(a.result));
        });
    }
    return out;
}

StripHistogram::StripHistogram(DataType type, std::vector<HistogramOptions> perBand)
    : type_(type), options_(std::move(perBand)), bands_(options_.size()) {
    for (const HistogramOptions& o : options_) checkBins(o.bins);
}

void StripHistogram::addStatistics(const Raster& strip) {
    checkStrip(strip, false);
    for (std::size_t b = 0; b < bands_.size(); ++b)
        dispatchType(type_, [&](auto tag) {
            using T = decltype(tag);
            statsPass<T>(strip.band<T>(int(b)), strip.pixelCount(), options_[b], bands_[b]);
        });
}

void StripHistogram::addCounts(const Raster& strip) {
    checkStrip(strip, true);
    for (std::size_t b = 0; b < bands_.size(); ++b)
        dispatchType(type_, [&](auto tag) {
            using T = decltype(tag);
            countPass<T>(strip.band<T>(int(b)), strip.pixelCount(), options_[b], bands_[b]);
        });
}

void StripHistogram::checkStrip(const Raster& strip, bool counting) {
    if (strip.type() != type_ || strip.bands() != int(bands_.size()))
        fail(ErrorKind::Internal, "StripHistogram: a strip of another type or band count");
    if (counting && !counting_) {
        for (std::size_t b = 0; b < bands_.size(); ++b)
            dispatchType(type_, [&](auto tag) {
                using T = decltype(tag);
                finishStats<T>(options_[b], bands_[b]);
            });
        counting_ = true;
    } else if (!counting && counting_) {
        fail(ErrorKind::Internal, "StripHistogram: statistics after counting began");
    }
}

std::vector<BandHistogram> StripHistogram::result() {
    if (!counting_) {
        Raster none(0, 0, int(bands_.size()), type_);
        checkStrip(none, true);
    }
    std::vector<BandHistogram> out;
    for (std::size_t b = 0; b < bands_.size(); ++b) {
        finishCounts(options_[b], bands_[b]);
        out.push_back(bands_[b].result);
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
