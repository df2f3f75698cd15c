#include "library/library_db.h"

#include <sqlite3.h>

#include <QStandardPaths>
#include <cstdlib>
#include <filesystem>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

// ---- statement ----

LibraryStatement::LibraryStatement(LibraryDb& db, const std::string& sql) : db_(&db) {
    if (sqlite3_prepare_v2(db.handle(), sql.c_str(), int(sql.size()), &stmt_, nullptr) != SQLITE_OK)
        db.raise(sql);
}

LibraryStatement::~LibraryStatement() {
    if (stmt_) sqlite3_finalize(stmt_);
}

LibraryStatement::LibraryStatement(LibraryStatement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

LibraryStatement& LibraryStatement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) db_->raise("bind");
    return *this;
}

LibraryStatement& LibraryStatement::bind(int index, double value) {
    if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) db_->raise("bind");
    return *this;
}

LibraryStatement& LibraryStatement::bind(int index, const std::string& value) {
    if (sqlite3_bind_text(stmt_, index, value.data(), int(value.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
        db_->raise("bind");
    return *this;
}

LibraryStatement& LibraryStatement::bindBlob(int index, const std::vector<std::uint8_t>& value) {
    if (sqlite3_bind_blob(stmt_, index, value.data(), int(value.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
        db_->raise("bind");
    return *this;
}

LibraryStatement& LibraryStatement::bindNull(int index) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) db_->raise("bind");
    return *this;
}

bool LibraryStatement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_->raise(sqlite3_sql(stmt_));
}

void LibraryStatement::run() {
    while (step()) {
    }
    reset();
}

void LibraryStatement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool LibraryStatement::isNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t LibraryStatement::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double LibraryStatement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string LibraryStatement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), std::size_t(n)) : std::string();
}

std::vector<std::uint8_t> LibraryStatement::blob(int column) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>();
}

// ---- transaction ----

LibraryTransaction::LibraryTransaction(LibraryDb& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

LibraryTransaction::~LibraryTransaction() {
    if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void LibraryTransaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

// ---- connection ----

namespace {

// Version 1: folders, images (with their thumbnails), settings.
const char* kSchemaV1 = R"sql(
CREATE TABLE folders (
    id INTEGER PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    managed INTEGER NOT NULL DEFAULT 0,
    added_at INTEGER NOT NULL DEFAULT 0,
    last_sync INTEGER NOT NULL DEFAULT 0,
    sync_state TEXT NOT NULL DEFAULT 'new',
    sync_error TEXT NOT NULL DEFAULT ''
);
CREATE TABLE images (
    id INTEGER PRIMARY KEY,
    folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    base_name TEXT NOT NULL,
    size INTEGER NOT NULL DEFAULT 0,
    mtime INTEGER NOT NULL DEFAULT 0,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    bands INTEGER NOT NULL DEFAULT 0,
    dtype TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    reader TEXT NOT NULL DEFAULT '',
    geospatial INTEGER NOT NULL DEFAULT 0,
    crs TEXT NOT NULL DEFAULT '',
    geo_transform TEXT NOT NULL DEFAULT '',
    last_sync INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'ok',
    error TEXT NOT NULL DEFAULT '',
    thumbnail BLOB,
    thumbnail_type TEXT NOT NULL DEFAULT ''
);
CREATE INDEX images_folder ON images(folder_id);
CREATE INDEX images_base_name ON images(base_name);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql";

// Version 2: the probe verdict of each image (probe/probe_cache.h record text, "" = none).
const char* kSchemaV2 = R"sql(
ALTER TABLE images ADD COLUMN probe TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace

LibraryDb::LibraryDb(const std::string& path) : path_(path) {
    std::error_code ec;
    const auto dir = std::filesystem::path(path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        if (db_) sqlite3_close(db_);
        db_ = nullptr;
        fail(ErrorKind::IO, trf("Library", "Cannot open the library %1: %2", path, msg));
    }
    try {
        sqlite3_busy_timeout(db_, 15000);
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=NORMAL");
        exec("PRAGMA foreign_keys=ON");
        migrate();
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

LibraryDb::~LibraryDb() {
    if (db_) sqlite3_close_v2(db_);
}

void LibraryDb::raise(const std::string& what) const {
    fail(ErrorKind::IO,
         trf("Library", "Library database error (%1): %2", what, std::string(sqlite3_errmsg(db_))));
}

void LibraryDb::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        fail(ErrorKind::IO, trf("Library", "Library database error (%1): %2", sql, msg));
    }
}

int LibraryDb::userVersion() {
    auto st = prepare("PRAGMA user_version");
    return st.step() ? int(st.int64(0)) : 0;
}

std::string LibraryDb::integrityCheck() {
    auto st = prepare("PRAGMA integrity_check");
    std::string out;
    while (st.step()) {
        if (!out.empty()) out += '\n';
        out += st.text(0);
    }
    return out;
}

std::int64_t LibraryDb::lastInsertId() const {
    return sqlite3_last_insert_rowid(db_);
}

int LibraryDb::changes() const {
    return sqlite3_changes(db_);
}

void LibraryDb::migrate() {
    const int version = userVersion();
    if (version > kSchemaVersion)
        fail(ErrorKind::Unsupported,
             trf("Library", "The library %1 was written by a newer Tessera (schema %2).", path_,
                 std::to_string(version)));
    if (version == kSchemaVersion) return;
    LibraryTransaction tx(*this);
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const int current = userVersion();
    if (current < 1) exec(kSchemaV1);
    if (current < 2) exec(kSchemaV2);
    // Later versions: if (current < 3) exec(kSchemaV3); ...
    if (current < kSchemaVersion) exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
    tx.commit();
}

std::string LibraryDb::defaultPath() {
    if (const char* env = std::getenv("TESSERA_LIBRARY"); env && *env) return env;
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty()) base = QStringLiteral(".");
    return (base + QStringLiteral("/tessera/library.sqlite")).toStdString();
}

}  // namespace tessera
