#include "cache/thumbnail_disk_cache.h"

#include <sys/stat.h>

#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "source/open_source.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

// Entry file: magic, key length (u32), key, expiry (i64 unix seconds, 0 = never), payload length
// (u64), payload, SHA-256 of everything before it.
constexpr char kMagic[8] = {'T', 'S', 'T', 'H', 'U', 'M', 'B', '1'};
constexpr const char* kSuffix = ".thumb";
constexpr std::size_t kHashBytes = 32;

template <typename T>
void putLe(std::vector<std::uint8_t>& out, T v) {
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out.push_back(static_cast<std::uint8_t>((static_cast<std::uint64_t>(v) >> (8 * i)) & 0xff));
}

template <typename T>
bool getLe(const std::vector<std::uint8_t>& in, std::size_t& pos, T& v) {
    if (pos + sizeof(T) > in.size()) return false;
    std::uint64_t x = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) x |= std::uint64_t(in[pos + i]) << (8 * i);
    v = static_cast<T>(x);
    pos += sizeof(T);
    return true;
}

QByteArray sha256(const std::uint8_t* data, std::size_t size) {
    return QCryptographicHash::hash(
        QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size)),
        QCryptographicHash::Sha256);
}

std::string fullKey(const ThumbnailDiskCache::Identity& id, const std::string& params) {
    return id.text + '\x1f' + params;
}

std::int64_t nowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool isEntry(const fs::directory_entry& e) {
    std::error_code ec;
    return e.is_regular_file(ec) && e.path().extension() == kSuffix;
}

}  // namespace

ThumbnailDiskCache::ThumbnailDiskCache(Options options) : options_(std::move(options)) {
    if (options_.directory.empty()) options_.directory = defaultDirectory();
}

std::string ThumbnailDiskCache::defaultDirectory() {
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (base.isEmpty()) base = QDir::homePath() + QStringLiteral("/.cache");
    return (base + QStringLiteral("/tessera/thumbnails")).toStdString();
}

std::string ThumbnailDiskCache::entryPath(const Identity& identity,
                                          const std::string& params) const {
    const std::string key = fullKey(identity, params);
    const QByteArray hex =
        sha256(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()).toHex();
    const std::string name = hex.left(40).toStdString();
    return (fs::path(options_.directory) / name.substr(0, 2) / (name + kSuffix)).string();
}

