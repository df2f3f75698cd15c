// Library sync: scans a folder (local directory via std::filesystem, or an S3 prefix via GDAL's
// /vsis3/) and brings its image records up to date — new files are opened for their metadata and
// recorded, changed ones (size or mtime) re-read, unchanged ones left alone, and records of files
// that are gone removed (only after a complete listing). Records are committed in small batches,
// so a killed sync loses at most the current batch. Also the thumbnail pre-cache.
// Thread safety: plain functions; run them on a worker thread. The store is thread-safe; the
// progress callback is called on the calling thread; cancel may be set from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "library/library_store.h"

namespace tessera {

class Engine;

struct LibrarySyncProgress {
    std::int64_t folderId = 0;
    std::size_t done = 0;   // files looked at so far in this folder
    std::size_t total = 0;  // files listed in this folder
    std::string current;    // the file being looked at
};

struct LibrarySyncOptions {
    std::function<void(const LibrarySyncProgress&)> progress{};
    const std::atomic<bool>* cancel = nullptr;
    // Records per transaction.
    int batchSize = 16;
    // Engine for thumbnails made while syncing (null: no thumbnails; pre-cache them later).
    Engine* engine = nullptr;
    int thumbnailSize = 256;
};

struct LibrarySyncResult {
    int listed = 0;
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int removed = 0;
    int failed = 0;        // recorded with state "error"
    bool complete = true;  // every folder listed and every file looked at
    bool cancelled = false;
    std::vector<std::string> folderErrors;  // folders that could not be listed
};

// True for a file name with an image extension Tessera reads (.tif, .png, .fits, .svs, ...).
bool isLibraryImageName(const std::string& name);

// Syncs one folder; throws Error(NotFound) for an unknown folder id. A folder that cannot be
// listed is marked "error" (its records are kept) and reported in folderErrors.
LibrarySyncResult syncLibraryFolder(LibraryStore& store, std::int64_t folderId,
                                    const LibrarySyncOptions& options = {});
// Syncs every folder in turn.
LibrarySyncResult syncLibrary(LibraryStore& store, const LibrarySyncOptions& options = {});

// Reads one file and records it in folderId (used by sync and import); returns the record.
LibraryImage recordLibraryFile(LibraryStore& store, std::int64_t folderId, const std::string& path,
                               const LibrarySyncOptions& options = {});

// Makes the stored thumbnail (JPEG, at most size×size) of one image; false when it failed.
bool makeLibraryThumbnail(LibraryStore& store, Engine& engine, const LibraryImage& image,
                          int size = 256);
// Makes the missing thumbnails; returns how many were made. progress(done, total).
int precacheLibraryThumbnails(LibraryStore& store, Engine& engine,
                              const std::function<void(std::size_t, std::size_t)>& progress = {},
                              const std::atomic<bool>* cancel = nullptr, int size = 256);

}  // namespace tessera
