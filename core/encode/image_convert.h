// Private to core/encode: validation of images handed to encoders and conversion of their samples
// to 8-bit for 8-bit-only formats, with large_image's rules (§3.2 of large-image-compat.md).
#pragma once

#include <cstdint>
#include <vector>

#include "raster/image.h"

namespace tessera::encode_detail {

// Throws Error(BadRequest) for an empty image or a pixel buffer of the wrong size and
// Error(Unsupported) for a channel count outside 1..4. format names the encoder in messages.
void checkImage(const Image& img, const char* format);

// img as 8-bit samples: UInt8 is returned as is (no copy: the result points into img when
// UInt8, else into scratch). Rules: float clip to [0,255] then truncation, NaN → 0; uint16 //256;
// uint32 //2^24; int8 +128; int16 (v+32768)//256; int32 (v+2^31)//2^24.
const std::uint8_t* toUInt8(const Image& img, std::vector<std::uint8_t>& scratch);

}  // namespace tessera::encode_detail
