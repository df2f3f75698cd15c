// TIFF Orientation (tag 274): maps windows and pixels between the displayed image (what users
// see and request) and the stored one, for all eight values. 5–8 swap width and height.
//
// Thread safety: immutable value type.
#pragma once

#include <utility>

namespace tessera {

class TiffOrientation {
  public:
    // storedW × storedH: the stored full-resolution size; value: the tag (1..8).
    TiffOrientation(int value, double storedW, double storedH)
        : v_(value < 1 || value > 8 ? 1 : value), w_(storedW), h_(storedH) {}

    int value() const noexcept { return v_; }
    bool identity() const noexcept { return v_ == 1; }
    bool transposes() const noexcept { return v_ >= 5; }
    // Whether stored x (y) runs against the displayed axis it maps to.
    bool flipsStoredX() const noexcept { return v_ == 2 || v_ == 3 || v_ == 7 || v_ == 8; }
    bool flipsStoredY() const noexcept { return v_ == 3 || v_ == 4 || v_ == 6 || v_ == 7; }

    // A displayed window [x0,x1)×[y0,y1) as a stored window.
    void toStored(double x0, double y0, double x1, double y1, double& sx0, double& sy0, double& sx1,
                  double& sy1) const noexcept {
        switch (v_) {
            case 2:
                sx0 = w_ - x1, sx1 = w_ - x0, sy0 = y0, sy1 = y1;
                return;
            case 3:
                sx0 = w_ - x1, sx1 = w_ - x0, sy0 = h_ - y1, sy1 = h_ - y0;
                return;
            case 4:
                sx0 = x0, sx1 = x1, sy0 = h_ - y1, sy1 = h_ - y0;
                return;
            case 5:
                sx0 = y0, sx1 = y1, sy0 = x0, sy1 = x1;
                return;
            case 6:
                sx0 = y0, sx1 = y1, sy0 = h_ - x1, sy1 = h_ - x0;
                return;
            case 7:
                sx0 = w_ - y1, sx1 = w_ - y0, sy0 = h_ - x1, sy1 = h_ - x0;
                return;
            case 8:
                sx0 = w_ - y1, sx1 = w_ - y0, sy0 = x0, sy1 = x1;
                return;
            default:
                sx0 = x0, sx1 = x1, sy0 = y0, sy1 = y1;
                return;
        }
    }

    // Pixel (X, Y) of a displayed grid whose stored counterpart is sw × sh pixels.
    std::pair<int, int> storedPixel(int X, int Y, int sw, int sh) const noexcept {
        switch (v_) {
            case 2:
                return {sw - 1 - X, Y};
            case 3:
                return {sw - 1 - X, sh - 1 - Y};
            case 4:
                return {X, sh - 1 - Y};
            case 5:
                return {Y, X};
            case 6:
                return {Y, sh - 1 - X};
            case 7:
                return {sw - 1 - Y, sh - 1 - X};
            case 8:
                return {sw - 1 - Y, X};
            default:
                return {X, Y};
        }
    }

  private:
    int v_;
    double w_, h_;
};

}  // namespace tessera
