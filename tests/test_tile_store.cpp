// The one tile pipeline (cache/tile_key.h, cache/tile_store.h, Engine): typed keys that differ
// by every field that changes the answer, a file changed on disk is re-read, and concurrent
// identical requests decode once on every tile-producing path (tiles, the canvas's decoded
// tiles, @2x, Deep Zoom, maps / WMTS CRS84).
#include <QtTest>

#include <sys/stat.h>
#include <utime.h>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "cache/source_identity.h"
#include "cache/tile_key.h"
#include "cache/tile_store.h"
#include "service/engine.h"
#include "support/engine_fixtures.h"
#include "support/fits_fixtures.h"
#include "support/fixtures.h"
#include "util/error.h"

using namespace tessera;
using namespace tessera::test;

namespace {

// Runs fn on n threads released together; returns when all are done.
void together(int n, const std::function<void()>& fn) {
    std::latch start(n);
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&] {
            start.arrive_and_wait();
            try {
                fn();
            } catch (...) {
                ++failures;
            }
        });
    for (auto& t : threads) t.join();
    if (failures) throw std::runtime_error("a concurrent request failed");
}

void setMtime(const std::string& path, long seconds) {
    struct utimbuf t {};
    t.actime = t.modtime = seconds;
    ::utime(path.c_str(), &t);
}

}  // namespace

class TestTileStore : public QObject {
    Q_OBJECT
    std::string dir_, geo_, cube_;

    static FixtureSpec constant(int v) {
        FixtureSpec s;
        s.width = 600;
        s.height = 400;
        s.interpretations = {"red", "green", "blue"};
        s.value = [v](int, int, int b) { return double(v + 10 * b); };
        return s;
    }

  private Q_SLOTS:
    void initTestCase() {
        dir_ = tempDir();
        FixtureSpec s;
        s.interpretations = {"red", "green", "blue"};
        s.value = blockPattern;
        geo_ = writeFixture(dir_ + "/geo.tif", s);
        FitsHduSpec h;
        h.bitpix = SHORT_IMG;
        h.naxes = {300, 200, 2};
        h.value = [](long i, long j, long plane) { return double((i + j) % 100 + plane * 500); };
        cube_ = writeFits(dir_ + "/cube.fits", {h});
    }

    void keysCoverEveryField() {
        TileKey a;
        a.view = "file:/a|1|2|gdal|";
        a.encoder = EncoderKey{Encoding::PNG, {}};
        auto differs = [&](auto change) {
            TileKey b = a;
            change(b);
            return b.str() != a.str() && !(b == a);
        };
        QVERIFY(differs([](TileKey& k) { k.kind = TileKind::Tile2x; }));
        QVERIFY(differs([](TileKey& k) { k.view = "file:/a|1|3|gdal|"; }));  // mtime
        QVERIFY(differs([](TileKey& k) { k.z = 1; }));
        QVERIFY(differs([](TileKey& k) { k.x = 1; }));
        QVERIFY(differs([](TileKey& k) { k.y = 1; }));
        QVERIFY(differs([](TileKey& k) { k.frame = 1; }));
        QVERIFY(differs([](TileKey& k) { k.style = "{}"; }));
        QVERIFY(differs([](TileKey& k) { k.edgeCrop = true; }));
        QVERIFY(differs([](TileKey& k) { k.extra = "x"; }));
        QVERIFY(differs([](TileKey& k) { k.encoder->options.pngLevel = 6; }));
        QVERIFY(differs([](TileKey& k) { k.encoder = EncoderKey{Encoding::JPEG, {}}; }));
        QVERIFY(differs([](TileKey& k) { k.encoder.reset(); }));
        // Only the options the encoding reads take part.
        QVERIFY(!differs([](TileKey& k) { k.encoder->options.jpegQuality = 10; }));
        TileKey j = a;
        j.encoder = EncoderKey{Encoding::JPEG, {}};
        TileKey j2 = j;
        j2.encoder->options.jpegSubsampling = 2;
        QVERIFY(j.str() != j2.str());
        TileKey w = a, w2 = a;
        w.encoder = w2.encoder = EncoderKey{Encoding::WebP, {}};
        w2.encoder->options.webpLossless = true;
        QVERIFY(w.str() != w2.str());
        // Fields cannot run into each other.
        TileKey p = a, q = a;
        p.style = "1";
        p.extra = "";
        q.style = "";
        q.extra = "1";
        QVERIFY(p.str() != q.str());
        QCOMPARE(std::hash<TileKey>{}(a), std::hash<TileKey>{}(TileKey(a)));
    }

