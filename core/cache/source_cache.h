// SourceCache: keeps opened sources (keyed by URI and open options) so a file is opened once
// and shared by every request; bounded by count, least recently used closed first. Opening the
// same key from two threads at once opens it once. Each entry remembers its file's identity
// (cache/source_identity.h): a local file is stat'ed on every get and reopened when it changed;
// a remote one is asked again after remoteRevalidateSeconds. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "cache/single_flight.h"
#include "cache/source_identity.h"
#include "source/source.h"

namespace tessera {

class SourceCache {
  public:
    using Opener = std::function<SourcePtr(const std::string& uri, const OpenOptions& options)>;

    // An opened source and the identity of the file it was opened from.
    struct Opened {
        SourcePtr source;
        SourceIdentity identity;
    };

    explicit SourceCache(std::size_t maxSources = 64, Opener opener = {},
                         int remoteRevalidateSeconds = 300);

    Opened open(const std::string& uri, const OpenOptions& options = {});
    SourcePtr get(const std::string& uri, const OpenOptions& options = {}) {
        return open(uri, options).source;
    }
    void evict(const std::string& uri);
    void clear();
    std::size_t size() const;
    // Sources reopened because their file changed, since construction.
    std::uint64_t reopened() const;

    static std::string keyFor(const std::string& uri, const OpenOptions& options);

  private:
    struct Entry {
        std::string key;
        Opened opened;
        std::chrono::steady_clock::time_point checked;
    };
    // The identity a file has now, or nullopt when it is to be trusted as it is (remote, checked
    // recently). Called without the lock.
    std::optional<SourceIdentity> currentIdentity(const std::string& uri, const Entry& e) const;

    std::size_t max_;
    Opener opener_;
    std::chrono::seconds remoteRevalidate_;
    mutable std::mutex mutex_;
    std::list<Entry> lru_;  // front = most recent
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    SingleFlight<Opened> opening_;
    std::uint64_t reopened_ = 0;
};

}  // namespace tessera
