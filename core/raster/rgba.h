// RGBA pictures for map services and composites: any rendered image as 8-bit RGBA (samples
// converted by large_image's 8-bit rules as the encoders do; grey → RGB, no alpha → opaque),
// "over" compositing of one picture onto another, and flattening onto a background colour.
#pragma once

#include "raster/image.h"

namespace tessera {

Image toRgba(const Image& img);
// Draws src over dst (both 8-bit RGBA of the same size).
void compositeOver(Image& dst, const Image& src);
// RGBA onto an opaque background colour (0xRRGGBB) → RGB.
Image flatten(const Image& rgba, unsigned rgb);

}  // namespace tessera
