#include "service/area.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "geo/crs.h"
#include "geo/footprint.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

enum class UnitKind { Pixels, Fraction, Projection, Crs };

struct Units {
    UnitKind kind = UnitKind::Pixels;
    std::string crs;  // for Crs
};

Units parseUnits(const ImageView& view, const std::string& units, bool regionDefault) {
    const std::string u = asciiLower(units);
    if (!view.info().geospatial) {
        if (u == "fraction") return {UnitKind::Fraction, {}};
        return {UnitKind::Pixels, {}};  // non-geospatial sources always use pixels
    }
    if (u.empty()) return regionDefault ? Units{UnitKind::Crs, "EPSG:4326"} : Units{};
    if (u == "pixel" || u == "pixels" || u == "base_pixels" || u == "base" || u == "mag_pixels")
        return {UnitKind::Pixels, {}};
    if (u == "fraction") return {UnitKind::Fraction, {}};
    if (u == "projection" || u == "proj") return {UnitKind::Projection, {}};
    if (u == "wgs84" || u == "4326") return {UnitKind::Crs, "EPSG:4326"};
    if (u.rfind("proj4:", 0) == 0) return {UnitKind::Crs, units.substr(6)};
    if (!isValidCrs(units))
        fail(ErrorKind::BadRequest, trf("Area",
                                        "Invalid units \"%1\": use pixels, fraction, projection or "
                                        "a CRS such as EPSG:4326.",
                                        units));
    return {UnitKind::Crs, units};
}

// Inverse of the source geotransform: CRS coordinates -> full-resolution pixels.
Point2 crsToPixel(const SourceInfo& info, Point2 p) {
    const auto& g = info.geoTransform;
    const double det = g[1] * g[5] - g[2] * g[4];
    if (det == 0)
        fail(ErrorKind::Unsupported, trc("Area", "The image geotransform cannot be inverted."));
    const double dx = p.x - g[0], dy = p.y - g[3];
    return {(g[5] * dx - g[2] * dy) / det, (-g[4] * dx + g[1] * dy) / det};
}

double worldRes(const ImageView& view) {
    return view.grid().unitsAcrossLevel0() / view.grid().sizeX();
}

// Projected views: world pixels <-> projection units.
Point2 worldPixelToProj(const ImageView& view, Point2 p) {
    const double u = view.grid().unitsAcrossLevel0();
    const double r = worldRes(view);
    return {-u / 2 + p.x * r, u / 2 - p.y * r};
}

Point2 projToWorldPixel(const ImageView& view, Point2 p) {
    const double u = view.grid().unitsAcrossLevel0();
    const double r = worldRes(view);
    return {(p.x + u / 2) / r, (u / 2 - p.y) / r};
}

// Bounding box of the four corners of a rectangle transformed between CRSs.
Bounds transformBox(const std::string& from, const std::string& to, double x0, double y0, double x1,
                    double y1) {
    std::vector<Point2> pts{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}};
    if (!transformPoints(from, to, pts))
        fail(ErrorKind::BadRequest,
             trc("Area", "The region bounds cannot be transformed to the image CRS."));
    Bounds b{pts[0].x, pts[0].y, pts[0].x, pts[0].y};
    for (const auto& p : pts) {
        b.xmin = std::min(b.xmin, p.x);
        b.xmax = std::max(b.xmax, p.x);
        b.ymin = std::min(b.ymin, p.y);
        b.ymax = std::max(b.ymax, p.y);
    }
    return b;
}

[[noreturn]] void noOverlap() {
    fail(ErrorKind::BadRequest,
         trc("Area", "No output generated, check that the bounds of your ROI overlap the image."));
}

}  // namespace

void fitSize(double w, double h, int maxW, int maxH, int& outW, int& outH) {
    double scale = 1.0;
    if (maxW > 0) scale = std::min(scale, maxW / w);
    if (maxH > 0) scale = std::min(scale, maxH / h);
    outW = std::max(1, int(std::lround(w * scale)));
    outH = std::max(1, int(std::lround(h * scale)));
}

