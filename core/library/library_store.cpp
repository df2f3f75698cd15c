#include "library/library_store.h"

#include <chrono>
#include <filesystem>

#include "library/library_db.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

std::int64_t nowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const char* kImageColumns =
    "id, folder_id, path, name, base_name, size, mtime, width, height, bands, dtype, format, "
    "reader, geospatial, crs, geo_transform, last_sync, state, error, thumbnail IS NOT NULL, "
    "probe";

LibraryImage readImage(const LibraryStatement& st) {
    LibraryImage r;
    r.id = st.int64(0);
    r.folderId = st.int64(1);
    r.path = st.text(2);
    r.name = st.text(3);
    r.baseName = st.text(4);
    r.size = st.int64(5);
    r.mtime = st.int64(6);
    r.width = int(st.int64(7));
    r.height = int(st.int64(8));
    r.bands = int(st.int64(9));
    r.dtype = st.text(10);
    r.format = st.text(11);
    r.reader = st.text(12);
    r.geospatial = st.int64(13) != 0;
    r.crs = st.text(14);
    r.geoTransform = st.text(15);
    r.lastSync = st.int64(16);
    r.state = st.text(17);
    r.error = st.text(18);
    r.hasThumbnail = st.int64(19) != 0;
    r.probe = st.text(20);
    return r;
}

LibraryFolder readFolder(const LibraryStatement& st) {
    LibraryFolder f;
    f.id = st.int64(0);
    f.uri = st.text(1);
    f.managed = st.int64(2) != 0;
    f.addedAt = st.int64(3);
    f.lastSync = st.int64(4);
    f.syncState = st.text(5);
    f.syncError = st.text(6);
    return f;
}

const char* kFolderColumns = "id, uri, managed, added_at, last_sync, sync_state, sync_error";

