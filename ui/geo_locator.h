// GeoLocator: full-resolution pixel → longitude/latitude for a georeferenced image (geotransform
// then the CRS transform to EPSG:4326), and ground metres per pixel for the scale bar.
//
// Thread safety: const members may be called from any thread (core/geo caches per thread).
#pragma once

#include <QPointF>
#include <array>
#include <optional>
#include <string>

#include "source/source_info.h"

namespace tessera::ui {

class GeoLocator {
  public:
    GeoLocator() = default;
    explicit GeoLocator(const SourceInfo& info);

    bool valid() const noexcept { return valid_; }
    // Longitude (x) and latitude (y) in degrees, or nullopt outside the CRS's domain.
    std::optional<QPointF> lonLat(QPointF pixel) const;
    // Ground distance in metres covered by one full-resolution pixel horizontally at `pixel`.
    std::optional<double> metresPerPixel(QPointF pixel) const;

  private:
    bool valid_ = false;
    std::string wkt_;
    std::array<double, 6> gt_{0, 1, 0, 0, 0, 1};
};

}  // namespace tessera::ui
