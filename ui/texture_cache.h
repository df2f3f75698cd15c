// TextureCache: the canvas's tiles as OpenGL textures, bounded in bytes with LRU eviction;
// tiles of the coarsest levels (the pinned levels) are never evicted so the view always has a
// picture to fall back on. Each texture remembers the render version it was made for: older
// versions stay drawable until a tile of the new version replaces them.
//
// Thread safety: GUI thread only, with the canvas's GL context current for insert/evict/clear.
#pragma once

#include <QHash>
#include <QImage>
#include <QOpenGLFunctions>
#include <cstddef>

#include "grid_tile.h"

namespace tessera::ui {

struct TileTexture {
    GLuint id = 0;
    int width = 0;  // texels (edge tiles are smaller than 256)
    int height = 0;
    quint64 version = 0;
    quint64 lastUsed = 0;  // frame number of the last draw
    std::size_t bytes = 0;
};

class TextureCache {
  public:
    void setBudget(std::size_t bytes) { budget_ = bytes; }
    std::size_t budget() const noexcept { return budget_; }
    // Levels z <= pinnedLevel are never evicted.
    void setPinnedLevel(int z) { pinnedLevel_ = z; }
    int pinnedLevel() const noexcept { return pinnedLevel_; }

    // Uploads image as the texture of key (replacing an older one). Returns the texture.
    const TileTexture& insert(QOpenGLFunctions* gl, const GridTile& key, quint64 version,
                              const QImage& image, quint64 frame);
    const TileTexture* find(const GridTile& key) const;
    void touch(const GridTile& key, quint64 frame);
    bool contains(const GridTile& key) const { return textures_.contains(key); }
    bool hasVersion(const GridTile& key, quint64 version) const;

    // Evicts least recently used unpinned textures not drawn in frame `keepFrame` until the
    // cache fits its budget.
    void evict(QOpenGLFunctions* gl, quint64 keepFrame);
    void remove(QOpenGLFunctions* gl, const GridTile& key);
    void clear(QOpenGLFunctions* gl);

    std::size_t bytes() const noexcept { return bytes_; }
    int count() const noexcept { return int(textures_.size()); }
    int evictions() const noexcept { return evictions_; }

  private:
    QHash<GridTile, TileTexture> textures_;
    std::size_t bytes_ = 0;
    std::size_t budget_ = std::size_t(256) << 20;
    int pinnedLevel_ = 0;
    int evictions_ = 0;
};

}  // namespace tessera::ui
