// The order in which the viewer asks for tiles: coarse levels first (so every area has some
// picture quickly), then by distance from the tile centre to the view centre. Pure functions,
// checked by test_viewer_priority.
#pragma once

#include <QPointF>
#include <vector>

#include "grid_tile.h"

namespace tessera::ui {

// Smaller sorts first. level = z (0 = coarsest); distance in full-resolution image pixels.
struct TilePriority {
    int level = 0;
    double distance = 0;

    friend bool operator<(const TilePriority& a, const TilePriority& b) {
        if (a.level != b.level) return a.level < b.level;
        return a.distance < b.distance;
    }
};

// The priority of a tile of a pyramid with `levels` levels (tile side 256 at every level) when
// the view is centred on `centre` (full-resolution pixels).
TilePriority tilePriority(const GridTile& key, int levels, QPointF centre);

// Sorts keys in request order (stable for equal priorities).
void sortByPriority(std::vector<GridTile>& keys, int levels, QPointF centre);

}  // namespace tessera::ui
