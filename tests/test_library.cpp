// The image library: sync (add, update, remove, unreadable files, a missing folder), search and
// filters, import (copy, move, name clashes), a sync killed with SIGKILL mid-run (the database
// stays consistent and keeps what was recorded), and the HTTP routes (list, by id, by base name,
// thumbnail size, 404s).
#include <sys/stat.h>
#include <utime.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTimer>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "encode/encoder.h"
#include "http/api_state.h"
#include "http/server.h"
#include "library/library_db.h"
#include "library/library_import.h"
#include "library/library_store.h"
#include "library/library_sync.h"
#include "service/engine.h"
#include "support/fixtures.h"
#include "support/s3_server.h"
#include "util/error.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string writeGeoTiff(const std::string& path, int w, int h) {
    FixtureSpec s;
    s.width = w;
    s.height = h;
    s.bands = 1;
    s.overviews = false;
    s.blockSize = 256;
    return writeFixture(path, s);
}

std::string writePng(const std::string& path, int w, int h) {
    FixtureSpec s;
    s.width = w;
    s.height = h;
    s.bands = 3;
    s.epsg = 0;
    s.format = "PNG";
    s.compression = "NONE";
    s.tiled = false;
    s.overviews = false;
    return writeFixture(path, s);
}

void setMtime(const std::string& path, long seconds) {
    struct utimbuf t {
        seconds, seconds
    };
    QVERIFY(::utime(path.c_str(), &t) == 0);
}

std::optional<LibraryImage> byName(LibraryStore& store, const std::string& name) {
    for (auto& i : store.images())
        if (i.name == name) return i;
    return std::nullopt;
}

QStringList argv(std::initializer_list<std::string> items) {
    QStringList out;
    for (const auto& s : items) out << QString::fromStdString(s);
    return out;
}

struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    json js() const { return json::parse(body.toStdString(), nullptr, false); }
    Image image() const {
        return decodeImage(
            Bytes(reinterpret_cast<const std::uint8_t*>(body.constData()),
                  reinterpret_cast<const std::uint8_t*>(body.constData()) + body.size()));
    }
};

}  // namespace

class TestLibrary : public QObject {
    Q_OBJECT

    std::string root_;
    int dbCount_ = 0;

    std::string freshDb() { return root_ + "/db" + std::to_string(++dbCount_) + "/library.sqlite"; }

    // A folder with two GeoTIFFs, a PNG, one in a subfolder, an unreadable .tif and a text file.
    std::string makeFolder(const std::string& name) {
        const std::string d = root_ + "/" + name;
        fs::create_directories(d + "/sub");
        writeGeoTiff(d + "/alpha.tif", 64, 48);
        writeGeoTiff(d + "/sub/beta.tif", 32, 32);
        writePng(d + "/gamma.png", 40, 20);
        std::ofstream(d + "/broken.tif") << "this is not a TIFF";
        std::ofstream(d + "/notes.txt") << "not an image";
        return d;
    }

  private Q_SLOTS:
    void initTestCase() {
        root_ = tempDir();
        qputenv("TESSERA_LIBRARY", QByteArray::fromStdString(root_ + "/default/library.sqlite"));
    }

