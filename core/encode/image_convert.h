// Private to core/encode: validation of images handed to encoders.
#pragma once

#include <cstdint>
#include <vector>

#include "raster/image.h"

namespace tessera::encode_detail {

// Throws Error(BadRequest) for an empty image or a pixel buffer of the wrong size and
// Error(Unsupported) for a channel count outside 1..4. format names the encoder in messages.
void checkImage(const Image& img, const char* format);

}  // namespace tessera::encode_detail
