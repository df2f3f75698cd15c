// Hostile files cannot take down the CLI, the library or the server (issue 13). The crash-isolated
// probe is checked with this executable acting as a misbehaving probe child (crash, hang, CPU
// spin, allocation failure, silent exit — chosen by the file name) and with cfitsio itself on the
// ZTILE1 = 0 file; then a corpus made at test time by scripts/make_hostile_corpus.py goes through
// `tessera info|tile|thumbnail`, `tessera library sync` and `tessera serve --library`, every run
// under an 8 GB address-space limit and a 20 s time-out.
#include <fitsio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "library/library_db.h"
#include "library/library_store.h"
#include "probe/probe.h"
#include "probe/probe_cache.h"
#include "source/open_source.h"
#include "support/sanitizer.h"
#include "util/error.h"

using namespace tessera;
using nlohmann::json;
namespace fs = std::filesystem;

using test::kAsan;

namespace {

const QString kTessera = QStringLiteral(TESSERA_EXE);
constexpr int kRunSeconds = 20;                              // per CLI run
constexpr rlim_t kAddressSpace = rlim_t(8) << 30;            // per CLI run
constexpr const char* kSpawnLog = "TESSERA_TEST_PROBE_LOG";  // the fake child appends a line

// ---- this executable as a probe child: `test_hostile probe --child ... -- FILE...` ----

void say(const std::string& line) {
    const std::string l = line + "\n";
    if (::write(1, l.data(), l.size()) < 0) _exit(1);
}

// Reads a FITS file's first image with cfitsio and nothing else: no header checks of ours.
bool readWithCfitsio(const std::string& path, std::string* error) {
    fitsfile* f = nullptr;
    int status = 0;
    fits_open_image(&f, path.c_str(), READONLY, &status);
    int naxis = 0;
    long naxes[2] = {0, 0};
    fits_get_img_dim(f, &naxis, &status);
    fits_get_img_size(f, 2, naxes, &status);
    if (status == 0 && naxes[0] > 0 && naxes[1] > 0 && naxes[0] * naxes[1] < (1L << 26)) {
        std::vector<float> px(std::size_t(naxes[0] * naxes[1]));
        int anynul = 0;
        fits_read_img(f, TFLOAT, 1, long(px.size()), nullptr, px.data(), &anynul, &status);
    }
    char text[FLEN_STATUS] = {0};
    fits_get_errstatus(status, text);
    int closeStatus = 0;
    if (f) fits_close_file(f, &closeStatus);
    *error = text;
    return status == 0;
}

int fakeProbeChild(int argc, char** argv) {
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--") {
            files.assign(argv + i + 1, argv + argc);
            break;
        }
    if (const char* log = std::getenv(kSpawnLog)) std::ofstream(log, std::ios::app) << "spawn\n";
    // Die by the signal as a release build does, not by ASan's report and exit(1).
    std::signal(SIGFPE, SIG_DFL);
    std::signal(SIGSEGV, SIG_DFL);
    say(R"({"ready":true})");
    for (std::size_t i = 0; i < files.size(); ++i) {
        say("{\"start\":" + std::to_string(i) + "}");
        const std::string name = fs::path(files[i]).filename().string();
        auto is = [&](const char* prefix) { return name.rfind(prefix, 0) == 0; };
        json verdict = {{"status", "ok"}, {"seconds", 0.01}};
        if (is("fpe")) {
            std::raise(SIGFPE);
        } else if (is("segv")) {
            std::raise(SIGSEGV);
        } else if (is("hang")) {
            ::sleep(1000);
        } else if (is("spin")) {
            std::atomic<unsigned long> n{0};
            for (;;) n.fetch_add(1, std::memory_order_relaxed);
        } else if (is("alloc")) {
            // RLIMIT_AS limits address space, not touched pages: reserving it is enough, and
            // filling it cost seconds of page faults (CI once saw the 1 s CPU limit end this
            // child before the allocation failed).
            std::vector<std::unique_ptr<char[]>> hog;
            for (;;) {
                hog.emplace_back(new char[std::size_t(256) << 20]);
                static_cast<volatile char*>(hog.back().get())[0] = 1;
            }
        } else if (is("exit")) {
            std::fputs("fake probe: giving up\n", stderr);
            std::fflush(stderr);
            _exit(3);
        } else if (is("error")) {
            verdict = {{"status", "error"}, {"kind", "unsupported"}, {"message", "fake: no image"}};
        } else if (is("cfitsio")) {
            std::string why;
            if (!readWithCfitsio(files[i], &why))
                verdict = {{"status", "error"}, {"kind", "unsupported"}, {"message", why}};
        }
        say(json{{"index", i}, {"verdict", verdict}}.dump());
    }
    return 0;
}

