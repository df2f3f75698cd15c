// The desktop viewer with real widgets under Xvfb: open a generated COG, zoom and pan with
// synthetic events, wait for tiles, grab the GL framebuffer and check pixel colours; the
// never-blank fallback; live style changes; pixel inspector, metadata filter, histogram;
// region and thumbnail exports (files checked), cancel, open errors, translations; screenshots
// of the main window go to /tmp.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QLineF>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>
#include <QWheelEvent>

#include "histogram_panel.h"
#include "main_window.h"
#include "metadata_panel.h"
#include "pixel_inspector.h"
#include "region_export_dialog.h"
#include "style_editor.h"
#include "support/engine_fixtures.h"
#include "support/fixtures.h"
#include "thumbnail_export_dialog.h"
#include "tile_canvas.h"

using namespace tessera;
using namespace tessera::ui;

namespace {

constexpr int kSize = 4096;

QColor expected(QPointF imagePoint) {
    const int x = int(imagePoint.x()), y = int(imagePoint.y());
    return QColor(int(test::blockPattern(x, y, 0)), int(test::blockPattern(x, y, 1)),
                  int(test::blockPattern(x, y, 2)));
}

bool near(const QColor& a, const QColor& b, int tol = 6) {
    return std::abs(a.red() - b.red()) <= tol && std::abs(a.green() - b.green()) <= tol &&
           std::abs(a.blue() - b.blue()) <= tol;
}

// Image points at block centres (away from the 64-px block edges) inside the visible area.
std::vector<QPointF> blockCentres(const ViewTransform& v, int count) {
    std::vector<QPointF> out;
    const QRectF vis =
        v.visibleImageRect().intersected(QRectF(0, 0, v.imageWidth(), v.imageHeight()));
    for (int i = 0; i < count; ++i) {
        const double fx = 0.1 + 0.8 * ((i * 37) % 100) / 100.0,
                     fy = 0.1 + 0.8 * ((i * 61) % 100) / 100.0;
        const double x = std::floor((vis.left() + fx * vis.width()) / 64) * 64 + 32;
        const double y = std::floor((vis.top() + fy * vis.height()) / 64) * 64 + 32;
        out.emplace_back(x, y);
    }
    return out;
}

}  // namespace

class TestViewer : public QObject {
    Q_OBJECT

    std::string path_;
    std::unique_ptr<MainWindow> window_;

    TileCanvas* canvas() { return window_->canvas(); }

    void waitComplete() {
        QTRY_VERIFY_WITH_TIMEOUT(!canvas()->isAnimating(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(canvas()->isViewComplete(), 30000);
    }

    // Checks the canvas shows the pattern at block centres (zoomed out: ±tolerance).
    void checkPattern(int tol = 8) {
        const QImage frame = canvas()->grabFramebuffer();
        const qreal dpr = canvas()->devicePixelRatioF();
        int checked = 0;
        for (const QPointF& p : blockCentres(canvas()->transform(), 20)) {
            const QPointF s = canvas()->transform().imageToScreen(p) * dpr;
            if (s.x() < 2 || s.y() < 2 || s.x() >= frame.width() - 2 || s.y() >= frame.height() - 2)
                continue;
            const QColor got = frame.pixelColor(s.toPoint());
            QVERIFY2(near(got, expected(p), tol),
                     qPrintable(QStringLiteral("at image (%1,%2): got %3 expected %4")
                                    .arg(p.x())
                                    .arg(p.y())
                                    .arg(got.name(), expected(p).name())));
            ++checked;
        }
        QVERIFY(checked >= 10);
    }

  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        test::FixtureSpec spec;
        spec.width = kSize;
        spec.height = kSize;
        spec.epsg = 3857;
        spec.geoTransform = {680000, 2.0, 0, 5800000, 0, -2.0};  // ~2 m pixels near Geneva
        spec.value = [](int x, int y, int b) { return test::blockPattern(x, y, b); };
        path_ = test::writeFixture(test::tempDir() + "/viewer.tif", spec);
        window_ = std::make_unique<MainWindow>();
        window_->resize(1200, 820);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        QSignalSpy opened(window_.get(), &MainWindow::sessionOpened);
        window_->openLocation(QString::fromStdString(path_));
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, 30000);
        QVERIFY(window_->session());
        QCOMPARE(window_->session()->width, kSize);
        QCOMPARE(window_->recentFiles().value(0),
                 QFileInfo(QString::fromStdString(path_)).absoluteFilePath());
    }

