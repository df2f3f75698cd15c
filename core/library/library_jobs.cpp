#include "library/library_jobs.h"

#include <atomic>

#include "service/engine.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

std::string librarySyncSummary(const LibrarySyncResult& r) {
    std::string s =
        trf("Library", "%1 added, %2 updated, %3 removed, %4 unchanged", std::to_string(r.added),
            std::to_string(r.updated), std::to_string(r.removed), std::to_string(r.unchanged));
    if (r.failed) s += trf("Library", ", %1 unreadable", std::to_string(r.failed));
    if (r.cancelled) s += trc("Library", " (cancelled)");
    for (const auto& e : r.folderErrors) s += "\n" + e;
    return s;
}

JobSpec librarySyncJob(std::shared_ptr<LibraryStore> store, std::optional<std::int64_t> folderId,
                       std::shared_ptr<std::string> summary,
                       std::shared_ptr<LibrarySyncResult> result) {
    JobSpec spec;
    spec.title = trc("Library", "Sync the image library");
    spec.kind = "library-sync";
    spec.work = [store, folderId, summary, result](JobContext& ctx) -> std::string {
        Engine engine;  // fresh: no source cached from before a file changed
        std::atomic<bool> cancel{false};
        LibrarySyncOptions o;
        o.engine = &engine;
        o.cancel = &cancel;
        o.progress = [&](const LibrarySyncProgress& p) {
            if (ctx.cancelled()) cancel.store(true);
            ctx.setProgress(p.total ? double(p.done) / double(p.total) : 0.0, p.current);
        };
        const LibrarySyncResult r =
            folderId ? syncLibraryFolder(*store, *folderId, o) : syncLibrary(*store, o);
        if (result) *result = r;
        if (summary) *summary = librarySyncSummary(r);
        if (r.cancelled) throw JobCancelled{};
        ctx.setProgress(1.0, librarySyncSummary(r));
        return {};
    };
    return spec;
}

JobSpec libraryImportJob(std::shared_ptr<LibraryStore> store, std::vector<std::string> files,
                         ImportMode mode, std::shared_ptr<std::string> summary) {
    JobSpec spec;
    spec.title = mode == ImportMode::Move ? trc("Library", "Move images into the library")
                                          : trc("Library", "Copy images into the library");
    spec.kind = "library-import";
    spec.work = [store, files, mode, summary](JobContext& ctx) -> std::string {
        Engine engine;
        LibrarySyncOptions o;
        o.engine = &engine;
        std::string failed;
        int done = 0;
        for (std::size_t i = 0; i < files.size(); ++i) {
            ctx.throwIfCancelled();
            ctx.setProgress(double(i) / double(files.size()), files[i]);
            try {
                importLibraryFile(*store, files[i], mode, o);
                ++done;
            } catch (const std::exception& e) {
                failed += "\n" + files[i] + ": " + e.what();
            }
        }
        const std::string outcome = trf("Library", "Imported %1 of %2 file(s)",
                                        std::to_string(done), std::to_string(files.size())) +
                                    failed;
        if (summary) *summary = outcome;
        if (done == 0 && !files.empty()) fail(ErrorKind::IO, outcome);
        ctx.setProgress(1.0, outcome);
        return {};
    };
    return spec;
}

JobSpec libraryThumbnailJob(std::shared_ptr<LibraryStore> store, int size,
                            std::shared_ptr<std::string> summary) {
    JobSpec spec;
    spec.title = trc("Library", "Pre-cache library thumbnails");
    spec.kind = "library-thumbnails";
    spec.work = [store, size, summary](JobContext& ctx) -> std::string {
        Engine engine;
        std::atomic<bool> cancel{false};
        const int made = precacheLibraryThumbnails(
            *store, engine,
            [&](std::size_t d, std::size_t t) {
                if (ctx.cancelled()) cancel.store(true);
                ctx.setProgress(t ? double(d) / double(t) : 1.0);
            },
            &cancel, size);
        const std::string outcome = trf("Library", "%1 thumbnail(s) made", std::to_string(made));
        if (summary) *summary = outcome;
        ctx.throwIfCancelled();
        ctx.setProgress(1.0, outcome);
        return {};
    };
    return spec;
}

}  // namespace tessera
