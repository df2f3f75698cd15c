// Footprints: the four corners (ll, ul, lr, ur) and enclosing box of a georeferenced source, or
// of a pixel window of it, in its own or another CRS, computed as large_image's getBounds().
// Thread-safe (pure functions).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "geo/bounds.h"
#include "source/source_info.h"

namespace tessera {

// The srs large_image reports for a source's native CRS: its PROJ.4 string ("epsg:4326" style
// when the CRS has no PROJ.4 form but an EPSG code).
std::string nativeSrsName(const SourceInfo& info);

// Footprint of the whole image. targetCrs empty = native CRS (srs = nativeSrsName); otherwise
// corners are transformed and srs is targetCrs as given. For a geographic native CRS the corners
// are first kept within latitude ±90 (±89.999999 if the target cannot represent the poles) and
// longitude −180…180, as large_image does. Returns nullopt for non-georeferenced sources.
// Throws Error(BadRequest) for a bad CRS string, Error(Unsupported) if the corners cannot be
// transformed.
std::optional<Footprint> footprint(const SourceInfo& info, const std::string& targetCrs = {});

// Footprint of the pixel window [x0, x1) × [y0, y1) (full-resolution pixels), same rules.
std::optional<Footprint> windowFootprint(const SourceInfo& info, double x0, double y0, double x1,
                                         double y1, const std::string& targetCrs = {});

// django-large-image's info/metadata clamp: box ymin/ymax limited to ±limit (corners untouched).
void clampBoxLatitude(Footprint& fp, double limit = 89.9999);

// Approximate full-resolution pixel size in metres: mean geodesic length of the four image edges
// (WGS84) divided by 2·sizeX + 2·sizeY, as large_image's getPixelSizeInMeters(). nullopt when
// not georeferenced or not computable.
std::optional<double> pixelSizeMeters(const SourceInfo& info);

// large_image's bounds object {ll:{x,y}, ul, lr, ur, srs, xmin, xmax, ymin, ymax}.
nlohmann::json footprintJson(const Footprint& fp);

}  // namespace tessera