    void canonicalStyleSharesEntries() {
        QCOMPARE(canonicalStyle(R"({"min":0,"max":1})"),
                 canonicalStyle(R"({ "max": 1,  "min": 0 })"));
        QCOMPARE(canonicalStyle(""), std::string());
        QCOMPARE(canonicalStyle("{}"), std::string("{}"));
        QCOMPARE(canonicalStyle("{not json"), std::string("{not json"));
        const std::string deep = std::string(5000, '[') + std::string(5000, ']');
        QCOMPARE(canonicalStyle(deep), deep);  // not parsed: left for the style parser to refuse
    }

    void changedFileIsReRead() {
        const std::string path = dir_ + "/changing.tif";
        writeFixture(path, constant(40));
        setMtime(path, 1000000);
        Engine engine;
        TileRequest r;
        r.image.uri = path;
        QCOMPARE(px(decoded(engine.tile(r)), 5, 5, 0), 40);
        QCOMPARE(px(*engine.tilePixels(r), 5, 5, 0), 40);
        const std::string viewKey = engine.view(r.image)->key();
        // Replaced on disk (same size, new content, new mtime): every path reads the new pixels.
        writeFixture(path, constant(90));
        setMtime(path, 2000000);
        QCOMPARE(px(decoded(engine.tile(r)), 5, 5, 0), 90);
        QCOMPARE(px(*engine.tilePixels(r), 5, 5, 0), 90);
        QCOMPARE(px(engine.tileImage(r), 5, 5, 0), 90);
        QVERIFY(engine.view(r.image)->key() != viewKey);
        QVERIFY(engine.sourceCache().reopened() >= 1);
        ThumbnailRequest t;
        t.image.uri = path;
        t.maxWidth = t.maxHeight = 64;
        QCOMPARE(px(decoded(engine.thumbnail(t)), 3, 3, 0), 90);
        writeFixture(path, constant(150));
        setMtime(path, 3000000);
        QCOMPARE(px(decoded(engine.thumbnail(t)), 3, 3, 0), 150);
        QCOMPARE(px(decoded(engine.tile2x(r)), 5, 5, 0), 150);
        // Gone: a clean NotFound, not the old pixels.
        QVERIFY(QFile::remove(QString::fromStdString(path)));
        QVERIFY_THROWS_EXCEPTION(Error, engine.tile(r));
    }

    void identityOfFiles() {
        const auto a = identifySource(geo_);
        QVERIFY(a && !a->remote);
        QVERIFY(a->text.find("file:") == 0);
        QVERIFY(!identifySource(dir_ + "/nothing.tif"));
        const auto url = identifySource("https://example.invalid/a.tif");
        QVERIFY(url && url->remote);
    }

    void variantKeysDifferByFrameAndEncoder() {
        Engine engine;
        TileRequest r;
        r.image.uri = cube_;
        r.style.frame = 0;
        r.encoding = Encoding::PNG;
        const Image f0 = decoded(engine.tile2x(r));
        r.style.frame = 1;
        const Image f1 = decoded(engine.tile2x(r));
        QVERIFY(f0.pixels != f1.pixels);  // frame 1 is not frame 0's cached tile
        r.style.frame = 0;
        r.encodeOptions.pngLevel = 9;
        const Encoded l9 = engine.tile2x(r);
        r.encodeOptions.pngLevel = 0;
        const Encoded l0 = engine.tile2x(r);
        QVERIFY(*l9.bytes != *l0.bytes);  // PNG level takes part in the @2x key
        QVERIFY(decoded(l9).pixels == decoded(l0).pixels);

        DeepZoomRequest d;
        d.image.uri = cube_;
        d.level = 8;
        const Image d0 = decoded(engine.deepZoomTile(d));
        d.style.frame = 1;
        const Image d1 = decoded(engine.deepZoomTile(d));
        QVERIFY(d0.pixels != d1.pixels);
        d.encoding = Encoding::JPEG;
        d.encodeOptions.jpegQuality = 30;
        const Encoded q30 = engine.deepZoomTile(d);
        d.encodeOptions.jpegQuality = 95;
        const Encoded q95 = engine.deepZoomTile(d);
        QVERIFY(q30.bytes->size() < q95.bytes->size());

        // Maps (WMS, WMTS CRS84): style frame and format key take part.
        MapRenderRequest m;
        m.layers.push_back({ImageRef{geo_, "", ""}, StyleSpec{}});
        m.crs = "EPSG:4326";
        m.xmin = -10;
        m.ymin = -5.36;
        m.xmax = 10.48;
        m.ymax = 10;
        const auto png = engine.mapBytes(m, "PNG", [](const Image& img) {
            return std::make_shared<const Bytes>(encodeImage(img, Encoding::PNG, {}));
        });
        const auto jpeg = engine.mapBytes(m, "JPEG", [](const Image& img) {
            return std::make_shared<const Bytes>(encodeImage(img, Encoding::JPEG, {}));
        });
        QVERIFY(*png != *jpeg);
        m.layers[0].style.styleJson = R"({"band":1,"palette":"viridis"})";
        QVERIFY(engine.mapPixels(m)->pixels !=
                engine
                    .mapPixels(MapRenderRequest{{{ImageRef{geo_, "", ""}, StyleSpec{}}},
                                                "EPSG:4326",
                                                -10,
                                                -5.36,
                                                10.48,
                                                10,
                                                256,
                                                256})
                    ->pixels);
    }

