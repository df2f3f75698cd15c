#include "probe/probe_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cpl_vsi.h>

#include <QDir>
#include <QStandardPaths>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "util/atomic_file.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

constexpr char kSep = '\x1f';

std::int64_t mtimeNs(const struct stat& st) {
    return std::int64_t(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

// The cache file, read incrementally: entries appended by other processes are picked up on a
// miss; a compaction (new inode) makes it read again from the start.
class CacheFile {
  public:
    explicit CacheFile(std::string path) : path_(std::move(path)) {}

    std::optional<ProbeVerdict> lookup(const std::string& key) {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end()) return it->second;
        refresh();
        if (auto it = entries_.find(key); it != entries_.end()) return it->second;
        return std::nullopt;
    }

    void store(const std::string& key, const ProbeVerdict& v) {
        std::lock_guard lock(mutex_);
        entries_[key] = v;
        std::error_code ec;
        fs::create_directories(fs::path(path_).parent_path(), ec);
        const int lockFd = ::open((path_ + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (lockFd < 0) return;
        ::flock(lockFd, LOCK_EX);
        const nlohmann::json line = {{"k", key}, {"v", toJson(v)}};
        const std::string text =
            line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        std::size_t lines = 0;
        if (fd >= 0) {
            if (::write(fd, text.data(), text.size()) != ssize_t(text.size())) {
                // A full disk: the verdict stays in memory only.
            }
            struct stat st {};
            if (::fstat(fd, &st) == 0) lines = std::size_t(st.st_size) / 160;  // rough
            ::close(fd);
        }
        if (lines > 2 * kProbeCacheEntries) compact();
        ::flock(lockFd, LOCK_UN);
        ::close(lockFd);
    }

    void forget() {
        std::lock_guard lock(mutex_);
        entries_.clear();
        offset_ = 0;
        inode_ = 0;
    }

  private:
    // Reads what was appended since the last read (everything after a compaction).
    void refresh() {
        struct stat st {};
        if (::stat(path_.c_str(), &st) != 0) return;
        if (st.st_ino != inode_ || std::uint64_t(st.st_size) < offset_) {
            entries_.clear();
            offset_ = 0;
            inode_ = st.st_ino;
        }
        if (std::uint64_t(st.st_size) == offset_) return;
        std::ifstream in(path_, std::ios::binary);
        in.seekg(std::streamoff(offset_));
        std::string line;
        while (std::getline(in, line)) {
            if (in.eof()) break;  // a line still being written: read it next time
            offset_ += line.size() + 1;
            parse(line, entries_);
        }
        if (entries_.size() > 4 * kProbeCacheEntries) entries_.clear();  // bounded
    }

    static void parse(const std::string& line,
                      std::unordered_map<std::string, ProbeVerdict>& into) {
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("k") || !j["k"].is_string() || !j.contains("v")) return;
        if (auto v = probeVerdictFromJson(j["v"])) into[j["k"].get<std::string>()] = *v;
    }

    // Keeps the newest kProbeCacheEntries distinct keys; called with the lock file held.
    void compact() {
        std::ifstream in(path_, std::ios::binary);
        std::vector<std::string> lines;
        std::string line;
        while (std::getline(in, line))
            if (!line.empty()) lines.push_back(line);
        std::unordered_map<std::string, bool> seen;
        std::vector<std::string> keep;
        for (auto it = lines.rbegin(); it != lines.rend() && keep.size() < kProbeCacheEntries;
             ++it) {
            const auto j = nlohmann::json::parse(*it, nullptr, false);
            if (!j.is_object() || !j.contains("k") || !j["k"].is_string()) continue;
            if (!seen.emplace(j["k"].get<std::string>(), true).second) continue;
            keep.push_back(*it);
        }
        std::string text;
        for (auto it = keep.rbegin(); it != keep.rend(); ++it) text += *it + "\n";
        try {
            writeFileAtomically(path_, text);
        } catch (const std::exception&) {
            // Left as it is; the next store tries again.
        }
    }

    std::string path_;
    std::mutex mutex_;
    std::unordered_map<std::string, ProbeVerdict> entries_;
    std::uint64_t offset_ = 0;
    ino_t inode_ = 0;
};

struct Registry {
    std::mutex mutex;
    std::unordered_map<std::string, ProbeVerdict> memory;
    std::vector<ProbeVerdictSource*> sources;
    std::unique_ptr<CacheFile> file;
    bool fileChecked = false;
};

Registry& registry() {
    static Registry r;
    return r;
}

CacheFile* cacheFile() {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    if (!r.fileChecked) {
        r.fileChecked = true;
        const std::string path = probeCacheFile();
        if (!path.empty()) r.file = std::make_unique<CacheFile>(path);
    }
    return r.file.get();
}

}  // namespace

std::string ProbeFileIdentity::key() const {
    return stamp + kSep + canonical + kSep + std::to_string(size) + kSep + std::to_string(mtimeNs) +
           kSep + sourceName;
}

std::optional<ProbeFileIdentity> probeIdentityOf(const std::string& gdalPath,
                                                 const std::string& sourceName,
                                                 const std::string& stamp) {
    ProbeFileIdentity id;
    id.sourceName = sourceName;
    id.stamp = stamp;
    if (gdalPath.rfind("/vsi", 0) == 0) {
        VSIStatBufL st{};
        if (VSIStatL(gdalPath.c_str(), &st) != 0) return std::nullopt;
        id.path = id.canonical = gdalPath;
        id.size = std::int64_t(st.st_size);
        id.mtimeNs = std::int64_t(st.st_mtime) * 1000000000LL;
        return id;
    }
    struct stat st {};
    if (::stat(gdalPath.c_str(), &st) != 0) return std::nullopt;
    std::error_code ec;
    id.path = fs::absolute(fs::path(gdalPath), ec).lexically_normal().string();
    if (ec) id.path = gdalPath;
    id.canonical = fs::canonical(fs::path(gdalPath), ec).string();
    if (ec) id.canonical = id.path;
    id.size = std::int64_t(st.st_size);
    id.mtimeNs = mtimeNs(st);
    return id;
}

void registerProbeVerdictSource(ProbeVerdictSource* source) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    r.sources.push_back(source);
}

