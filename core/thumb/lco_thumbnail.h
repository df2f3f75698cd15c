// LCO-style thumbnails (LCO's thumbnail service / fits2image): the image fitted into the
// requested size, each band stretched with its own zscale limits (sampled at full resolution)
// and a gamma curve, optionally labelled in the lower-left corner. One band gives a gray image;
// three or more (an RGB source) give RGB from bands 1–3; projected views keep the warp alpha.
// The Engine uses it for FITS thumbnails without a style (ThumbnailStretch::Auto) or on request
// (ThumbnailStretch::ZScale).
//
// Thread safety: functions may be called from any thread (views and sources are thread-safe).
#pragma once

#include <string>

#include "raster/image.h"
#include "service/image_view.h"
#include "service/requests.h"

namespace tessera {

// "auto", "style", "zscale" (also "lco") → ThumbnailStretch; throws Error(BadRequest) otherwise.
ThumbnailStretch parseThumbnailStretch(const std::string& name);
const char* thumbnailStretchName(ThumbnailStretch s) noexcept;

// Whether a request renders with the LCO stretch for this view: ZScale always, Auto for FITS
// sources when no style is given.
bool usesLcoStretch(const ImageView& view, const ThumbnailRequest& request);

// Raw samples of bands (1-based) of a frame over area, for thumbnails: area-averaged (as PIL's
// antialiased thumbnail) unless the source has no pyramid and a frame is over 256 MB, in which
// case nearest keeps the read to the needed rows.
Raster thumbnailRaster(const ImageView& view, const ReadArea& area, int frame,
                       const std::vector<int>& bands);

// The LCO-stretched thumbnail (no label), maxWidth × maxHeight at most, aspect kept.
Image lcoThumbnailImage(const ImageView& view, int maxWidth, int maxHeight, int frame,
                        double gamma);

}  // namespace tessera
