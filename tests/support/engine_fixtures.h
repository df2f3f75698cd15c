// Fixtures for engine-level tests: blocky patterns whose values survive overview resampling,
// and helpers to decode engine output.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "raster/image.h"
#include "service/engine.h"
#include "support/fixtures.h"

namespace tessera::test {

// Band b at (x, y): constant over 64×64 blocks, so overviews (any resampling) keep the value
// away from block edges.
inline double blockPattern(int x, int y, int b) {
    return double(((x / 64) * 30 + (y / 64) * 50 + b * 70) % 256);
}

// Decodes an engine result.
Image decoded(const Encoded& e);
// Channel value of a decoded 8-bit image.
int px(const Image& img, int x, int y, int c);

}  // namespace tessera::test
