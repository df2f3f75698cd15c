// Private to core/encode: a RasterOutput wrapped as a GDAL MEM dataset without copying (the
// samples must outlive the dataset), and a GDAL dataset read back into a RasterOutput.
// Safe from any thread: every call makes its own handles.
#pragma once

#include "encode/gdal_vsimem.h"
#include "encode/raster_output.h"

namespace tessera::encode_detail {

// Band colour interpretation, nodata, projection and geotransform are set from out.
GdalDatasetPtr wrapAsMemDataset(const RasterOutput& out);

// All bands of ds as a RasterOutput (alpha = the last band is an alpha band).
RasterOutput readDataset(GDALDatasetH ds);

}  // namespace tessera::encode_detail