Point2 pointToSourcePixel(const ImageView& view, double x, double y, const std::string& units) {
    const Units u = parseUnits(view, units, false);
    const SourceInfo& info = view.info();
    switch (u.kind) {
        case UnitKind::Pixels:
            if (!view.projected()) return {x, y};
            return crsToPixel(info, transformPoint(view.projection(), info.projectionWkt,
                                                   worldPixelToProj(view, {x, y})));
        case UnitKind::Fraction:
            return {x * info.sizeX, y * info.sizeY};
        case UnitKind::Projection:
            if (!view.projected()) return crsToPixel(info, {x, y});
            return crsToPixel(info, transformPoint(view.projection(), info.projectionWkt, {x, y}));
        case UnitKind::Crs:
            return crsToPixel(info, transformPoint(u.crs, info.projectionWkt, {x, y}));
    }
    return {x, y};
}

Point2 pointToWorldPixel(const ImageView& view, double x, double y, const std::string& units) {
    const Units u = parseUnits(view, units, false);
    switch (u.kind) {
        case UnitKind::Pixels:
            return {x, y};
        case UnitKind::Fraction:
            return {x * view.grid().sizeX(), y * view.grid().sizeY()};
        case UnitKind::Projection:
            return projToWorldPixel(view, {x, y});
        case UnitKind::Crs:
            return projToWorldPixel(view, transformPoint(u.crs, view.projection(), {x, y}));
    }
    return {x, y};
}