    void schemaAndDefaults() {
        const std::string path = freshDb();
        {
            LibraryDb db(path);
            QCOMPARE(db.userVersion(), LibraryDb::kSchemaVersion);
            auto st = db.prepare("PRAGMA journal_mode");
            QVERIFY(st.step());
            QCOMPARE(st.text(0), std::string("wal"));
        }
        LibraryDb again(path);  // reopening does not migrate twice
        QCOMPARE(again.userVersion(), LibraryDb::kSchemaVersion);
        QCOMPARE(LibraryDb::defaultPath(), root_ + "/default/library.sqlite");
        // A library written by a newer schema is refused, not damaged.
        again.exec("PRAGMA user_version=99");
        try {
            LibraryDb newer(path);
            QFAIL("opened a newer schema");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Unsupported);
        }
        LibraryStore store(freshDb());
        QCOMPARE(store.syncIntervalMinutes(), 0);
        store.setSyncIntervalMinutes(15);
        QCOMPARE(store.syncIntervalMinutes(), 15);
    }

    void syncAddsUpdatesRemoves() {
        const std::string dir = makeFolder("sync");
        LibraryStore store(freshDb());
        const auto folderId = store.addFolder(dir);
        QCOMPARE(store.addFolder(dir + "/"), folderId);  // same folder, same id
        Engine engine;
        LibrarySyncOptions o;
        o.engine = &engine;
        std::vector<std::size_t> seen;
        o.progress = [&](const LibrarySyncProgress& p) { seen.push_back(p.done); };

        LibrarySyncResult r = syncLibraryFolder(store, folderId, o);
        QVERIFY(r.complete);
        QCOMPARE(r.listed, 4);  // notes.txt is not an image
        QCOMPARE(r.added, 4);
        QCOMPARE(r.failed, 1);
        QVERIFY(!seen.empty() && seen.back() == 4);
        QCOMPARE(store.count(), std::int64_t(4));

        auto alpha = byName(store, "alpha.tif");
        QVERIFY(alpha);
        QCOMPARE(alpha->width, 64);
        QCOMPARE(alpha->height, 48);
        QCOMPARE(alpha->format, std::string("GTiff"));
        QVERIFY(alpha->geospatial);
        QCOMPARE(alpha->baseName, std::string("alpha"));
        QCOMPARE(alpha->size, std::int64_t(fs::file_size(dir + "/alpha.tif")));
        QVERIFY(alpha->hasThumbnail);
        const auto thumb = store.thumbnail(alpha->id);
        QVERIFY(thumb);
        QCOMPARE(thumb->mimeType, std::string("image/jpeg"));
        const Image ti = decodeImage(thumb->bytes);
        QCOMPARE(ti.width, 64);  // never enlarged
        QCOMPARE(ti.height, 48);
        const auto gamma = byName(store, "gamma.png");
        QVERIFY(gamma);
        QCOMPARE(gamma->format, std::string("PNG"));
        QVERIFY(!gamma->geospatial);
        QCOMPARE(gamma->bands, 3);
        QVERIFY(byName(store, "beta.tif"));  // recursive
        const auto broken = byName(store, "broken.tif");
        QVERIFY(broken);
        QCOMPARE(broken->state, std::string("error"));
        QVERIFY(!broken->error.empty());
        QCOMPARE(store.folder(folderId)->syncState, std::string("ok"));
        QVERIFY(store.folder(folderId)->lastSync > 0);

        // Nothing changed: nothing reopened.
        r = syncLibraryFolder(store, folderId, o);
        QCOMPARE(r.unchanged, 4);
        QCOMPARE(r.added + r.updated + r.removed, 0);

        // Rewrite alpha with other dimensions (new mtime): updated, new thumbnail.
        writeGeoTiff(dir + "/alpha.tif", 80, 40);
        setMtime(dir + "/alpha.tif", 2000000000);
        // Touch gamma only (same bytes, new mtime): re-read, same record id.
        setMtime(dir + "/gamma.png", 2000000000);
        fs::remove(dir + "/sub/beta.tif");
        Engine fresh;  // sources are cached per engine: a rewritten file needs a fresh one
        o.engine = &fresh;
        r = syncLibraryFolder(store, folderId, o);
        QVERIFY(r.complete);
        QCOMPARE(r.updated, 2);
        QCOMPARE(r.removed, 1);
        QCOMPARE(r.unchanged, 1);
        QCOMPARE(store.count(), std::int64_t(3));
        QVERIFY(!byName(store, "beta.tif"));
        const auto alpha2 = byName(store, "alpha.tif");
        QCOMPARE(alpha2->id, alpha->id);
        QCOMPARE(alpha2->width, 80);
        QCOMPARE(alpha2->height, 40);
        QCOMPARE(alpha2->mtime, std::int64_t(2000000000) * 1000000000LL);
        QVERIFY(alpha2->hasThumbnail);
        QCOMPARE(decodeImage(store.thumbnail(alpha2->id)->bytes).width, 80);
        QCOMPARE(byName(store, "gamma.png")->id, gamma->id);

        // A folder that cannot be listed (unmounted, renamed) keeps its records.
        fs::rename(dir, dir + "-away");
        r = syncLibraryFolder(store, folderId, o);
        QVERIFY(!r.complete);
        QCOMPARE(r.folderErrors.size(), std::size_t(1));
        QCOMPARE(store.count(), std::int64_t(3));
        QCOMPARE(store.folder(folderId)->syncState, std::string("error"));
        fs::rename(dir + "-away", dir);

        // Cancelled before it starts: nothing changes.
        std::atomic<bool> cancel{true};
        o.cancel = &cancel;
        r = syncLibrary(store, o);
        QVERIFY(r.cancelled);
        QCOMPARE(store.count(), std::int64_t(3));

        // Removing the folder removes its records.
        QVERIFY(store.removeFolder(folderId));
        QCOMPARE(store.count(), std::int64_t(0));
        QCOMPARE(store.integrityCheck(), std::string("ok"));
    }

    void searchAndFilters() {
        const std::string dir = makeFolder("filters");
        writePng(dir + "/geo-less.png", 300, 200);
        LibraryStore store(freshDb());
        store.addFolder(dir);
        syncLibrary(store);
        QCOMPARE(store.count(), std::int64_t(5));
        LibraryQuery q;
        q.search = "GAM";  // case-insensitive substring
        auto r = store.images(q);
        QCOMPARE(r.size(), std::size_t(1));
        QCOMPARE(r[0].name, std::string("gamma.png"));
        q = {};
        q.search = "sub/";  // the path matches too
        QCOMPARE(store.images(q).size(), std::size_t(1));
        q = {};
        q.search = "%";  // LIKE wildcards are literal
        QCOMPARE(store.images(q).size(), std::size_t(0));
        q = {};
        q.format = "png";
        QCOMPARE(store.count(q), std::int64_t(2));
        q = {};
        q.geospatial = true;
        r = store.images(q);
        QCOMPARE(r.size(), std::size_t(2));
        for (const auto& i : r) QVERIFY(i.format == "GTiff" && i.geospatial);
        q.geospatial = false;
        QCOMPARE(store.count(q), std::int64_t(3));  // two PNGs and the broken file
        q = {};
        const auto big = fs::file_size(dir + "/geo-less.png");
        q.minSize = std::int64_t(big);
        r = store.images(q);
        QVERIFY(!r.empty());
        for (const auto& i : r) QVERIFY(i.size >= std::int64_t(big));
        q = {};
        q.maxSize = 30;  // smaller than any PNG or TIFF (their headers alone are larger)
        r = store.images(q);
        QCOMPARE(r.size(), std::size_t(1));  // only the 18-byte broken file
        QCOMPARE(r[0].name, std::string("broken.tif"));
        q = {};
        q.state = "error";
        QCOMPARE(store.count(q), std::int64_t(1));
        q = {};
        q.limit = 2;
        q.offset = 1;
        r = store.images(q);
        QCOMPARE(r.size(), std::size_t(2));
        QCOMPARE(r[0].name, std::string("beta.tif"));  // sorted by name
        QCOMPARE(r[1].name, std::string("broken.tif"));
        const auto formats = store.formats();
        QCOMPARE(formats, (std::vector<std::string>{"GTiff", "PNG", "tif"}));
        QVERIFY(store.find("gamma"));                  // base name
        QVERIFY(store.find("gamma.png"));              // file name
        QVERIFY(store.find(std::to_string(r[0].id)));  // id
        QVERIFY(!store.find("nosuch"));
    }

    void importCopyAndMove() {
        LibraryStore store(freshDb());
        const std::string managed = root_ + "/managed-import";
        store.setSetting("managed_folder", managed);
        const std::string src = root_ + "/incoming";
        fs::create_directories(src);
        writeGeoTiff(src + "/scene.tif", 50, 30);
        writePng(src + "/photo.png", 20, 10);

        const LibraryImage copied = importLibraryFile(store, src + "/scene.tif", ImportMode::Copy);
        QVERIFY(fs::exists(src + "/scene.tif"));  // copy keeps the source
        QCOMPARE(copied.path, managed + "/scene.tif");
        QVERIFY(fs::exists(copied.path));
        QCOMPARE(copied.width, 50);
        QCOMPARE(copied.state, std::string("ok"));
        QCOMPARE(std::int64_t(fs::file_size(copied.path)), copied.size);

        // Same name again: a free name, the first copy untouched.
        const LibraryImage second = importLibraryFile(store, src + "/scene.tif", ImportMode::Copy);
        QCOMPARE(second.path, managed + "/scene (2).tif");
        QVERIFY(second.id != copied.id);

        const LibraryImage moved = importLibraryFile(store, src + "/photo.png", ImportMode::Move);
        QVERIFY(!fs::exists(src + "/photo.png"));
        QCOMPARE(moved.path, managed + "/photo.png");
        QCOMPARE(moved.format, std::string("PNG"));
        QCOMPARE(store.count(), std::int64_t(3));
        const auto folders = store.folders();
        QCOMPARE(folders.size(), std::size_t(1));
        QVERIFY(folders[0].managed);
        // No temporary files left in the managed folder.
        int files = 0;
        for (const auto& e : fs::directory_iterator(managed)) {
            QVERIFY2(e.path().filename().string()[0] != '.', e.path().c_str());
            ++files;
        }
        QCOMPARE(files, 3);
        // A sync of the managed folder finds the same three.
        const auto r = syncLibrary(store);
        QCOMPARE(r.unchanged, 3);

        try {
            importLibraryFile(store, src + "/missing.tif", ImportMode::Copy);
            QFAIL("imported a missing file");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::NotFound);
        }
        std::ofstream(src + "/readme.txt") << "x";
        try {
            importLibraryFile(store, src + "/readme.txt", ImportMode::Copy);
            QFAIL("imported a text file");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Unsupported);
        }
    }

    void syncS3Prefix() {
        if (S3Server::s3rverDir().empty())
            QFAIL("node_modules/s3rver is missing (scripts/dev deps runs npm install)");
        S3Server s3("library-bucket");
        QVERIFY2(s3.ok(), s3.error().c_str());
        qputenv("AWS_S3_ENDPOINT", QByteArray::fromStdString(s3.endpoint()));
        qputenv("AWS_HTTPS", "NO");
        qputenv("AWS_VIRTUAL_HOSTING", "FALSE");
        qputenv("AWS_ACCESS_KEY_ID", "S3RVER");
        qputenv("AWS_SECRET_ACCESS_KEY", "S3RVER");
        qunsetenv("AWS_NO_SIGN_REQUEST");
        const std::string local = root_ + "/s3src";
        fs::create_directories(local);
        writeGeoTiff(local + "/a.tif", 40, 30);
        writePng(local + "/b.png", 12, 10);
        std::ofstream(local + "/readme.txt") << "text";
        QVERIFY(s3.put("lib/a.tif", local + "/a.tif"));
        QVERIFY(s3.put("lib/sub/b.png", local + "/b.png"));
        QVERIFY(s3.put("lib/readme.txt", local + "/readme.txt"));
        QVERIFY(s3.put("other/c.tif", local + "/a.tif"));  // outside the prefix

        LibraryStore store(freshDb());
        const auto id = store.addFolder("s3://library-bucket/lib/");
        QCOMPARE(store.folder(id)->uri, std::string("s3://library-bucket/lib"));
        Engine engine;
        LibrarySyncOptions o;
        o.engine = &engine;
        auto r = syncLibraryFolder(store, id, o);
        QVERIFY2(r.complete, r.folderErrors.empty() ? "" : r.folderErrors[0].c_str());
        QCOMPARE(r.added, 2);
        QCOMPARE(r.failed, 0);
        const auto a = store.imageByPath("s3://library-bucket/lib/a.tif");
        QVERIFY(a);
        QCOMPARE(a->width, 40);
        QVERIFY(a->geospatial);
        QVERIFY(a->hasThumbnail);
        QVERIFY(store.imageByPath("s3://library-bucket/lib/sub/b.png"));

        // A new object appears on the next sync; unchanged ones are not reopened.
        QVERIFY(s3.put("lib/d.tif", local + "/a.tif"));
        r = syncLibraryFolder(store, id, o);
        QCOMPARE(r.added, 1);
        QCOMPARE(r.unchanged, 2);
        QCOMPARE(store.count(), std::int64_t(3));

        // A bucket that is not there: an error, records kept.
        const auto missing = store.addFolder("s3://no-such-bucket/x");
        r = syncLibraryFolder(store, missing, o);
        QVERIFY(!r.complete);
        QCOMPARE(store.folder(missing)->syncState, std::string("error"));
        QCOMPARE(store.count(), std::int64_t(3));
    }

    void killedSyncKeepsDatabaseConsistent() {
#ifndef TESSERA_EXE
        QFAIL("TESSERA_EXE is not defined: tests/tests.cmake names the tessera executable");
#else
        const std::string dir = root_ + "/many";
        fs::create_directories(dir);
        const int total = 300;
        for (int i = 0; i < total; ++i) {
            char name[64];
            std::snprintf(name, sizeof name, "/tile%04d.png", i);
            writePng(dir + name, 8, 8);
        }
        const std::string db = freshDb();
        auto run = [&](std::initializer_list<std::string> args) {
            QProcess p;
            p.start(QStringLiteral(TESSERA_EXE), argv(args));
            p.waitForFinished(120000);
            return p.exitCode();
        };
        QCOMPARE(run({"library", "add", "--db", db, dir}), 0);

        std::int64_t beforeKill = 0;
        int attempts = 0;
        for (; attempts < 3; ++attempts) {
            QProcess sync;
            sync.start(QStringLiteral(TESSERA_EXE),
                       argv({"library", "sync", "--batch", "4", "--db", db}));
            QVERIFY(sync.waitForStarted());
            LibraryStore watcher(db);
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < 60000 && sync.state() == QProcess::Running) {
                beforeKill = watcher.count();
                if (beforeKill >= 8) break;
                QThread::msleep(2);
            }
            sync.kill();  // SIGKILL
            sync.waitForFinished(10000);
            beforeKill = watcher.count();
            if (sync.exitStatus() == QProcess::CrashExit && beforeKill < total) break;
            // Finished before it could be killed: start over on an empty library.
            LibraryQuery all;
            std::vector<std::string> paths;
            for (const auto& i : watcher.images(all)) paths.push_back(i.path);
            watcher.removePaths(paths);
        }
        QVERIFY2(attempts < 3, "the sync always finished before it could be killed");
        QVERIFY(beforeKill > 0);
        qInfo("sync killed with %lld of %d records committed", static_cast<long long>(beforeKill),
              total);
        {
            LibraryDb check(db);  // opens (recovers the WAL) and is consistent
            QCOMPARE(check.integrityCheck(), std::string("ok"));
            LibraryStore store(db);
            QVERIFY(store.count() >= beforeKill);  // nothing recorded is lost
            for (const auto& i : store.images()) {
                QCOMPARE(i.state, std::string("ok"));
                QCOMPARE(i.width, 8);
            }
        }
        QCOMPARE(run({"library", "sync", "--db", db}), 0);
        LibraryStore store(db);
        QCOMPARE(store.count(), std::int64_t(total));
        QCOMPARE(store.integrityCheck(), std::string("ok"));

        // The CLI list with filters (JSON).
        QProcess list;
        list.start(QStringLiteral(TESSERA_EXE),
                   argv({"library", "list", "--db", db, "--search", "tile000", "--format", "PNG"}));
        QVERIFY(list.waitForFinished(60000));
        QCOMPARE(list.exitCode(), 0);
        const json j = json::parse(list.readAllStandardOutput().toStdString(), nullptr, false);
        QVERIFY(j.is_array());
        QCOMPARE(j.size(), std::size_t(10));
        QCOMPARE(j[0].value("name", ""), std::string("tile0000.png"));
        QCOMPARE(run({"library", "list", "--db", db, "--geo"}), 0);
        QCOMPARE(run({"library", "add", "--db", db, "/no/such/folder"}), 2);
