// Deep Zoom (OpenSeadragon's DZI) geometry: level L is the image downsampled by 2^(maxLevel − L)
// (size ceil(size / 2^(maxLevel − L)), maxLevel = ceil(log2(max(width, height)))); tiles are 254
// pixels with a 1-pixel overlap on inner edges (OpenSeadragon's defaults).
#pragma once

#include <algorithm>
#include <cmath>

namespace tessera {

struct DeepZoomGrid {
    static constexpr int kTileSize = 254;
    static constexpr int kOverlap = 1;

    int width = 0;
    int height = 0;

    int maxLevel() const {
        int level = 0;
        while ((1LL << level) < std::max(width, height)) ++level;
        return level;
    }
    double scale(int level) const { return std::ldexp(1.0, maxLevel() - level); }
    int levelWidth(int level) const { return int(std::ceil(width / scale(level))); }
    int levelHeight(int level) const { return int(std::ceil(height / scale(level))); }
    int columns(int level) const { return (levelWidth(level) + kTileSize - 1) / kTileSize; }
    int rows(int level) const { return (levelHeight(level) + kTileSize - 1) / kTileSize; }
    bool contains(int level, int col, int row) const {
        return level >= 0 && level <= maxLevel() && col >= 0 && row >= 0 && col < columns(level) &&
               row < rows(level);
    }
    // The level pixels [p0, p1) of tile index i along an axis of levelSize pixels.
    static void span(int i, int levelSize, int& p0, int& p1) {
        p0 = i * kTileSize - (i > 0 ? kOverlap : 0);
        p1 = std::min(levelSize, (i + 1) * kTileSize + kOverlap);
    }
};

}  // namespace tessera