ResolvedArea resolveRegionArea(const ImageView& view, const RegionRequest& r, long long maxPixels) {
    const SourceInfo& info = view.info();
    const Units u = parseUnits(view, r.units, true);
    ResolvedArea out;
    double left = r.left, right = r.right, top = r.top, bottom = r.bottom;
    if (!std::isfinite(left) || !std::isfinite(right) || !std::isfinite(top) ||
        !std::isfinite(bottom))
        fail(ErrorKind::BadRequest, trc("Area", "Region bounds must be finite numbers."));

    if (!view.projected()) {
        Bounds px;  // full-resolution pixels
        if (u.kind == UnitKind::Pixels || u.kind == UnitKind::Fraction) {
            if (u.kind == UnitKind::Fraction) {
                left *= info.sizeX, right *= info.sizeX, top *= info.sizeY, bottom *= info.sizeY;
            } else {
                // Negative pixel values are offsets from the right / bottom edge.
                if (left < 0) left += info.sizeX;
                if (right < 0) right += info.sizeX;
                if (top < 0) top += info.sizeY;
                if (bottom < 0) bottom += info.sizeY;
            }
            px = {std::min(left, right), std::min(top, bottom), std::max(left, right),
                  std::max(top, bottom)};
        } else {
            const std::string crs = u.kind == UnitKind::Projection ? info.projectionWkt : u.crs;
            Bounds b = transformBox(crs, info.projectionWkt, left, top, right, bottom);
            std::array<Point2, 4> c{
                crsToPixel(info, {b.xmin, b.ymin}), crsToPixel(info, {b.xmax, b.ymin}),
                crsToPixel(info, {b.xmin, b.ymax}), crsToPixel(info, {b.xmax, b.ymax})};
            px = {c[0].x, c[0].y, c[0].x, c[0].y};
            for (const auto& p : c) {
                px.xmin = std::min(px.xmin, p.x);
                px.xmax = std::max(px.xmax, p.x);
                px.ymin = std::min(px.ymin, p.y);
                px.ymax = std::max(px.ymax, p.y);
            }
            px.xmin = std::floor(px.xmin + 1e-6), px.ymin = std::floor(px.ymin + 1e-6);
            px.xmax = std::ceil(px.xmax - 1e-6), px.ymax = std::ceil(px.ymax - 1e-6);
        }
        px.xmin = std::clamp(px.xmin, 0.0, double(info.sizeX));
        px.xmax = std::clamp(px.xmax, 0.0, double(info.sizeX));
        px.ymin = std::clamp(px.ymin, 0.0, double(info.sizeY));
        px.ymax = std::clamp(px.ymax, 0.0, double(info.sizeY));
        if (px.width() < 1e-9 || px.height() < 1e-9) noOverlap();
        int w = 0, h = 0;
        fitSize(px.width(), px.height(), r.width, r.height, w, h);
        out.area = {false, px.xmin, px.ymin, px.xmax, px.ymax, w, h};
        if (info.geospatial) {
            const auto& g = info.geoTransform;
            GeoReference geo;
            geo.wkt = info.projectionWkt;
            const double sx = px.width() / w, sy = px.height() / h;
            geo.geoTransform = {g[0] + px.xmin * g[1] + px.ymin * g[2], g[1] * sx, g[2] * sy,
                                g[3] + px.xmin * g[4] + px.ymin * g[5], g[4] * sx, g[5] * sy};
            if (!info.bands.empty()) geo.nodata = info.bands[0].nodata;
            out.geo = geo;
        }
    } else {
        Bounds b;  // projection units
        switch (u.kind) {
            case UnitKind::Pixels:
            case UnitKind::Fraction: {
                if (u.kind == UnitKind::Fraction) {
                    const double s = view.grid().sizeX();
                    left *= s, right *= s, top *= s, bottom *= s;
                }
                Point2 a = worldPixelToProj(view, {left, top});
                Point2 c = worldPixelToProj(view, {right, bottom});
                b = {std::min(a.x, c.x), std::min(a.y, c.y), std::max(a.x, c.x),
                     std::max(a.y, c.y)};
                break;
            }
            case UnitKind::Projection:
                b = {std::min(left, right), std::min(top, bottom), std::max(left, right),
                     std::max(top, bottom)};
                break;
            case UnitKind::Crs:
                b = transformBox(u.crs, view.projection(), left, top, right, bottom);
                break;
        }
        if (!b.intersects(view.projectedDataBounds())) noOverlap();
        // Snap to the world pixel grid at full resolution, as large_image's projected regions do.
        Point2 p0 = projToWorldPixel(view, {b.xmin, b.ymax});
        Point2 p1 = projToWorldPixel(view, {b.xmax, b.ymin});
        p0 = {std::floor(p0.x + 1e-6), std::floor(p0.y + 1e-6)};
        p1 = {std::ceil(p1.x - 1e-6), std::ceil(p1.y - 1e-6)};
        const Point2 ul = worldPixelToProj(view, p0), lr = worldPixelToProj(view, p1);
        b = {ul.x, lr.y, lr.x, ul.y};
        int w = 0, h = 0;
        fitSize(p1.x - p0.x, p1.y - p0.y, r.width, r.height, w, h);
        out.area = {true, b.xmin, b.ymin, b.xmax, b.ymax, w, h};
        GeoReference geo;
        geo.wkt = crsToWkt(view.projection());
        geo.geoTransform = {b.xmin, b.width() / w, 0, b.ymax, 0, -b.height() / h};
        out.geo = geo;
    }
    if (double(out.area.outWidth) * out.area.outHeight > double(maxPixels))
        fail(ErrorKind::BadRequest,
             trf("Area",
                 "The region is too large (%1 × %2 pixels); ask for a smaller width and height.",
                 std::to_string(out.area.outWidth), std::to_string(out.area.outHeight)));
    return out;
}

ReadArea thumbnailArea(const ImageView& view, int maxWidth, int maxHeight) {
    const SourceInfo& info = view.info();
    int w = 0, h = 0;
    if (!view.projected()) {
        fitSize(info.sizeX, info.sizeY, maxWidth, maxHeight, w, h);
        return {false, 0, 0, double(info.sizeX), double(info.sizeY), w, h};
    }
    const Bounds& b = view.projectedDataBounds();
    const double r = worldRes(view);
    fitSize(b.width() / r, b.height() / r, maxWidth, maxHeight, w, h);
    return {true, b.xmin, b.ymin, b.xmax, b.ymax, w, h};
}

}  // namespace tessera
