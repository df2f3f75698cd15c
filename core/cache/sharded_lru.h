// ShardedLru: an in-process LRU of shared immutable values bounded by a byte budget, split into
// shards (each with its own lock) so concurrent readers rarely wait. The engine's two tile tiers
// — encoded bytes (MemoryTileCache) and decoded pixels (TileStore) — are both one of these.
// All members are safe to call from any thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <iterator>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cache/tile_cache.h"

namespace tessera {

template <typename V>
class ShardedLru {
  public:
    using Value = std::shared_ptr<const V>;

    // Bookkeeping charged to every entry on top of its key and value bytes: the list node, the
    // hash map node and the shared_ptr control block, rounded up.
    static constexpr std::size_t kEntryOverhead = 128;

    explicit ShardedLru(std::size_t capacityBytes, int shards = 16)
        : capacity_(capacityBytes),
          shardCount_(std::max(1, shards)),
          shards_(std::make_unique<Shard[]>(std::size_t(shardCount_))) {
        for (int i = 0; i < shardCount_; ++i)
            shards_[i].budget = capacity_ / std::size_t(shardCount_);
    }

    // nullptr on a miss; a hit becomes the most recently used entry.
    Value get(const std::string& key) {
        Shard& shard = shardOf(key);
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

    // Inserts or replaces; valueBytes is what the value holds. A null value removes the key. A
    // value larger than a shard's budget is not kept.
    void put(const std::string& key, Value value, std::size_t valueBytes) {
        Shard& shard = shardOf(key);
        std::vector<Value> released;  // freed after the lock is dropped
        std::lock_guard lock(shard.mutex);
        if (auto it = shard.index.find(std::string_view(key)); it != shard.index.end())
            released.push_back(shard.erase(it->second));
        if (!value) return;
        const std::size_t cost = valueBytes + key.size() + kEntryOverhead;
        if (cost > shard.budget) return;
        while (shard.bytes + cost > shard.budget && !shard.lru.empty()) {
            released.push_back(shard.erase(std::prev(shard.lru.end())));
            ++shard.evictions;
        }
        shard.lru.push_front(Entry{key, std::move(value), cost});
        shard.index.emplace(std::string_view(shard.lru.front().key), shard.lru.begin());
        shard.bytes += cost;
        ++shard.inserts;
    }

    void clear() {
        for (int i = 0; i < shardCount_; ++i) {
            Shard& shard = shards_[i];
            std::list<Entry> dropped;  // freed after the lock is dropped
            std::lock_guard lock(shard.mutex);
            shard.index.clear();
            dropped.swap(shard.lru);
            shard.bytes = 0;
        }
    }

    CacheStats stats() const {
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

    std::size_t capacity() const noexcept { return capacity_; }

  private:
    struct Entry {
        std::string key;
        Value value;
        std::size_t cost = 0;
    };
    // One shard: an LRU list (front = most recently used) and its index, under one mutex.
    struct Shard {
        std::mutex mutex;
        std::list<Entry> lru;
        std::unordered_map<std::string_view, typename std::list<Entry>::iterator> index;
        std::size_t budget = 0;
        std::size_t bytes = 0;
        std::uint64_t hits = 0, misses = 0, inserts = 0, evictions = 0;

        // Unlinks one entry (lock held) and hands its value back to be released unlocked.
        Value erase(typename std::list<Entry>::iterator it) {
            Value value = std::move(it->value);
            bytes -= it->cost;
            index.erase(std::string_view(it->key));
            lru.erase(it);
            return value;
        }
    };

    Shard& shardOf(const std::string& key) const {
        return shards_[std::hash<std::string>{}(key) % std::size_t(shardCount_)];
    }

    std::size_t capacity_;
    int shardCount_;
    std::unique_ptr<Shard[]> shards_;
};

}  // namespace tessera
