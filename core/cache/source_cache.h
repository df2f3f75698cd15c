// SourceCache: keeps opened sources (keyed by URI and open options) so a file is opened once
// and shared by every request; bounded by count, least recently used closed first. Opening the
// same key from two threads at once opens it once. Thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "cache/single_flight.h"
#include "source/source.h"

namespace tessera {

class SourceCache {
public:
    using Opener = std::function<SourcePtr(const std::string& uri, const OpenOptions&)>;

    explicit SourceCache(std::size_t maxSources = 64, Opener opener = {});

    SourcePtr get(const std::string& uri, const OpenOptions& options = {});
    void evict(const std::string& uri);
    void clear();
    std::size_t size() const;

    static std::string keyFor(const std::string& uri, const OpenOptions& options);

private:
    std::size_t max_;
    Opener opener_;
    mutable std::mutex mutex_;
    std::list<std::pair<std::string, SourcePtr>> lru_;  // front = most recent
    std::unordered_map<std::string, decltype(lru_)::iterator> index_;
    SingleFlight<SourcePtr> opening_;
};

}  // namespace tessera
