#include "cache/tile_store.h"

#include <utility>

#include "cache/memory_tile_cache.h"

namespace tessera {

TileStore::TileStore(std::shared_ptr<TileCache> encoded, std::size_t decodedBytes)
    : encoded_(encoded ? std::move(encoded) : std::make_shared<MemoryTileCache>(64 << 20)),
      decoded_(decodedBytes) {}

TileStore::Pixels TileStore::pixels(const TileKey& key, const std::function<Image()>& render) {
    const std::string k = key.decoded().str();
    if (Pixels hit = decoded_.get(k)) return hit;
    return pixelFlight_.run(k, [&]() -> Pixels {
        if (Pixels hit = decoded_.get(k)) return hit;  // landed between the lookup and the flight
        ++renders_;
        auto img = std::make_shared<const Image>(render());
        decoded_.put(k, img, img->pixels.size());
        return img;
    });
}

CachedBytes TileStore::bytes(const TileKey& key, const std::function<CachedBytes()>& produce) {
    const std::string k = key.str();
    if (CachedBytes hit = encoded_->get(k)) return hit;
    return byteFlight_.run(k, [&]() -> CachedBytes {
        if (CachedBytes hit = encoded_->get(k)) return hit;  // landed before the flight began
        ++encodes_;
        CachedBytes value = produce();
        if (value) encoded_->put(k, value);
        return value;
    });
}

CachedBytes TileStore::findBytes(const TileKey& key) {
    return encoded_->get(key.str());
}

void TileStore::putBytes(const TileKey& key, CachedBytes value) {
    encoded_->put(key.str(), std::move(value));
}

void TileStore::clear() {
    decoded_.clear();
    encoded_->clear();
}

}  // namespace tessera
