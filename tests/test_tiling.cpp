// TileGrid against large_image's tiling formulas (spec §2.2).
#include <QtTest>

#include "tiling/tile_grid.h"
#include "util/error.h"

using namespace tessera;

class TestTiling : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void pixelLevels() {
        QCOMPARE(TileGrid::pixel(256, 256).levels(), 1);
        QCOMPARE(TileGrid::pixel(100, 50).levels(), 1);
        QCOMPARE(TileGrid::pixel(257, 10).levels(), 2);
        QCOMPARE(TileGrid::pixel(687, 509).levels(), 3);   // landcover_sample_1000 (spec §3.5.5)
        QCOMPARE(TileGrid::pixel(1204, 512).levels(), 4);  // region_gcp
        QCOMPARE(TileGrid::pixel(58368, 12288).levels(), 9);  // sample_image.ptif
        QCOMPARE(TileGrid::pixel(16384, 16384).levels(), 7);
    }
    void tileCounts() {
        const TileGrid g = TileGrid::pixel(1000, 600);  // levels 3
        QCOMPARE(g.levels(), 3);
        QCOMPARE(g.tilesX(2), 4);
        QCOMPARE(g.tilesY(2), 3);
        QCOMPARE(g.tilesX(1), 2);
        QCOMPARE(g.tilesY(1), 2);
        QCOMPARE(g.tilesX(0), 1);
        QCOMPARE(g.tilesY(0), 1);
    }
    void windows() {
        const TileGrid g = TileGrid::pixel(1000, 600);
        PixelWindow w = g.window(2, 1, 0);
        QCOMPARE(w.x0, 256.0);
        QCOMPARE(w.x1, 512.0);
        QCOMPARE(w.outWidth, 256);
        // Edge tile: 1000 - 768 = 232 px wide at full resolution.
        w = g.window(2, 3, 2);
        QCOMPARE(w.x0, 768.0);
        QCOMPARE(w.x1, 1000.0);
        QCOMPARE(w.outWidth, 232);
        QCOMPARE(w.y1, 600.0);
        QCOMPARE(w.outHeight, 88);
        // z = 0 covers the whole image at a quarter of the size.
        w = g.window(0, 0, 0);
        QCOMPARE(w.x1, 1000.0);
        QCOMPARE(w.outWidth, 250);
        QCOMPARE(w.outHeight, 150);
    }
    void outOfRange() {
        const TileGrid g = TileGrid::pixel(1000, 600);
        auto expectError = [&](int z, int x, int y, const char* text) {
            try {
                g.checkTile(z, x, y);
                QFAIL("expected an error");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::BadRequest);
                QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String(text)), e.what());
            }
        };
        expectError(100, 0, 0, "z layer does not exist");
        expectError(3, 0, 0, "z layer does not exist");
        expectError(2, 4, 0, "x is outside layer");
        expectError(2, 0, 3, "y is outside layer");
        expectError(-1, 0, 0, "negative");
    }
    void pixelCorners() {
        const TileGrid g = TileGrid::pixel(1000, 600);
        const TileCorners c = g.corners(2, 1, 0);
        QCOMPARE(c.xmin, 256.0);
        QCOMPARE(c.xmax, 512.0);
        QCOMPARE(c.ymax, 600.0);  // y measured from the bottom
        QCOMPARE(c.ymin, 600.0 - 256.0);
    }
    void projected() {
        const double u = 40075016.68557849;
        // rgb_geotiff.tiff: ~910 m pixels -> 9 levels, 65536 px wide world (spec §3.5.1).
        const TileGrid g = TileGrid::projected(u, 910.0);
        QCOMPARE(g.levels(), 9);
        QCOMPARE(g.sizeX(), 65536);
        QCOMPARE(g.sizeY(), 65536);
        QCOMPARE(g.tilesX(7), 128);
        g.checkTile(20, 5, 5);  // over-zoom and any x/y are accepted
        const Bounds b = g.tileBounds(1, 0, 0);
        QCOMPARE(b.xmin, -u / 2);
        QCOMPARE(b.xmax, 0.0);
        QCOMPARE(b.ymax, u / 2);
        QCOMPARE(b.ymin, 0.0);
        const TileCorners c = g.corners(0, 0, 0);
        QCOMPARE(c.xmin, -u / 2);
        QCOMPARE(c.ymax, u / 2);
    }
};

QTEST_APPLESS_MAIN(TestTiling)
#include "test_tiling.moc"
