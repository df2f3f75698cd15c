// `tessera library add|remove|folders|sync|list|import|thumbnails|schedule [--db PATH]`: the
// image library in SQLite (default $XDG_DATA_HOME/tessera/library.sqlite, env TESSERA_LIBRARY).
#include <QCoreApplication>
#include <atomic>
#include <csignal>
#include <cstdio>

#include "cli/commands.h"
#include "cli/options.h"
#include "library/library_db.h"
#include "library/library_import.h"
#include "library/library_store.h"
#include "library/library_sync.h"
#include "service/engine.h"
#include "util/error.h"

namespace tessera::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Cli", text);
}

std::atomic<bool> interrupted{false};

void onInterrupt(int) {
    interrupted.store(true);
}

void addDbOption(QCommandLineParser& p) {
    p.addOption({QStringLiteral("db"),
                 tr("Library file (default: env TESSERA_LIBRARY, else "
                    "$XDG_DATA_HOME/tessera/library.sqlite)."),
                 QStringLiteral("path")});
}

std::string dbPath(const QCommandLineParser& p) {
    return p.isSet(QStringLiteral("db")) ? p.value(QStringLiteral("db")).toStdString()
                                         : LibraryDb::defaultPath();
}

std::optional<std::int64_t> sizeOption(const QCommandLineParser& p, const QString& name) {
    if (!p.isSet(name)) return std::nullopt;
    bool ok = false;
    const qlonglong v = p.value(name).toLongLong(&ok);
    if (!ok || v < 0) throw UsageError{tr("invalid --%1").arg(name).toStdString()};
    return v;
}

nlohmann::json resultJson(const LibrarySyncResult& r) {
    nlohmann::json j = {
        {"listed", r.listed},       {"added", r.added},         {"updated", r.updated},
        {"unchanged", r.unchanged}, {"removed", r.removed},     {"failed", r.failed},
        {"complete", r.complete},   {"cancelled", r.cancelled}, {"folderErrors", r.folderErrors}};
    return j;
}

int subAdd(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(tr("Add folders (local or s3://bucket/prefix) to the library."));
    addDbOption(p);
    p.addOption({QStringLiteral("sync"), tr("Sync the added folders right away.")});
    p.addPositionalArgument(QStringLiteral("folders"), tr("Folders or s3:// prefixes."),
                            QStringLiteral("FOLDER..."));
    const QStringList folders = parseOrThrow(p, args, 1, 100000);
    LibraryStore store(dbPath(p));
    nlohmann::json out = nlohmann::json::array();
    for (const QString& f : folders) {
        const auto id = store.addFolder(f.toStdString());
        nlohmann::json j = toJson(*store.folder(id));
        if (p.isSet(QStringLiteral("sync"))) {
            Engine engine;
            LibrarySyncOptions o;
            o.engine = &engine;
            j["sync"] = resultJson(syncLibraryFolder(store, id, o));
        }
        out.push_back(j);
    }
    printJson(out);
    return 0;
}

int subRemove(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(tr("Remove folders (by id) and their records from the library."));
    addDbOption(p);
    p.addPositionalArgument(QStringLiteral("ids"), tr("Folder ids."), QStringLiteral("ID..."));
    const QStringList ids = parseOrThrow(p, args, 1, 100000);
    LibraryStore store(dbPath(p));
    for (const QString& s : ids) {
        bool ok = false;
        const qlonglong id = s.toLongLong(&ok);
        if (!ok || !store.removeFolder(id))
            fail(ErrorKind::NotFound, tr("no library folder %1").arg(s).toStdString());
    }
    return 0;
}

int subFolders(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(tr("List the library folders (JSON)."));
    addDbOption(p);
    parseOrThrow(p, args, 0, 0);
    LibraryStore store(dbPath(p));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : store.folders()) {
        nlohmann::json j = toJson(f);
        LibraryQuery q;
        q.folderId = f.id;
        j["images"] = store.count(q);
        out.push_back(j);
    }
    printJson(out);
    return 0;
}

int subSync(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Re-sync the library: record new files, update changed ones, remove records of "
           "files that are gone."));
    addDbOption(p);
    p.addOption({QStringLiteral("progress"), tr("Show progress on stderr.")});
    p.addOption({QStringLiteral("no-thumbnails"), tr("Do not make thumbnails while syncing.")});
    p.addOption({QStringLiteral("batch"), tr("Records per transaction (default 16)."),
                 QStringLiteral("n"), QStringLiteral("16")});
    p.addOption({QStringLiteral("folder"), tr("Sync only this folder id."), QStringLiteral("id")});
    parseOrThrow(p, args, 0, 0);
    LibraryStore store(dbPath(p));
    Engine engine;
    LibrarySyncOptions o;
    o.batchSize = std::max(1, intOption(p, QStringLiteral("batch"), 16));
    if (!p.isSet(QStringLiteral("no-thumbnails"))) o.engine = &engine;
    o.cancel = &interrupted;
    const bool showProgress = p.isSet(QStringLiteral("progress"));
    if (showProgress)
        o.progress = [](const LibrarySyncProgress& s) {
            std::fprintf(
                stderr, "\r%s",
                qPrintable(tr("folder %1: %2/%3").arg(s.folderId).arg(s.done).arg(s.total)));
            if (s.done == s.total) std::fputc('\n', stderr);
            std::fflush(stderr);
        };
    // Ctrl-C stops after the current file; everything committed so far stays.
    struct sigaction sa = {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    LibrarySyncResult r;
    if (p.isSet(QStringLiteral("folder")))
        r = syncLibraryFolder(store, intOption(p, QStringLiteral("folder"), 0), o);
    else
        r = syncLibrary(store, o);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    printJson(resultJson(r));
    if (!r.folderErrors.empty())
        for (const auto& e : r.folderErrors) std::fprintf(stderr, "%s\n", e.c_str());
    return r.cancelled ? 130 : (r.folderErrors.empty() ? 0 : 2);
}

