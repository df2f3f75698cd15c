#include "view_transform.h"

#include <algorithm>
#include <cmath>

namespace tessera::ui {

ViewTransform::ViewTransform(int imageWidth, int imageHeight, int levels, int tileWidth,
                             int tileHeight)
    : width_(imageWidth),
      height_(imageHeight),
      levels_(levels),
      tileW_(tileWidth > 0 ? tileWidth : 256),
      tileH_(tileHeight > 0 ? tileHeight : 256),
      centre_(imageWidth / 2.0, imageHeight / 2.0) {}

void ViewTransform::setZoom(double zoom) {
    zoom_ = std::clamp(zoom, minZoom(), maxZoom());
    clampCentre();
}

void ViewTransform::setCentre(QPointF imagePoint) {
    centre_ = imagePoint;
    clampCentre();
}

void ViewTransform::zoomAround(double zoom, QPointF anchor) {
    const QPointF before = screenToImage(anchor);
    zoom_ = std::clamp(zoom, minZoom(), maxZoom());
    const QPointF off = anchor - QPointF(viewport_.width() / 2.0, viewport_.height() / 2.0);
    centre_ = before - off / zoom_;
    clampCentre();
}

void ViewTransform::panByScreen(QPointF delta) {
    centre_ -= delta / zoom_;
    clampCentre();
}

double ViewTransform::fitZoom() const {
    if (!valid()) return 1.0;
    return std::min(viewport_.width() / width_, viewport_.height() / height_);
}

double ViewTransform::minZoom() const {
    return std::min(fitZoom() / 4.0, 1.0);
}

void ViewTransform::fit() {
    zoom_ = fitZoom();
    centre_ = QPointF(width_ / 2.0, height_ / 2.0);
}

void ViewTransform::clampCentre() {
    // Keep some of the image on screen: the centre stays inside the image.
    centre_.setX(std::clamp(centre_.x(), 0.0, double(width_)));
    centre_.setY(std::clamp(centre_.y(), 0.0, double(height_)));
}

QPointF ViewTransform::imageToScreen(QPointF p) const {
    return (p - centre_) * zoom_ + QPointF(viewport_.width() / 2.0, viewport_.height() / 2.0);
}

QPointF ViewTransform::screenToImage(QPointF p) const {
    return (p - QPointF(viewport_.width() / 2.0, viewport_.height() / 2.0)) / zoom_ + centre_;
}

QRectF ViewTransform::visibleImageRect() const {
    return QRectF(screenToImage(QPointF(0, 0)),
                  screenToImage(QPointF(viewport_.width(), viewport_.height())));
}

double ViewTransform::levelScale(int z) const {
    return std::ldexp(1.0, std::max(0, levels_ - 1 - z));
}

int ViewTransform::tilesX(int z) const {
    return int(std::ceil(width_ / (tileW_ * levelScale(z))));
}

int ViewTransform::tilesY(int z) const {
    return int(std::ceil(height_ / (tileH_ * levelScale(z))));
}

int ViewTransform::levelForZoom(double zoom) const {
    if (levels_ <= 0) return 0;
    const double down = 1.0 / std::max(zoom, 1e-9);
    if (down <= 1.0) return levels_ - 1;
    // A small tolerance keeps 1:2, 1:4 ... exactly on their level.
    const int steps = int(std::floor(std::log2(down) + 1e-6));
    return std::clamp(levels_ - 1 - steps, 0, levels_ - 1);
}

QRectF ViewTransform::tileImageRect(const GridTile& k) const {
    const double sideX = tileW_ * levelScale(k.z), sideY = tileH_ * levelScale(k.z);
    const double x0 = k.x * sideX, y0 = k.y * sideY;
    const double x1 = std::min((k.x + 1) * sideX, double(width_));
    const double y1 = std::min((k.y + 1) * sideY, double(height_));
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

std::vector<GridTile> ViewTransform::tilesIn(int z, const QRectF& r) const {
    std::vector<GridTile> out;
    if (!valid()) return out;
    const double sideX = tileW_ * levelScale(z), sideY = tileH_ * levelScale(z);
    const int tx0 = std::max(0, int(std::floor(r.left() / sideX)));
    const int ty0 = std::max(0, int(std::floor(r.top() / sideY)));
    const int tx1 = std::min(tilesX(z) - 1, int(std::floor(r.right() / sideX)));
    const int ty1 = std::min(tilesY(z) - 1, int(std::floor(r.bottom() / sideY)));
    for (int y = ty0; y <= ty1; ++y)
        for (int x = tx0; x <= tx1; ++x) out.push_back({z, x, y});
    return out;
}

}  // namespace tessera::ui