#endif
    }

    void httpRoutes() {
        const std::string dir = makeFolder("http");
        auto store = std::make_shared<LibraryStore>(freshDb());
        store->addFolder(dir);
        Engine syncEngine;
        LibrarySyncOptions o;
        o.engine = &syncEngine;
        syncLibrary(*store, o);
        const auto alpha = byName(*store, "alpha.tif");
        QVERIFY(alpha);

        http::Server server;
        server.api().setLibrary(store);
        QVERIFY(server.start());
        QNetworkAccessManager nam;
        QString origin = server.url().toString();
        origin.chop(1);
        auto get = [&](const QString& path) {
            QNetworkReply* reply = nam.get(QNetworkRequest(QUrl(origin + path)));
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(60000, &loop, &QEventLoop::quit);
            loop.exec();
            Reply r;
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.body = reply->readAll();
            r.contentType = reply->rawHeader("Content-Type");
            reply->deleteLater();
            return r;
        };

        Reply r = get(QStringLiteral("/api/library"));
        QCOMPARE(r.status, 200);
        json j = r.js();
        QCOMPARE(j["total"].get<int>(), 4);
        QCOMPARE(j["images"].size(), std::size_t(4));
        QVERIFY(j["images"][0].contains("id"));
        r = get(QStringLiteral("/api/library?format=GTiff&geospatial=true&search=alp"));
        j = r.js();
        QCOMPARE(j["total"].get<int>(), 1);
        QCOMPARE(j["images"][0]["id"].get<std::int64_t>(), alpha->id);
        QCOMPARE(j["images"][0]["sizeX"].get<int>(), 64);
        r = get(QStringLiteral("/api/library?limit=1&offset=1"));
        QCOMPARE(r.js()["images"].size(), std::size_t(1));
        QCOMPARE(r.js()["total"].get<int>(), 4);
        QCOMPARE(get(QStringLiteral("/api/library/folders")).js()[0]["images"].get<int>(), 4);

        // One record by id and by base name.
        const QString id = QString::number(alpha->id);
        r = get(QStringLiteral("/api/library/") + id);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["name"].get<std::string>(), std::string("alpha.tif"));
        QCOMPARE(get(QStringLiteral("/api/library/alpha")).js()["id"].get<std::int64_t>(),
                 alpha->id);

        // The per-image API by id and by base name.
        r = get(QStringLiteral("/api/library/") + id + QStringLiteral("/info/metadata"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["sizeX"].get<int>(), 64);
        r = get(QStringLiteral("/api/library/gamma/tiles/metadata"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["size_x"].get<int>(), 40);
        r = get(QStringLiteral("/api/library/alpha/tiles/0/0/0.png"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.image().width, 256);
        r = get(QStringLiteral("/api/library/alpha/tilejson"));
        QVERIFY(r.js()["tiles"][0].get<std::string>().find("/api/library/" + id.toStdString() +
                                                           "/tiles/") != std::string::npos);

        // Thumbnails: the stored one, a rendered size, a label, other formats.
        r = get(QStringLiteral("/api/library/alpha/thumbnail.jpeg"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("image/jpeg"));
        QCOMPARE(std::size_t(r.body.size()), store->thumbnail(alpha->id)->bytes.size());
        r = get(QStringLiteral("/api/library/") + id +
                QStringLiteral("/thumbnail.png?width=32&height=32"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("image/png"));
        Image img = r.image();
        QCOMPARE(img.width, 32);  // 64×48 fitted into 32×32
        QCOMPARE(img.height, 24);
        // The label is drawn (white text, lower left): the picture differs from the plain one.
        const Reply plain =
            get(QStringLiteral("/api/library/alpha/thumbnail.png?width=64&height=48"));
        const Reply labelled = get(
            QStringLiteral("/api/library/alpha/thumbnail.png?width=64&height=48&label=So%20many"));
        QCOMPARE(labelled.status, 200);
        QCOMPARE(labelled.image().width, 64);
        QVERIFY(labelled.body != plain.body);
        r = get(
            QStringLiteral("/api/library/gamma/thumbnail.png?width=20&height=100&label=So%20many"));
        QCOMPARE(r.status, 200);
        img = r.image();
        QCOMPARE(img.width, 20);
        QCOMPARE(img.height, 10);

        // Unknown names, unreadable files, bad sizes, paths.
        QCOMPARE(get(QStringLiteral("/api/library/nosuch")).status, 404);
        QCOMPARE(get(QStringLiteral("/api/library/nosuch/thumbnail.png")).status, 404);
        QCOMPARE(get(QStringLiteral("/api/library/nosuch/info/metadata")).status, 404);
        QCOMPARE(get(QStringLiteral("/api/library/broken/info/metadata")).status, 404);
        QCOMPARE(get(QStringLiteral("/api/library/broken/thumbnail.png")).status, 415);
        QCOMPARE(get(QStringLiteral("/api/library/alpha/thumbnail.png?width=0")).status, 400);
        QCOMPARE(get(QStringLiteral("/api/library/..%2F..%2Fetc%2Fpasswd/info/metadata")).status,
                 404);
        // The registry's ids are not library ids.
        QCOMPARE(get(QStringLiteral("/api/image/") + id + QStringLiteral("/info/metadata")).status,
                 404);

        // No library attached: 404 with a reason.
        http::Server bare;
        QVERIFY(bare.start());
        QString bareOrigin = bare.url().toString();
        bareOrigin.chop(1);
        origin = bareOrigin;
        r = get(QStringLiteral("/api/library"));
        QCOMPARE(r.status, 404);
        QVERIFY(r.js().contains("detail"));
    }
};

QTEST_MAIN(TestLibrary)
#include "test_library.moc"
