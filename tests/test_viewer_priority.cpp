// Viewer logic without a display: tile request priority (coarse → fine, then distance to the
// view centre), view arithmetic, scale bar lengths, and the TileLoader on a real COG (every tile
// loaded once, coarse first, stale versions abandoned).
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>
#include <set>

#include "scale_bar.h"
#include "support/engine_fixtures.h"
#include "support/fixtures.h"
#include "tile_loader.h"
#include "tile_priority.h"
#include "view_transform.h"

using namespace tessera;
using namespace tessera::ui;

class TestViewerPriority : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void priorityOrdersCoarseThenNear() {
        // 4 levels: level 3 = full resolution (tiles 256 px), level 0 tiles cover 2048 px.
        const int levels = 4;
        const QPointF centre(1000, 600);
        std::vector<GridTile> keys = {{3, 0, 0}, {3, 3, 2}, {2, 1, 1}, {0, 0, 0},
                                      {3, 4, 2}, {2, 0, 0}, {1, 0, 0}};
        sortByPriority(keys, levels, centre);
        // Levels never decrease along the order.
        for (std::size_t i = 1; i < keys.size(); ++i) QVERIFY(keys[i - 1].z <= keys[i].z);
        QCOMPARE(keys.front(), (GridTile{0, 0, 0}));
        QCOMPARE(keys[1], (GridTile{1, 0, 0}));
        // Level 2 (512-px tiles): (1,1) has centre (768,768), nearer than (0,0) at (256,256).
        QCOMPARE(keys[2], (GridTile{2, 1, 1}));
        QCOMPARE(keys[3], (GridTile{2, 0, 0}));
        // Level 3: (3,2) centre (896,640) is nearest, then (4,2) at (1152,640), then (0,0).
        QCOMPARE(keys[4], (GridTile{3, 3, 2}));
        QCOMPARE(keys[5], (GridTile{3, 4, 2}));
        QCOMPARE(keys[6], (GridTile{3, 0, 0}));
        const TilePriority p = tilePriority({3, 3, 2}, levels, centre);
        QCOMPARE(p.level, 3);
        QVERIFY(qAbs(p.distance - std::hypot(896.0 - 1000.0, 640.0 - 600.0)) < 1e-9);
        QVERIFY(tilePriority({0, 0, 0}, levels, centre) < tilePriority({1, 0, 0}, levels, centre));
    }

    void viewTransformArithmetic() {
        ViewTransform v(5000, 3000, 6);  // ceil(log2(5000/256)) + 1 = 6 levels
        v.setViewport(QSizeF(1000, 600));
        v.fit();
        QCOMPARE(v.zoom(), 0.2);
        QCOMPARE(v.levelForZoom(1.0), 5);
        QCOMPARE(v.levelForZoom(2.0), 5);
        QCOMPARE(v.levelForZoom(0.5), 4);
        QCOMPARE(v.levelForZoom(0.2), 3);  // 1:5 → level with 1:4 pixels
        QCOMPARE(v.levelForZoom(0.001), 0);
        QCOMPARE(v.tilesX(5), 20);
        QCOMPARE(v.tilesY(5), 12);
        QCOMPARE(v.tilesX(0), 1);
        QCOMPARE(v.tileImageRect({5, 19, 11}), QRectF(QPointF(4864, 2816), QPointF(5000, 3000)));
        // Zoom around a point keeps it under the cursor.
        const QPointF anchor(700, 200);
        const QPointF before = v.screenToImage(anchor);
        v.zoomAround(0.8, anchor);
        const QPointF after = v.screenToImage(anchor);
        QVERIFY(qAbs(before.x() - after.x()) < 1e-6 && qAbs(before.y() - after.y()) < 1e-6);
        const auto tiles = v.tilesIn(5, v.visibleImageRect());
        QVERIFY(!tiles.empty());
        for (const GridTile& k : tiles)
            QVERIFY(v.tileImageRect(k).intersects(v.visibleImageRect()));
    }

    void scaleBarLengths() {
        QCOMPARE(niceLengthBelow(7.3), 5.0);
        QCOMPARE(niceLengthBelow(1999), 1000.0);
        QCOMPARE(niceLengthBelow(0.0042), 0.002);
        QCOMPARE(niceLengthBelow(200), 200.0);
        const ScaleBar m = makeScaleBar(12.0, 200, ScaleUnit::Metres);  // 2400 m fit
        QCOMPARE(m.length, 2000.0);
        QCOMPARE(m.label, QStringLiteral("2 km"));
        QVERIFY(qAbs(m.screenPixels - 2000.0 / 12.0) < 1e-9);
        const ScaleBar um = makeScaleBar(0.25, 200, ScaleUnit::Micrometres);  // 50 µm
        QCOMPARE(um.label, QStringLiteral("50 µm"));
        const ScaleBar px = makeScaleBar(4, 150, ScaleUnit::Pixels);
        QCOMPARE(px.label, QStringLiteral("500 px"));
    }

    void loaderLoadsEachTileOnceCoarseFirst() {
        test::FixtureSpec spec;
        spec.width = 2048;
        spec.height = 1536;
        spec.epsg = 0;
        spec.value = [](int x, int y, int b) { return test::blockPattern(x, y, b); };
        const std::string path = test::writeFixture(test::tempDir() + "/loader.tif", spec);
        auto engine = std::make_shared<Engine>();
        ImageRef ref{path, "", ""};
        TileLoader loader(engine, ref);
        loader.setMaxConcurrent(2);
        QSignalSpy loaded(&loader, &TileLoader::tileLoaded);
        ViewTransform v(2048, 1536, 4);
        std::vector<GridTile> keys;
        for (int z = 0; z < 4; ++z)
            for (const GridTile& k : v.tilesIn(z, QRectF(0, 0, 2048, 1536))) keys.push_back(k);
        sortByPriority(keys, 4, QPointF(1024, 768));
        loader.setWanted(keys);
        loader.setWanted(keys);  // asking again must not start anything twice
        QTRY_VERIFY_WITH_TIMEOUT(loader.isIdle(), 60000);
        QCOMPARE(loaded.count(), int(keys.size()));
        QCOMPARE(loader.maxStartsOfOneTile(), 1);
        QCOMPARE(loader.startedCount(), int(keys.size()));
        // Started in priority order: levels never decrease.
        const auto& order = loader.startOrder();
        for (std::size_t i = 1; i < order.size(); ++i) QVERIFY(order[i - 1].z <= order[i].z);
        // The top tile has the pattern's value at (32, 32) → scaled by 8 at level 0.
        for (const auto& args : loaded) {
            const GridTile k = args.at(0).value<GridTile>();
            const QImage img = args.at(2).value<QImage>();
            if (k == GridTile{3, 1, 1}) {
                QCOMPARE(img.size(), QSize(256, 256));
                const QColor c = img.pixelColor(40, 40);  // image pixel (296, 296)
                QCOMPARE(c.red(), int(test::blockPattern(296, 296, 0)));
                QCOMPARE(c.green(), int(test::blockPattern(296, 296, 1)));
            }
            if (k == GridTile{0, 0, 0}) QCOMPARE(img.size(), QSize(256, 192));  // edge-cropped
        }
    }

    void loaderAbandonsOldVersions() {
        test::FixtureSpec spec;
        spec.width = 1024;
        spec.height = 1024;
        spec.epsg = 0;
        const std::string path = test::writeFixture(test::tempDir() + "/versions.tif", spec);
        auto engine = std::make_shared<Engine>();
        TileLoader loader(engine, ImageRef{path, "", ""});
        loader.setMaxConcurrent(1);
        QSignalSpy loaded(&loader, &TileLoader::tileLoaded);
        ViewTransform v(1024, 1024, 3);
        std::vector<GridTile> keys = v.tilesIn(2, QRectF(0, 0, 1024, 1024));
        loader.setWanted(keys);
        const quint64 first = loader.version();
        StyleSpec red;
        red.styleJson = R"({"band": 1, "palette": ["#000", "#f00"]})";
        loader.setStyle(red);  // queue dropped; the running tile's result is discarded
        QVERIFY(loader.version() > first);
        QCOMPARE(loader.queuedCount(), 0);
        loader.setWanted({{0, 0, 0}});
        QTRY_VERIFY_WITH_TIMEOUT(loader.isIdle(), 30000);
        for (const auto& args : loaded) QCOMPARE(args.at(1).value<quint64>(), loader.version());
        QCOMPARE(loaded.count(), 1);
        const QImage img = loaded.first().at(2).value<QImage>();
        QCOMPARE(img.pixelColor(10, 10).green(), 0);
        QCOMPARE(img.pixelColor(10, 10).blue(), 0);
    }

    void loaderReportsErrors() {
        auto engine = std::make_shared<Engine>();
        TileLoader loader(engine, ImageRef{"/nonexistent/file.tif", "", ""});
        QSignalSpy failed(&loader, &TileLoader::tileFailed);
        loader.setWanted({{0, 0, 0}});
        QTRY_VERIFY_WITH_TIMEOUT(loader.isIdle(), 10000);
        QCOMPARE(failed.count(), 1);
        QVERIFY(!failed.first().at(2).toString().isEmpty());
    }
};

QTEST_MAIN(TestViewerPriority)
#include "test_viewer_priority.moc"
