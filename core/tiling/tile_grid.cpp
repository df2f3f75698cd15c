#include "tiling/tile_grid.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

TileGrid TileGrid::pixel(int sizeX, int sizeY, int tileWidth, int tileHeight) {
    if (sizeX <= 0 || sizeY <= 0)
        fail(ErrorKind::BadRequest, trc("TileGrid", "The image is empty."));
    TileGrid g;
    g.sizeX_ = sizeX;
    g.sizeY_ = sizeY;
    g.tileW_ = tileWidth > 0 ? tileWidth : kTileSize;
    g.tileH_ = tileHeight > 0 ? tileHeight : kTileSize;
    // large_image: ceil(log2(max(sizeX/tileWidth, sizeY/tileHeight))) + 1, at least 1.
    const double ratio = std::max(double(sizeX) / g.tileW_, double(sizeY) / g.tileH_);
    g.levels_ = std::max(0, int(std::ceil(std::log2(ratio)))) + 1;
    return g;
}

TileGrid TileGrid::projected(double unitsAcrossLevel0, double pixelSizeMeters) {
    if (!(unitsAcrossLevel0 > 0) || !(pixelSizeMeters > 0))
        fail(ErrorKind::BadRequest,
             trc("TileGrid", "The image has no usable pixel size for this projection."));
    TileGrid g;
    g.projected_ = true;
    g.units_ = unitsAcrossLevel0;
    const double l = std::ceil(std::log2(unitsAcrossLevel0 / pixelSizeMeters / kTileSize)) + 1;
    g.levels_ = std::clamp(int(l), 1, 31);
    const long long size = static_cast<long long>(kTileSize) << (g.levels_ - 1);
    g.sizeX_ = g.sizeY_ = int(std::min<long long>(size, 0x7fffffff));
    return g;
}

double TileGrid::scale(int z) const noexcept {
    return std::ldexp(1.0, levels_ - 1 - z);
}

int TileGrid::tilesX(int z) const noexcept {
    if (projected_) return z >= 0 && z < 31 ? 1 << z : 0;
    return int(std::ceil(sizeX_ / scale(z) / tileW_));
}

int TileGrid::tilesY(int z) const noexcept {
    if (projected_) return z >= 0 && z < 31 ? 1 << z : 0;
    return int(std::ceil(sizeY_ / scale(z) / tileH_));
}

void TileGrid::checkTile(int z, int x, int y) const {
    if (z < 0 || x < 0 || y < 0)
        fail(ErrorKind::BadRequest, trc("TileGrid", "z, x and y must not be negative."));
    if (projected_) {
        if (z > 30) fail(ErrorKind::BadRequest, trc("TileGrid", "z layer does not exist"));
        return;
    }
    if (z >= levels_) fail(ErrorKind::BadRequest, trc("TileGrid", "z layer does not exist"));
    if (x >= tilesX(z)) fail(ErrorKind::BadRequest, trc("TileGrid", "x is outside layer"));
    if (y >= tilesY(z)) fail(ErrorKind::BadRequest, trc("TileGrid", "y is outside layer"));
}

PixelWindow TileGrid::window(int z, int x, int y) const {
    checkTile(z, x, y);
    const double f = scale(z);
    PixelWindow w;
    w.x0 = x * tileW_ * f;
    w.y0 = y * tileH_ * f;
    w.x1 = std::min((x + 1) * tileW_ * f, double(sizeX_));
    w.y1 = std::min((y + 1) * tileH_ * f, double(sizeY_));
    w.outWidth = std::clamp(int(std::lround((w.x1 - w.x0) / f)), 1, tileW_);
    w.outHeight = std::clamp(int(std::lround((w.y1 - w.y0) / f)), 1, tileH_);
    return w;
}

Bounds TileGrid::tileBounds(int z, int x, int y) const {
    const double n = std::ldexp(1.0, z);
    Bounds b;
    b.xmin = (-0.5 + x / n) * units_;
    b.xmax = (-0.5 + (x + 1) / n) * units_;
    b.ymin = (0.5 - (y + 1) / n) * units_;
    b.ymax = (0.5 - y / n) * units_;
    return b;
}

TileCorners TileGrid::corners(int z, int x, int y) const {
    if (projected_) {
        const Bounds b = tileBounds(z, x, y);
        return {b.xmin, b.xmax, b.ymin, b.ymax};
    }
    const double fx = scale(z) * tileW_;
    const double fy = scale(z) * tileH_;
    TileCorners c;
    c.xmin = fx * x;
    c.xmax = c.xmin + fx;
    const double top = fy * y;
    const double bottom = top + fy;
    c.ymin = sizeY_ - bottom;
    c.ymax = sizeY_ - top;
    return c;
}

}  // namespace tessera
