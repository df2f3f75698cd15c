// TileCache: the interface every tile cache backend implements (memory now; memcached later so
// several `serve` processes can share one). Values are encoded tile bytes, keys are strings
// built by TileKey. All members are safe to call from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tessera {

using CachedBytes = std::shared_ptr<const std::vector<std::uint8_t>>;

struct CacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t inserts = 0;
    std::uint64_t evictions = 0;
    std::uint64_t bytes = 0;     // bytes held now
    std::uint64_t capacity = 0;  // byte budget
    std::uint64_t entries = 0;
};

class TileCache {
  public:
    virtual ~TileCache() = default;
    // nullptr on a miss.
    virtual CachedBytes get(const std::string& key) = 0;
    virtual void put(const std::string& key, CachedBytes value) = 0;
    virtual void clear() = 0;
    virtual CacheStats stats() const = 0;
    virtual std::string backendName() const = 0;
};

}  // namespace tessera
