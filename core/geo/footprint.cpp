#include "geo/footprint.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "geo/crs.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

Point2 applyGt(const std::array<double, 6>& gt, double px, double py) {
    return {gt[0] + px * gt[1] + py * gt[2], gt[3] + px * gt[4] + py * gt[5]};
}

void fillBox(Footprint& fp) {
    const std::array<Point2, 4> c{fp.ll, fp.ul, fp.lr, fp.ur};
    fp.box.xmin = fp.box.xmax = c[0].x;
    fp.box.ymin = fp.box.ymax = c[0].y;
    for (const Point2& p : c) {
        fp.box.xmin = std::min(fp.box.xmin, p.x);
        fp.box.xmax = std::max(fp.box.xmax, p.x);
        fp.box.ymin = std::min(fp.box.ymin, p.y);
        fp.box.ymax = std::max(fp.box.ymax, p.y);
    }
}

}  // namespace

std::string nativeSrsName(const SourceInfo& info) {
    if (info.projectionWkt.empty()) return {};
    std::string p = proj4String(info.projectionWkt);
    return p.empty() ? epsgString(info.projectionWkt) : p;
}

std::optional<Footprint> windowFootprint(const SourceInfo& info, double x0, double y0, double x1,
                                         double y1, const std::string& targetCrs) {
    if (!info.geospatial || info.projectionWkt.empty()) return std::nullopt;
    const auto& gt = info.geoTransform;
    Footprint fp;
    fp.ll = applyGt(gt, x0, y1);
    fp.ul = applyGt(gt, x0, y0);
    fp.lr = applyGt(gt, x1, y1);
    fp.ur = applyGt(gt, x1, y0);
    fp.srs = nativeSrsName(info);
    if (isGeographic(info.projectionWkt) && !targetCrs.empty()) {
        // Keep geographic corners inside the valid range (large_image getBounds).
        double yBound = 90.0;
        try {
            // The pole is unrepresentable if it fails or blows up (PROJ's Mercator returns a huge
            // but finite y at ±90°): a step of 1e-6° must not move it by kilometres.
            std::vector<Point2> pole{{0.0, 90.0}, {0.0, 89.999999}};
            if (!transformPoints(info.projectionWkt, targetCrs, pole) ||
                std::hypot(pole[0].x - pole[1].x, pole[0].y - pole[1].y) > 1000.0)
                yBound = 89.999999;
        } catch (const Error&) {
            yBound = 89.999999;
        }
        std::array<Point2*, 4> c{&fp.ll, &fp.ul, &fp.lr, &fp.ur};
        for (Point2* p : c) p->y = std::clamp(p->y, -yBound, yBound);
        auto any = [&](auto pred) {
            return std::any_of(c.begin(), c.end(), [&](Point2* p) { return pred(p->x); });
        };
        while (any([](double x) { return x > 180; }))
            for (Point2* p : c) p->x -= 360;
        while (any([](double x) { return x < -180; }))
            for (Point2* p : c) p->x += 360;
        if (any([](double x) { return x >= 180; })) {
            fp.ul.x = fp.ll.x = -180;
            fp.ur.x = fp.lr.x = 180;
        }
    }
    if (!targetCrs.empty()) {
        std::vector<Point2> pts{fp.ll, fp.ul, fp.lr, fp.ur};
        if (!transformPoints(info.projectionWkt, targetCrs, pts))
            fail(ErrorKind::Unsupported,
                 trf("Footprint", "The image corners cannot be transformed to %1.", targetCrs));
        fp.ll = pts[0];
        fp.ul = pts[1];
        fp.lr = pts[2];
        fp.ur = pts[3];
        fp.srs = targetCrs;
    }
    fillBox(fp);
    return fp;
}

std::optional<Footprint> footprint(const SourceInfo& info, const std::string& targetCrs) {
    return windowFootprint(info, 0, 0, info.sizeX, info.sizeY, targetCrs);
}

void clampBoxLatitude(Footprint& fp, double limit) {
    fp.box.ymin = std::clamp(fp.box.ymin, -limit, limit);
    fp.box.ymax = std::clamp(fp.box.ymax, -limit, limit);
}

std::optional<double> pixelSizeMeters(const SourceInfo& info) {
    if (!info.geospatial || info.sizeX <= 0 || info.sizeY <= 0) return std::nullopt;
    std::optional<Footprint> fp;
    try {
        fp = footprint(info, "EPSG:4326");
    } catch (const Error&) {
        return std::nullopt;
    }
    if (!fp) return std::nullopt;
    const double s1 = geodesicDistance(fp->ul.x, fp->ul.y, fp->ur.x, fp->ur.y);
    const double s2 = geodesicDistance(fp->ur.x, fp->ur.y, fp->lr.x, fp->lr.y);
    const double s3 = geodesicDistance(fp->lr.x, fp->lr.y, fp->ll.x, fp->ll.y);
    const double s4 = geodesicDistance(fp->ll.x, fp->ll.y, fp->ul.x, fp->ul.y);
    const double size = (s1 + s2 + s3 + s4) / (2.0 * info.sizeX + 2.0 * info.sizeY);
    if (!std::isfinite(size) || size <= 0) return std::nullopt;
    return size;
}

nlohmann::json footprintJson(const Footprint& fp) {
    auto pt = [](const Point2& p) { return nlohmann::json{{"x", p.x}, {"y", p.y}}; };
    return nlohmann::json{{"ll", pt(fp.ll)},     {"ul", pt(fp.ul)},     {"lr", pt(fp.lr)},
                          {"ur", pt(fp.ur)},     {"srs", fp.srs},       {"xmin", fp.box.xmin},
                          {"xmax", fp.box.xmax}, {"ymin", fp.box.ymin}, {"ymax", fp.box.ymax}};
}

}  // namespace tessera
