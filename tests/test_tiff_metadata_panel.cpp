// The metadata panel's associated-image previews: a generated Aperio-style slide shows its
// thumbnail, label and macro (loaded on a worker, the GUI thread never waits), a plain image
// shows none.
#include <tiffio.h>
#include <QListWidget>
#include <QtTest>

#include "metadata_panel.h"
#include "support/fixtures.h"
#include "support/tiff_fixtures.h"

using namespace tessera;
using namespace tessera::test;
using namespace tessera::ui;

class TestTiffMetadataPanel : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void previews() {
        TiffPyramidSpec s;
        s.compression = COMPRESSION_JPEG;
        s.tileWidth = s.tileHeight = 240;
        s.description = "Aperio Image Library v10\r\n1000x700 (240x240) JPEG/RGB|AppMag = 20";
        s.associatedAfterLevel0 = {
            {"Aperio Image Library v10\r\n1000x700 -> 200x140", 200, 140, 0, COMPRESSION_JPEG}};
        s.associatedAtEnd = {{"Aperio Image Library v10\nlabel 120x80", 120, 80, 1, 5},
                             {"Aperio Image Library v10\nmacro 300x100", 300, 100, 9, 5}};
        const std::string slide = writeTiffPyramid(tempDir() + "/panel.svs", s);
        auto engine = std::make_shared<Engine>();
        MetadataPanel panel;
        panel.setSession(openSession(engine, QString::fromStdString(slide)));
        QTRY_COMPARE_WITH_TIMEOUT(panel.associatedList()->count(), 3, 20000);
        QVERIFY(!panel.associatedList()->isHidden());
        QStringList names;
        for (int i = 0; i < 3; ++i) {
            QListWidgetItem* item = panel.associatedList()->item(i);
            names << item->text();
            QVERIFY(!item->icon().isNull());
        }
        if (qEnvironmentVariableIsSet("TESSERA_SCREENSHOT")) {
            panel.resize(420, 640);
            panel.grab().save(qEnvironmentVariable("TESSERA_SCREENSHOT"));
        }
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("label"), QStringLiteral("macro"),
                                     QStringLiteral("thumbnail")}));
        // An image without associated images hides the list.
        TiffPyramidSpec plain;
        const std::string flat = writeTiffPyramid(tempDir() + "/plain.tif", plain);
        panel.setSession(openSession(engine, QString::fromStdString(flat)));
        QTest::qWait(300);
        QCOMPARE(panel.associatedList()->count(), 0);
        QVERIFY(panel.associatedList()->isHidden());
    }
};

QTEST_MAIN(TestTiffMetadataPanel)
#include "test_tiff_metadata_panel.moc"
