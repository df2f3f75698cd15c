// Coordinate reference systems: parsing user CRS strings, naming them as large_image does,
// transforming points between CRSs (x = easting/longitude, y = northing/latitude, whatever the
// CRS's official axis order), units, and the checks large_image makes on a tile projection.
//
// Thread safety: every function may be called from any thread; transformations are cached per
// thread (GDAL objects are never shared between threads).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geo/bounds.h"

namespace tessera {

// Any CRS a user may type: "EPSG:3857", "epsg:4326", "proj4:+proj=...", "+proj=...",
// "+init=epsg:3857", WKT, PROJJSON, "WGS84". Returns WKT2. Throws Error(BadRequest) with a clear
// message when the string is not a CRS. No file or network access is made.
std::string crsToWkt(const std::string& crs);

// True when the string parses as a CRS (no throw).
bool isValidCrs(const std::string& crs);

bool isGeographic(const std::string& crs);

// The EPSG code when the CRS is identifiable as one (also for WKT without an authority).
std::optional<int> epsgCode(const std::string& crs);

// PROJ.4 string of a CRS ("+proj=longlat +datum=WGS84 +no_defs"); empty if it has none.
std::string proj4String(const std::string& crs);

// large_image's srs format: "epsg:NNNN" when an EPSG code is known, else the PROJ.4 string.
std::string epsgString(const std::string& crs);

// large_image's `projection` value for a projection the user asked for: "EPSG:3857" →
// "epsg:3857"; a "proj4:" prefix is dropped; anything else unchanged.
std::string projectionName(const std::string& crs);

// Transforms points from one CRS to another (traditional GIS order: x = lon/easting).
// ok (if given) receives one flag per point; failed points are left as they were.
// Returns true when every point was transformed. Throws Error(BadRequest) for bad CRS strings,
// Error(Unsupported) when no transformation exists between the two (e.g. Mars and Earth).
bool transformPoints(const std::string& fromCrs, const std::string& toCrs, std::vector<Point2>& pts,
                     std::vector<bool>* ok = nullptr);
// One point; throws Error(Unsupported) if it cannot be transformed.
Point2 transformPoint(const std::string& fromCrs, const std::string& toCrs, Point2 p);

// Metres per CRS unit: the linear unit for projected CRSs, metres per degree on the equator of
// the CRS's ellipsoid for geographic ones.
double metresPerUnit(const std::string& crs);

// Throws Error(BadRequest) "Projection must not be geographic ..." for a geographic CRS
// (large_image rejects those as a tile projection) and for strings that are not CRSs.
void requireProjectedCrs(const std::string& crs);

// The width of the world at z = 0 in projection units: the distance between lon −180 and +180 on
// the equator (40075016.686 for EPSG:3857). Throws Error(BadRequest) "unitsPerPixel must be
// specified for this projection" when that distance is zero or undefined (e.g. EPSG:3411).
double unitsAcrossLevel0(const std::string& crs);

// Geodesic distance on the WGS84 ellipsoid in metres (Vincenty's inverse formula; great-circle
// fallback for nearly antipodal points).
double geodesicDistance(double lon1, double lat1, double lon2, double lat2);

}  // namespace tessera
