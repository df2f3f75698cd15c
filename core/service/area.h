// Turning request bounds (pixels, fractions or any CRS) into the area to read and, for TIFF
// output, the georeferencing of the result; and the area a thumbnail covers.
#pragma once

#include <optional>

#include "encode/encoding.h"
#include "service/image_view.h"
#include "service/requests.h"

namespace tessera {

struct ResolvedArea {
    ReadArea area;
    std::optional<GeoReference> geo;  // set for georeferenced output
};

// Throws Error(BadRequest) for bad units, bounds that miss the image ("No output generated,
// check that the bounds of your ROI overlap the image.") or outputs over maxPixels.
ResolvedArea resolveRegionArea(const ImageView& view, const RegionRequest& request,
                               long long maxPixels);

// The whole image (or its projected data bounds), fitted into maxWidth × maxHeight with the
// aspect ratio kept and never enlarged.
ReadArea thumbnailArea(const ImageView& view, int maxWidth, int maxHeight);

// A point in the given units ("" or pixels = full-resolution pixels of the view) as
// full-resolution pixel coordinates of the source. For projected views pixels are world
// pixels of the projected grid.
Point2 pointToSourcePixel(const ImageView& view, double x, double y, const std::string& units);

// Projected views: a point in the given units as world pixels of the projected grid.
Point2 pointToWorldPixel(const ImageView& view, double x, double y, const std::string& units);

// Output size for a w × h area fitted into maxW × maxH (0 = unbounded), never enlarged.
void fitSize(double w, double h, int maxW, int maxH, int& outW, int& outH);

}  // namespace tessera
