#include "cache/memory_tile_cache.h"

#include <algorithm>
#include <functional>
#include <list>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tessera {

namespace {

// Bookkeeping charged to every entry on top of its key and value bytes: the list node, the hash
// map node, the shared_ptr control block and the vector header, rounded up.
constexpr std::size_t kEntryOverhead = 128;

std::size_t entryCost(const std::string& key, const CachedBytes& value) {
    return value->size() + key.size() + kEntryOverhead;
}

}  // namespace

// One shard: an LRU list (front = most recently used) and its index, guarded by one mutex.
// Counters live in the shard and are read under its lock.
struct MemoryTileCache::Shard {
    struct Entry {
        std::string key;
        CachedBytes value;
        std::size_t cost = 0;
    };

    std::mutex mutex;
    std::list<Entry> lru;
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index;
    std::size_t budget = 0;
    std::size_t bytes = 0;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t inserts = 0;
    std::uint64_t evictions = 0;

    // Removes one entry; the caller holds the lock. The value is handed back so the caller can
    // release it after unlocking (freeing a large buffer under the lock would stall others).
    CachedBytes erase(std::list<Entry>::iterator it) {
        CachedBytes value = std::move(it->value);
        bytes -= it->cost;
        index.erase(std::string_view(it->key));
        lru.erase(it);
        return value;
    }
};

MemoryTileCache::MemoryTileCache(std::size_t capacityBytes, int shards)
    : capacity_(capacityBytes),
      shards_(std::make_unique<Shard[]>(std::size_t(std::max(1, shards)))),
      shardCount_(std::max(1, shards)) {
    for (int i = 0; i < shardCount_; ++i) shards_[i].budget = capacity_ / std::size_t(shardCount_);
}

MemoryTileCache::~MemoryTileCache() = default;

namespace {

std::size_t shardIndex(const std::string& key, int shardCount) {
    return std::hash<std::string>{}(key) % std::size_t(shardCount);
}

}  // namespace

CachedBytes MemoryTileCache::get(const std::string& key) {
    Shard& shard = shards_[shardIndex(key, shardCount_)];
    std::lock_guard lock(shard.mutex);
    auto it = shard.index.find(std::string_view(key));
    if (it == shard.index.end()) {
        ++shard.misses;
        return nullptr;
    }
    ++shard.hits;
    shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
    return it->second->value;
}

void MemoryTileCache::put(const std::string& key, CachedBytes value) {
    Shard& shard = shards_[shardIndex(key, shardCount_)];
    std::vector<CachedBytes> released;  // freed after the lock is dropped
    std::lock_guard lock(shard.mutex);
    if (auto it = shard.index.find(std::string_view(key)); it != shard.index.end())
        released.push_back(shard.erase(it->second));
    if (!value) return;
    const std::size_t cost = entryCost(key, value);
    if (cost > shard.budget) return;  // would never fit: not cached
    while (shard.bytes + cost > shard.budget && !shard.lru.empty()) {
        released.push_back(shard.erase(std::prev(shard.lru.end())));
        ++shard.evictions;
    }
    shard.lru.push_front(Shard::Entry{key, std::move(value), cost});
    shard.index.emplace(std::string_view(shard.lru.front().key), shard.lru.begin());
    shard.bytes += cost;
    ++shard.inserts;
}

void MemoryTileCache::clear() {
    for (int i = 0; i < shardCount_; ++i) {
        Shard& shard = shards_[i];
        std::list<Shard::Entry> dropped;
        {
            std::lock_guard lock(shard.mutex);
            shard.index.clear();
            dropped.swap(shard.lru);
            shard.bytes = 0;
        }
    }
}

CacheStats MemoryTileCache::stats() const {
    CacheStats s;
    s.capacity = capacity_;
    for (int i = 0; i < shardCount_; ++i) {
        Shard& shard = shards_[i];
        std::lock_guard lock(shard.mutex);
        s.hits += shard.hits;
        s.misses += shard.misses;
        s.inserts += shard.inserts;
        s.evictions += shard.evictions;
        s.bytes += shard.bytes;
        s.entries += shard.lru.size();
    }
    return s;
}

}  // namespace tessera