std::string likePattern(const std::string& s) {
    std::string out = "%";
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

// WHERE clause and its bound values for a query.
struct Where {
    std::string sql;
    std::vector<std::string> texts;  // bound in order as text or integers (see kinds)
    std::vector<std::int64_t> ints;
    std::vector<char> kinds;  // 't' or 'i'
    void add(const std::string& clause) { sql += (sql.empty() ? " WHERE " : " AND ") + clause; }
    void text(const std::string& v) {
        texts.push_back(v);
        kinds.push_back('t');
    }
    void integer(std::int64_t v) {
        ints.push_back(v);
        kinds.push_back('i');
    }
    void bind(LibraryStatement& st) const {
        std::size_t t = 0, i = 0;
        for (std::size_t k = 0; k < kinds.size(); ++k) {
            if (kinds[k] == 't')
                st.bind(int(k + 1), texts[t++]);
            else
                st.bind(int(k + 1), ints[i++]);
        }
    }
};

Where whereFor(const LibraryQuery& q) {
    Where w;
    if (!q.search.empty()) {
        w.add("(name LIKE ? ESCAPE '\\' OR path LIKE ? ESCAPE '\\')");
        w.text(likePattern(q.search));
        w.text(likePattern(q.search));
    }
    if (!q.format.empty()) {
        w.add("format = ? COLLATE NOCASE");
        w.text(q.format);
    }
    if (q.geospatial) {
        w.add("geospatial = ?");
        w.integer(*q.geospatial ? 1 : 0);
    }
    if (q.minSize) {
        w.add("size >= ?");
        w.integer(*q.minSize);
    }
    if (q.maxSize) {
        w.add("size <= ?");
        w.integer(*q.maxSize);
    }
    if (q.folderId) {
        w.add("folder_id = ?");
        w.integer(*q.folderId);
    }
    if (q.state) {
        w.add("state = ?");
        w.text(*q.state);
    }
    return w;
}

bool isAllDigits(const std::string& s) {
    if (s.empty() || s.size() > 18) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

LibraryStore::LibraryStore(const std::string& dbPath)
    : path_(dbPath), db_(std::make_unique<LibraryDb>(dbPath)) {
    registerProbeVerdictSource(this);
}

LibraryStore::~LibraryStore() {
    unregisterProbeVerdictSource(this);
}

std::int64_t LibraryStore::addFolder(const std::string& uri, bool managed) {
    std::string key = uri;
    if (key.rfind("s3://", 0) == 0 || key.rfind("/vsis3/", 0) == 0) {
        if (key.rfind("/vsis3/", 0) == 0) key = "s3://" + key.substr(7);
        while (key.size() > 5 && key.back() == '/') key.pop_back();
        if (key.size() <= 5)
            fail(ErrorKind::BadRequest, trc("Library", "An S3 folder needs a bucket name."));
    } else {
        std::error_code ec;
        auto p = std::filesystem::absolute(uri, ec).lexically_normal();
        if (!std::filesystem::is_directory(p, ec))
            fail(ErrorKind::NotFound, trf("Library", "%1 is not a folder.", uri));
        key = p.string();
        while (key.size() > 1 && key.back() == '/') key.pop_back();
    }
    std::lock_guard lock(mutex_);
    auto find = db_->prepare("SELECT id FROM folders WHERE uri = ?");
    find.bind(1, key);
    if (find.step()) {
        const auto id = find.int64(0);
        if (managed) {
            auto up = db_->prepare("UPDATE folders SET managed = 1 WHERE id = ?");
            up.bind(1, id).run();
        }
        return id;
    }
    auto ins = db_->prepare("INSERT INTO folders(uri, managed, added_at) VALUES (?, ?, ?)");
    ins.bind(1, key).bind(2, managed ? 1 : 0).bind(3, nowSeconds()).run();
    return db_->lastInsertId();
}

bool LibraryStore::removeFolder(std::int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare("DELETE FROM folders WHERE id = ?");
    st.bind(1, id).run();
    return db_->changes() > 0;
}

std::vector<LibraryFolder> LibraryStore::folders() {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare(std::string("SELECT ") + kFolderColumns + " FROM folders ORDER BY id");
    std::vector<LibraryFolder> out;
    while (st.step()) out.push_back(readFolder(st));
    return out;
}

std::optional<LibraryFolder> LibraryStore::folder(std::int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare(std::string("SELECT ") + kFolderColumns + " FROM folders WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readFolder(st);
}

void LibraryStore::setFolderSyncState(std::int64_t id, const std::string& state,
                                      const std::string& error, bool completed) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare(
        "UPDATE folders SET sync_state = ?1, sync_error = ?2, "
        "last_sync = CASE WHEN ?5 THEN ?3 ELSE last_sync END WHERE id = ?4");
    st.bind(5, completed ? 1 : 0);
    st.bind(1, state).bind(2, error).bind(3, nowSeconds()).bind(4, id).run();
}

std::vector<LibraryImage> LibraryStore::images(const LibraryQuery& query) {
    const Where w = whereFor(query);
    std::string sql = std::string("SELECT ") + kImageColumns + " FROM images" + w.sql +
                      " ORDER BY name COLLATE NOCASE, id";
    if (query.limit > 0)
        sql += " LIMIT " + std::to_string(query.limit) + " OFFSET " +
               std::to_string(std::max(0, query.offset));
    std::lock_guard lock(mutex_);
    auto st = db_->prepare(sql);
    w.bind(st);
    std::vector<LibraryImage> out;
    while (st.step()) out.push_back(readImage(st));
    return out;
}

std::int64_t LibraryStore::count(const LibraryQuery& query) {
    const Where w = whereFor(query);
    std::lock_guard lock(mutex_);
    auto st = db_->prepare("SELECT COUNT(*) FROM images" + w.sql);
    w.bind(st);
    return st.step() ? st.int64(0) : 0;
}

std::optional<LibraryImage> LibraryStore::image(std::int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare(std::string("SELECT ") + kImageColumns + " FROM images WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readImage(st);
}

std::optional<LibraryImage> LibraryStore::imageByPath(const std::string& path) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare(std::string("SELECT ") + kImageColumns + " FROM images WHERE path = ?");
    st.bind(1, path);
    if (!st.step()) return std::nullopt;
    return readImage(st);
}

std::optional<LibraryImage> LibraryStore::find(const std::string& idOrName) {
    if (isAllDigits(idOrName))
        if (auto r = image(std::stoll(idOrName))) return r;
    std::lock_guard lock(mutex_);
    for (const char* column : {"base_name", "name"}) {
        auto st = db_->prepare(std::string("SELECT ") + kImageColumns + " FROM images WHERE " +
                               column + " = ? ORDER BY id LIMIT 1");
        st.bind(1, idOrName);
        if (st.step()) return readImage(st);
    }
    return std::nullopt;
}

std::vector<std::string> LibraryStore::formats() {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare(
        "SELECT DISTINCT format FROM images WHERE format != '' ORDER BY format COLLATE NOCASE");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}

std::map<std::string, LibraryStore::Known> LibraryStore::knownFiles(std::int64_t folderId) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare("SELECT path, size, mtime, state FROM images WHERE folder_id = ?");
    st.bind(1, folderId);
    std::map<std::string, Known> out;
    while (st.step()) out[st.text(0)] = Known{st.int64(1), st.int64(2), st.text(3)};
    return out;
}

void LibraryStore::upsert(std::vector<LibraryImage>& records) {
    if (records.empty()) return;
    std::lock_guard lock(mutex_);
    LibraryTransaction tx(*db_);
    auto st = db_->prepare(
        "INSERT INTO images(folder_id, path, name, base_name, size, mtime, width, height, bands, "
        "dtype, format, reader, geospatial, crs, geo_transform, last_sync, state, error, probe) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19) "
        "ON CONFLICT(path) DO UPDATE SET folder_id = excluded.folder_id, name = excluded.name, "
        "base_name = excluded.base_name, width = excluded.width, height = excluded.height, "
        "bands = excluded.bands, dtype = excluded.dtype, format = excluded.format, "
        "reader = excluded.reader, geospatial = excluded.geospatial, crs = excluded.crs, "
        "geo_transform = excluded.geo_transform, last_sync = excluded.last_sync, "
        "state = excluded.state, error = excluded.error, probe = excluded.probe, "
        "thumbnail = CASE WHEN size = excluded.size AND mtime = excluded.mtime "
        "  AND excluded.state = 'ok' THEN thumbnail ELSE NULL END, "
        "thumbnail_type = CASE WHEN size = excluded.size AND mtime = excluded.mtime "
        "  AND excluded.state = 'ok' THEN thumbnail_type ELSE '' END, "
        "size = excluded.size, mtime = excluded.mtime");
    auto idOf = db_->prepare("SELECT id FROM images WHERE path = ?");
    for (auto& r : records) {
        st.bind(1, r.folderId)
            .bind(2, r.path)
            .bind(3, r.name)
            .bind(4, r.baseName)
            .bind(5, r.size)
            .bind(6, r.mtime)
            .bind(7, r.width)
            .bind(8, r.height)
            .bind(9, r.bands)
            .bind(10, r.dtype)
            .bind(11, r.format)
            .bind(12, r.reader)
            .bind(13, r.geospatial ? 1 : 0)
            .bind(14, r.crs)
            .bind(15, r.geoTransform)
            .bind(16, r.lastSync ? r.lastSync : nowSeconds())
            .bind(17, r.state)
            .bind(18, r.error)
            .bind(19, r.probe)
            .run();
        idOf.bind(1, r.path);
        if (idOf.step()) r.id = idOf.int64(0);
        idOf.reset();
    }
    tx.commit();
}

int LibraryStore::removePaths(const std::vector<std::string>& paths) {
    if (paths.empty()) return 0;
    std::lock_guard lock(mutex_);
    LibraryTransaction tx(*db_);
    auto st = db_->prepare("DELETE FROM images WHERE path = ?");
    int removed = 0;
    for (const auto& p : paths) {
        st.bind(1, p).run();
        removed += db_->changes();
    }
    tx.commit();
    return removed;
}

void LibraryStore::setThumbnail(std::int64_t imageId, const LibraryThumbnail& thumbnail) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare("UPDATE images SET thumbnail = ?, thumbnail_type = ? WHERE id = ?");
    st.bindBlob(1, thumbnail.bytes).bind(2, thumbnail.mimeType).bind(3, imageId).run();
}

