// Library work as jobs for the JobQueue (jobs/job_queue.h): re-sync (all folders or one),
// import, and the thumbnail pre-cache, with progress and cooperative cancel.
// Thread safety: the returned specs run on a queue worker; the store is thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jobs/job.h"
#include "library/library_import.h"
#include "library/library_store.h"
#include "library/library_sync.h"

namespace tessera {

// The queue ends a job's message with "Done": when summary is given, it receives the outcome
// for people ("3 added, ..."), to read once the job finished.

// Sync of one folder (folderId) or of every folder. When result is given it receives the
// counts.
JobSpec librarySyncJob(std::shared_ptr<LibraryStore> store,
                       std::optional<std::int64_t> folderId = std::nullopt,
                       std::shared_ptr<std::string> summary = nullptr,
                       std::shared_ptr<LibrarySyncResult> result = nullptr);
JobSpec libraryImportJob(std::shared_ptr<LibraryStore> store, std::vector<std::string> files,
                         ImportMode mode, std::shared_ptr<std::string> summary = nullptr);
JobSpec libraryThumbnailJob(std::shared_ptr<LibraryStore> store, int size = 256,
                            std::shared_ptr<std::string> summary = nullptr);

// "3 added, 1 updated, 0 removed, 12 unchanged" (+ unreadable, cancelled, folder errors).
std::string librarySyncSummary(const LibrarySyncResult& result);

}  // namespace tessera
