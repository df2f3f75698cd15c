#include "geo/crs_name.h"

#include <algorithm>
#include <cctype>

namespace tessera {

std::optional<CrsName> parseCrsName(std::string_view text) {
    std::string t(text);
    std::transform(t.begin(), t.end(), t.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!t.empty() && space(static_cast<unsigned char>(t.back()))) t.pop_back();
    while (!t.empty() && space(static_cast<unsigned char>(t.front()))) t.erase(t.begin());
    if (t == "CRS:84" || t == "OGC:CRS84" || t == "URN:OGC:DEF:CRS:OGC:1.3:CRS84" ||
        t == "URN:OGC:DEF:CRS:OGC::CRS84" || t == "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84" ||
        t == "HTTPS://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84")
        return CrsName{4326, true};
    std::string digits;
    for (const char* prefix :
         {"EPSG:", "URN:OGC:DEF:CRS:EPSG:", "HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/",
          "HTTPS://WWW.OPENGIS.NET/DEF/CRS/EPSG/"}) {
        if (t.rfind(prefix, 0) == 0) {
            // The code is after the last ':' or '/' (a version may sit in between).
            digits = t.substr(t.find_last_of(":/") + 1);
            break;
        }
    }
    if (digits.empty()) digits = t;
    if (digits.empty() || digits.size() > 6 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const int code = std::stoi(digits);
    if (code <= 0) return std::nullopt;
    return CrsName{code, false};
}

std::string crsUri(int epsg) {
    return "http://www.opengis.net/def/crs/EPSG/0/" + std::to_string(epsg);
}

std::string crsUrn(int epsg) {
    return "urn:ogc:def:crs:EPSG::" + std::to_string(epsg);
}

}  // namespace tessera
