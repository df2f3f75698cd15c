// Tiles per second for every full-resolution tile of a large generated COG, as PNG and JPEG,
// on one thread and on all threads, beside the decode-only (Source::read) and encode-only rates
// measured in the same run. Target (issue 2): a default-style 256² PNG tile in ≤ 1.5 ms on one
// core. Prints ratios; asserts nothing about time.
#include <QThreadPool>
#include <QtConcurrent>
#include <QtTest>
#include <chrono>
#include <cstdio>
#include <numeric>

#include "service/engine.h"
#include "style/style.h"
#include "support/engine_fixtures.h"

using namespace tessera;
using namespace tessera::test;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a) {
    return std::chrono::duration<double>(Clock::now() - a).count();
}

// Runs f(i) for i in [0, n) on `threads` threads; returns wall seconds.
template <typename F>
double runParallel(int n, int threads, F f) {
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    std::vector<int> idx(static_cast<std::size_t>(n));
    std::iota(idx.begin(), idx.end(), 0);
    const auto t0 = Clock::now();
    QtConcurrent::blockingMap(&pool, idx, [&](int i) { f(i); });
    return seconds(t0);
}

}  // namespace

class BenchTiles : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void tiles() {
        const int size = qEnvironmentVariableIntValue("TESSERA_BENCH_SIZE") > 0
                             ? qEnvironmentVariableIntValue("TESSERA_BENCH_SIZE")
                             : 4096;
        FixtureSpec s;
        s.width = s.height = size;
        s.compression = "JPEG";
        s.interpretations = {"red", "green", "blue"};
        s.value = [](int x, int y, int b) {
            return double((x * (b + 1) / 7 + y / 5 + ((x ^ y) & 31) + b * 60) % 256);
        };
        std::printf("Generating a %dx%d JPEG COG...\n", size, size);
        const std::string path = writeFixture(tempDir() + "/bench.tif", s);
        ImageRef ref;
        ref.uri = path;
        const int tilesPerSide = size / 256;
        const int n = tilesPerSide * tilesPerSide;
        const int z = TileGrid::pixel(size, size).levels() - 1;
        const int cores = QThread::idealThreadCount();

        auto decodeOnly = [&](Engine& e, int i) {
            ReadWindow w;
            w.x0 = (i % tilesPerSide) * 256.0, w.y0 = (i / tilesPerSide) * 256.0;
            w.x1 = w.x0 + 256, w.y1 = w.y0 + 256;
            w.outWidth = w.outHeight = 256;
            (void)e.view(ref)->source().read(w);
        };
        Engine warm;
        decodeOnly(warm, 0);
        // Encode-only: one representative styled tile encoded n times.
        TileRequest probe;
        probe.image = ref;
        probe.z = z;
        const Image styled = warm.tileImage(probe);

        std::printf("\n%-34s %10s %10s %12s\n", "operation (256x256, every tile)", "threads",
                    "tiles/s", "ms/tile/core");
        auto row = [&](const char* name, int threads, double secs) {
            std::printf("%-34s %10d %10.0f %12.3f\n", name, threads, n / secs,
                        secs * 1000.0 * threads / n);
            return secs;
        };
        for (int threads : {1, cores}) {
            Engine e;
            const double dec = row("decode only (Source::read)", threads,
                                   runParallel(n, threads, [&](int i) { decodeOnly(e, i); }));
            const double encPng = row(
                "encode only (PNG)", threads,
                runParallel(n, threads, [&](int) { (void)encodeImage(styled, Encoding::PNG); }));
            const double encJpg = row(
                "encode only (JPEG q95 4:4:4)", threads,
                runParallel(n, threads, [&](int) { (void)encodeImage(styled, Encoding::JPEG); }));
            {
                Engine fresh;
                row("render only (read + style)", threads, runParallel(n, threads, [&](int i) {
                        TileRequest r;
                        r.image = ref;
                        r.z = z, r.x = i % tilesPerSide, r.y = i / tilesPerSide;
                        (void)fresh.tileImage(r);
                    }));
            }
            for (Encoding enc : {Encoding::PNG, Encoding::JPEG}) {
                Engine fresh;  // empty tile cache: every tile is rendered
                const double t = runParallel(n, threads, [&](int i) {
                    TileRequest r;
                    r.image = ref;
                    r.z = z, r.x = i % tilesPerSide, r.y = i / tilesPerSide;
                    r.encoding = enc;
                    (void)fresh.tile(r);
                });
                const double enc1 = enc == Encoding::PNG ? encPng : encJpg;
                char name[64];
                std::snprintf(name, sizeof name, "full tile, default style, %s",
                              enc == Encoding::PNG ? "PNG" : "JPEG");
                row(name, threads, t);
                std::printf(
                    "  ratio full/(decode+encode) = %.2f; style and overhead = %.3f ms/tile/core\n",
                    t / (dec + enc1), (t - dec - enc1) * 1000.0 * threads / n);
            }
        }
        std::printf(
            "\nTarget: default-style PNG tile <= 1.5 ms on one core (see the 1-thread PNG row).\n");
    }
};

QTEST_GUILESS_MAIN(BenchTiles)
#include "bench_tiles.moc"