// ---- helpers ----

struct Run {
    int code = -1;
    bool crashed = false;
    bool timedOut = false;
    double seconds = 0;
    QByteArray out, err;
};

// Runs the tessera executable under the address-space limit and the time-out.
Run runTessera(const QStringList& args, const QProcessEnvironment& env,
               int timeoutSeconds = kRunSeconds) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.setChildProcessModifier([] {
        const rlimit as{kAddressSpace, kAddressSpace};
        if (!kAsan) ::setrlimit(RLIMIT_AS, &as);  // ASan's shadow memory needs terabytes
    });
    QElapsedTimer t;
    t.start();
    p.start(kTessera, args);
    Run r;
    if (!p.waitForStarted(10000)) return r;
    if (!p.waitForFinished(timeoutSeconds * 1000)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    r.seconds = double(t.elapsed()) / 1000;
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.code = r.crashed ? -1 : p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString python3() {
    for (const char* p : {"/usr/bin/python3", "/usr/local/bin/python3"})
        if (QFileInfo(QString::fromLatin1(p)).isExecutable()) return QString::fromLatin1(p);
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

QStringList args(std::initializer_list<std::string> items) {
    QStringList out;
    for (const auto& s : items) out << QString::fromStdString(s);
    return out;
}

void touch(const std::string& path, const std::string& text = "x") {
    std::ofstream(path) << text;
}

int countLines(const std::string& path) {
    std::ifstream in(path);
    int n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
}

ErrorKind kindOf(const std::function<void()>& f, std::string* message = nullptr) {
    try {
        f();
    } catch (const Error& e) {
        if (message) *message = e.what();
        return e.kind();
    }
    return ErrorKind::Internal;
}

}  // namespace

class TestHostile : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::string root_;
    std::string corpus_;
    json manifest_;
    QProcessEnvironment env_;
    // From the CLI runs: files `info` read, and files whose reader crashed in the probe.
    std::set<std::string> infoOk_, crashed_;

    std::string path(const std::string& name) const { return root_ + "/" + name; }

    // wall 4 s against 1 s of CPU: a spinning child is still stopped by SIGXCPU, not the wall
    // clock, when other tests (or CI neighbours) leave it half a core.
    void useFakeProbe(double wallSeconds = 4, int cpuSeconds = 1) {
        setProbeExecutable(QCoreApplication::applicationFilePath().toStdString());
        ProbeLimits l;
        l.wallSeconds = wallSeconds;
        l.cpuSeconds = cpuSeconds;
        l.addressSpaceBytes = std::uint64_t(1) << 30;
        setProbeLimits(l);
        forgetProbeVerdicts();
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        root_ = tmp_.path().toStdString();
        qputenv("TESSERA_PROBE_CACHE", QByteArray::fromStdString(path("probe-verdicts")));
        qputenv(kSpawnLog, QByteArray::fromStdString(path("spawns.log")));
        qunsetenv(kProbeChildEnv);
        qunsetenv("TESSERA_PROBE");
        // The corpus, made now by the script in the repository.
        corpus_ = path("corpus");
        const QString py = python3();
        QVERIFY2(!py.isEmpty(), "python3 is needed to make the hostile corpus");
        QProcess make;
        make.start(py, {QStringLiteral(TESSERA_SOURCE_DIR "/scripts/make_hostile_corpus.py"),
                        QString::fromStdString(corpus_)});
        QVERIFY(make.waitForFinished(120000));
        QVERIFY2(make.exitCode() == 0, make.readAllStandardError().constData());
        std::ifstream in(corpus_ + "/manifest.json");
        manifest_ = json::parse(in, nullptr, false);
        QVERIFY(manifest_.is_object());
        QVERIFY2(manifest_["files"].size() >= 60, "the corpus has fewer than 60 files");

        env_ = QProcessEnvironment::systemEnvironment();
        env_.insert(QStringLiteral("TESSERA_THUMBNAIL_CACHE"), QStringLiteral("off"));
        env_.insert(QStringLiteral("TESSERA_PROBE_CACHE"),
                    QString::fromStdString(path("cli-probe-verdicts")));
        env_.remove(QString::fromLatin1(kSpawnLog));
        env_.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }

    // Every way a probe child can fail becomes that file's verdict; the files after it in the
    // same batch are checked by a new child.
    void childFailuresBecomeVerdicts() {
        useFakeProbe();
        const std::vector<std::string> names = {
            "ok1.tif",
            "fpe1.tif",
            "ok2.tif",
            "hang1.tif",
            "spin1.tif",
            kAsan ? "ok4.tif" : "alloc1.tif",  // ASan builds run without RLIMIT_AS
            "exit1.tif",
            "segv1.tif",
            "error1.tif",
            "ok3.tif"};
        std::vector<std::string> files;
        for (const auto& n : names) {
            touch(path(n));
            files.push_back(path(n));
        }
        QElapsedTimer t;
        t.start();
        ProbeFilesOptions o;
        o.memoryOnly = true;
        const auto v = probeFiles(files, o);
        QCOMPARE(v.size(), files.size());
        QCOMPARE(v[0].status, ProbeStatus::Ok);
        QCOMPARE(v[1].status, ProbeStatus::Crashed);
        QCOMPARE(v[1].signal, SIGFPE);
        QCOMPARE(v[2].status, ProbeStatus::Ok);
        QCOMPARE(v[3].status, ProbeStatus::Timeout);
        QVERIFY(v[3].wall);
        QCOMPARE(v[4].status, ProbeStatus::Timeout);  // SIGXCPU
        QVERIFY(!v[4].wall);
        QCOMPARE(v[5].status, kAsan ? ProbeStatus::Ok : ProbeStatus::OutOfMemory);
        QCOMPARE(v[6].status, ProbeStatus::Crashed);
        QCOMPARE(v[6].signal, 0);
        QVERIFY(v[6].message.find("giving up") != std::string::npos);
        QCOMPARE(v[7].status, ProbeStatus::Crashed);
        QCOMPARE(v[7].signal, SIGSEGV);
        QCOMPARE(v[8].status, ProbeStatus::Error);
        QCOMPARE(v[8].errorKind, ErrorKind::Unsupported);
        QCOMPARE(v[9].status, ProbeStatus::Ok);
        QVERIFY2(t.elapsed() < 15000, "the time-outs took too long");

        const std::string fpe = unsafeError(v[1]).what();
        QVERIFY2(
            fpe.rfind("this file could not be read safely: the reader crashed (SIGFPE", 0) == 0,
            fpe.c_str());
        QCOMPARE(unsafeError(v[3]).kind(), ErrorKind::Unsafe);
        QVERIFY(std::string(unsafeError(v[3]).what()).find("longer than 4 s") != std::string::npos);
        QVERIFY(std::string(unsafeError(v[4]).what()).find("processor time") != std::string::npos);
        if (!kAsan)
            QVERIFY(std::string(unsafeError(v[5]).what()).find("1 GiB of memory") !=
                    std::string::npos);
        QCOMPARE(httpStatusFor(ErrorKind::Unsafe), 422);
    }

    // openSource() asks the probe first; verdicts are remembered by path, size and mtime (in
    // memory and in the cache file), a changed file is probed again, wall-clock time-outs are
    // not kept across processes, and a clean failure in the child is reported without opening
    // the file here.
    void openSourceGoesThroughTheProbe() {
        useFakeProbe();
        const std::string log = path("spawns.log");
        std::remove(log.c_str());
        const std::string bad = path("fpe_cached.tif");
        touch(bad);
        std::string msg;
        QCOMPARE(kindOf([&] { openSource(bad); }, &msg), ErrorKind::Unsafe);
        QVERIFY(msg.find("could not be read safely") != std::string::npos);
        QCOMPARE(countLines(log), 1);
        QCOMPARE(kindOf([&] { openSource(bad); }), ErrorKind::Unsafe);  // memory
        forgetProbeVerdicts();
        QCOMPARE(kindOf([&] { openSource(bad); }), ErrorKind::Unsafe);  // the cache file
        QCOMPARE(countLines(log), 1);
        std::ifstream cache(path("probe-verdicts"));
        const std::string text((std::istreambuf_iterator<char>(cache)), {});
        QVERIFY(text.find("crashed") != std::string::npos);

        // Changed (new mtime): probed again.
        struct utimbuf t {
            1000000, 1000000
        };
        QVERIFY(::utime(bad.c_str(), &t) == 0);
        QCOMPARE(kindOf([&] { openSource(bad); }), ErrorKind::Unsafe);
        QCOMPARE(countLines(log), 2);

        // The child's clean error, without opening here (this process would say otherwise).
        const std::string err = path("error_named.png");
        touch(err);
        QCOMPARE(kindOf([&] { openSource(err); }, &msg), ErrorKind::Unsupported);
        QCOMPARE(msg, std::string("fake: no image"));

        // A hang: Unsafe, remembered in memory, but not in the file.
        const std::string hang = path("hang_once.tif");
        touch(hang);
        QCOMPARE(kindOf([&] { openSource(hang); }), ErrorKind::Unsafe);
        const int spawns = countLines(log);
        QCOMPARE(kindOf([&] { openSource(hang); }), ErrorKind::Unsafe);
        QCOMPARE(countLines(log), spawns);
        forgetProbeVerdicts();
        QCOMPARE(kindOf([&] { openSource(hang); }), ErrorKind::Unsafe);
        QCOMPARE(countLines(log), spawns + 1);

        // Remote URLs are not probed; with no executable nothing is.
        setProbeExecutable("");
        QCOMPARE(kindOf([&] { openSource(bad); }), ErrorKind::Unsupported);  // opened here
        QCOMPARE(countLines(log), spawns + 1);
    }

    // Concurrent first opens of one file share one probe.
    void concurrentOpensShareOneProbe() {
        useFakeProbe(3);
        const std::string log = path("spawns.log");
        std::remove(log.c_str());
        const std::string f = path("segv_shared.tif");
        touch(f);
        std::atomic<int> unsafe{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 6; ++i)
            threads.emplace_back([&] {
                if (kindOf([&] { openSource(f); }) == ErrorKind::Unsafe) ++unsafe;
            });
        for (auto& t : threads) t.join();
        QCOMPARE(unsafe.load(), 6);
        QCOMPARE(countLines(log), 1);
    }

    // The known SIGFPE: cfitsio itself (no header checks of Tessera's) on ZTILE1 = 0 kills the
    // probe child, and that is an Unsafe verdict here; the real tessera probe on the same file
    // ends cleanly either way (a clean error from the header checks, or Unsafe).
    void ztileZeroKillsOnlyTheChild() {
        useFakeProbe(10, 10);
        const std::string f = path("cfitsio_ztile1_zero.fz");
        fs::copy_file(corpus_ + "/fz_ztile1_zero.fz", f, fs::copy_options::overwrite_existing);
        const std::string good = path("cfitsio_control.fz");
        fs::copy_file(corpus_ + "/control_gzip.fz", good, fs::copy_options::overwrite_existing);
        const auto v = probeFiles({f, good}, {});
        QVERIFY2(v[0].unsafe(), toJson(v[0]).dump().c_str());
        QCOMPARE(v[0].status, ProbeStatus::Crashed);
        QCOMPARE(v[0].signal, SIGFPE);
        QCOMPARE(v[1].status, ProbeStatus::Ok);
        QCOMPARE(kindOf([&] { openSource(f); }), ErrorKind::Unsafe);

        setProbeExecutable(kTessera.toStdString());
        setProbeLimits(ProbeLimits{});
        forgetProbeVerdicts();
        const auto real = probeFiles({corpus_ + "/fz_ztile1_zero.fz", corpus_ + "/control.fits"},
                                     ProbeFilesOptions{{}, nullptr, true, true});
        QVERIFY2(real[0].status != ProbeStatus::Ok && real[0].status != ProbeStatus::Unavailable,
                 toJson(real[0]).dump().c_str());
        QVERIFY2(real[1].status == ProbeStatus::Ok, toJson(real[1]).dump().c_str());
        std::string msg;
        const ErrorKind k = kindOf([&] { openSource(corpus_ + "/fz_ztile1_zero.fz"); }, &msg);
        QVERIFY2(
            k == ErrorKind::Unsafe || k == ErrorKind::Unsupported || k == ErrorKind::BadRequest,
            msg.c_str());
        setProbeExecutable("");
    }

    void cliOnTheCorpus();
    void librarySyncOfTheCorpus();
    void serverOnTheLibrary();
};

