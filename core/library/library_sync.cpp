#include "library/library_sync.h"

#include <sys/stat.h>

#include <cpl_error.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <set>

#include "probe/probe.h"
#include "raster/datatype.h"
#include "service/engine.h"
#include "source/gdal_env.h"
#include "source/open_source.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

struct ListedFile {
    std::string path;  // what openSource takes: absolute local path or s3:// URL
    std::int64_t size = 0;
    std::int64_t mtime = 0;  // nanoseconds since the epoch
};

bool isCancelled(const LibrarySyncOptions& o) {
    return o.cancel && o.cancel->load(std::memory_order_relaxed);
}

std::string fileName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string baseNameOf(const std::string& name) {
    const auto dot = name.find('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

bool isS3(const std::string& uri) {
    return uri.rfind("s3://", 0) == 0;
}

std::int64_t statMtimeNs(const struct stat& st) {
    return std::int64_t(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

// Lists a local directory recursively; throws Error(IO/NotFound) when it cannot be listed.
std::vector<ListedFile> listLocal(const std::string& dir, const LibrarySyncOptions& options) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        fail(ErrorKind::NotFound, trf("Library", "The folder %1 is not there.", dir));
    std::vector<ListedFile> out;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) fail(ErrorKind::IO, trf("Library", "Cannot list %1: %2", dir, ec.message()));
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) fail(ErrorKind::IO, trf("Library", "Cannot list %1: %2", dir, ec.message()));
        if (isCancelled(options)) return out;
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (!isLibraryImageName(name)) continue;
        struct stat st {};
        if (::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        out.push_back(
            {it->path().lexically_normal().string(), std::int64_t(st.st_size), statMtimeNs(st)});
    }
    return out;
}

// Lists an S3 prefix through GDAL's /vsis3/ (one recursive listing).
std::vector<ListedFile> listS3(const std::string& uri, const LibrarySyncOptions& options) {
    ensureGdal();
    GdalThreadConfig config(GdalThreadConfig::remoteOptions());
    const std::string vsi = "/vsis3/" + uri.substr(5);
    VSICurlPartialClearCache(vsi.c_str());  // a re-sync must see the bucket as it is now
    clearGdalError();
    CPLErrorReset();
    VSIDIR* dir = VSIOpenDir(vsi.c_str(), -1, nullptr);
    if (!dir) {
        const std::string why = gdalLastError();
        fail(ErrorKind::IO, trf("Library", "Cannot list %1: %2", uri,
                                why.empty() ? trc("Library", "no such bucket or prefix") : why));
    }
    std::vector<ListedFile> out;
    while (const VSIDIREntry* e = VSIGetNextDirEntry(dir)) {
        if (isCancelled(options)) break;
        if (VSI_ISDIR(e->nMode) || !e->pszName) continue;
        const std::string rel = e->pszName;
        if (!isLibraryImageName(fileName(rel))) continue;
        std::string base = uri;
        if (!base.empty() && base.back() != '/') base += '/';
        out.push_back({base + rel, e->bSizeKnown ? std::int64_t(e->nSize) : 0,
                       e->bMTimeKnown ? std::int64_t(e->nMTime) * 1000000000LL : 0});
    }
    // A listing cut short by a network error must not look complete (records would go).
    const bool failed = CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal;
    const std::string why = failed ? gdalLastError() : std::string();
    VSICloseDir(dir);
    if (failed) fail(ErrorKind::IO, trf("Library", "Cannot list %1: %2", uri, why));
    return out;
}

std::string geoTransformJson(const std::array<double, 6>& gt) {
    nlohmann::json j = nlohmann::json::array();
    for (double v : gt) j.push_back(v);
    return j.dump();
}

LibraryImage readRecord(std::int64_t folderId, const ListedFile& f) {
    LibraryImage r;
    r.folderId = folderId;
    r.path = f.path;
    r.name = fileName(f.path);
    r.baseName = baseNameOf(r.name);
    r.size = f.size;
    r.mtime = f.mtime;
    try {
        const SourcePtr src = openSource(f.path);
        const SourceInfo& info = src->info();
        r.width = info.sizeX;
        r.height = info.sizeY;
        r.bands = info.bandCount;
        r.dtype = numpyName(info.dtype);
        r.reader = info.sourceName;
        r.format = info.driver.empty() ? asciiLower(info.sourceName) : info.driver;
        r.geospatial = info.geospatial;
        if (info.geospatial) {
            r.crs = info.projectionWkt;
            r.geoTransform = geoTransformJson(info.geoTransform);
        }
        r.state = "ok";
    } catch (const std::exception& e) {
        r.state = "error";
        r.error = e.what();
    } catch (...) {
        r.state = "error";
        r.error = trc("Library", "The file could not be read (unknown error).");
    }
    if (r.state != "ok") {
        const auto dot = r.name.find_last_of('.');
        if (dot != std::string::npos) r.format = asciiLower(r.name.substr(dot + 1));
    }
    r.probe = probeRecordOf(f.path);
    return r;
}

std::int64_t nowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

bool isLibraryImageName(const std::string& name) {
    static const std::set<std::string> kExtensions = {
        "tif",  "tiff", "gtif", "gtiff", "cog",  "ptif", "ptiff", "qptiff", "btf", "png", "jpg",
        "jpeg", "jp2",  "j2k",  "jpx",   "webp", "gif",  "bmp",   "fits",   "fit", "fts", "fz",
        "svs",  "ndpi", "scn",  "bif",   "vms",  "vmu",  "mrxs",  "vrt",    "img", "ntf", "nitf",
        "hdf",  "h5",   "nc",   "ecw",   "sid",  "kea",  "dem",   "asc",    "ers", "grd", "xpm"};
    const auto dot = name.find_last_of('.');
    if (dot == std::string::npos || dot == 0 || name[0] == '.') return false;
    return kExtensions.count(asciiLower(name.substr(dot + 1))) > 0;
}

LibraryImage recordLibraryFile(LibraryStore& store, std::int64_t folderId, const std::string& path,
                               const LibrarySyncOptions& options) {
    ListedFile f{path, 0, 0};
    if (isS3(path)) {
        ensureGdal();
        VSIStatBufL st{};
        if (VSIStatL(toGdalPath(path).c_str(), &st) != 0)
            fail(ErrorKind::NotFound, trf("Library", "%1 is not there.", path));
        f.size = std::int64_t(st.st_size);
        f.mtime = std::int64_t(st.st_mtime) * 1000000000LL;
    } else {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0)
            fail(ErrorKind::NotFound, trf("Library", "%1 is not there.", path));
        f.size = std::int64_t(st.st_size);
        f.mtime = statMtimeNs(st);
    }
    std::vector<LibraryImage> batch{readRecord(folderId, f)};
    batch[0].lastSync = nowSeconds();
    store.upsert(batch);
    if (options.engine && batch[0].state == "ok")
        batch[0].hasThumbnail =
            makeLibraryThumbnail(store, *options.engine, batch[0], options.thumbnailSize);
    return batch[0];
}

