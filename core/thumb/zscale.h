// IRAF zscale display limits for thumbnails, as LCO's fits2image and astropy's ZScaleInterval
// compute them: at most 1000 samples taken at a regular stride over the valid pixels, a line
// fitted to the sorted samples with iterative k-sigma rejection, its slope divided by the
// contrast (0.25) around the median, clipped to the sample range. The line fit itself is the
// astropy port in stats/stretch.h; this file picks the samples from a raster or a source.
//
// Thread safety: pure functions (the source overload reads through Source, which is thread-safe).
#pragma once

#include <optional>

#include "raster/raster.h"
#include "source/source.h"
#include "stats/stretch.h"

namespace tessera {

struct ZScaleOptions {
    double contrast = 0.25;
    int maxSamples = 1000;
};

// Limits of band (0-based) of a raster; NaN and nodata are skipped. {0, 0} when nothing is valid.
StretchRange zscaleLimits(const Raster& raster, int band, const ZScaleOptions& options = {},
                          std::optional<double> nodata = std::nullopt);

// Limits of band (1-based) of a frame of a source, sampled at full resolution: a regular grid of
// about 2 × maxSamples pixels read with nearest resampling (no averaging, so noise is kept as
// in the data), then strided to maxSamples.
StretchRange zscaleLimits(const Source& source, int band, int frame,
                          const ZScaleOptions& options = {});

}  // namespace tessera