    void concurrentRequestsDecodeOnce() {
        constexpr int kThreads = 8;
        struct Path {
            const char* name;
            std::uint64_t decodes;  // distinct decoded tiles the path needs
            std::function<void(Engine&)> run;
        };
        TileRequest t;
        t.image.uri = geo_;
        t.z = 2;
        t.x = 1;
        t.y = 1;
        t.style.styleJson = R"({"bands":[{"band":1,"palette":"#f00"}]})";
        TileRequest canvas = t;
        canvas.edgeCrop = true;
        TileRequest twice = t;
        twice.z = 1;
        twice.x = twice.y = 0;
        DeepZoomRequest dz;
        dz.image.uri = geo_;
        dz.level = 9;
        dz.col = 1;
        MapRenderRequest m{
            {{ImageRef{geo_, "", ""}, StyleSpec{}}}, "EPSG:4326", -10, 0, 0, 10, 256, 256};
        const std::vector<Path> paths{
            {"tile", 1, [&](Engine& e) { e.tile(t); }},
            {"canvas", 1, [&](Engine& e) { e.tilePixels(canvas); }},
            {"tile2x", 5, [&](Engine& e) { e.tile2x(twice); }},  // itself + 4 children
            {"deepzoom", 1, [&](Engine& e) { e.deepZoomTile(dz); }},
            {"map", 1, [&](Engine& e) { e.mapPixels(m); }},
            {"crs84", 1,
             [&](Engine& e) {
                 e.mapBytes(m, "PNG", [](const Image& img) {
                     return std::make_shared<const Bytes>(encodeImage(img, Encoding::PNG, {}));
                 });
             }},
        };
        for (const Path& p : paths) {
            Engine engine;
            engine.view(t.image);  // opened up front: only tile work is concurrent
            together(kThreads, [&] { p.run(engine); });
            QVERIFY2(engine.tileStore().renders() == p.decodes,
                     qPrintable(QStringLiteral("%1: %2 renders")
                                    .arg(QLatin1String(p.name))
                                    .arg(engine.tileStore().renders())));
            together(kThreads, [&] { p.run(engine); });  // all hits now
            QVERIFY2(engine.tileStore().renders() == p.decodes, p.name);
        }
    }

    void decodedTierIsBounded() {
        EngineConfig c;
        c.decodedCacheBytes = std::size_t(8) << 20;  // 16 shards: one 256² RGBA tile each
        Engine engine(c);
        TileRequest r;
        r.image.uri = geo_;
        r.z = 2;
        for (int y = 0; y < 3; ++y)
            for (int x = 0; x < 4; ++x) {
                r.x = x;
                r.y = y;
                engine.tilePixels(r);
            }
        const CacheStats s = engine.tileStore().decodedStats();
        QVERIFY(s.bytes <= c.decodedCacheBytes);
        QVERIFY(s.entries >= 1);
    }
};

QTEST_GUILESS_MAIN(TestTileStore)
#include "test_tile_store.moc"