LibrarySyncResult syncLibraryFolder(LibraryStore& store, std::int64_t folderId,
                                    const LibrarySyncOptions& options) {
    const auto folder = store.folder(folderId);
    if (!folder)
        fail(ErrorKind::NotFound,
             trf("Library", "No library folder %1.", std::to_string(folderId)));
    LibrarySyncResult result;
    store.setFolderSyncState(folderId, "syncing", {}, false);

    std::vector<ListedFile> listed;
    try {
        listed = isS3(folder->uri) ? listS3(folder->uri, options) : listLocal(folder->uri, options);
    } catch (const std::exception& e) {
        store.setFolderSyncState(folderId, "error", e.what(), false);
        result.complete = false;
        result.folderErrors.push_back(folder->uri + ": " + e.what());
        return result;
    }
    if (isCancelled(options)) {
        store.setFolderSyncState(folderId, "cancelled", {}, false);
        result.complete = false;
        result.cancelled = true;
        return result;
    }
    std::sort(listed.begin(), listed.end(),
              [](const ListedFile& a, const ListedFile& b) { return a.path < b.path; });
    result.listed = int(listed.size());

    // The listing is complete: records of files that are gone can go now.
    auto known = store.knownFiles(folderId);
    {
        std::set<std::string> present;
        for (const auto& f : listed) present.insert(f.path);
        std::vector<std::string> gone;
        for (const auto& [path, k] : known)
            if (!present.count(path)) gone.push_back(path);
        result.removed = store.removePaths(gone);
    }

    const int batchSize = std::max(1, options.batchSize);
    std::vector<LibraryImage> batch;
    auto flush = [&] {
        if (batch.empty()) return;
        store.upsert(batch);
        if (options.engine)
            for (auto& r : batch)
                if (r.state == "ok")
                    r.hasThumbnail =
                        makeLibraryThumbnail(store, *options.engine, r, options.thumbnailSize);
        batch.clear();
    };
    // Files that are new or changed are read; each batch of them is first probed by one
    // crash-isolated child (probe/probe.h), so a file that would crash or hang this process is
    // recorded with state "error" and the sync goes on. The verdicts go to the records.
    auto needsRead = [&](const ListedFile& f) {
        const auto k = known.find(f.path);
        return k == known.end() || k->second.size != f.size || k->second.mtime != f.mtime;
    };
    const bool probe = probeEnabled() && !isS3(folder->uri);
    std::size_t probedUpTo = 0;  // files before this index in `listed` have been probed
    auto probeAhead = [&](std::size_t from) {
        std::vector<std::string> paths;
        std::size_t j = from;
        for (; j < listed.size() && int(paths.size()) < batchSize; ++j)
            if (needsRead(listed[j])) paths.push_back(listed[j].path);
        probedUpTo = j;
        ProbeFilesOptions o;
        o.cancel = options.cancel;
        o.memoryOnly = true;  // recorded in the library database with the records
        if (!paths.empty()) probeFiles(paths, o);
    };
    LibrarySyncProgress progress;
    progress.folderId = folderId;
    progress.total = listed.size();
    for (std::size_t i = 0; i < listed.size(); ++i) {
        if (isCancelled(options)) {
            result.cancelled = true;
            result.complete = false;
            break;
        }
        const ListedFile& f = listed[i];
        progress.done = i;
        progress.current = f.path;
        if (options.progress) options.progress(progress);
        const auto k = known.find(f.path);
        // Unchanged size and mtime: not reopened (a file that failed stays failed until it
        // changes).
        if (k != known.end() && k->second.size == f.size && k->second.mtime == f.mtime) {
            ++result.unchanged;
            continue;
        }
        if (probe && i >= probedUpTo) {
            probeAhead(i);
            if (isCancelled(options)) {
                result.cancelled = true;
                result.complete = false;
                break;
            }
        }
        LibraryImage r = readRecord(folderId, f);
        r.lastSync = nowSeconds();
        if (r.state != "ok") ++result.failed;
        if (k == known.end())
            ++result.added;
        else
            ++result.updated;
        batch.push_back(std::move(r));
        if (int(batch.size()) >= batchSize) flush();
    }
    flush();
    progress.done = result.cancelled ? progress.done : listed.size();
    progress.current.clear();
    if (options.progress) options.progress(progress);
    store.setFolderSyncState(folderId, result.cancelled ? "cancelled" : "ok", {},
                             !result.cancelled);
    return result;
}

