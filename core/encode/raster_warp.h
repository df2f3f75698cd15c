// Reprojection of a georeferenced RasterOutput into another CRS with GDAL's warper (the output
// grid is GDAL's suggested one, fitted into maxWidth × maxHeight). Safe from any thread.
#pragma once

#include <string>

#include "encode/raster_output.h"

namespace tessera {

// dstCrs is any CRS string crsToWkt accepts ("EPSG:32633"). Pictures (styled output) are
// resampled bilinearly and gain an alpha band marking the area outside the source; raw data
// is resampled with nearest neighbour and keeps its bands (nodata fills the outside when set).
// maxWidth/maxHeight 0 = unbounded. Throws Error(BadRequest) when in has no georeferencing and
// Error(Unsupported) when GDAL cannot transform between the CRSs.
RasterOutput warpRaster(const RasterOutput& in, const std::string& dstCrs, bool picture,
                        int maxWidth = 0, int maxHeight = 0);

}  // namespace tessera
