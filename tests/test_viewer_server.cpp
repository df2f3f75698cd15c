// The viewer's Server menu and Globe panel under Xvfb: open a generated COG, start the embedded
// server from the menu action, GET the image's metadata over real HTTP, check the Globe page URL
// (cesium page with the current style), stop the server and check the port is closed.
// TESSERA_GLOBE_SCREENSHOT=1 also waits for the page and saves /tmp/tessera_globe.png.
#include <unistd.h>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <nlohmann/json.hpp>

#include "globe_panel.h"
#include "http/server.h"
#include "main_window.h"
#include "style_editor.h"
#include "support/engine_fixtures.h"
#include "support/fixtures.h"

using namespace tessera;
using namespace tessera::ui;

namespace {

struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
};

Reply httpGet(const QUrl& url) {
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setTransferTimeout(20000);
    QNetworkReply* reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.body = reply->readAll();
    reply->deleteLater();
    return r;
}

}  // namespace

class TestViewerServer : public QObject {
    Q_OBJECT
    std::unique_ptr<MainWindow> window_;

  private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QSettings().setValue(QStringLiteral("viewer/serverPort"), 0);  // a free port
        test::FixtureSpec spec;
        spec.width = 2048;
        spec.height = 1536;
        spec.epsg = 3857;
        spec.geoTransform = {680000, 2.0, 0, 5800000, 0, -2.0};
        spec.value = [](int x, int y, int b) { return test::blockPattern(x, y, b); };
        const std::string path = test::writeFixture(test::tempDir() + "/viewer_server.tif", spec);
        window_ = std::make_unique<MainWindow>();
        window_->resize(1280, 900);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        QSignalSpy opened(window_.get(), &MainWindow::sessionOpened);
        window_->openLocation(QString::fromStdString(path));
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, 30000);
    }

    void startServeStop() {
        QAction* action = window_->serverAction();
        QVERIFY(action && action->isCheckable());
        QVERIFY(!action->isChecked());
        action->trigger();
        QVERIFY(window_->server());
        QTRY_VERIFY_WITH_TIMEOUT(window_->server()->isRunning(), 10000);
        QVERIFY(action->isChecked());
        const QUrl base = window_->server()->url();
        QVERIFY(base.port() > 0);
        const QString id = window_->serverImageId();
        QVERIFY(!id.isEmpty());

        const Reply r =
            httpGet(base.resolved(QUrl(QStringLiteral("api/image/%1/info/metadata").arg(id))));
        QCOMPARE(r.status, 200);
        const auto j = nlohmann::json::parse(r.body.toStdString());
        QCOMPARE(j.value("sizeX", -1), 2048);
        QCOMPARE(j.value("sizeY", -1), 1536);

        // The Globe panel: the cesium page of this image (georeferenced) with the style.
        window_->globeDock()->show();
        window_->globeDock()->raise();
        const QString style = QStringLiteral(R"({"bands":[{"band":1,"palette":"#ff0000"}]})");
        QTRY_VERIFY_WITH_TIMEOUT(!window_->globePanel()->url().isEmpty(), 10000);
        QVERIFY2(window_->globePanel()->url().path().endsWith(
                     QStringLiteral("/api/image/%1/cesium").arg(id)),
                 qPrintable(window_->globePanel()->url().toString()));
        // A style change (the style editor's signal, handled by MainWindow::applyStyle) reloads
        // the page with ?style=<the JSON>.
        Q_EMIT window_->styleEditor()->styleChanged(style);
        const QUrl page = window_->globePanel()->url();
        QVERIFY2(page.path().endsWith(QStringLiteral("/api/image/%1/cesium").arg(id)),
                 qPrintable(page.toString()));
        QCOMPARE(QUrlQuery(page).queryItemValue(QStringLiteral("style"), QUrl::FullyDecoded),
                 style);

        const Reply pageReply = httpGet(page);
        QCOMPARE(pageReply.status, 200);
        QVERIFY(pageReply.body.contains("Cesium"));

        if (qEnvironmentVariableIsSet("TESSERA_GLOBE_SCREENSHOT")) {
            QSignalSpy loaded(window_->globePanel(), &GlobePanel::loadFinished);
            loaded.wait(30000);
            QTest::qWait(8000);
            window_->grab().save(QStringLiteral("/tmp/tessera_globe.png"));
        }

        action->trigger();
        QVERIFY(!window_->server()->isRunning());
        QVERIFY(!action->isChecked());
        const Reply closed =
            httpGet(base.resolved(QUrl(QStringLiteral("api/image/%1/info/metadata").arg(id))));
        QCOMPARE(closed.status, 0);
        QCOMPARE(closed.error, QNetworkReply::ConnectionRefusedError);
        QVERIFY(window_->globePanel()->url().isEmpty());
    }

    void cleanupTestCase() { window_.reset(); }
};

int main(int argc, char** argv) {
    // QtWebEngine: shared GL contexts before the application; no sandbox as root.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    if (!qEnvironmentVariableIsSet("QTWEBENGINE_CHROMIUM_FLAGS"))
        qputenv("QTWEBENGINE_CHROMIUM_FLAGS",
                geteuid() == 0 ? "--ignore-gpu-blocklist --no-sandbox" : "--ignore-gpu-blocklist");
    QApplication app(argc, argv);
    TestViewerServer test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_viewer_server.moc"
