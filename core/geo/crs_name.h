// CRS names as people and OGC clients write them: EPSG codes in every OGC spelling (case-blind,
// versioned URNs and URIs included) and CRS:84 / OGC CRS84 (WGS 84, longitude first). The one
// parser the output-CRS checks, the region CLI and the OGC services share.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tessera {

struct CrsName {
    int epsg = 0;
    bool crs84 = false;
    std::string gdal() const { return "EPSG:" + std::to_string(epsg); }  // "EPSG:4326"
};

// "EPSG:4326", "epsg:4326", "4326", "urn:ogc:def:crs:EPSG::4326", "urn:ogc:def:crs:EPSG:6.6:4326",
// "http://www.opengis.net/def/crs/EPSG/0/4326", "CRS:84", ".../OGC/1.3/CRS84"; nullopt otherwise
// (and for codes outside 1..999999).
std::optional<CrsName> parseCrsName(std::string_view text);
std::string crsUri(int epsg);  // "http://www.opengis.net/def/crs/EPSG/0/4326"
std::string crsUrn(int epsg);  // "urn:ogc:def:crs:EPSG::4326"

}  // namespace tessera
