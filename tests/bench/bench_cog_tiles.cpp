// Every tile of ../shared/data/geotiff/cog.tif (UInt16 DEM, 2658×2667, 5 levels) rendered with
// viridis 0–8000 as PNG on one thread, uncached, beside decode-only (Source::read of the same
// windows) and encode-only (PNG of the same styled tiles) in the same run. Prints tiles/s and
// the ratio full / (decode + encode): the styled tile's target is ≤ 1.3 (issue #14).
// Skipped when the shared data is absent.
#include <QtTest>

#include <cstdio>
#include <memory>
#include <vector>

#include "encode/encoder.h"
#include "service/engine.h"
#include "support/fixtures.h"

using namespace tessera;

namespace {

constexpr const char* kViridis = R"({"bands":[{"band":1,"palette":"viridis","min":0,"max":8000}]})";

struct TileId {
    int z, x, y;
};

double seconds(const std::function<void()>& fn) {
    QElapsedTimer t;
    t.start();
    fn();
    return t.nsecsElapsed() / 1e9;
}

}  // namespace

class BenchCogTiles : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void everyTile() {
        const std::string dir = test::sharedDataDir();
        const std::string path = dir + "/geotiff/cog.tif";
        if (dir.empty() || !QFile::exists(QString::fromStdString(path)))
            QSKIP("../shared/data/geotiff/cog.tif is absent");
        ImageRef ref;
        ref.uri = path;
        std::vector<TileId> tiles;
        {
            Engine probe;
            const TileGrid& g = probe.view(ref)->grid();
            for (int z = 0; z < g.levels(); ++z)
                for (int y = 0; y < g.tilesY(z); ++y)
                    for (int x = 0; x < g.tilesX(z); ++x) tiles.push_back({z, x, y});
        }
        const double n = double(tiles.size());
        const int rounds = qEnvironmentVariableIntValue("TESSERA_BENCH_ROUNDS") > 0
                               ? qEnvironmentVariableIntValue("TESSERA_BENCH_ROUNDS")
                               : 3;
        std::printf(
            "cog.tif: %zu tiles (every level), viridis 0-8000, PNG, one thread, %d rounds\n",
            tiles.size(), rounds);

        auto request = [&](const TileId& t) {
            TileRequest r;
            r.image = ref;
            r.z = t.z, r.x = t.x, r.y = t.y;
            r.style.styleJson = kViridis;
            return r;
        };
        // Styled tiles to encode, rendered once.
        std::vector<Image> styled;
        {
            Engine e;
            for (const TileId& t : tiles) styled.push_back(e.tileImage(request(t)));
        }
        // An engine with nothing cached but the open file and the resolved style (its lookup
        // tables), as a running server has them: every tile is read, styled and encoded.
        auto uncached = [&] {
            EngineConfig c;
            c.tileCacheBytes = 1;
            c.decodedCacheBytes = 1;
            auto e = std::make_unique<Engine>(c);
            e->tilePixels(request(tiles.front()));
            return e;
        };
        double best[4] = {1e9, 1e9, 1e9, 1e9};
        for (int round = 0; round < rounds; ++round) {
            Engine decodeEngine;
            const auto view = decodeEngine.view(ref);
            const double dec = seconds([&] {
                for (const TileId& t : tiles) {
                    const PixelWindow w = view->grid().window(t.z, t.x, t.y);
                    ReadWindow rw;
                    rw.x0 = w.x0, rw.y0 = w.y0, rw.x1 = w.x1, rw.y1 = w.y1;
                    rw.outWidth = w.outWidth, rw.outHeight = w.outHeight;
                    (void)view->source().read(rw);
                }
            });
            const double enc = seconds([&] {
                for (const Image& img : styled) (void)encodeImage(img, Encoding::PNG);
            });
            const auto full = uncached();
            const double all = seconds([&] {
                for (const TileId& t : tiles) (void)full->tile(request(t));
            });
            const auto styledOnly = uncached();
            const double sty = seconds([&] {
                for (const TileId& t : tiles) (void)styledOnly->tilePixels(request(t));
            });
            best[3] = std::min(best[3], sty);
            best[0] = std::min(best[0], dec);
            best[1] = std::min(best[1], enc);
            best[2] = std::min(best[2], all);
        }
        std::printf("%-40s %10s %10s\n", "operation", "tiles/s", "us/tile");
        const char* names[4] = {"decode only (Source::read)", "encode only (PNG of styled tiles)",
                                "full styled PNG tile (Engine::tile)",
                                "read + style (Engine::tilePixels)"};
        for (int i = 0; i < 4; ++i)
            std::printf("%-40s %10.0f %10.1f\n", names[i], n / best[i], best[i] * 1e6 / n);
        std::printf(
            "ratio full / (decode + encode) = %.2f (target <= 1.3); styled read / read = "
            "%.2f\n",
            best[2] / (best[0] + best[1]), best[3] / best[0]);
    }
};

QTEST_GUILESS_MAIN(BenchCogTiles)
#include "bench_cog_tiles.moc"
