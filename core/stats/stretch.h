// Stretch presets: compute min/max for display from statistics, and make a style from them.
// min/max, percentile cut (default 2–98 %), mean ± k·σ, and IRAF/DS9 zscale for astronomy.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "raster/raster.h"

namespace tessera {

struct StretchRange {
    double min = 0;
    double max = 0;
};

enum class StretchKind { MinMax, Percentile, StdDev, ZScale };

struct StretchParams {
    StretchKind kind = StretchKind::Percentile;
    double lowPercent = 2.0;   // Percentile
    double highPercent = 98.0;
    double k = 2.0;            // StdDev: mean ± k·σ
    double contrast = 0.25;    // ZScale
    int samples = 600;         // ZScale
    int maxReject = 0;         // unused placeholder for API stability
};

// Range for one band (0-based) of a raster (usually a ~1 MP overview), NaN and nodata skipped.
StretchRange computeStretch(const Raster& r, int band, const StretchParams& params,
                            const double* nodata = nullptr);

// IRAF zscale (astropy's ZScaleInterval: contrast, nsamples, max_reject 0.5, min_npixels 5,
// krej 2.5, max_iterations 5) over the given samples.
StretchRange zscale(std::vector<double> samples, double contrast = 0.25, int nsamples = 600);

// Style JSON for the editor from per-band ranges (ranges[i] is band i + 1): with fewer than 3
// bands a single band definition {"band": 1, "min", "max"} (plus "palette" when given, not
// null); with 3 or more, {"bands": [...]} mapping bands 1-3 to red, green and blue (palettes
// #000->#f00/#0f0/#00f, composite lighten; the palette argument is not used).
nlohmann::json styleFromStretch(int bandCount, const std::vector<StretchRange>& ranges,
                                const nlohmann::json& palette = nullptr);

}  // namespace tessera
