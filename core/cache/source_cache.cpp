#include "cache/source_cache.h"

#include <utility>
#include <vector>

#include "source/open_source.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

// Separates the URI from the options in a key; never part of a path or URL people type.
constexpr char kKeySeparator = '\n';

}  // namespace

SourceCache::SourceCache(std::size_t maxSources, Opener opener)
    : max_(maxSources == 0 ? 1 : maxSources), opener_(std::move(opener)) {
    if (!opener_) {
        opener_ = [](const std::string& uri, const OpenOptions& options) {
            return openSource(uri, options);
        };
    }
}

std::string SourceCache::keyFor(const std::string& uri, const OpenOptions& options) {
    std::string key = uri;
    key += kKeySeparator;
    key += "source=";
    key += options.sourceName;
    return key;
}

SourcePtr SourceCache::get(const std::string& uri, const OpenOptions& options) {
    const std::string key = keyFor(uri, options);
    auto lookup = [&]() -> SourcePtr {
        std::lock_guard lock(mutex_);
        auto it = index_.find(key);
        if (it == index_.end()) return nullptr;
        lru_.splice(lru_.begin(), lru_, it->second);
        return it->second->second;
    };
    if (SourcePtr hit = lookup()) return hit;

    // Not open yet: one thread opens it, the others asking for the same key wait for it. The
    // opener runs without the cache lock, so other sources stay available meanwhile.
    return opening_.run(key, [&]() -> SourcePtr {
        // A flight that finished between our lookup and run() has already cached it.
        if (SourcePtr hit = lookup()) return hit;
        SourcePtr source = opener_(uri, options);
        if (!source)
            fail(ErrorKind::Internal, trf("SourceCache", "Opening \"%1\" returned nothing.", uri));
        std::vector<SourcePtr> closed;  // released after the lock is dropped
        std::lock_guard lock(mutex_);
        if (index_.count(key) == 0) {
            lru_.emplace_front(key, source);
            index_.emplace(key, lru_.begin());
        }
        while (lru_.size() > max_) {
            index_.erase(lru_.back().first);
            closed.push_back(std::move(lru_.back().second));
            lru_.pop_back();
        }
        return source;
    });
}

void SourceCache::evict(const std::string& uri) {
    const std::string prefix = uri + kKeySeparator;
    std::vector<SourcePtr> closed;  // released after the lock is dropped
    std::lock_guard lock(mutex_);
    for (auto it = lru_.begin(); it != lru_.end();) {
        if (it->first.compare(0, prefix.size(), prefix) == 0) {
            index_.erase(it->first);
            closed.push_back(std::move(it->second));
            it = lru_.erase(it);
        } else {
            ++it;
        }
    }
}

void SourceCache::clear() {
    std::list<std::pair<std::string, SourcePtr>> closed;  // released after the lock is dropped
    std::lock_guard lock(mutex_);
    index_.clear();
    closed.swap(lru_);
}

std::size_t SourceCache::size() const {
    std::lock_guard lock(mutex_);
    return lru_.size();
}

}  // namespace tessera
