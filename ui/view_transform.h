// ViewTransform: where the image sits on the canvas — zoom (screen pixels per full-resolution
// image pixel) and the image point at the viewport centre — and the tile arithmetic that follows
// from it (level for a zoom, visible tiles, tile rectangles). Plain value type.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <vector>

#include "grid_tile.h"

namespace tessera::ui {

class ViewTransform {
  public:
    ViewTransform() = default;
    // tileWidth × tileHeight: the pixel tile grid's tiles (256, or a TIFF's native tiles).
    ViewTransform(int imageWidth, int imageHeight, int levels, int tileWidth = 256,
                  int tileHeight = 256);

    int imageWidth() const noexcept { return width_; }
    int imageHeight() const noexcept { return height_; }
    int levels() const noexcept { return levels_; }
    int tileWidth() const noexcept { return tileW_; }
    int tileHeight() const noexcept { return tileH_; }
    bool valid() const noexcept { return width_ > 0 && height_ > 0 && levels_ > 0; }

    void setViewport(QSizeF size) { viewport_ = size; }
    QSizeF viewport() const noexcept { return viewport_; }

    double zoom() const noexcept { return zoom_; }
    QPointF centre() const noexcept { return centre_; }
    void setZoom(double zoom);
    void setCentre(QPointF imagePoint);
    // Zooms to `zoom` keeping the image point under screen position `anchor` fixed.
    void zoomAround(double zoom, QPointF anchor);
    void panByScreen(QPointF delta);  // moves the image by delta screen pixels

    double minZoom() const;  // a quarter of fit
    double maxZoom() const { return 64.0; }
    double fitZoom() const;
    void fit();

    QPointF imageToScreen(QPointF p) const;
    QPointF screenToImage(QPointF p) const;
    // The image area shown (full-resolution pixels), not clipped to the image.
    QRectF visibleImageRect() const;

    // Downsampling of level z relative to full resolution: 2^(levels-1-z).
    double levelScale(int z) const;
    int tilesX(int z) const;
    int tilesY(int z) const;
    // The level whose pixels are closest to (not larger than) screen pixels at this zoom.
    int levelForZoom(double zoom) const;
    // The tile's area in full-resolution image pixels, clipped to the image.
    QRectF tileImageRect(const GridTile& key) const;
    // Tiles of level z intersecting an image rectangle.
    std::vector<GridTile> tilesIn(int z, const QRectF& imageRect) const;

  private:
    void clampCentre();

    int width_ = 0;
    int height_ = 0;
    int levels_ = 0;
    int tileW_ = 256;
    int tileH_ = 256;
    QSizeF viewport_{1, 1};
    double zoom_ = 1.0;
    QPointF centre_;
};

}  // namespace tessera::ui
