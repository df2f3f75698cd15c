// LibraryStore: the image library's records — folders (local directories or S3 prefixes),
// images (path, size, mtime, dimensions, format, georeferencing, last sync, state/error, probe
// verdict, thumbnail), settings — and the queries with search and filters that the CLI, server
// and viewer run. While open, a store is where the crash-isolated probe keeps and finds the
// verdicts of the files it records (a ProbeVerdictSource, registered for its lifetime).
// Thread safety: every member may be called from any thread (one mutex around this store's own
// connection); several stores (threads, processes) may share the file.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "probe/probe_cache.h"

namespace tessera {

class LibraryDb;

struct LibraryFolder {
    std::int64_t id = 0;
    std::string uri;       // absolute local directory or "s3://bucket/prefix"
    bool managed = false;  // the import target folder
    std::int64_t addedAt = 0;
    std::int64_t lastSync = 0;  // unix seconds of the last complete sync, 0 = never
    std::string syncState;      // "new", "syncing", "ok", "error", "cancelled"
    std::string syncError;
};

struct LibraryImage {
    std::int64_t id = 0;
    std::int64_t folderId = 0;
    std::string path;      // local absolute path or s3:// URL: what openSource() takes
    std::string name;      // file name
    std::string baseName;  // file name without extension (server lookup key)
    std::int64_t size = 0;
    std::int64_t mtime = 0;  // modification time, nanoseconds since the epoch
    int width = 0;
    int height = 0;
    int bands = 0;
    std::string dtype;   // "uint8", "float32", ...
    std::string format;  // driver / reader name: "GTiff", "PNG", "JPEG", "FITS", ...
    std::string reader;  // "gdal", "tiff", "fits"
    bool geospatial = false;
    std::string crs;           // WKT of the native CRS ("" when not georeferenced)
    std::string geoTransform;  // JSON array of the six GDAL coefficients
    std::int64_t lastSync = 0;
    std::string state = "ok";  // "ok" or "error"
    std::string error;         // why the file could not be read (state "error")
    // The crash-isolated probe's verdict for this size and mtime (probe/probe_cache.h record
    // text; "" = not probed).
    std::string probe;
    bool hasThumbnail = false;
};

struct LibraryQuery {
    std::string search;  // substring of the name or path (case-insensitive)
    std::string format;  // exact format, case-insensitive ("" = any)
    std::optional<bool> geospatial;
    std::optional<std::int64_t> minSize;  // bytes
    std::optional<std::int64_t> maxSize;
    std::optional<std::int64_t> folderId;
    std::optional<std::string> state;  // "ok" / "error"
    int limit = 0;                     // 0 = all
    int offset = 0;
};

struct LibraryThumbnail {
    std::vector<std::uint8_t> bytes;
    std::string mimeType;
};

class LibraryStore final : public ProbeVerdictSource {
  public:
    // Opens (creates) the library file; see LibraryDb.
    explicit LibraryStore(const std::string& dbPath);
    ~LibraryStore() override;
    LibraryStore(const LibraryStore&) = delete;
    LibraryStore& operator=(const LibraryStore&) = delete;

    const std::string& path() const noexcept { return path_; }

    // Adds a folder (local paths are made absolute and must be directories; "s3://bucket/prefix"
    // is kept as given). Returns the existing id when the folder is already there.
    std::int64_t addFolder(const std::string& uri, bool managed = false);
    // Removes a folder and its image records; false when unknown.
    bool removeFolder(std::int64_t id);
    std::vector<LibraryFolder> folders();
    std::optional<LibraryFolder> folder(std::int64_t id);
    void setFolderSyncState(std::int64_t id, const std::string& state, const std::string& error,
                            bool completed);

    std::vector<LibraryImage> images(const LibraryQuery& query = {});
    std::int64_t count(const LibraryQuery& query = {});
    std::optional<LibraryImage> image(std::int64_t id);
    std::optional<LibraryImage> imageByPath(const std::string& path);
    // A numeric library id, else a file base name ("c" for ".../c.tif"), else a file name.
    std::optional<LibraryImage> find(const std::string& idOrName);
    // Distinct formats of the recorded images, sorted.
    std::vector<std::string> formats();

    // path -> (size, mtime, state) of the records of one folder.
    struct Known {
        std::int64_t size = 0, mtime = 0;
        std::string state;
    };
    std::map<std::string, Known> knownFiles(std::int64_t folderId);
    // Inserts or updates records (matched by path) in one transaction; fills in the ids. A
    // record whose size or mtime changed loses its thumbnail.
    void upsert(std::vector<LibraryImage>& records);
    // Removes the records of these paths in one transaction; returns how many went.
    int removePaths(const std::vector<std::string>& paths);

    void setThumbnail(std::int64_t imageId, const LibraryThumbnail& thumbnail);
    std::optional<LibraryThumbnail> thumbnail(std::int64_t imageId);
    // Ids of readable images without a thumbnail.
    std::vector<std::int64_t> imagesWithoutThumbnail();

    std::optional<std::string> setting(const std::string& key);
    void setSetting(const std::string& key, const std::string& value);
    // Minutes between scheduled re-syncs (setting "sync_interval_minutes"), 0 = off.
    int syncIntervalMinutes();
    void setSyncIntervalMinutes(int minutes);
    // The folder imports go to: setting "managed_folder", else "managed" next to the database.
    std::string managedFolderPath();

    std::string integrityCheck();

    // ProbeVerdictSource: the verdict of a recorded image with this path, size and mtime.
    std::optional<ProbeVerdict> lookupProbeVerdict(const ProbeFileIdentity& id) override;
    bool storeProbeVerdict(const ProbeFileIdentity& id, const ProbeVerdict& v) override;

  private:
    std::string path_;
    std::mutex mutex_;
    std::unique_ptr<LibraryDb> db_;
};

// JSON of a record for the CLI and the server ({id, path, name, size, ..., thumbnail: bool}).
nlohmann::json toJson(const LibraryImage& image);
nlohmann::json toJson(const LibraryFolder& folder);

}  // namespace tessera
