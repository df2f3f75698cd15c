#include "tile_priority.h"

#include <algorithm>
#include <cmath>

namespace tessera::ui {

TilePriority tilePriority(const GridTile& key, int levels, QPointF centre) {
    const double side = 256.0 * std::ldexp(1.0, std::max(0, levels - 1 - key.z));
    const double cx = (key.x + 0.5) * side;
    const double cy = (key.y + 0.5) * side;
    return {key.z, std::hypot(cx - centre.x(), cy - centre.y())};
}

void sortByPriority(std::vector<GridTile>& keys, int levels, QPointF centre) {
    std::stable_sort(keys.begin(), keys.end(), [&](const GridTile& a, const GridTile& b) {
        return tilePriority(a, levels, centre) < tilePriority(b, levels, centre);
    });
}

}  // namespace tessera::ui
