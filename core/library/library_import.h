// Library import: copies or moves image files into the library's managed folder (written under a
// temporary name and renamed into place, so a half-copied file never appears) and records them.
// Thread safety: plain functions; run them on a worker thread (the store is thread-safe).
#pragma once

#include <string>

#include "library/library_store.h"
#include "library/library_sync.h"

namespace tessera {

enum class ImportMode { Copy, Move };

// Imports one local file; returns its record. A name already taken in the managed folder gets
// a " (2)", " (3)", ... suffix. Throws Error(NotFound) for a missing file, Error(Unsupported) for
// a file without an image extension, Error(IO) when copying fails (nothing is left behind).
LibraryImage importLibraryFile(LibraryStore& store, const std::string& file, ImportMode mode,
                               const LibrarySyncOptions& options = {});

}  // namespace tessera