std::optional<LibraryThumbnail> LibraryStore::thumbnail(std::int64_t imageId) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare(
        "SELECT thumbnail, thumbnail_type FROM images WHERE id = ? AND thumbnail IS NOT NULL");
    st.bind(1, imageId);
    if (!st.step()) return std::nullopt;
    return LibraryThumbnail{st.blob(0), st.text(1)};
}

std::vector<std::int64_t> LibraryStore::imagesWithoutThumbnail() {
    std::lock_guard lock(mutex_);
    auto st =
        db_->prepare("SELECT id FROM images WHERE thumbnail IS NULL AND state = 'ok' ORDER BY id");
    std::vector<std::int64_t> out;
    while (st.step()) out.push_back(st.int64(0));
    return out;
}

std::optional<std::string> LibraryStore::setting(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

void LibraryStore::setSetting(const std::string& key, const std::string& value) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
}

int LibraryStore::syncIntervalMinutes() {
    const auto v = setting("sync_interval_minutes");
    if (!v) return 0;
    try {
        return std::max(0, std::stoi(*v));
    } catch (const std::exception&) {
        return 0;
    }
}

void LibraryStore::setSyncIntervalMinutes(int minutes) {
    setSetting("sync_interval_minutes", std::to_string(std::max(0, minutes)));
}