LibrarySyncResult syncLibrary(LibraryStore& store, const LibrarySyncOptions& options) {
    LibrarySyncResult total;
    for (const auto& folder : store.folders()) {
        if (isCancelled(options)) {
            total.cancelled = true;
            total.complete = false;
            break;
        }
        const LibrarySyncResult r = syncLibraryFolder(store, folder.id, options);
        total.listed += r.listed;
        total.added += r.added;
        total.updated += r.updated;
        total.unchanged += r.unchanged;
        total.removed += r.removed;
        total.failed += r.failed;
        total.complete = total.complete && r.complete;
        total.cancelled = total.cancelled || r.cancelled;
        total.folderErrors.insert(total.folderErrors.end(), r.folderErrors.begin(),
                                  r.folderErrors.end());
    }
    return total;
}

bool makeLibraryThumbnail(LibraryStore& store, Engine& engine, const LibraryImage& image,
                          int size) {
    try {
        ThumbnailRequest req;
        req.image.uri = image.path;
        req.maxWidth = size;
        req.maxHeight = size;
        req.encoding = Encoding::JPEG;
        const Encoded e = engine.thumbnail(req);
        if (!e.bytes || e.bytes->empty()) return false;
        store.setThumbnail(image.id, LibraryThumbnail{*e.bytes, e.mimeType});
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

int precacheLibraryThumbnails(LibraryStore& store, Engine& engine,
                              const std::function<void(std::size_t, std::size_t)>& progress,
                              const std::atomic<bool>* cancel, int size) {
    const auto ids = store.imagesWithoutThumbnail();
    int made = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (cancel && cancel->load(std::memory_order_relaxed)) break;
        if (progress) progress(i, ids.size());
        if (const auto img = store.image(ids[i]))
            if (makeLibraryThumbnail(store, engine, *img, size)) ++made;
    }
    if (progress) progress(ids.size(), ids.size());
    return made;
}

}  // namespace tessera
