// RasterOutput: planar samples plus georeferencing and band meaning, the common currency of the
// GDAL-based region writers (reprojection, any-driver output). Plain value type.
#pragma once

#include <optional>

#include "encode/encoding.h"
#include "raster/image.h"
#include "raster/raster.h"

namespace tessera {

struct RasterOutput {
    Raster raster;
    std::optional<GeoReference> geo;  // set when georeferenced
    bool rgb = false;                 // bands 1-3 are red, green, blue
    bool alpha = false;               // the last band is alpha
};

// An interleaved image as planar bands (L, LA, RGB, RGBA keep their meaning).
RasterOutput imageToRasterOutput(const Image& img);
// Planar bands (1..4) as an interleaved image; throws Error(Unsupported) for more than 4 bands.
Image rasterOutputToImage(const RasterOutput& out);

}  // namespace tessera