std::string LibraryStore::managedFolderPath() {
    if (auto v = setting("managed_folder"); v && !v->empty()) return *v;
    std::error_code ec;
    auto dir = std::filesystem::absolute(path_, ec).parent_path() / "managed";
    return dir.lexically_normal().string();
}

std::string LibraryStore::integrityCheck() {
    std::lock_guard lock(mutex_);
    return db_->integrityCheck();
}

std::optional<ProbeVerdict> LibraryStore::lookupProbeVerdict(const ProbeFileIdentity& id) {
    std::lock_guard lock(mutex_);
    auto st = db_->prepare("SELECT probe FROM images WHERE path = ? AND size = ? AND mtime = ?");
    st.bind(1, id.path).bind(2, id.size).bind(3, id.mtimeNs);
    if (!st.step()) return std::nullopt;
    const auto v = parseProbeVerdictRecord(st.text(0), id.stamp);
    // A record made for another forced reader is not this one's verdict.
    if (!v || !id.sourceName.empty()) return std::nullopt;
    return v;
}

bool LibraryStore::storeProbeVerdict(const ProbeFileIdentity& id, const ProbeVerdict& v) {
    if (!id.sourceName.empty()) return false;  // the library opens with auto-detection only
    std::lock_guard lock(mutex_);
    auto st = db_->prepare("UPDATE images SET probe = ? WHERE path = ? AND size = ? AND mtime = ?");
    st.bind(1, probeVerdictRecord(id, v)).bind(2, id.path).bind(3, id.size).bind(4, id.mtimeNs);
    st.run();
    return db_->changes() > 0;
}

nlohmann::json toJson(const LibraryImage& r) {
    nlohmann::json j = {{"id", r.id},
                        {"folderId", r.folderId},
                        {"path", r.path},
                        {"name", r.name},
                        {"baseName", r.baseName},
                        {"size", r.size},
                        {"mtime", r.mtime / 1000000000LL},
                        {"sizeX", r.width},
                        {"sizeY", r.height},
                        {"bands", r.bands},
                        {"dtype", r.dtype},
                        {"format", r.format},
                        {"reader", r.reader},
                        {"geospatial", r.geospatial},
                        {"lastSync", r.lastSync},
                        {"state", r.state},
                        {"thumbnail", r.hasThumbnail}};
    if (!r.error.empty()) j["error"] = r.error;
    if (r.geospatial) {
        j["crs"] = r.crs;
        const auto gt = nlohmann::json::parse(r.geoTransform, nullptr, false);
        if (!gt.is_discarded()) j["geoTransform"] = gt;
    }
    return j;
}

nlohmann::json toJson(const LibraryFolder& f) {
    nlohmann::json j = {
        {"id", f.id},           {"uri", f.uri},           {"managed", f.managed},
        {"addedAt", f.addedAt}, {"lastSync", f.lastSync}, {"syncState", f.syncState}};
    if (!f.syncError.empty()) j["syncError"] = f.syncError;
    return j;
}

}  // namespace tessera
