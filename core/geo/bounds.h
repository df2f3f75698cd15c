// Axis-aligned bounds in some coordinate reference system, and the four corners large_image
// reports (ll, ul, lr, ur) for possibly rotated footprints.
#pragma once

#include <string>

namespace tessera {

struct Point2 {
    double x = 0;
    double y = 0;
};

struct Bounds {
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
    double width() const noexcept { return xmax - xmin; }
    double height() const noexcept { return ymax - ymin; }
    bool intersects(const Bounds& o) const noexcept {
        return xmin < o.xmax && o.xmin < xmax && ymin < o.ymax && o.ymin < ymax;
    }
};

// large_image's bounds object: corners plus the enclosing box, with the CRS as a string
// ("epsg:3857" style where an EPSG code is known, else the PROJ.4 string).
struct Footprint {
    Point2 ll, ul, lr, ur;
    Bounds box;
    std::string srs;
};

}  // namespace tessera