// info, a full-resolution tile and a thumbnail of every file: exit 0 or 2 (one stderr line),
// never a signal, never the time-out; the valid controls read.
void TestHostile::cliOnTheCorpus() {
    // One job per file: its three commands in turn (the first one probes, as a user's would;
    // the others find the verdict in the shared cache file). Files run in parallel.
    struct Job {
        std::string name;
        bool control = false;
        QStringList args;
    };
    std::vector<std::vector<Job>> jobs;
    std::size_t runs = 0;
    for (const auto& f : manifest_["files"]) {
        const std::string name = f["name"];
        const QString p = QString::fromStdString(corpus_ + "/" + name);
        const QString out = QString::fromStdString(path("out/" + name + ".png"));
        jobs.emplace_back();
        runs += 3;
        jobs.back().push_back({name, f["control"], {QStringLiteral("info"), p}});
        jobs.back().push_back({name,
                               f["control"],
                               {QStringLiteral("tile"), p, QStringLiteral("0"), QStringLiteral("0"),
                                QStringLiteral("0"), QStringLiteral("-o"), out}});
        jobs.back().push_back(
            {name, f["control"], {QStringLiteral("thumbnail"), p, QStringLiteral("-o"), out}});
    }
    fs::create_directories(path("out"));
    std::mutex mutex;
    std::vector<std::string> failures;
    std::atomic<std::size_t> next{0};
    double slowest = 0;
    std::string slowestRun;
    QElapsedTimer total;
    total.start();
    auto worker = [&] {
        for (std::size_t i; (i = next++) < jobs.size();)
            for (const Job& j : jobs[i]) {
                const Run r = runTessera(j.args, env_);
                std::string problem;
                const QByteArray err = r.err.trimmed();
                if (r.timedOut)
                    problem = "timed out";
                else if (r.crashed)
                    problem = "crashed";
                else if (r.code != 0 && r.code != 2)
                    problem = "exit code " + std::to_string(r.code);
                else if (r.code == 2 && (err.isEmpty() || err.contains('\n')))
                    problem = "exit 2 without exactly one stderr line";
                else if (j.control && r.code != 0)
                    problem = "a valid file failed";
                std::lock_guard lock(mutex);
                if (j.args.at(0) == QStringLiteral("info") && r.code == 0) infoOk_.insert(j.name);
                if (err.contains("could not be read safely: the reader crashed"))
                    crashed_.insert(j.name);
                if (r.seconds > slowest) {
                    slowest = r.seconds;
                    slowestRun = j.args.join(QLatin1Char(' ')).toStdString();
                }
                if (!problem.empty())
                    failures.push_back(j.name + " (" + j.args.at(0).toStdString() +
                                       "): " + problem + ": " + err.left(300).toStdString());
            }
    };
    // QProcess belongs in QThreads: in plain std::threads Qt adopts the thread and one run in
    // many aborted at thread exit ("unaligned tcache chunk").
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 2; ++t) {
        threads.emplace_back(QThread::create(worker));
        threads.back()->start();
    }
    for (auto& t : threads) t->wait();
    qInfo("%zu CLI runs in %.1f s; slowest %.1f s: %s", runs, total.elapsed() / 1000.0, slowest,
          slowestRun.c_str());
    for (const auto& f : failures) qWarning("%s", f.c_str());
    QVERIFY2(failures.empty(), failures.empty() ? "" : failures.front().c_str());
}

