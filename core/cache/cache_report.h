// A readable one-line report of tile cache statistics (hits, misses, hit rate, memory used of
// the budget, entries, evictions) for logs, the CLI and the status bar.
#pragma once

#include <string>

#include "cache/tile_cache.h"

namespace tessera {

// e.g. "1200 hits, 300 misses (80.0% hit rate), 12.5 MB of 256.0 MB used, 410 entries,
// 7 evictions". The hit rate reads "n/a" before the first lookup.
std::string formatCacheStats(const CacheStats& stats);

}  // namespace tessera
