#include "cache/cache_report.h"

#include <QString>

#include "util/i18n.h"

namespace tessera {

namespace {

std::string megabytes(std::uint64_t bytes) {
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1).toStdString();
}

}  // namespace

std::string formatCacheStats(const CacheStats& stats) {
    const std::uint64_t lookups = stats.hits + stats.misses;
    const std::string rate =
        lookups == 0
            ? trc("CacheReport", "n/a")
            : QString::number(100.0 * double(stats.hits) / double(lookups), 'f', 1).toStdString() +
                  "%";
    return trf("CacheReport",
               "%1 hits, %2 misses (%3 hit rate), %4 MB of %5 MB used, %6 entries, %7 evictions",
               std::to_string(stats.hits), std::to_string(stats.misses), rate,
               megabytes(stats.bytes), megabytes(stats.capacity), std::to_string(stats.entries),
               std::to_string(stats.evictions));
}

}  // namespace tessera
