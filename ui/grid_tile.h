// GridTile: one tile of the pixel tile grid (z = 0 coarsest, as large_image numbers levels),
// a small hashable value used by the loader, the texture cache and the canvas.
#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <cstdint>

namespace tessera::ui {

struct GridTile {
    int z = 0;
    int x = 0;
    int y = 0;

    friend bool operator==(const GridTile&, const GridTile&) = default;
    friend bool operator<(const GridTile& a, const GridTile& b) {
        if (a.z != b.z) return a.z < b.z;
        if (a.y != b.y) return a.y < b.y;
        return a.x < b.x;
    }
};
static_assert(sizeof(GridTile) == 3 * sizeof(int), "a field was added to GridTile: hash it too");

inline size_t qHash(const GridTile& k, size_t seed = 0) noexcept {
    return qHashMulti(seed, k.z, k.x, k.y);
}

}  // namespace tessera::ui

Q_DECLARE_METATYPE(tessera::ui::GridTile)