void unregisterProbeVerdictSource(ProbeVerdictSource* source) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    r.sources.erase(std::remove(r.sources.begin(), r.sources.end(), source), r.sources.end());
}

std::string probeVerdictRecord(const ProbeFileIdentity& id, const ProbeVerdict& v) {
    return nlohmann::json{{"stamp", id.stamp}, {"source", id.sourceName}, {"verdict", toJson(v)}}
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<ProbeVerdict> parseProbeVerdictRecord(const std::string& text,
                                                    const std::string& stamp) {
    if (text.empty()) return std::nullopt;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("stamp") || j["stamp"] != stamp || !j.contains("verdict"))
        return std::nullopt;
    return probeVerdictFromJson(j["verdict"]);
}

std::optional<ProbeVerdict> lookupProbeVerdict(const ProbeFileIdentity& id) {
    const std::string key = id.key();
    Registry& r = registry();
    {
        std::lock_guard lock(r.mutex);
        if (auto it = r.memory.find(key); it != r.memory.end()) return it->second;
        for (ProbeVerdictSource* s : r.sources)
            if (auto v = s->lookupProbeVerdict(id)) {
                r.memory[key] = *v;
                return v;
            }
    }
    if (CacheFile* file = cacheFile())
        if (auto v = file->lookup(key)) {
            std::lock_guard lock(r.mutex);
            r.memory[key] = *v;
            return v;
        }
    return std::nullopt;
}

void storeProbeVerdict(const ProbeFileIdentity& id, const ProbeVerdict& v, bool memoryOnly) {
    if (v.status == ProbeStatus::Unavailable) return;
    const std::string key = id.key();
    Registry& r = registry();
    {
        std::lock_guard lock(r.mutex);
        if (r.memory.size() > 4 * kProbeCacheEntries) r.memory.clear();  // bounded
        r.memory[key] = v;
        if (memoryOnly || !v.persistent()) return;
        for (ProbeVerdictSource* s : r.sources)
            if (s->storeProbeVerdict(id, v)) return;
    }
    if (CacheFile* file = cacheFile()) file->store(key, v);
}

void forgetProbeVerdicts() {
    Registry& r = registry();
    {
        std::lock_guard lock(r.mutex);
        r.memory.clear();
    }
    if (CacheFile* file = cacheFile()) file->forget();
}

std::string probeCacheFile() {
    const QString env = qEnvironmentVariable("TESSERA_PROBE_CACHE");
    if (env == QStringLiteral("off") || env == QStringLiteral("0")) return {};
    if (!env.isEmpty()) return env.toStdString();
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (base.isEmpty()) base = QDir::homePath() + QStringLiteral("/.cache");
    return (base + QStringLiteral("/tessera/probe-verdicts")).toStdString();
}

}  // namespace tessera
