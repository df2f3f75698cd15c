// Tile server throughput: wrk (64 connections) on random tiles of a large generated COG through
// HTTP, beside the in-process Engine rate on the same tiles with the same thread count, measured
// in the same run. Two cases: cold (tile cache off: every request renders) and hot (16 cached
// tiles: pure HTTP overhead). Prints tiles/s, p99 latency and the ratios (targets: ≥ 80 % of
// in-process, p99 < 50 ms). Never asserts on time.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <cstdio>
#include <random>
#include <thread>

#include "http/server.h"
#include "service/engine.h"
#include "support/fixtures.h"

using namespace tessera;

namespace {

constexpr int kSize = 8192;  // 6 levels: z 0..5, 2^z tiles across
constexpr int kZMin = 2, kZMax = 5;
constexpr double kSeconds = 10;

struct WrkResult {
    double rps = 0, p50 = 0, p99 = 0;
    long long errors = 0;
    bool ok = false;
};

std::shared_ptr<Engine> makeEngine(bool cache) {
    EngineConfig c;
    c.tileCacheBytes = cache ? (std::size_t(256) << 20) : 1;  // 1 byte: nothing stays cached
    c.decodedCacheBytes = cache ? (std::size_t(128) << 20) : 1;
    return std::make_shared<Engine>(c);
}

// Random tile of the pyramid (hot: one of 16 tiles at z = 2).
void randomTile(std::mt19937& rng, bool hot, int& z, int& x, int& y) {
    if (hot) {
        z = 2;
        x = int(rng() % 4);
        y = int(rng() % 4);
        return;
    }
    z = kZMin + int(rng() % (kZMax - kZMin + 1));
    x = int(rng() % (1u << z));
    y = int(rng() % (1u << z));
}

double inProcessRate(Engine& engine, const std::string& path, bool hot, int threads) {
    std::atomic<long long> count{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> pool;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < threads; ++i) {
        pool.emplace_back([&, i] {
            std::mt19937 rng(1234 + i);
            while (!stop.load()) {
                TileRequest r;
                r.image.uri = path;
                randomTile(rng, hot, r.z, r.x, r.y);
                (void)engine.tile(r);
                ++count;
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(int(kSeconds * 1000)));
    stop = true;
    for (auto& th : pool) th.join();
    return double(count.load()) / (double(t.nsecsElapsed()) / 1e9);
}

WrkResult runWrk(const QString& base, bool hot, const QString& dir) {
    const QString lua = dir + (hot ? QStringLiteral("/hot.lua") : QStringLiteral("/cold.lua"));
    QFile f(lua);
    f.open(QIODevice::WriteOnly);
    const QString tiles =
        hot ? QStringLiteral(
                  "local z = 2; local x = math.random(0, 3); local y = math.random(0, 3)")
            : QStringLiteral(
                  "local z = math.random(%1, %2); local n = 2 ^ z; "
                  "local x = math.random(0, n - 1); local y = math.random(0, n - 1)")
                  .arg(kZMin)
                  .arg(kZMax);
    f.write(QStringLiteral(
                "math.randomseed(os.time())\n"
                "request = function()\n  %1\n"
                "  return wrk.format('GET', string.format('/api/image/1/tiles/%d/%d/%d.png', z, x, "
                "y))\n"
                "end\n"
                "done = function(summary, latency, requests)\n"
                "  local e = summary.errors\n"
                "  io.write(string.format('TESSERA rps=%f p50=%f p99=%f errors=%d\\n',\n"
                "    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,\n"
                "    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + "
                "e.timeout))\n"
                "end\n")
                .arg(tiles)
                .toUtf8());
    f.close();
    QProcess wrk;
    wrk.start(
        QStringLiteral("wrk"),
        {QStringLiteral("-t2"), QStringLiteral("-c64"), QStringLiteral("-d%1s").arg(int(kSeconds)),
         QStringLiteral("--timeout"), QStringLiteral("10s"), QStringLiteral("-s"), lua, base});
    QEventLoop loop;  // the server answers on this thread while wrk runs
    QObject::connect(&wrk, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(int(kSeconds * 1000) + 60000, &loop, &QEventLoop::quit);
    loop.exec();
    const QString out = QString::fromUtf8(wrk.readAllStandardOutput());
    WrkResult r;
    const auto m =
        QRegularExpression(
            QStringLiteral("TESSERA rps=([\\d.]+) p50=([\\d.]+) p99=([\\d.]+) errors=(\\d+)"))
            .match(out);
    if (m.hasMatch()) {
        r.rps = m.captured(1).toDouble();
        r.p50 = m.captured(2).toDouble();
        r.p99 = m.captured(3).toDouble();
        r.errors = m.captured(4).toLongLong();
        r.ok = true;
    } else {
        std::fprintf(stderr, "wrk output:\n%s\n%s\n", qPrintable(out),
                     wrk.readAllStandardError().constData());
    }
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (QStandardPaths::findExecutable(QStringLiteral("wrk")).isEmpty()) {
        std::printf("bench_server: wrk not installed (apt-get install -y wrk); skipped\n");
        return 0;
    }
    const std::string dir = test::tempDir();
    test::FixtureSpec s;
    s.width = kSize;
    s.height = kSize;
    s.compression = "JPEG";
    s.geoTransform = {-20.0, 40.0 / kSize, 0.0, 20.0, 0.0, -40.0 / kSize};
    QElapsedTimer gen;
    gen.start();
    const std::string path = test::writeFixture(dir + "/large.tif", s);
    const int threads = std::max(2, QThread::idealThreadCount());
    std::printf(
        "bench_server: %dx%d RGB JPEG COG written in %.1f s; %d worker threads, wrk -t2 -c64 "
        "-d%ds, %d cores\n",
        kSize, kSize, gen.elapsed() / 1000.0, threads, int(kSeconds), QThread::idealThreadCount());

    for (bool hot : {false, true}) {
        auto inEngine = makeEngine(hot);
        const double inRate = inProcessRate(*inEngine, path, hot, threads);

        http::Server server(makeEngine(hot));
        server.setThreadCounts(threads, 16);
        server.registry().add({path, "", ""});
        if (!server.start(QHostAddress(QHostAddress::LocalHost), 0)) {
            std::printf("cannot start the server: %s\n", qPrintable(server.errorString()));
            return 1;
        }
        const WrkResult w = runWrk(server.url().toString(QUrl::StripTrailingSlash), hot,
                                   QString::fromStdString(dir));
        server.stop();
        const char* label = hot ? "hot (16 cached tiles)" : "cold (random z 2-5, cache off)";
        std::printf(
            "%-32s in-process %8.1f tiles/s | HTTP %8.1f tiles/s, p50 %6.2f ms, p99 %6.2f ms, "
            "errors %lld | HTTP/in-process %.2f (target >= 0.80), p99 %s 50 ms\n",
            label, inRate, w.rps, w.p50, w.p99, w.errors, inRate > 0 ? w.rps / inRate : 0.0,
            w.p99 < 50 ? "<" : ">=");
        std::fflush(stdout);
    }
    return 0;
}
