// JSON views of GDAL sources as large_image gives them: the band information dict
// (getBandInformation) and the driver-level internal metadata (getInternalMetadata), including
// the TIFF tags of the first IFD for TIFF files. Thread-compatible free functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "source/source_info.h"

class GDALDataset;

namespace tessera {

// large_image band dict: interpretation, min, max, mean, stdev, nodata, scale, offset, units,
// categories, colortable, maskband; null, empty and NaN entries are left out.
nlohmann::json bandInfoJson(const BandInfo& band, const BandStats& stats);

// large_image GDAL getInternalMetadata() of an open dataset: driverShortName, driverLongName,
// fileList, RasterXSize, RasterYSize, GeoTransform, Projection, proj4Projection, GCPProjection,
// GCPs (if any), Metadata (default domain as an object), Metadata_<DOMAIN> for the other domains,
// and "tiff" (first-IFD tags) for TIFF files. `info` supplies the derived geotransform.
nlohmann::json gdalInternalMetadata(GDALDataset* ds, const SourceInfo& info, bool remote);

// The tags of the first IFD of a TIFF file (any GDAL path, /vsi… included), read with libtiff:
// {TagName: value or [values]}. Empty object when the file is not a readable TIFF.
nlohmann::json tiffFirstIfdTags(const std::string& gdalPath, bool remote);

}  // namespace tessera
