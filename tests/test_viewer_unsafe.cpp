// The viewer and files that cannot be read safely (issue 13): opening a file whose probe crashes
// shows a message, keeps the app alive and the previous image open, and takes the file out of
// Open Recent; the valid multi-extension FITS that used to segfault the viewer (GDAL's FITS
// driver, reached through the metadata panel's COG check) opens and is checked. This executable
// is its own probe child (`test_viewer_unsafe probe --child ...`): files named fpe* crash it.
#include <unistd.h>

#include <QApplication>
#include <QDialog>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTreeView>
#include <QtTest>
#include <csignal>
#include <filesystem>
#include <memory>

#include "main_window.h"
#include "metadata_panel.h"
#include "probe/probe.h"
#include "settings_keys.h"
#include "support/fixtures.h"

using namespace tessera;
using namespace tessera::ui;

namespace {

void say(const std::string& line) {
    const std::string l = line + "\n";
    if (::write(1, l.data(), l.size()) < 0) _exit(1);
}

int fakeProbeChild(int argc, char** argv) {
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--") files.assign(argv + i + 1, argv + argc);
    say(R"({"ready":true})");
    for (std::size_t i = 0; i < files.size(); ++i) {
        say("{\"start\":" + std::to_string(i) + "}");
        if (std::filesystem::path(files[i]).filename().string().rfind("fpe", 0) == 0) {
            std::signal(SIGFPE, SIG_DFL);  // die by the signal, also under ASan's handler
            std::raise(SIGFPE);
        }
        say("{\"index\":" + std::to_string(i) + R"(,"verdict":{"status":"ok","seconds":0}})");
    }
    return 0;
}

QString modelText(const QAbstractItemModel* m, const QModelIndex& parent = {}) {
    QString out;
    for (int r = 0; r < m->rowCount(parent); ++r)
        for (int c = 0; c < m->columnCount(parent); ++c) {
            const QModelIndex i = m->index(r, c, parent);
            out += m->data(i).toString() + QLatin1Char('\n');
            if (c == 0) out += modelText(m, i);
        }
    return out;
}

void closeDialogs() {
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QDialog*>(w); box && box->isVisible()) box->close();
}

}  // namespace

class TestViewerUnsafe : public QObject {
    Q_OBJECT
    std::unique_ptr<MainWindow> window_;
    QString good_, bad_;

  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qputenv("TESSERA_PROBE_CACHE", "off");
        setProbeExecutable(QCoreApplication::applicationFilePath().toStdString());
        test::FixtureSpec spec;
        spec.width = 300;
        spec.height = 200;
        good_ = QString::fromStdString(test::writeFixture(test::tempDir() + "/ok_good.tif", spec));
        bad_ = QString::fromStdString(test::writeFixture(test::tempDir() + "/fpe_bad.tif", spec));
        // Both were opened before (say, by a Tessera without the probe).
        QSettings().setValue(
            settings::recentFiles(),
            QStringList{QFileInfo(bad_).absoluteFilePath(), QFileInfo(good_).absoluteFilePath()});
        window_ = std::make_unique<MainWindow>();
        window_->resize(900, 700);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        QSignalSpy opened(window_.get(), &MainWindow::sessionOpened);
        window_->openLocation(good_);
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, 30000);
    }

    void unsafeFileShowsMessageAndLeavesRecent() {
        QVERIFY(window_->recentFiles().contains(QFileInfo(bad_).absoluteFilePath()));
        QSignalSpy failed(window_.get(), &MainWindow::openFailed);
        window_->openLocation(bad_);
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, 30000);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("could not be read safely")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("SIGFPE")));
        QVERIFY(window_->bannerText().contains(QStringLiteral("could not be read safely")));
        if (qEnvironmentVariableIsSet("TESSERA_SCREENSHOT")) {  // for a look: window, dialog
            const QString base = qEnvironmentVariable("TESSERA_SCREENSHOT");
            window_->grab().save(base + QStringLiteral("-window.png"));
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QDialog*>(w); box && box->isVisible())
                    box->grab().save(base + QStringLiteral("-dialog.png"));
        }
        closeDialogs();
        QVERIFY(!window_->recentFiles().contains(QFileInfo(bad_).absoluteFilePath()));
        QVERIFY(window_->recentFiles().contains(QFileInfo(good_).absoluteFilePath()));
        QVERIFY(window_->session());  // the previous image stays open
        QCOMPARE(window_->session()->ref.uri, good_.toStdString());
    }

    // test0.fits segfaulted the viewer in libgdal every time: the COG check let GDAL's FITS
    // driver parse it. It opens, and the check ends with "not a GeoTIFF".
    void multiExtensionFitsOpens() {
        const QString fits = QStringLiteral(TESSERA_SHARED_DATA "/fits/test0.fits");
        if (!QFileInfo::exists(fits)) QSKIP("../shared/data is not here");
        setProbeExecutable("");  // in-process, as the crash happened
        QSignalSpy opened(window_.get(), &MainWindow::sessionOpened);
        window_->openLocation(fits);
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, 30000);
        QTreeView* tree = window_->metadataPanel()->tree();
        QTRY_VERIFY_WITH_TIMEOUT(modelText(tree->model()).contains(QStringLiteral("not_geotiff")),
                                 30000);
        QVERIFY(window_->recentFiles().value(0).endsWith(QStringLiteral("test0.fits")));
    }
};

int main(int argc, char** argv) {
    if (argc > 2 && std::string(argv[1]) == "probe" && std::string(argv[2]) == "--child")
        return fakeProbeChild(argc, argv);
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);  // the Globe dock's web view
    QApplication app(argc, argv);
    TestViewerUnsafe t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_viewer_unsafe.moc"