    void firstViewShowsPattern() {
        waitComplete();
        QVERIFY(std::abs(canvas()->transform().zoom() - canvas()->transform().fitZoom()) < 1e-9);
        checkPattern();
        window_->grab().save(QStringLiteral("/tmp/tessera_viewer_fit.png"));
        // The scale bar (metres: the fixture is georeferenced) sits in the lower-left corner.
        const QImage frame = canvas()->grab().toImage();
        int white = 0;
        for (int y = frame.height() - 30; y < frame.height() - 8; ++y)
            for (int x = 10; x < 120; ++x)
                if (frame.pixelColor(x, y) == QColor(Qt::white)) ++white;
        QVERIFY(white > 20);
    }

    void wheelZoomKeepsPointUnderCursor() {
        const QPointF pos(canvas()->width() * 0.3, canvas()->height() * 0.4);
        const QPointF before = canvas()->transform().screenToImage(pos);
        const double zoom0 = canvas()->transform().zoom();
        for (int i = 0; i < 6; ++i) {
            QWheelEvent wheel(pos, canvas()->mapToGlobal(pos), QPoint(), QPoint(0, 120),
                              Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(canvas(), &wheel);
        }
        QVERIFY(canvas()->isAnimating());
        waitComplete();
        QVERIFY(canvas()->transform().zoom() > zoom0 * 3.5);
        const QPointF after = canvas()->transform().screenToImage(pos);
        QVERIFY2(QLineF(before, after).length() < 1.0, "the point under the cursor moved");
        checkPattern(6);
    }

    void dragPans() {
        const QPointF centre0 = canvas()->transform().centre();
        const double zoom = canvas()->transform().zoom();
        const QPoint a(400, 300), b(250, 200);
        QTest::mousePress(canvas(), Qt::LeftButton, Qt::NoModifier, a);
        for (int i = 1; i <= 5; ++i) {
            const QPointF p = QPointF(a) + (QPointF(b) - QPointF(a)) * (i / 5.0);
            QMouseEvent move(QEvent::MouseMove, p, canvas()->mapToGlobal(p), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(canvas(), &move);
        }
        QTest::mouseRelease(canvas(), Qt::LeftButton, Qt::NoModifier, b);
        const QPointF moved = canvas()->transform().centre() - centre0;
        QVERIFY(std::abs(moved.x() - 150 / zoom) < 1e-6);
        QVERIFY(std::abs(moved.y() - 100 / zoom) < 1e-6);
        waitComplete();
        checkPattern(6);
    }

    void keyboardNavigation() {
        QTest::keyClick(canvas(), Qt::Key_1);
        waitComplete();
        QVERIFY(std::abs(canvas()->transform().zoom() * canvas()->devicePixelRatioF() - 1.0) <
                1e-9);
        QCOMPARE(canvas()->targetLevel(), window_->session()->levels - 1);
        checkPattern(2);  // 1:1 shows exact values
        const QPointF c0 = canvas()->transform().centre();
        QTest::keyClick(canvas(), Qt::Key_Right);
        QVERIFY(canvas()->transform().centre().x() > c0.x());
        QTest::keyClick(canvas(), Qt::Key_Home);
        QVERIFY(std::abs(canvas()->transform().zoom() - canvas()->transform().fitZoom()) < 1e-9);
        waitComplete();
    }

    void neverBlankWhileFineTilesLoad() {
        waitComplete();
        // Jump straight to 1:1 in a corner: no fine tile is loaded there yet.
        canvas()->setZoom(1.0);
        canvas()->centreOn(QPointF(kSize * 0.8, kSize * 0.7));
        const QImage frame = canvas()->grabFramebuffer();
        const QColor bg = canvas()->background();
        QVERIFY(!canvas()->isViewComplete());
        int holes = 0, inside = 0;
        for (int y = 0; y < frame.height(); y += 7)
            for (int x = 0; x < frame.width(); x += 7) {
                const QPointF ip = canvas()->transform().screenToImage(
                    QPointF(x, y) / canvas()->devicePixelRatioF());
                if (ip.x() < 1 || ip.y() < 1 || ip.x() > kSize - 1 || ip.y() > kSize - 1) continue;
                ++inside;
                if (near(frame.pixelColor(x, y), bg, 0)) ++holes;
            }
        QVERIFY(inside > 1000);
        QCOMPARE(holes, 0);
        frame.save(QStringLiteral("/tmp/tessera_viewer_coarse_fill.png"));
        waitComplete();
        checkPattern(2);
        QCOMPARE(canvas()->loader()->maxStartsOfOneTile(), 1);
        QVERIFY(canvas()->textures().count() > 0);
    }

    void styleChangeRepaintsCanvas() {
        StyleEditor* editor = window_->styleEditor();
        const quint64 version0 = canvas()->loader()->version();
        QVERIFY(editor->setStyleJson(QStringLiteral(
            R"({"band": 2, "palette": ["#000000", "#00ff00"], "min": 0, "max": 255})")));
        QTRY_VERIFY_WITH_TIMEOUT(canvas()->loader()->version() > version0, 5000);
        waitComplete();
        const QImage frame = canvas()->grabFramebuffer();
        for (const QPointF& p : blockCentres(canvas()->transform(), 10)) {
            const QColor got = frame.pixelColor(
                (canvas()->transform().imageToScreen(p) * canvas()->devicePixelRatioF()).toPoint());
            QVERIFY2(got.red() <= 2 && got.blue() <= 2, qPrintable(got.name()));
            QVERIFY(std::abs(got.green() - int(test::blockPattern(int(p.x()), int(p.y()), 1))) <=
                    2);
        }
        // The form follows the JSON.
        QCOMPARE(editor->entryList()->count(), 1);
        QCOMPARE(editor->bandCombo()->currentData().toInt(), 2);
        window_->grab().save(QStringLiteral("/tmp/tessera_viewer_style.png"));

        // Invalid JSON: the message shows, the text stays, the canvas keeps its style.
        const quint64 version1 = canvas()->loader()->version();
        editor->jsonEdit()->setPlainText(
            QStringLiteral(R"({"band": 1, "palette": "no-such-palette"})"));
        QTRY_VERIFY_WITH_TIMEOUT(!editor->errorText().isEmpty(), 5000);
        QVERIFY(editor->jsonEdit()->toPlainText().contains(QStringLiteral("no-such-palette")));
        QTest::qWait(400);
        QCOMPARE(canvas()->loader()->version(), version1);

        // The form drives the JSON: min set to a number through the widgets.
        QVERIFY(editor->setStyleJson(QStringLiteral(R"({"band": 1})")));
        editor->minModeCombo()->setCurrentIndex(
            editor->minModeCombo()->findData(QStringLiteral("#")));
        editor->minValueSpin()->setValue(100);
        QTRY_VERIFY(editor->styleJson().contains(QStringLiteral("\"min\": 100")));
        QTRY_VERIFY_WITH_TIMEOUT(
            window_->currentStyle().styleJson.find("\"min\": 100") != std::string::npos, 5000);

        // Back to the default style.
        QVERIFY(editor->setStyleJson(QString()));
        QTRY_VERIFY_WITH_TIMEOUT(window_->currentStyle().styleJson.empty(), 5000);
        waitComplete();
        checkPattern(2);
    }

    void histogramHandlesWriteTheStyle() {
        HistogramPanel* h = window_->histogramPanel();
        QTRY_VERIFY_WITH_TIMEOUT(h->isLoaded() && h->view()->hasData(), 30000);
        HistogramView* v = h->view();
        v->resize(300, 140);
        const int y = 60;
        // Drag the min handle to about a third of the range.
        QTest::mousePress(v, Qt::LeftButton, Qt::NoModifier,
                          QPoint(int(v->xOf(v->rangeMin())) + 1, y));
        const QPoint to(int(v->xOf(v->rangeMin() + (v->rangeMax() - v->rangeMin()) / 3)), y);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), v->mapToGlobal(QPointF(to)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(v, &move);
        QTest::mouseRelease(v, Qt::LeftButton, Qt::NoModifier, to);
        QTRY_VERIFY_WITH_TIMEOUT(
            window_->currentStyle().styleJson.find("\"min\"") != std::string::npos, 5000);
        const auto style = nlohmann::json::parse(window_->currentStyle().styleJson);
        QVERIFY(style.contains("bands"));
        QCOMPARE(style["bands"][0]["band"].get<int>(), 1);
        QVERIFY(style["bands"][0]["min"].is_number());
        QVERIFY(style["bands"][0]["min"].get<double>() > v->rangeMin() - 1 - 1e-9);
        QVERIFY(window_->styleEditor()->setStyleJson(QString()));
        QTRY_VERIFY_WITH_TIMEOUT(window_->currentStyle().styleJson.empty(), 5000);
    }

    void pixelInspectorAndStatusBar() {
        waitComplete();
        const QPointF image(32 + 64 * 20, 32 + 64 * 18);
        const QPoint screen = canvas()->transform().imageToScreen(image).toPoint();
        QMouseEvent move(QEvent::MouseMove, QPointF(screen), canvas()->mapToGlobal(QPointF(screen)),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(canvas(), &move);
        QTest::mouseClick(canvas(), Qt::LeftButton, Qt::NoModifier, screen);
        PixelInspector* inspector = window_->pixelInspector();
        const QPointF probed = canvas()->transform().screenToImage(QPointF(screen));
        const int px = int(probed.x()), py = int(probed.y());
        QTRY_COMPARE_WITH_TIMEOUT(inspector->valueOf(QStringLiteral("Band 1")),
                                  QString::number(int(test::blockPattern(px, py, 0))), 10000);
        QCOMPARE(inspector->valueOf(QStringLiteral("Band 3")),
                 QString::number(int(test::blockPattern(px, py, 2))));
        QCOMPARE(inspector->valueOf(QStringLiteral("Styled R")),
                 QString::number(int(test::blockPattern(px, py, 0))));
        QTRY_VERIFY_WITH_TIMEOUT(window_->statusText().contains(QStringLiteral("lon")), 5000);
        QVERIFY(window_->statusText().contains(QStringLiteral("Zoom")));
        QTRY_VERIFY_WITH_TIMEOUT(window_->statusText().contains(QStringLiteral("bands 1=")), 5000);
    }

    void metadataFilter() {
        MetadataPanel* m = window_->metadataPanel();
        const int all = m->visibleRowCount();
        QVERIFY(all > 10);
        m->filterEdit()->setText(QStringLiteral("sizeX"));
        const int filtered = m->visibleRowCount();
        QVERIFY(filtered >= 2 && filtered < all);  // section root + the sizeX row(s)
        m->filterEdit()->clear();
        QCOMPARE(m->visibleRowCount(), all);
    }

    void exportRegion() {
        const QString out =
            QDir(QString::fromStdString(test::tempDir())).filePath(QStringLiteral("region.png"));
        RegionExportDialog dialog(window_->session(), window_->currentStyle(),
                                  QRectF(128, 64, 512, 256));
        RegionExportSettings s = dialog.settings();
        QCOMPARE(s.bounds, QRectF(128, 64, 512, 256));
        s.maxWidth = 0;
        s.maxHeight = 0;
        dialog.setSettings(s);
        dialog.setPath(out);
        QSignalSpy done(dialog.task(), &ExportTask::finished);
        dialog.startExport();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 30000);
        QVERIFY2(done.first().at(0).toBool(), qPrintable(dialog.errorText()));
        QImage img(out);
        QCOMPARE(img.size(), QSize(512, 256));
        for (const QPoint p : {QPoint(5, 5), QPoint(300, 100), QPoint(511, 255)})
            QCOMPARE(img.pixelColor(p), expected(QPointF(128 + p.x(), 64 + p.y())));

        // Raw TIFF with geographic bounds in lon/lat goes through the CRS path.
        const QString tif =
            QDir(QString::fromStdString(test::tempDir())).filePath(QStringLiteral("region.tiff"));
        s.encoding = Encoding::TIFF;
        s.applyStyle = false;
        dialog.setSettings(s);
        dialog.setPath(tif);
        dialog.startExport();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 2, 30000);
        QVERIFY2(done.at(1).at(0).toBool(), qPrintable(dialog.errorText()));
        QVERIFY(QFileInfo(tif).size() > 1000);

        // Cancel: nothing is written.
        const QString cancelled =
            QDir(QString::fromStdString(test::tempDir())).filePath(QStringLiteral("cancelled.png"));
        s.encoding = Encoding::PNG;
        s.bounds = QRectF(0, 0, kSize, kSize);
        dialog.setSettings(s);
        dialog.setPath(cancelled);
        dialog.startExport();
        dialog.task()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 3, 60000);
        QVERIFY(!done.at(2).at(0).toBool());
        QVERIFY(done.at(2).at(1).toBool());
        QVERIFY(!QFileInfo::exists(cancelled));
        QVERIFY(QDir(QString::fromStdString(test::tempDir()))
                    .entryList({QStringLiteral("cancelled*")})
                    .isEmpty());
    }

    void exportThumbnailWithLabel() {
        const QString out =
            QDir(QString::fromStdString(test::tempDir())).filePath(QStringLiteral("thumb.png"));
        ThumbnailExportDialog dialog(window_->session(), window_->currentStyle());
        ThumbnailExportSettings s;
        s.width = 300;
        s.height = 200;
        s.label = QStringLiteral("TESSERA");
        dialog.setSettings(s);
        dialog.setPath(out);
        QSignalSpy done(dialog.task(), &ExportTask::finished);
        dialog.startExport();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1, 30000);
        QVERIFY2(done.first().at(0).toBool(), qPrintable(dialog.errorText()));
        QImage img(out);
        QCOMPARE(img.size(), QSize(200, 200));  // square image fits 300×200 as 200×200
        // White label pixels in the lower-left corner, none in the upper-right.
        int whiteLowerLeft = 0, whiteUpperRight = 0;
        for (int y = 0; y < 40; ++y)
            for (int x = 0; x < 120; ++x) {
                if (img.pixelColor(x, img.height() - 1 - y) == QColor(Qt::white)) ++whiteLowerLeft;
                if (img.pixelColor(img.width() - 1 - x, y) == QColor(Qt::white)) ++whiteUpperRight;
            }
        QVERIFY(whiteLowerLeft > 30);
        QCOMPARE(whiteUpperRight, 0);
        // Unlabelled JPEG through the engine: right size.
        const QString jpg =
            QDir(QString::fromStdString(test::tempDir())).filePath(QStringLiteral("thumb.jpeg"));
        s.label.clear();
        s.encoding = Encoding::JPEG;
        dialog.setSettings(s);
        dialog.setPath(jpg);
        dialog.startExport();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 2, 30000);
        QCOMPARE(QImage(jpg).size(), QSize(200, 200));
    }

    void openErrorKeepsWindowUsable() {
        QSignalSpy failed(window_.get(), &MainWindow::openFailed);
        window_->openLocation(QStringLiteral("/nonexistent/image.tif"));
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 10000);
        QVERIFY(window_->bannerText().contains(QStringLiteral("/nonexistent/image.tif")));
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* box = qobject_cast<QDialog*>(w); box && box->isVisible()) box->close();
        QVERIFY(window_->session());  // the previous image stays open
        canvas()->zoomIn();
        waitComplete();
        window_->grab().save(QStringLiteral("/tmp/tessera_viewer_error.png"));
    }

    void germanTranslation() {
        QTranslator t;
        QVERIFY(t.load(QStringLiteral(":/i18n/tessera_de.qm")));
        QCOMPARE(t.translate("tessera::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
        QCOMPARE(t.translate("Viewer", "The file %1 does not exist."),
                 QStringLiteral("Die Datei %1 existiert nicht."));
    }

    void builtInSampleOpensWithProgress() {
        // A small sample in a fresh directory: generated on a worker, then opened.
        qputenv("TESSERA_SAMPLE_DIR", QByteArray::fromStdString(test::tempDir() + "/sample"));
        QSettings().setValue(QStringLiteral("viewer/sampleSize"), 512);
        QSignalSpy opened(window_.get(), &MainWindow::sessionOpened);
        window_->openSample();
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, 120000);
        QCOMPARE(window_->session()->width, 512);
        QVERIFY(window_->session()->info.geospatial);
        waitComplete();
        const QImage frame = canvas()->grabFramebuffer();
        const QPoint c = canvas()->transform().imageToScreen(QPointF(256, 256)).toPoint();
        QVERIFY(frame.pixelColor(c) != canvas()->background());
        window_->grab().save(QStringLiteral("/tmp/tessera_viewer_sample.png"));
    }

    void cleanupTestCase() {
        window_->close();
        window_.reset();
    }
};

QTEST_MAIN(TestViewer)
#include "test_viewer.moc"