std::optional<std::vector<std::uint8_t>> ThumbnailDiskCache::get(const Identity& identity,
                                                                 const std::string& params) {
    const std::string path = entryPath(identity, params);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ++misses_;
        return std::nullopt;
    }
    std::vector<std::uint8_t> data((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
    in.close();
    auto corrupt = [&]() -> std::optional<std::vector<std::uint8_t>> {
        ++corrupt_;
        ++misses_;
        std::error_code ec;
        fs::remove(path, ec);
        std::lock_guard lock(mutex_);
        total_.reset();
        return std::nullopt;
    };
    const std::string key = fullKey(identity, params);
    std::size_t pos = sizeof kMagic;
    std::uint32_t keyLen = 0;
    std::int64_t expires = 0;
    std::uint64_t payloadLen = 0;
    if (data.size() < sizeof kMagic + kHashBytes ||
        std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
        return corrupt();
    const std::size_t body = data.size() - kHashBytes;
    if (sha256(data.data(), body) !=
        QByteArray(reinterpret_cast<const char*>(data.data() + body), qsizetype(kHashBytes)))
        return corrupt();
    if (!getLe(data, pos, keyLen) || pos + keyLen > body) return corrupt();
    const bool sameKey =
        keyLen == key.size() && std::memcmp(data.data() + pos, key.data(), keyLen) == 0;
    pos += keyLen;
    if (!getLe(data, pos, expires) || !getLe(data, pos, payloadLen) || pos + payloadLen != body)
        return corrupt();
    if (!sameKey) {  // a hash collision: another entry's file
        ++misses_;
        return std::nullopt;
    }
    if (expires != 0 && nowSeconds() >= expires) {
        ++misses_;
        std::error_code ec;
        fs::remove(path, ec);
        return std::nullopt;
    }
    // Touch: the modification time orders eviction (least recently used first).
    std::error_code ec;
    fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
    ++hits_;
    return std::vector<std::uint8_t>(data.begin() + std::ptrdiff_t(pos),
                                     data.begin() + std::ptrdiff_t(body));
}

void ThumbnailDiskCache::put(const Identity& identity, const std::string& params,
                             const std::vector<std::uint8_t>& bytes) {
    const std::string key = fullKey(identity, params);
    std::vector<std::uint8_t> data(kMagic, kMagic + sizeof kMagic);
    data.reserve(sizeof kMagic + 4 + key.size() + 16 + bytes.size() + kHashBytes);
    putLe(data, std::uint32_t(key.size()));
    data.insert(data.end(), key.begin(), key.end());
    putLe(data, std::int64_t(identity.remote ? nowSeconds() + options_.remoteTtl.count() : 0));
    putLe(data, std::uint64_t(bytes.size()));
    data.insert(data.end(), bytes.begin(), bytes.end());
    const QByteArray hash = sha256(data.data(), data.size());
    data.insert(data.end(), hash.begin(), hash.end());
    const std::string path = entryPath(identity, params);
    try {
        std::error_code ec;
        fs::create_directories(fs::path(path).parent_path(), ec);
        std::uintmax_t previous = fs::file_size(path, ec);
        if (ec) previous = 0;
        writeFileAtomically(path, data);
        ++writes_;
        std::lock_guard lock(mutex_);
        if (total_) *total_ = *total_ - std::min<std::uint64_t>(*total_, previous) + data.size();
    } catch (const Error&) {
        return;  // a read-only or full disk only loses the cache
    }
    evictIfNeeded();
}

std::uint64_t ThumbnailDiskCache::totalBytes() const {
    std::uint64_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(options_.directory, ec), end; !ec && it != end;
         it.increment(ec))
        if (isEntry(*it)) {
            std::error_code sizeEc;
            const auto s = it->file_size(sizeEc);
            if (!sizeEc) total += s;
        }
    return total;
}

void ThumbnailDiskCache::evictIfNeeded() {
    std::lock_guard lock(mutex_);
    if (!total_) total_ = totalBytes();
    if (*total_ <= options_.maxBytes) return;
    // Rescan (other processes share the directory) and remove the oldest entries until the
    // total is below 90 % of the budget.
    struct Entry {
        fs::path path;
        fs::file_time_type time;
        std::uintmax_t size;
    };
    std::vector<Entry> entries;
    std::uint64_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(options_.directory, ec), end; !ec && it != end;
         it.increment(ec)) {
        if (!isEntry(*it)) continue;
        std::error_code e1, e2;
        Entry e{it->path(), it->last_write_time(e1), it->file_size(e2)};
        if (e1 || e2) continue;
        total += e.size;
        entries.push_back(std::move(e));
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.time < b.time; });
    const std::uint64_t target = options_.maxBytes / 10 * 9;
    for (const Entry& e : entries) {
        if (total <= target) break;
        std::error_code rm;
        if (fs::remove(e.path, rm)) {
            total -= std::min<std::uint64_t>(total, e.size);
            ++evictions_;
        }
    }
    total_ = total;
}

void ThumbnailDiskCache::clear() {
    std::lock_guard lock(mutex_);
    std::error_code ec;
    std::vector<fs::path> doomed;
    for (fs::recursive_directory_iterator it(options_.directory, ec), end; !ec && it != end;
         it.increment(ec))
        if (isEntry(*it)) doomed.push_back(it->path());
    for (const fs::path& p : doomed) fs::remove(p, ec);
    total_ = 0;
}

ThumbnailDiskCache::Stats ThumbnailDiskCache::stats() const {
    return {hits_.load(), misses_.load(), writes_.load(), evictions_.load(), corrupt_.load()};
}

}  // namespace tessera
