// Viewer benchmark under Xvfb: time from open to a fully drawn first view, and frame times while
// panning continuously over a large generated COG (first pass: tiles loading; second pass: tiles
// cached). Baseline: one Engine::tileImage call measured in the same run. Prints, never asserts
// on time.
#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <algorithm>
#include <cstdio>

#include "main_window.h"
#include "support/engine_fixtures.h"
#include "support/fixtures.h"
#include "tile_canvas.h"

using namespace tessera;
using namespace tessera::ui;

namespace {

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(q * (v.size() - 1) + 0.5))];
}

}  // namespace

class BenchViewer : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void openAndPan() {
        QStandardPaths::setTestModeEnabled(true);
        const int size = qEnvironmentVariableIntValue("TESSERA_BENCH_VIEWER_SIZE") > 0
                             ? qEnvironmentVariableIntValue("TESSERA_BENCH_VIEWER_SIZE")
                             : 16384;
        test::FixtureSpec spec;
        spec.width = spec.height = size;
        spec.epsg = 0;
        spec.compression = "JPEG";
        spec.value = [](int x, int y, int b) { return test::blockPattern(x, y, b); };
        QElapsedTimer t;
        t.start();
        const std::string path = test::writeFixture(test::tempDir() + "/bench_viewer.tif", spec);
        std::printf("fixture %dx%d JPEG COG written in %.1f s\n", size, size, t.elapsed() / 1000.0);

        // Baseline: one tileImage call (full-resolution tile, cold engine, then warm source).
        double tileMs = 0;
        {
            Engine engine;
            TileRequest r;
            r.image.uri = path;
            r.z = engine.view(r.image)->grid().levels() - 1;
            r.x = 7;
            r.y = 9;
            r.edgeCrop = true;
            engine.tileImage(r);
            QElapsedTimer tt;
            tt.start();
            const int n = 20;
            for (int i = 0; i < n; ++i) {
                r.x = 10 + i;
                engine.tileImage(r);
            }
            tileMs = tt.nsecsElapsed() / 1e6 / n;
        }

        MainWindow window;
        window.resize(1280, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TileCanvas* canvas = window.canvas();
        QSignalSpy opened(&window, &MainWindow::sessionOpened);
        t.restart();
        window.openLocation(QString::fromStdString(path));
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, 60000);
        const double openMs = t.nsecsElapsed() / 1e6;
        QTRY_VERIFY_WITH_TIMEOUT(canvas->isViewComplete(), 60000);
        const double firstViewMs = t.nsecsElapsed() / 1e6;
        std::printf("canvas %dx%d, %d tiles of the first view\n", canvas->width(), canvas->height(),
                    canvas->loader()->startedCount());

        // Pan at 1:2 across the image, one step per frame, repainting synchronously.
        canvas->setMeasureFrames(true);
        canvas->setZoom(0.5);
        canvas->centreOn(QPointF(size * 0.2, size * 0.3));
        QTRY_VERIFY_WITH_TIMEOUT(canvas->isViewComplete(), 60000);
        auto pan = [&](int frames, QPointF step) {
            canvas->resetFrameTimes();
            std::vector<double> wall;
            for (int i = 0; i < frames; ++i) {
                canvas->panBy(step);
                QElapsedTimer ft;
                ft.start();
                canvas->repaint();
                QCoreApplication::processEvents();
                wall.push_back(ft.nsecsElapsed() / 1e6);
            }
            return std::make_pair(canvas->frameTimesMs(), wall);
        };
        const auto loading = pan(240, QPointF(-12, -8));
        QTRY_VERIFY_WITH_TIMEOUT(canvas->isViewComplete(), 120000);
        // Back over the same path: every tile is cached now.
        canvas->centreOn(QPointF(size * 0.2, size * 0.3));
        QTRY_VERIFY_WITH_TIMEOUT(canvas->isViewComplete(), 120000);
        const auto cached = pan(240, QPointF(-12, -8));

        std::printf("\n== viewer benchmark (%dx%d COG) ==\n", size, size);
        std::printf("baseline: one Engine::tileImage (256x256, full resolution) = %.2f ms\n",
                    tileMs);
        std::printf("open (metadata, worker)         = %8.1f ms\n", openMs);
        std::printf(
            "open -> first view fully drawn  = %8.1f ms  (%.1f x tileImage; target < 300 ms)\n",
            firstViewMs, firstViewMs / tileMs);
        auto report = [&](const char* name,
                          const std::pair<std::vector<double>, std::vector<double>>& f) {
            const double med = percentile(f.first, 0.5), p95 = percentile(f.first, 0.95);
            std::printf(
                "%s: paintGL+glFinish median %.2f ms, p95 %.2f ms (%.2f x tileImage); "
                "repaint wall median %.2f ms, p95 %.2f ms; %zu frames\n",
                name, med, p95, p95 / tileMs, percentile(f.second, 0.5), percentile(f.second, 0.95),
                f.first.size());
        };
        report("pan while loading", loading);
        report("pan, tiles cached ", cached);
        std::printf(
            "textures: %d (%.1f MB), evictions %d; loader started %d tile requests, max starts of "
            "one tile %d\n",
            canvas->textures().count(), canvas->textures().bytes() / 1048576.0,
            canvas->textures().evictions(), canvas->loader()->startedCount(),
            canvas->loader()->maxStartsOfOneTile());
    }
};

QTEST_MAIN(BenchViewer)
#include "bench_viewer.moc"
