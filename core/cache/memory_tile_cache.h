// In-process tile cache: LRU bounded by a byte budget, sharded to keep lock contention low.
#pragma once

#include <cstddef>
#include <memory>

#include "cache/tile_cache.h"

namespace tessera {

class MemoryTileCache final : public TileCache {
public:
    explicit MemoryTileCache(std::size_t capacityBytes, int shards = 16);
    ~MemoryTileCache() override;

    CachedBytes get(const std::string& key) override;
    void put(const std::string& key, CachedBytes value) override;
    void clear() override;
    CacheStats stats() const override;
    std::string backendName() const override { return "memory"; }

private:
    struct Shard;
    std::size_t capacity_;
    std::unique_ptr<Shard[]> shards_;
    int shardCount_;
};

}  // namespace tessera
