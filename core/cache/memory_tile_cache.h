// In-process encoded-tile cache: the TileCache backend used when no shared one (memcached) is
// configured; an LRU bounded by a byte budget, sharded to keep lock contention low.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cache/sharded_lru.h"
#include "cache/tile_cache.h"

namespace tessera {

class MemoryTileCache final : public TileCache {
  public:
    explicit MemoryTileCache(std::size_t capacityBytes, int shards = 16)
        : lru_(capacityBytes, shards) {}

    CachedBytes get(const std::string& key) override { return lru_.get(key); }
    void put(const std::string& key, CachedBytes value) override {
        const std::size_t size = value ? value->size() : 0;
        lru_.put(key, std::move(value), size);
    }
    void clear() override { lru_.clear(); }
    CacheStats stats() const override { return lru_.stats(); }
    std::string backendName() const override { return "memory"; }

  private:
    ShardedLru<std::vector<std::uint8_t>> lru_;
};

}  // namespace tessera
