// The Library dock's panel offscreen: adding a folder syncs it on a worker (the model fills with
// thumbnails), search and filters narrow the grid, double-click asks to open the file, and the
// auto-sync interval is stored in the library.
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "library_panel.h"
#include "support/fixtures.h"

using namespace tessera;
using namespace tessera::test;

class TestLibraryPanel : public QObject {
    Q_OBJECT

    // Waits until the model holds n rows (queries run on a worker).
    static bool waitRows(ui::LibraryPanel& panel, int n) {
        return QTest::qWaitFor([&] { return panel.model()->rowCount() == n; }, 20000);
    }

  private Q_SLOTS:
    void syncSearchOpen() {
        const std::string dir = tempDir() + "/images";
        std::filesystem::create_directories(dir);
        FixtureSpec geo;
        geo.width = 96;
        geo.height = 64;
        geo.overviews = false;
        writeFixture(dir + "/north.tif", geo);
        writeFixture(dir + "/south.tif", geo);
        FixtureSpec png;
        png.width = 50;
        png.height = 50;
        png.epsg = 0;
        png.format = "PNG";
        png.compression = "NONE";
        png.tiled = false;
        png.overviews = false;
        writeFixture(dir + "/photo.png", png);
        std::ofstream(dir + "/bad.tif") << "not a tiff";

        ui::LibraryPanel panel(nullptr, QString::fromStdString(tempDir() + "/lib.sqlite"));
        panel.resize(700, 500);
        panel.show();
        QVERIFY(panel.store());
        QSignalSpy finished(&panel, &ui::LibraryPanel::taskFinished);
        panel.addFolder(QString::fromStdString(dir));
        QVERIFY(panel.isBusy());
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.at(0).at(0).toString().contains(QStringLiteral("4 added")),
                 qPrintable(finished.at(0).at(0).toString()));
        QVERIFY(!panel.isBusy());
        QVERIFY(waitRows(panel, 4));
        int withThumbnail = 0, withError = 0;
        for (int i = 0; i < 4; ++i) {
            const QModelIndex idx = panel.model()->index(i);
            if (idx.data(ui::LibraryModel::StateRole).toString() == QStringLiteral("error")) {
                ++withError;
                QVERIFY(idx.data(Qt::ToolTipRole).toString().contains(QStringLiteral("bad.tif")));
                continue;
            }
            const QVariant deco = idx.data(Qt::DecorationRole);
            if (deco.canConvert<QImage>() && !deco.value<QImage>().isNull()) ++withThumbnail;
        }
        QCOMPARE(withThumbnail, 3);
        QCOMPARE(withError, 1);

        // Search (debounced) and the georeferenced filter.
        panel.findChild<QLineEdit*>(QStringLiteral("librarySearch"))
            ->setText(QStringLiteral("nor"));
        QVERIFY(waitRows(panel, 1));
        QCOMPARE(panel.model()->index(0).data(ui::LibraryModel::PathRole).toString(),
                 QString::fromStdString(dir + "/north.tif"));
        panel.findChild<QLineEdit*>(QStringLiteral("librarySearch"))->clear();
        QVERIFY(waitRows(panel, 4));
        panel.findChild<QCheckBox*>(QStringLiteral("libraryGeoOnly"))->setChecked(true);
        QVERIFY(waitRows(panel, 2));
        panel.findChild<QCheckBox*>(QStringLiteral("libraryGeoOnly"))->setChecked(false);
        QVERIFY(waitRows(panel, 4));
        auto* format = panel.findChild<QComboBox*>(QStringLiteral("libraryFormat"));
        QVERIFY(
            QTest::qWaitFor([&] { return format->findData(QStringLiteral("PNG")) > 0; }, 10000));
        format->setCurrentIndex(format->findData(QStringLiteral("PNG")));
        QVERIFY(waitRows(panel, 1));
        format->setCurrentIndex(0);
        QVERIFY(waitRows(panel, 4));

        // Double-click opens readable images only.
        QSignalSpy open(&panel, &ui::LibraryPanel::openRequested);
        for (int i = 0; i < 4; ++i) Q_EMIT panel.view()->doubleClicked(panel.model()->index(i));
        QCOMPARE(open.count(), 3);

        // Re-sync after a delete; the auto-sync interval persists in the library.
        std::filesystem::remove(dir + "/south.tif");
        panel.syncNow();
        QVERIFY(finished.wait(30000));
        QVERIFY(finished.last().at(0).toString().contains(QStringLiteral("1 removed")));
        QVERIFY(waitRows(panel, 3));
        panel.findChild<QSpinBox*>(QStringLiteral("librarySyncInterval"))->setValue(30);
        QCOMPARE(panel.store()->syncIntervalMinutes(), 30);
        if (qEnvironmentVariableIsSet("TESSERA_SCREENSHOT"))
            panel.grab().save(qEnvironmentVariable("TESSERA_SCREENSHOT"));
    }
};

QTEST_MAIN(TestLibraryPanel)
#include "test_library_panel.moc"
