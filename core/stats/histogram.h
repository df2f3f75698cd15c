// Histograms and simple statistics over rasters, in the shapes large_image returns them.
#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "raster/raster.h"

namespace tessera {

struct HistogramOptions {
    int bins = 256;
    bool density = false;
    std::optional<double> rangeMin;  // default: the band's min
    std::optional<double> rangeMax;  // default: the band's max + 1 (large_image, every dtype)
    std::optional<double> nodata;    // samples equal to this are skipped (NaN always is)
};

struct BandHistogram {
    double min = 0, max = 0, mean = 0, stdev = 0;
    std::vector<double> hist;      // bins values (counts, or densities)
    std::vector<double> binEdges;  // bins + 1 values
    double rangeLow = 0, rangeHigh = 0;
    long long samples = 0;
    int bins = 0;
    bool density = false;
    bool integerData = false;  // integer samples: min/max print as integers in minMaxToJson
};

// One histogram per band of r (as large_image's histogram(): numpy.histogram over the range
// [min, max + 1] for every data type unless given; density = hist / samples). Throws
// Error(BadRequest) for bins < 1 or a bad range.
std::vector<BandHistogram> computeHistograms(const Raster& r, const HistogramOptions& options);

// Running sums of one band between the two histogram passes (used by StripHistogram).
struct HistogramAccumulator {
    bool any = false;
    double mn = 0, mx = 0, sum = 0, sum2 = 0;
    long long count = 0;
    double lo = 0, hi = 0;  // the (widened) binning range
    std::vector<long long> counts;
    BandHistogram result;
};

// Histograms of a raster too large to hold, read in strips: give every strip to
// addStatistics() (pass 1), then every strip again, in the same order, to addCounts() (pass 2).
// result() equals computeHistograms() of the whole raster exactly (the same sums in the same
// order, the same edges), while only one strip is ever in memory. Throws Error(BadRequest) as
// computeHistograms does.
class StripHistogram {
  public:
    // One options entry per band of the strips.
    StripHistogram(DataType type, std::vector<HistogramOptions> perBand);
    void addStatistics(const Raster& strip);
    void addCounts(const Raster& strip);
    std::vector<BandHistogram> result();

  private:
    void checkStrip(const Raster& strip, bool counting);
    DataType type_;
    std::vector<HistogramOptions> options_;
    std::vector<HistogramAccumulator> bands_;
    bool counting_ = false;
};

// JSON list as django-large-image's data/histogram returns it.
nlohmann::json histogramsToJson(const std::vector<BandHistogram>& h);
// {min:[...], max:[...], mean:[...], stdev:[...]} for onlyMinMax=true.
nlohmann::json minMaxToJson(const std::vector<BandHistogram>& h);

}  // namespace tessera