// `library sync` of the whole folder: exit 0, every image file recorded with its probe verdict;
// the valid ones and those `info` read with state ok, those whose reader crashed in the CLI's
// probe with state error and the same reason.
void TestHostile::librarySyncOfTheCorpus() {
    const std::string db = path("library.sqlite");
    QProcessEnvironment env = env_;
    env.insert(QStringLiteral("TESSERA_PROBE_CACHE"), QStringLiteral("off"));
    Run r = runTessera(args({"library", "add", "--db", db, corpus_}), env);
    QCOMPARE(r.code, 0);
    r = runTessera(args({"library", "sync", "--db", db}), env, 180);
    qInfo("library sync of %zu files: %.1f s", std::size_t(manifest_["files"].size()), r.seconds);
    QVERIFY2(!r.timedOut && !r.crashed, r.err.constData());
    QCOMPARE(r.code, 0);
    LibraryStore store(db);
    std::size_t errors = 0;
    for (const auto& f : manifest_["files"]) {
        const std::string name = f["name"];
        const auto rec = store.imageByPath(corpus_ + "/" + name);
        QVERIFY2(rec, ("not recorded: " + name).c_str());
        if (f["control"] || infoOk_.count(name))
            QVERIFY2(rec->state == "ok", (name + ": " + rec->error).c_str());
        if (crashed_.count(name))
            QVERIFY2(rec->state == "error" &&
                         rec->error.find("could not be read safely") != std::string::npos,
                     (name + ": " + rec->state + " " + rec->error).c_str());
        if (rec->state == "error") {
            ++errors;
            QVERIFY2(!rec->error.empty(), name.c_str());
        } else {
            QCOMPARE(rec->state, std::string("ok"));
        }
        QVERIFY2(!rec->probe.empty(), ("no probe verdict recorded for " + name).c_str());
    }
    QCOMPARE(store.count(), std::int64_t(manifest_["files"].size()));
    qInfo("%zu of %zu recorded with state error (%zu crashed a reader in the CLI's probe)", errors,
          std::size_t(manifest_["files"].size()), crashed_.size());
    QVERIFY(errors > 0);
    QCOMPARE(store.integrityCheck(), std::string("ok"));

    // A second sync opens nothing (unchanged) and is quick.
    r = runTessera(args({"library", "sync", "--db", db}), env);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.seconds < 10, "a re-sync of unchanged files took long");
}

