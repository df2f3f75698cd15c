// TileStore: the engine's two-tier tile cache, modelled on OpenImageIO's ImageCache. Tier one
// holds decoded (styled) pixels in process, bounded by bytes and shared by the canvas, overview,
// server and CLI; tier two holds encoded bytes in a TileCache backend (memory, or memcached
// shared by several `serve` processes). Both tiers are single-flight: concurrent requests for one
// key compute it once and all receive that result (or its exception). Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "cache/sharded_lru.h"
#include "cache/single_flight.h"
#include "cache/tile_cache.h"
#include "cache/tile_key.h"
#include "raster/image.h"

namespace tessera {

class TileStore {
  public:
    using Pixels = std::shared_ptr<const Image>;

    TileStore(std::shared_ptr<TileCache> encoded, std::size_t decodedBytes);

    // The decoded tile for key (its encoder is ignored), rendering it once on a miss.
    Pixels pixels(const TileKey& key, const std::function<Image()>& render);
    // The encoded tile for key (which must name an encoder), producing it once on a miss.
    CachedBytes bytes(const TileKey& key, const std::function<CachedBytes()>& produce);

    // Encoded-tier lookups and inserts that compute nothing (disk-cache fills, tests).
    CachedBytes findBytes(const TileKey& key);
    void putBytes(const TileKey& key, CachedBytes value);

    TileCache& encodedTier() noexcept { return *encoded_; }
    const std::shared_ptr<TileCache>& encodedTierPtr() const noexcept { return encoded_; }
    CacheStats decodedStats() const { return decoded_.stats(); }
    void clear();

    // Computations run since construction (for single-flight tests and reports).
    std::uint64_t renders() const noexcept { return renders_; }
    std::uint64_t encodes() const noexcept { return encodes_; }

  private:
    std::shared_ptr<TileCache> encoded_;
    ShardedLru<Image> decoded_;
    SingleFlight<Pixels> pixelFlight_;
    SingleFlight<CachedBytes> byteFlight_;
    std::atomic<std::uint64_t> renders_{0};
    std::atomic<std::uint64_t> encodes_{0};
};

}  // namespace tessera
