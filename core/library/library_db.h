// LibraryDb: one SQLite connection to the image library file — schema with user_version
// migrations, WAL journal, busy timeout — plus small RAII wrappers (Statement, Transaction) over
// the sqlite3 C API. Thread safety: a LibraryDb and its statements belong to one thread at a
// time (callers serialise, LibraryStore does with a mutex); other connections may use the same
// file concurrently (WAL readers never block the writer; writers wait up to the busy timeout).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tessera {

class LibraryDb;

// A prepared statement. Bind indexes are 1-based, column indexes 0-based.
class LibraryStatement {
  public:
    LibraryStatement(LibraryDb& db, const std::string& sql);
    ~LibraryStatement();
    LibraryStatement(const LibraryStatement&) = delete;
    LibraryStatement& operator=(const LibraryStatement&) = delete;
    LibraryStatement(LibraryStatement&& other) noexcept;

    LibraryStatement& bind(int index, std::int64_t value);
    LibraryStatement& bind(int index, int value) { return bind(index, std::int64_t(value)); }
    LibraryStatement& bind(int index, double value);
    LibraryStatement& bind(int index, const std::string& value);
    LibraryStatement& bind(int index, const char* value) { return bind(index, std::string(value)); }
    LibraryStatement& bindBlob(int index, const std::vector<std::uint8_t>& value);
    LibraryStatement& bindNull(int index);

    // Runs one step: true when a row is available, false when done. Throws Error(IO).
    bool step();
    // Runs to completion (for statements without results).
    void run();
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::vector<std::uint8_t> blob(int column) const;

  private:
    LibraryDb* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolled back by the destructor unless commit() ran.
class LibraryTransaction {
  public:
    explicit LibraryTransaction(LibraryDb& db);
    ~LibraryTransaction();
    LibraryTransaction(const LibraryTransaction&) = delete;
    LibraryTransaction& operator=(const LibraryTransaction&) = delete;
    void commit();

  private:
    LibraryDb& db_;
    bool done_ = false;
};

class LibraryDb {
  public:
    // The schema version this build writes (PRAGMA user_version).
    // 2: images.probe, the crash-isolated probe's verdict for the recorded size and mtime.
    static constexpr int kSchemaVersion = 2;

    // Opens (creating the file and its directory when missing) and migrates the schema. Throws
    // Error(IO) when the file cannot be opened, Error(Unsupported) when it was written by a newer
    // Tessera (user_version above kSchemaVersion).
    explicit LibraryDb(const std::string& path);
    ~LibraryDb();
    LibraryDb(const LibraryDb&) = delete;
    LibraryDb& operator=(const LibraryDb&) = delete;

    const std::string& path() const noexcept { return path_; }
    sqlite3* handle() const noexcept { return db_; }

    void exec(const std::string& sql);
    LibraryStatement prepare(const std::string& sql) { return LibraryStatement(*this, sql); }
    int userVersion();
    // PRAGMA integrity_check: "ok" or the problems found.
    std::string integrityCheck();
    std::int64_t lastInsertId() const;
    int changes() const;

    // Throws Error(IO) with the connection's error message for a failed call.
    [[noreturn]] void raise(const std::string& what) const;

    // The library file: env TESSERA_LIBRARY, else $XDG_DATA_HOME/tessera/library.sqlite
    // (QStandardPaths::GenericDataLocation + "/tessera").
    static std::string defaultPath();

  private:
    void migrate();
    std::string path_;
    sqlite3* db_ = nullptr;
};

}  // namespace tessera
