// The LCO thumbnail stretch (fits2image): zscale limits, then a gamma curve to 8 bits:
// out = 255 · clamp((v − zmin) / (zmax − zmin), 0, 1)^(1 / gamma). fits2image's default gamma is
// 2.5 (it brightens faint structure); gamma 1 is a linear zscale stretch. NaN and nodata pixels
// become 0 (black). Equal limits are widened by ±1 as fits2image does.
//
// Thread safety: pure functions.
#pragma once

#include <optional>

#include "raster/image.h"
#include "raster/raster.h"
#include "stats/stretch.h"

namespace tessera {

inline constexpr double kDefaultThumbnailGamma = 2.5;

// Throws Error(BadRequest) unless 0.05 ≤ gamma ≤ 20.
void checkGamma(double gamma);

// Writes the stretched band (0-based) of r into channel `channel` of out (8-bit, same size).
void stretchBandInto(const Raster& r, int band, StretchRange limits, double gamma,
                     std::optional<double> nodata, Image& out, int channel);

// The stretched band as a one-channel 8-bit image.
Image stretchBand(const Raster& r, int band, StretchRange limits, double gamma,
                  std::optional<double> nodata = std::nullopt);

}  // namespace tessera