// `serve --library` on a library where every record claims to be readable and carries no
// verdict (as an older Tessera recorded them), so the server probes each file itself: a
// thumbnail request per file gets 200 or a 4xx/5xx JSON answer, and the server still answers
// afterwards.
void TestHostile::serverOnTheLibrary() {
    const std::string db = path("library.sqlite");
    {
        LibraryDb raw(db);
        raw.exec("UPDATE images SET state = 'ok', error = '', probe = '', thumbnail = NULL");
    }
    QProcessEnvironment env = env_;
    env.insert(QStringLiteral("TESSERA_PROBE_CACHE"), QStringLiteral("off"));
    QProcess server;
    server.setProcessEnvironment(env);
    server.setChildProcessModifier([] {
        const rlimit as{kAddressSpace, kAddressSpace};
        if (!kAsan) ::setrlimit(RLIMIT_AS, &as);
    });
    server.start(kTessera, args({"serve", "--library", "--db", db, "--port", "0"}));
    QVERIFY(server.waitForStarted(10000));
    QString origin;
    QElapsedTimer t;
    t.start();
    while (origin.isEmpty() && t.elapsed() < 30000 && server.state() == QProcess::Running) {
        server.waitForReadyRead(500);
        const QString out = QString::fromUtf8(server.peek(1 << 16));
        const auto at = out.indexOf(QStringLiteral("Serving on "));
        if (at >= 0 && out.indexOf(QLatin1Char('\n'), at) > at) {
            origin = out.mid(at + 11, out.indexOf(QLatin1Char('\n'), at) - at - 11).trimmed();
            if (origin.endsWith(QLatin1Char('/'))) origin.chop(1);
        }
    }
    auto stop = qScopeGuard([&] {
        if (server.state() == QProcess::NotRunning) return;
        server.kill();
        server.waitForFinished(10000);
    });
    QVERIFY2(!origin.isEmpty(), server.readAllStandardError().constData());

    LibraryStore store(db);
    QNetworkAccessManager nam;
    struct Pending {
        std::string what;
        QNetworkReply* reply;
    };
    std::vector<Pending> pending;
    for (const auto& img : store.images()) {
        QNetworkRequest req(QUrl(origin + QStringLiteral("/api/library/") +
                                 QString::number(img.id) + QStringLiteral("/thumbnail.png")));
        req.setTransferTimeout(170000);
        pending.push_back({img.name, nam.get(req)});
    }
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        bool done = true;
        for (const auto& p : pending) done = done && p.reply->isFinished();
        if (done || t.elapsed() > 175000) loop.quit();
    });
    t.restart();
    tick.start(100);
    loop.exec();
    tick.stop();  // the replies are deleted below
    qInfo("%zu requests answered in %.1f s", pending.size(), t.elapsed() / 1000.0);
    std::vector<std::string> failures;
    int ok = 0;
    for (const auto& p : pending) {
        const int status = p.reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200) {
            ++ok;
        } else if (status < 400 || status > 599) {
            failures.push_back(p.what + ": no answer (" + p.reply->errorString().toStdString() +
                               ")");
        } else if (!p.reply->rawHeader("Content-Type").contains("json") ||
                   json::parse(p.reply->readAll().toStdString(), nullptr, false).is_discarded()) {
            failures.push_back(p.what + ": " + std::to_string(status) + " without JSON");
        }
        p.reply->abort();
        p.reply->deleteLater();
    }
    for (const auto& f : failures) qWarning("%s", f.c_str());
    QVERIFY2(failures.empty(), failures.empty() ? "" : failures.front().c_str());
    QVERIFY(ok > 0);
    // Still alive and answering.
    QCOMPARE(server.state(), QProcess::Running);
    QNetworkReply* list = nam.get(QNetworkRequest(QUrl(origin + QStringLiteral("/api/library"))));
    QEventLoop wait;
    QObject::connect(list, &QNetworkReply::finished, &wait, &QEventLoop::quit);
    QTimer::singleShot(30000, &wait, &QEventLoop::quit);
    wait.exec();
    QCOMPARE(list->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    list->deleteLater();
    server.terminate();
    QVERIFY(server.waitForFinished(30000));
}

int main(int argc, char** argv) {
    // This executable is also the fake probe child of the machinery tests.
    if (argc > 2 && std::string(argv[1]) == "probe" && std::string(argv[2]) == "--child")
        return fakeProbeChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestHostile t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_hostile.moc"
