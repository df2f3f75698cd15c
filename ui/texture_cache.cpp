#include "texture_cache.h"

#include <algorithm>
#include <vector>

namespace tessera::ui {

const TileTexture& TextureCache::insert(QOpenGLFunctions* gl, const GridTile& key, quint64 version,
                                        const QImage& image, quint64 frame) {
    remove(gl, key);
    const QImage rgba = image.format() == QImage::Format_RGBA8888
                            ? image
                            : image.convertToFormat(QImage::Format_RGBA8888);
    TileTexture t;
    t.width = rgba.width();
    t.height = rgba.height();
    t.version = version;
    t.lastUsed = frame;
    t.bytes = std::size_t(t.width) * t.height * 4;
    gl->glGenTextures(1, &t.id);
    gl->glBindTexture(GL_TEXTURE_2D, t.id);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    gl->glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    gl->glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, t.width, t.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                     rgba.constBits());
    bytes_ += t.bytes;
    return *textures_.insert(key, t);
}

const TileTexture* TextureCache::find(const GridTile& key) const {
    auto it = textures_.constFind(key);
    return it == textures_.constEnd() ? nullptr : &it.value();
}

void TextureCache::touch(const GridTile& key, quint64 frame) {
    auto it = textures_.find(key);
    if (it != textures_.end()) it->lastUsed = frame;
}

bool TextureCache::hasVersion(const GridTile& key, quint64 version) const {
    auto it = textures_.constFind(key);
    return it != textures_.constEnd() && it->version == version;
}

void TextureCache::evict(QOpenGLFunctions* gl, quint64 keepFrame) {
    if (bytes_ <= budget_) return;
    std::vector<std::pair<quint64, GridTile>> candidates;
    for (auto it = textures_.cbegin(); it != textures_.cend(); ++it)
        if (it.key().z > pinnedLevel_ && it->lastUsed < keepFrame)
            candidates.emplace_back(it->lastUsed, it.key());
    std::sort(candidates.begin(), candidates.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& c : candidates) {
        if (bytes_ <= budget_) break;
        remove(gl, c.second);
        ++evictions_;
    }
}

void TextureCache::remove(QOpenGLFunctions* gl, const GridTile& key) {
    auto it = textures_.find(key);
    if (it == textures_.end()) return;
    if (gl && it->id) gl->glDeleteTextures(1, &it->id);
    bytes_ -= it->bytes;
    textures_.erase(it);
}

void TextureCache::clear(QOpenGLFunctions* gl) {
    for (auto it = textures_.begin(); it != textures_.end(); ++it)
        if (gl && it->id) gl->glDeleteTextures(1, &it->id);
    textures_.clear();
    bytes_ = 0;
}

}  // namespace tessera::ui
