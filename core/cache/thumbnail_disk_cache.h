// ThumbnailDiskCache: encoded thumbnails kept on disk across runs, so a repeated request costs a
// file read. Key = the image's identity (local files: canonical path, size and modification time
// in ns, so an edited file misses; remote URLs and GDAL /vsi paths: the URI alone, with entries
// expiring after a TTL) + every thumbnail parameter (the caller's text). One file per entry under
// the cache directory (default $XDG_CACHE_HOME/tessera/thumbnails), written atomically (temporary
// file + rename), checksummed so corrupt or partial files are ignored and removed, bounded by
// total bytes with least-recently-used eviction by file modification time (a hit touches it).
//
// Thread safety: all members may be called from any thread; several processes may share one
// directory (writes are atomic renames, eviction rescans the directory).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cache/source_identity.h"

namespace tessera {

class ThumbnailDiskCache {
  public:
    struct Options {
        std::string directory;                      // "" = defaultDirectory()
        std::uint64_t maxBytes = 256ull << 20;      // total size of the entries
        std::chrono::seconds remoteTtl{24 * 3600};  // lifetime of entries of remote images
    };
    struct Stats {
        std::uint64_t hits = 0, misses = 0, writes = 0, evictions = 0, corrupt = 0;
    };

    explicit ThumbnailDiskCache(Options options);

    // $XDG_CACHE_HOME/tessera/thumbnails (~/.cache/tessera/thumbnails).
    static std::string defaultDirectory();

    // The identity of the image at uri, or nullopt when a local file does not exist (nothing is
    // cached then). remote is set for identities that expire (URLs, /vsi paths): no network
    // request is made for them.
    using Identity = SourceIdentity;
    static std::optional<Identity> identityOf(const std::string& uri) {
        return identifySource(uri, false);
    }

    // The bytes stored for identity + params, or nullopt (missing, expired, corrupt).
    std::optional<std::vector<std::uint8_t>> get(const Identity& identity,
                                                 const std::string& params);
    // Stores bytes (failures to write are ignored: the cache is an optimisation) and evicts the
    // least recently used entries when the total exceeds maxBytes.
    void put(const Identity& identity, const std::string& params,
             const std::vector<std::uint8_t>& bytes);

    // Total bytes of the entries (rescans the directory), and removal of every entry.
    std::uint64_t totalBytes() const;
    void clear();
    Stats stats() const;
    const std::string& directory() const noexcept { return options_.directory; }
    // The file an entry lives in (for tests).
    std::string entryPath(const Identity& identity, const std::string& params) const;

  private:
    void evictIfNeeded();

    Options options_;
    mutable std::mutex mutex_;
    std::optional<std::uint64_t> total_;  // known total, rescanned when unknown
    std::atomic<std::uint64_t> hits_{0}, misses_{0}, writes_{0}, evictions_{0}, corrupt_{0};
};

}  // namespace tessera
