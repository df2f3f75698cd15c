// EPSG axis facts the OGC services need: whether a CRS's official axis order puts latitude or
// northing first (WMS 1.3.0 BBOX, WCS/GML coordinates) and whether it is geographic.
// Thread safety: every function may be called from any thread (results cached under a mutex).
#pragma once

namespace tessera {

// True when the EPSG definition orders the axes latitude/longitude or northing/easting
// (EPSG:4326, EPSG:4258, ...); false for easting-first CRSs and unknown codes.
bool epsgAxisSwapped(int epsg);
// True for geographic (degree) CRSs.
bool epsgGeographic(int epsg);

}  // namespace tessera
