// LruMap: a map holding at most `capacity` entries; inserting beyond it drops the least recently
// used one. For small caches keyed by client-supplied values (style texts), which must not grow
// without bound.
//
// Thread safety: none; guard it with the owner's mutex.
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <utility>

namespace tessera {

template <typename K, typename V>
class LruMap {
  public:
    explicit LruMap(std::size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

    // The value for key, marked as most recently used; nullptr when absent.
    V* find(const K& key) {
        auto it = index_.find(key);
        if (it == index_.end()) return nullptr;
        order_.splice(order_.begin(), order_, it->second);
        return &it->second->second;
    }

    // Inserts or replaces the value for key.
    void put(const K& key, V value) {
        if (V* existing = find(key)) {
            *existing = std::move(value);
            return;
        }
        order_.emplace_front(key, std::move(value));
        index_.emplace(key, order_.begin());
        while (order_.size() > capacity_) {
            index_.erase(order_.back().first);
            order_.pop_back();
        }
    }

    std::size_t size() const noexcept { return order_.size(); }
    void clear() {
        index_.clear();
        order_.clear();
    }

  private:
    using Item = std::pair<K, V>;
    std::size_t capacity_;
    std::list<Item> order_;  // front = most recently used
    std::map<K, typename std::list<Item>::iterator> index_;
};

}  // namespace tessera
