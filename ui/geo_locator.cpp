#include "geo_locator.h"

#include <QCoreApplication>
#include <cmath>

#include "geo/crs.h"

namespace tessera::ui {

GeoLocator::GeoLocator(const SourceInfo& info)
    : wcs_(FitsWcs::fromSourceInfo(info)),
      valid_(info.geospatial && !info.projectionWkt.empty()),
      wkt_(info.projectionWkt),
      gt_(info.geoTransform) {}

std::optional<QPointF> GeoLocator::sky(QPointF p) const {
    if (!wcs_) return std::nullopt;
    auto w = wcs_->displayToWorld(p.x(), p.y());
    if (!w) return std::nullopt;
    return QPointF(w->lng, w->lat);
}

QString GeoLocator::skyText(QPointF p) const {
    auto s = sky(p);
    if (!s) return {};
    if (wcs_->equatorial())
        return QCoreApplication::translate("GeoLocator", "RA %1  Dec %2 (%3)")
            .arg(QString::fromStdString(FitsWcs::formatHours(s->x())),
                 QString::fromStdString(FitsWcs::formatDegrees(s->y())),
                 QString::fromStdString(wcs_->system()));
    return QCoreApplication::translate("GeoLocator", "%1 %2°  %3 %4°")
        .arg(QString::fromStdString(wcs_->lngName()))
        .arg(s->x(), 0, 'f', 5)
        .arg(QString::fromStdString(wcs_->latName()))
        .arg(s->y(), 0, 'f', 5);
}

std::optional<QPointF> GeoLocator::lonLat(QPointF p) const {
    if (!valid_) return std::nullopt;
    const double x = gt_[0] + p.x() * gt_[1] + p.y() * gt_[2];
    const double y = gt_[3] + p.x() * gt_[4] + p.y() * gt_[5];
    try {
        const Point2 r = transformPoint(wkt_, "EPSG:4326", Point2{x, y});
        if (!std::isfinite(r.x) || !std::isfinite(r.y)) return std::nullopt;
        return QPointF(r.x, r.y);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<double> GeoLocator::metresPerPixel(QPointF p) const {
    const double step = 16;
    auto a = lonLat(p);
    auto b = lonLat(p + QPointF(step, 0));
    if (!a || !b) return std::nullopt;
    const double d = geodesicDistance(a->x(), a->y(), b->x(), b->y());
    if (!(d > 0) || !std::isfinite(d)) return std::nullopt;
    return d / step;
}

}  // namespace tessera::ui
