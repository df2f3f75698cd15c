// Colour thumbnails from three single-band images (red, green, blue), LCO style: each image is
// stretched on its own with zscale limits and gamma into one channel; the images must have the
// same pixel size (they are aligned by pixel, not by WCS). Engine::rgbThumbnail uses this.
//
// Thread safety: may be called from any thread (views and sources are thread-safe).
#pragma once

#include <array>
#include <memory>

#include "raster/image.h"
#include "service/image_view.h"

namespace tessera {

// Throws Error(BadRequest) naming the three sizes when they differ.
Image rgbThumbnailImage(const std::array<std::shared_ptr<ImageView>, 3>& views, int maxWidth,
                        int maxHeight, int frame, double gamma);

}  // namespace tessera
