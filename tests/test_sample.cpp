// The built-in sample image: a georeferenced RGB COG with overviews, generated once (atomically,
// with monotonic progress), cancellable without leftovers, and pixel-true to its generator.
#include <QtTest>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QTemporaryDir>
#include <atomic>
#include <cmath>
#include <memory>
#include <thread>

#include "sample/sample_image.h"
#include "util/error.h"

using namespace tessera;

namespace {

constexpr int kSize = 2048;

std::unique_ptr<GDALDataset> openRead(const std::string& path) {
    return std::unique_ptr<GDALDataset>(GDALDataset::Open(
        path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
}

// Pixel-interleaved RGB of a window of the given level (0 = full resolution).
std::vector<std::uint8_t> readWindow(GDALDataset& ds, int level, int x, int y, int w, int h) {
    std::vector<std::uint8_t> out(std::size_t(w) * h * 3);
    for (int b = 0; b < 3; ++b) {
        GDALRasterBand* band = ds.GetRasterBand(b + 1);
        if (level > 0) band = band->GetOverview(level - 1);
        if (band->RasterIO(GF_Read, x, y, w, h, out.data() + b, w, h, GDT_Byte, 3, GSpacing(w) * 3,
                           nullptr) != CE_None)
            return {};
    }
    return out;
}

QStringList entries(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

}  // namespace

class TestSample : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::string path_;

    QString subdir(const QString& name) { return tmp_.filePath(name); }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        GDALAllRegister();
    }

    void generatesGeoreferencedCog() {
        std::vector<SampleProgress> reports;
        QElapsedTimer timer;
        timer.start();
        path_ = ensureSampleImage(subdir(QStringLiteral("main")).toStdString(), kSize,
                                  [&](const SampleProgress& p) {
                                      reports.push_back(p);
                                      return true;
                                  });
        qInfo("generated %dx%d in %lld ms", kSize, kSize, timer.elapsed());
        QCOMPARE(QFileInfo(QString::fromStdString(path_)).fileName(),
                 QStringLiteral("tessera-sample-2048.tif"));
        QVERIFY(QFileInfo::exists(QString::fromStdString(path_)));
        // Nothing else is left in the folder: no temporary file, no lock file.
        QCOMPARE(entries(subdir(QStringLiteral("main"))),
                 QStringList{QStringLiteral("tessera-sample-2048.tif")});

        // Progress: monotonic, ends at 1.0, names the stages.
        QVERIFY(reports.size() > 5);
        for (std::size_t i = 1; i < reports.size(); ++i)
            QVERIFY2(reports[i].fraction >= reports[i - 1].fraction,
                     qPrintable(QStringLiteral("%1 then %2")
                                    .arg(reports[i - 1].fraction)
                                    .arg(reports[i].fraction)));
        QCOMPARE(reports.back().fraction, 1.0);
        QStringList stages;
        for (const auto& r : reports)
            if (!stages.contains(QString::fromStdString(r.stage)))
                stages << QString::fromStdString(r.stage);
        QVERIFY2(stages.contains(QStringLiteral("Generating pixels")),
                 qPrintable(stages.join(QLatin1Char(','))));
        QVERIFY2(stages.contains(QStringLiteral("Building overviews")),
                 qPrintable(stages.join(QLatin1Char(','))));
        QVERIFY2(stages.contains(QStringLiteral("Writing COG")),
                 qPrintable(stages.join(QLatin1Char(','))));

        auto ds = openRead(path_);
        QVERIFY(ds);
        QCOMPARE(ds->GetRasterXSize(), kSize);
        QCOMPARE(ds->GetRasterYSize(), kSize);
        QCOMPARE(ds->GetRasterCount(), 3);
        QCOMPARE(QString::fromLatin1(ds->GetDriverName()), QStringLiteral("GTiff"));
        QCOMPARE(QString::fromLatin1(ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")),
                 QStringLiteral("COG"));
        QVERIFY(QString::fromLatin1(ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"))
                    .contains(QStringLiteral("JPEG")));
        const GDALColorInterp want[3] = {GCI_RedBand, GCI_GreenBand, GCI_BlueBand};
        for (int b = 1; b <= 3; ++b) {
            GDALRasterBand* band = ds->GetRasterBand(b);
            QCOMPARE(band->GetRasterDataType(), GDT_Byte);
            QCOMPARE(band->GetColorInterpretation(), want[b - 1]);
            int bx = 0, by = 0;
            band->GetBlockSize(&bx, &by);
            QCOMPARE(bx, 256);
            QCOMPARE(by, 256);
            // Overviews down to one tile: 1024, 512, 256.
            QCOMPARE(band->GetOverviewCount(), 3);
            QCOMPARE(band->GetOverview(2)->GetXSize(), 256);
        }
        const OGRSpatialReference* srs = ds->GetSpatialRef();
        QVERIFY(srs);
        QCOMPARE(QString::fromLatin1(srs->GetAuthorityCode(nullptr)), QStringLiteral("3857"));
        std::array<double, 6> gt{};
        QCOMPARE(ds->GetGeoTransform(gt.data()), CE_None);
        const auto expected = sampleGeoTransform(kSize);
        for (int i = 0; i < 6; ++i) QVERIFY(std::abs(gt[i] - expected[i]) < 1e-6);
        QVERIFY(std::abs(gt[1] * kSize - 40000.0) < 1e-6);  // a 40 km square
        // Around Geneva: the centre lies at 6.14° E, 46.20° N.
        OGRSpatialReference wgs84;
        wgs84.SetWellKnownGeogCS("WGS84");
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> ct(
            OGRCreateCoordinateTransformation(srs, &wgs84));
        QVERIFY(ct);
        double cx = gt[0] + gt[1] * kSize / 2, cy = gt[3] + gt[5] * kSize / 2;
        QVERIFY(ct->Transform(1, &cx, &cy));
        QVERIFY2(std::abs(cx - 6.1432) < 0.01 && std::abs(cy - 46.2044) < 0.01,
                 qPrintable(QStringLiteral("%1 %2").arg(cx).arg(cy)));
    }

    void pixelsMatchGenerator() {
        QVERIFY(!path_.empty());
        auto ds = openRead(path_);
        QVERIFY(ds);
        // Inside the markers the colour is flat: JPEG keeps it within a few levels.
        for (int row = 0; row < 2; ++row) {
            for (int col = 0; col < 2; ++col) {
                const int x = col * 1024 + 512 + 15, y = row * 1024 + 512 + 15;
                const auto got = readWindow(*ds, 0, x, y, 1, 1);
                QVERIFY(!got.empty());
                const auto want = samplePixel(x, y, kSize);
                for (int b = 0; b < 3; ++b)
                    QVERIFY2(std::abs(int(got[std::size_t(b)]) - int(want[std::size_t(b)])) <= 8,
                             qPrintable(QStringLiteral("(%1,%2) band %3: %4 vs %5")
                                            .arg(x)
                                            .arg(y)
                                            .arg(b)
                                            .arg(got[std::size_t(b)])
                                            .arg(want[std::size_t(b)])));
            }
        }
        // The marker colours differ between neighbouring cells (the pattern is not flat).
        QVERIFY(samplePixel(527, 527, kSize) != samplePixel(1551, 527, kSize));
        // Whole windows everywhere (terrain, grid, Mandelbrot, rings, markers): small mean error.
        const int windows[][2] = {{0, 0},     {300, 900},   {1000, 1000}, {1400, 1100},
                                  {380, 690}, {1984, 1984}, {1700, 200},  {64, 1600}};
        for (const auto& w : windows) {
            const int x0 = w[0], y0 = w[1], n = 64;
            const auto got = readWindow(*ds, 0, x0, y0, n, n);
            QVERIFY(!got.empty());
            double err = 0;
            for (int y = 0; y < n; ++y)
                for (int x = 0; x < n; ++x) {
                    const auto want = samplePixel(x0 + x, y0 + y, kSize);
                    for (int b = 0; b < 3; ++b)
                        err += std::abs(int(got[(std::size_t(y) * n + x) * 3 + b]) - int(want[b]));
                }
            err /= n * n * 3;
            QVERIFY2(err < 8.0,
                     qPrintable(
                         QStringLiteral("window (%1,%2): mean error %3").arg(x0).arg(y0).arg(err)));
        }
    }

    void overviewsAverageTheImage() {
        auto ds = openRead(path_);
        QVERIFY(ds);
        // Level 3 (256×256): each pixel is the mean of an 8×8 block of the generator. Per pixel
        // JPEG (4:2:0 chroma) blurs the fine grid; over 16×16 blocks the means agree closely.
        const auto got = readWindow(*ds, 3, 0, 0, 256, 256);
        QVERIFY(!got.empty());
        std::vector<double> want(got.size());
        for (int oy = 0; oy < 256; ++oy)
            for (int ox = 0; ox < 256; ++ox) {
                double sum[3] = {0, 0, 0};
                for (int y = 0; y < 8; ++y)
                    for (int x = 0; x < 8; ++x) {
                        const auto v = samplePixel(ox * 8 + x, oy * 8 + y, kSize);
                        for (int b = 0; b < 3; ++b) sum[b] += v[std::size_t(b)];
                    }
                for (int b = 0; b < 3; ++b)
                    want[(std::size_t(oy) * 256 + ox) * 3 + b] = sum[b] / 64;
            }
        double pixelError = 0, worstBlock = 0;
        for (std::size_t i = 0; i < got.size(); ++i) pixelError += std::abs(got[i] - want[i]);
        pixelError /= double(got.size());
        for (int by = 0; by < 16; ++by)
            for (int bx = 0; bx < 16; ++bx)
                for (int b = 0; b < 3; ++b) {
                    double g = 0, w = 0;
                    for (int y = 0; y < 16; ++y)
                        for (int x = 0; x < 16; ++x) {
                            const std::size_t i =
                                (std::size_t(by * 16 + y) * 256 + std::size_t(bx * 16 + x)) * 3 +
                                std::size_t(b);
                            g += got[i];
                            w += want[i];
                        }
                    worstBlock = std::max(worstBlock, std::abs(g - w) / 256);
                }
        QVERIFY2(pixelError < 10.0,
                 qPrintable(QStringLiteral("overview error %1").arg(pixelError)));
        QVERIFY2(worstBlock < 6.0,
                 qPrintable(QStringLiteral("block mean error %1").arg(worstBlock)));
    }

    void secondCallReusesFile() {
        const QString file = QString::fromStdString(path_);
        const QDateTime before = QFileInfo(file).lastModified();
        const auto inode = QFileInfo(file).size();
        std::vector<SampleProgress> reports;
        QElapsedTimer timer;
        timer.start();
        const std::string again = ensureSampleImage(subdir(QStringLiteral("main")).toStdString(),
                                                    kSize, [&](const SampleProgress& p) {
                                                        reports.push_back(p);
                                                        return true;
                                                    });
        QVERIFY2(timer.elapsed() < 2000, "reusing the sample must not regenerate it");
        QCOMPARE(again, path_);
        QCOMPARE(QFileInfo(file).lastModified(), before);
        QCOMPARE(QFileInfo(file).size(), inode);
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports.back().fraction, 1.0);
    }

    void cancelLeavesNothing() {
        for (const char* when : {"Generating pixels", "Building overviews", "Writing COG"}) {
            const QString dir =
                subdir(QStringLiteral("cancel-%1").arg(QString::fromLatin1(when).left(5)));
            bool sawStage = false;
            try {
                ensureSampleImage(dir.toStdString(), 1024, [&](const SampleProgress& p) {
                    if (p.stage != when) return true;
                    // Cancel a little way into the stage.
                    if (!sawStage) {
                        sawStage = true;
                        return true;
                    }
                    return false;
                });
                QFAIL("expected the cancel to throw");
            } catch (const Error& e) {
                QVERIFY2(e.kind() == ErrorKind::BadRequest, e.what());
            }
            QVERIFY(sawStage);
            QVERIFY2(entries(dir).isEmpty(), qPrintable(entries(dir).join(QLatin1Char(','))));
        }
    }

    void rejectsBadSizes() {
        for (int size : {0, 100, 1000, 3000, 65536, 1 << 17}) {
            try {
                ensureSampleImage(subdir(QStringLiteral("bad")).toStdString(), size);
                QFAIL("expected an error");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::BadRequest);
            }
        }
    }

    void unwritableFolderIsAnIoError() {
        const QString blocker = subdir(QStringLiteral("a-file"));
        {
            QFile f(blocker);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        try {
            ensureSampleImage((blocker + QStringLiteral("/sub")).toStdString(), 256);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::IO);
        }
    }

    void replacesUnreadableFile() {
        const QString dir = subdir(QStringLiteral("corrupt"));
        QVERIFY(QDir().mkpath(dir));
        const QString file = QDir(dir).filePath(QStringLiteral("tessera-sample-512.tif"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("II*\0 not really a tiff");
        }
        const std::string path = ensureSampleImage(dir.toStdString(), 512);
        QCOMPARE(QString::fromStdString(path), file);
        auto ds = openRead(path);
        QVERIFY(ds);
        QCOMPARE(ds->GetRasterXSize(), 512);
        QCOMPARE(ds->GetRasterBand(1)->GetOverviewCount(), 1);
        QCOMPARE(entries(dir), QStringList{QStringLiteral("tessera-sample-512.tif")});
    }

    void concurrentCallersShareOneGeneration() {
        const QString dir = subdir(QStringLiteral("concurrent"));
        std::atomic<int> generating{0};
        std::vector<std::string> paths(4);
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back([&, i] {
                bool counted = false;
                paths[std::size_t(i)] =
                    ensureSampleImage(dir.toStdString(), 512, [&](const SampleProgress& p) {
                        if (!counted && p.stage == "Generating pixels") {
                            counted = true;
                            ++generating;
                        }
                        return true;
                    });
            });
        for (auto& t : threads) t.join();
        QCOMPARE(generating.load(), 1);
        for (const auto& p : paths) QCOMPARE(p, paths[0]);
        QCOMPARE(entries(dir), QStringList{QStringLiteral("tessera-sample-512.tif")});
    }

    void waitsForAnotherProcess() {
        // A lock held elsewhere (as another process would) makes the call wait, reporting it.
        const QString dir = subdir(QStringLiteral("locked"));
        QVERIFY(QDir().mkpath(dir));
        auto other = std::make_unique<QLockFile>(
            QDir(dir).filePath(QStringLiteral("tessera-sample-256.tif.lock")));
        QVERIFY(other->tryLock(0));
        std::atomic<bool> waited{false};
        std::string path;
        std::thread caller([&] {
            path = ensureSampleImage(dir.toStdString(), 256, [&](const SampleProgress& p) {
                if (p.stage == "Waiting for another Tessera process") waited = true;
                return true;
            });
        });
        QTRY_VERIFY_WITH_TIMEOUT(waited.load(), 10000);
        other.reset();  // the other "process" is done
        caller.join();
        auto ds = openRead(path);
        QVERIFY(ds);
        QCOMPARE(ds->GetRasterXSize(), 256);
        QCOMPARE(entries(dir), QStringList{QStringLiteral("tessera-sample-256.tif")});
    }

    void cancelWhileWaitingForAnotherProcess() {
        const QString dir = subdir(QStringLiteral("locked-cancel"));
        QVERIFY(QDir().mkpath(dir));
        QLockFile other(QDir(dir).filePath(QStringLiteral("tessera-sample-256.tif.lock")));
        QVERIFY(other.tryLock(0));
        int waits = 0;
        try {
            ensureSampleImage(dir.toStdString(), 256, [&](const SampleProgress& p) {
                if (p.stage != "Waiting for another Tessera process") return true;
                return ++waits < 3;  // the wait keeps reporting, so it can be cancelled
            });
            QFAIL("expected the cancel to throw");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::BadRequest);
        }
        QCOMPARE(waits, 3);
        other.unlock();
        QVERIFY(entries(dir).isEmpty());
    }

    void defaultDirIsInTheUserCache() {
        qputenv("TESSERA_SAMPLE_DIR", QByteArray());
        const QString d = QString::fromStdString(defaultSampleDir());
        QVERIFY2(d.endsWith(QStringLiteral("tessera/sample")), qPrintable(d));
        qputenv("TESSERA_SAMPLE_DIR", "/somewhere/else");
        QCOMPARE(defaultSampleDir(), std::string("/somewhere/else"));
        qunsetenv("TESSERA_SAMPLE_DIR");
        QCOMPARE(sampleFileName(16384), std::string("tessera-sample-16384.tif"));
    }
};

QTEST_GUILESS_MAIN(TestSample)
#include "test_sample.moc"