int subList(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(tr("List library images (JSON) with search and filters."));
    addDbOption(p);
    p.addOption(
        {QStringLiteral("search"), tr("Text in the file name or path."), QStringLiteral("text")});
    p.addOption({QStringLiteral("format"), tr("Format (GTiff, PNG, JPEG, FITS, ...)."),
                 QStringLiteral("name")});
    p.addOption({QStringLiteral("geo"), tr("Only georeferenced images.")});
    p.addOption({QStringLiteral("no-geo"), tr("Only images without georeferencing.")});
    p.addOption(
        {QStringLiteral("min-size"), tr("Minimum file size in bytes."), QStringLiteral("bytes")});
    p.addOption(
        {QStringLiteral("max-size"), tr("Maximum file size in bytes."), QStringLiteral("bytes")});
    p.addOption({QStringLiteral("errors"), tr("Only files that could not be read.")});
    p.addOption({QStringLiteral("limit"), tr("At most this many (0 = all)."), QStringLiteral("n"),
                 QStringLiteral("0")});
    parseOrThrow(p, args, 0, 0);
    LibraryQuery q;
    q.search = p.value(QStringLiteral("search")).toStdString();
    q.format = p.value(QStringLiteral("format")).toStdString();
    if (p.isSet(QStringLiteral("geo"))) q.geospatial = true;
    if (p.isSet(QStringLiteral("no-geo"))) q.geospatial = false;
    q.minSize = sizeOption(p, QStringLiteral("min-size"));
    q.maxSize = sizeOption(p, QStringLiteral("max-size"));
    if (p.isSet(QStringLiteral("errors"))) q.state = "error";
    q.limit = intOption(p, QStringLiteral("limit"), 0);
    LibraryStore store(dbPath(p));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& img : store.images(q)) out.push_back(toJson(img));
    printJson(out);
    return 0;
}

int subImport(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(tr("Copy (or move) files into the library's managed folder."));
    addDbOption(p);
    p.addOption({QStringLiteral("move"), tr("Move the files instead of copying them.")});
    p.addOption({QStringLiteral("no-thumbnails"), tr("Do not make thumbnails.")});
    p.addPositionalArgument(QStringLiteral("files"), tr("Image files."), QStringLiteral("FILE..."));
    const QStringList files = parseOrThrow(p, args, 1, 100000);
    LibraryStore store(dbPath(p));
    Engine engine;
    LibrarySyncOptions o;
    if (!p.isSet(QStringLiteral("no-thumbnails"))) o.engine = &engine;
    const ImportMode mode = p.isSet(QStringLiteral("move")) ? ImportMode::Move : ImportMode::Copy;
    nlohmann::json out = nlohmann::json::array();
    for (const QString& f : files)
        out.push_back(toJson(importLibraryFile(store, f.toStdString(), mode, o)));
    printJson(out);
    return 0;
}

int subThumbnails(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(tr("Make the missing thumbnails of the library."));
    addDbOption(p);
    p.addOption({QStringLiteral("progress"), tr("Show progress on stderr.")});
    parseOrThrow(p, args, 0, 0);
    LibraryStore store(dbPath(p));
    Engine engine;
    const bool show = p.isSet(QStringLiteral("progress"));
    const int made = precacheLibraryThumbnails(store, engine, [show](std::size_t d, std::size_t t) {
        if (!show) return;
        std::fprintf(stderr, "\r%zu/%zu", d, t);
        if (d == t) std::fputc('\n', stderr);
    });
    printJson({{"made", made}});
    return 0;
}

int subSchedule(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Show or set the minutes between scheduled re-syncs in the viewer (0 = off)."));
    addDbOption(p);
    p.addPositionalArgument(QStringLiteral("minutes"), tr("Minutes (0 = off)."),
                            QStringLiteral("[MINUTES]"));
    const QStringList pos = parseOrThrow(p, args, 0, 1);
    LibraryStore store(dbPath(p));
    if (!pos.isEmpty()) {
        bool ok = false;
        const int m = pos.at(0).toInt(&ok);
        if (!ok || m < 0) throw UsageError{tr("invalid number of minutes").toStdString()};
        store.setSyncIntervalMinutes(m);
    }
    printJson({{"syncIntervalMinutes", store.syncIntervalMinutes()}});
    return 0;
}

}  // namespace

int cmdLibrary(Engine& engine, const QStringList& args) {
    (void)engine;
    static const std::map<QString, int (*)(const QStringList&)> subs = {
        {QStringLiteral("add"), subAdd},
        {QStringLiteral("remove"), subRemove},
        {QStringLiteral("folders"), subFolders},
        {QStringLiteral("sync"), subSync},
        {QStringLiteral("list"), subList},
        {QStringLiteral("import"), subImport},
        {QStringLiteral("thumbnails"), subThumbnails},
        {QStringLiteral("schedule"), subSchedule},
    };
    const QString usage =
        tr("usage: tessera library add|remove|folders|sync|list|import|thumbnails|schedule "
           "[--db PATH] ...; see tessera library SUBCOMMAND --help");
    if (args.size() < 2) throw UsageError{usage.toStdString()};
    const QString sub = args.at(1);
    if (sub == QStringLiteral("--help") || sub == QStringLiteral("-h")) {
        std::printf("%s\n", qPrintable(usage));
        return 0;
    }
    const auto it = subs.find(sub);
    if (it == subs.end()) throw UsageError{usage.toStdString()};
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + sub);
    return it->second(rest);
}

}  // namespace tessera::cli
