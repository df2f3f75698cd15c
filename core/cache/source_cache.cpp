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

// What identifies a file that identifySource cannot stat (GDAL connection strings, subdatasets,
// built-in samples): its URI, which never changes.
SourceIdentity fallbackIdentity(const std::string& uri) {
    return {"uri:" + uri, false};
}

}  // namespace

SourceCache::SourceCache(std::size_t maxSources, Opener opener, int remoteRevalidateSeconds)
    : max_(maxSources == 0 ? 1 : maxSources),
      opener_(std::move(opener)),
      remoteRevalidate_(std::max(1, remoteRevalidateSeconds)) {
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

std::optional<SourceIdentity> SourceCache::currentIdentity(const std::string& uri,
                                                           const Entry& e) const {
    if (!e.opened.identity.remote) return identifySource(uri).value_or(fallbackIdentity(uri));
    if (std::chrono::steady_clock::now() - e.checked < remoteRevalidate_) return std::nullopt;
    forgetRemoteState(uri);
    return identifySource(uri, true);
}

SourceCache::Opened SourceCache::open(const std::string& uri, const OpenOptions& options) {
    const std::string key = keyFor(uri, options);
    auto lookup = [&]() -> std::optional<Entry> {
        std::lock_guard lock(mutex_);
        auto it = index_.find(key);
        if (it == index_.end()) return std::nullopt;
        lru_.splice(lru_.begin(), lru_, it->second);
        return *it->second;
    };
    if (std::optional<Entry> hit = lookup()) {
        const std::optional<SourceIdentity> now = currentIdentity(uri, *hit);
        if (!now) return hit->opened;
        if (*now == hit->opened.identity) {
            if (hit->opened.identity.remote) {
                std::lock_guard lock(mutex_);
                if (auto it = index_.find(key); it != index_.end())
                    it->second->checked = std::chrono::steady_clock::now();
            }
            return hit->opened;
        }
        // The file changed (or went away): forget the old source; requests still holding it
        // finish with it, new ones open the file again (and fail cleanly if it is gone).
        SourcePtr stale;
        std::lock_guard lock(mutex_);
        if (auto it = index_.find(key);
            it != index_.end() && it->second->opened.source == hit->opened.source) {
            stale = std::move(it->second->opened.source);
            lru_.erase(it->second);
            index_.erase(it);
            ++reopened_;
        }
    }

    // Not open yet: one thread opens it, the others asking for the same key wait for it. The
    // opener runs without the cache lock, so other sources stay available meanwhile.
    return opening_.run(key, [&]() -> Opened {
        // A flight that finished between our lookup and run() has already cached it.
        if (std::optional<Entry> hit = lookup()) return hit->opened;
        // The identity is taken before opening: a file replaced while it opens is seen as
        // changed at the next request rather than cached under its new identity.
        const bool remote = isRemoteUri(uri);
        std::optional<SourceIdentity> identity = identifySource(uri, false);
        SourcePtr source = opener_(uri, options);
        if (!source)
            fail(ErrorKind::Internal, trf("SourceCache", "Opening \"%1\" returned nothing.", uri));
        if (remote) identity = identifySource(uri, true);  // GDAL's answer from the open
        Opened opened{std::move(source), identity.value_or(fallbackIdentity(uri))};
        std::vector<SourcePtr> closed;  // released after the lock is dropped
        std::lock_guard lock(mutex_);
        if (index_.count(key) == 0) {
            lru_.push_front(Entry{key, opened, std::chrono::steady_clock::now()});
            index_.emplace(key, lru_.begin());
        }
        while (lru_.size() > max_) {
            index_.erase(lru_.back().key);
            closed.push_back(std::move(lru_.back().opened.source));
            lru_.pop_back();
        }
        return opened;
    });
}

void SourceCache::evict(const std::string& uri) {
    const std::string prefix = uri + kKeySeparator;
    std::vector<SourcePtr> closed;  // released after the lock is dropped
    std::lock_guard lock(mutex_);
    for (auto it = lru_.begin(); it != lru_.end();) {
        if (it->key.compare(0, prefix.size(), prefix) == 0) {
            index_.erase(it->key);
            closed.push_back(std::move(it->opened.source));
            it = lru_.erase(it);
        } else {
            ++it;
        }
    }
}

void SourceCache::clear() {
    std::list<Entry> closed;  // released after the lock is dropped
    std::lock_guard lock(mutex_);
    index_.clear();
    closed.swap(lru_);
}

std::size_t SourceCache::size() const {
    std::lock_guard lock(mutex_);
    return lru_.size();
}

std::uint64_t SourceCache::reopened() const {
    std::lock_guard lock(mutex_);
    return reopened_;
}

}  // namespace tessera
