// GeoLocator: full-resolution pixel → longitude/latitude for a georeferenced image (geotransform
// then the CRS transform to EPSG:4326), and ground metres per pixel for the scale bar; for FITS
// images with a celestial WCS, pixel → RA/Dec (or galactic/ecliptic) through WCSLIB.
//
// Thread safety: const members may be called from any thread (core/geo caches per thread).
#pragma once

#include <QPointF>
#include <array>
#include <optional>
#include <string>

#include <QString>

#include "geo/fits_wcs.h"
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

    // Sky coordinates (FITS WCS): whether the image has them, the celestial longitude (x) and
    // latitude (y) in degrees at a pixel, and the status-bar text ("RA 10:00:00.00  Dec
    // +02:30:00.0 (ICRS)", degrees for galactic and ecliptic systems).
    bool celestial() const noexcept { return wcs_.has_value(); }
    std::optional<QPointF> sky(QPointF pixel) const;
    QString skyText(QPointF pixel) const;

  private:
    std::optional<FitsWcs> wcs_;
    bool valid_ = false;
    std::string wkt_;
    std::array<double, 6> gt_{0, 1, 0, 0, 0, 1};
};

}  // namespace tessera::ui
