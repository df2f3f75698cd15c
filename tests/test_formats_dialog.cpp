// The viewer's formats/CRS settings dialog and the region export dialog's registry-driven lists
// (offscreen): the lists match ServiceConfig, the user file is created from the defaults, a
// reload picks up its edits and reports bad lines, and an export in a registry format (netCDF,
// reprojected) writes a georeferenced file.
#include <cpl_string.h>
#include <gdal.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QListWidget>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

#include "formats/service_config.h"
#include "formats_settings_dialog.h"
#include "geo/crs.h"
#include "image_session.h"
#include "region_export_dialog.h"
#include "support/engine_fixtures.h"

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestFormatsDialog : public QObject {
    Q_OBJECT
    std::string dir_, geo_;

  private Q_SLOTS:
    void initTestCase() {
        dir_ = tempDir();
        qputenv("TESSERA_CONFIG_DIR", QByteArray::fromStdString(dir_ + "/config"));
        ServiceConfig::reload();
        FixtureSpec g;
        g.width = 256;
        g.height = 256;
        g.bands = 3;
        g.interpretations = {"red", "green", "blue"};
        g.geoTransform = {14.0, 0.01, 0.0, 47.0, 0.0, -0.01};
        g.value = blockPattern;
        geo_ = writeFixture(dir_ + "/geo.tif", g);
    }

    void settingsDialogListsAndReload() {
        FormatsSettingsDialog dialog;
        auto config = ServiceConfig::current();
        QCOMPARE(dialog.formatsList()->topLevelItemCount(), int(config->formats.formats().size()));
        QCOMPARE(dialog.crsList()->count(), int(config->epsgCodes.size()));
        QCOMPARE(dialog.formatsList()->topLevelItem(0)->text(0), QStringLiteral("GTiff"));
        QCOMPARE(dialog.problemsText(), QStringLiteral("No problems."));

        const QString path = FormatsSettingsDialog::ensureUserFile(QStringLiteral("crs.conf"));
        QCOMPARE(path, QString::fromStdString(dir_ + "/config/crs.conf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().toStdString(), ServiceConfig::defaultCrsText());
        f.close();
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("4326\n32633\n");
        f.close();
        QFile formats(FormatsSettingsDialog::ensureUserFile(QStringLiteral("formats.conf")));
        QVERIFY(formats.open(QIODevice::Append));
        formats.write("NoSuchDriver,image/x-none,rw,.none\n");
        formats.close();

        QSignalSpy reloaded(&dialog, &FormatsSettingsDialog::configurationReloaded);
        dialog.reload();
        QCOMPARE(reloaded.count(), 1);
        QCOMPARE(dialog.crsList()->count(), 2);
        QCOMPARE(dialog.crsList()->item(1)->text(), QStringLiteral("EPSG:32633"));
        QVERIFY2(dialog.problemsText().contains(QStringLiteral("NoSuchDriver")),
                 qPrintable(dialog.problemsText()));
        QVERIFY(dialog.problemsText().contains(QStringLiteral("formats.conf:")));

        QVERIFY(QDir(QString::fromStdString(dir_ + "/config")).removeRecursively());
        ServiceConfig::reload();
    }

    void regionDialogUsesRegistry() {
        auto engine = std::make_shared<Engine>();
        SessionPtr session = openSession(engine, QString::fromStdString(geo_));
        QVERIFY(session);
        RegionExportDialog dialog(session, StyleSpec{}, QRectF(0, 0, 128, 64));
        auto config = ServiceConfig::current();
        QCOMPARE(dialog.formatCombo()->count(), int(config->formats.writable().size()));
        QCOMPARE(dialog.crsCombo()->count(), int(config->epsgCodes.size()) + 1);
        QCOMPARE(dialog.formatCombo()->currentData().toString(), QStringLiteral("PNG"));

        RegionExportSettings s = dialog.settings();
        s.units = QStringLiteral("pixels");
        s.bounds = QRectF(QPointF(0, 0), QPointF(128, 64));
        s.maxWidth = s.maxHeight = 0;
        s.format = QStringLiteral("netCDF");
        s.outputCrs = QStringLiteral("EPSG:32633");
        dialog.setSettings(s);
        QCOMPARE(dialog.formatCombo()->currentData().toString(), QStringLiteral("netCDF"));
        QCOMPARE(dialog.crsCombo()->currentData().toString(), QStringLiteral("EPSG:32633"));
        QVERIFY(dialog.path().endsWith(QStringLiteral(".nc")));
        const QString out = QString::fromStdString(dir_) + QStringLiteral("/region.nc");
        dialog.setPath(out);
        QSignalSpy exported(&dialog, &RegionExportDialog::exported);
        dialog.startExport();
        QVERIFY(exported.wait(60000));
        GDALAllRegister();
        GDALDatasetH ds = GDALOpen(out.toUtf8().constData(), GA_ReadOnly);
        QVERIFY(ds);
        QCOMPARE(std::string(GDALGetDriverShortName(GDALGetDatasetDriver(ds))),
                 std::string("netCDF"));
        // Several bands (RGB + alpha) are written as one netCDF variable each: subdatasets.
        const char* sub =
            CSLFetchNameValue(GDALGetMetadata(ds, "SUBDATASETS"), "SUBDATASET_1_NAME");
        QVERIFY(sub);
        GDALDatasetH band = GDALOpen(sub, GA_ReadOnly);
        QVERIFY(band);
        QCOMPARE(epsgCode(GDALGetProjectionRef(band)).value_or(0), 32633);
        GDALClose(band);
        GDALClose(ds);
    }
};

QTEST_MAIN(TestFormatsDialog)
#include "test_formats_dialog.moc"
