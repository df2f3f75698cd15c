// Associated images (label, macro, thumbnail of slide files): turning a source's 8-bit RGB(A)
// raster into a display image that fits a maximum size, for the server, CLI and viewer alike.
//
// Thread safety: pure function.
#pragma once

#include "raster/image.h"
#include "raster/raster.h"

namespace tessera {

// raster (8-bit, 1–4 bands, planar) as an interleaved image fitted into maxWidth × maxHeight:
// aspect kept, never enlarged, 0 = no limit on that side. Reductions average the covered
// pixels (box filter). Throws Error(Unsupported) for non-8-bit rasters.
Image fitImage(const Raster& raster, int maxWidth, int maxHeight);

}  // namespace tessera
