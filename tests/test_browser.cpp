// The viewer pages in a real browser: `tessera serve` on a generated geospatial COG (and a
// non-georeferenced image), then tests/browser/check_pages.mjs (puppeteer-core + Debian's
// Chromium, SwiftShader WebGL) loads the CesiumJS page until its title is 'ready', the pixel
// viewer likewise, and /docs until Swagger UI lists the operations. The screenshots are checked
// here: the COG's colours must be on the globe at the centre of the view.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

#include "encode/encoder.h"
#include "support/engine_fixtures.h"

using namespace tessera;
using namespace tessera::test;

namespace {

// The COG: orange everywhere except a blue frame 64 px wide; lon -60..60, lat -30..30.
constexpr int kOrange[3] = {230, 120, 20};
constexpr int kBlue[3] = {30, 60, 220};

double cogValue(int x, int y, int b) {
    const bool frame = x < 64 || y < 64 || x >= 2048 - 64 || y >= 1024 - 64;
    return frame ? kBlue[b] : kOrange[b];
}

Image readPng(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray data = f.readAll();
    return decodeImage(Bytes(data.begin(), data.end()));
}

bool near(const Image& img, int x, int y, const int rgb[3], int tol) {
    for (int c = 0; c < 3; ++c)
        if (std::abs(px(img, x, y, c) - rgb[c]) > tol) return false;
    return true;
}

}  // namespace

class TestBrowser : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void pagesInChromium() {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        const QString chromium = QStringLiteral("/usr/bin/chromium");
        const QString script = QStringLiteral(TESSERA_SOURCE_DIR "/tests/browser/check_pages.mjs");
        if (node.isEmpty() || !QFileInfo::exists(chromium))
            QFAIL("node or /usr/bin/chromium missing (scripts/dev deps installs them)");
        if (!QFileInfo::exists(QStringLiteral(TESSERA_SOURCE_DIR "/node_modules/puppeteer-core")))
            QFAIL("node_modules/puppeteer-core missing (scripts/dev deps runs npm install)");
        if (!QFileInfo::exists(
                QStringLiteral(TESSERA_BINARY_DIR "/share/tessera/web/cesium/Cesium.js")))
            QFAIL("CesiumJS was not copied into the build tree");

        const std::string dir = tempDir();
        FixtureSpec s;
        s.width = 2048;
        s.height = 1024;
        s.interpretations = {"red", "green", "blue"};
        s.geoTransform = {-60.0, 120.0 / 2048, 0.0, 30.0, 0.0, -60.0 / 1024};
        s.value = cogValue;
        const std::string cog = writeFixture(dir + "/globe.tif", s);
        FixtureSpec f;
        f.width = 700;
        f.height = 500;
        f.epsg = 0;
        f.value = cogValue;
        f.interpretations = {"red", "green", "blue"};
        const std::string flat = writeFixture(dir + "/flat.tif", f);

        QProcess serve;
        serve.setProcessChannelMode(QProcess::SeparateChannels);
        serve.start(QStringLiteral(TESSERA_EXE),
                    {QStringLiteral("serve"), QString::fromStdString(cog),
                     QString::fromStdString(flat), QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(serve.waitForStarted());
        QString base;
        QByteArray out;
        const QRegularExpression re(QStringLiteral("Serving on (http://\\S+)"));
        for (int i = 0; i < 300 && base.isEmpty(); ++i) {
            serve.waitForReadyRead(100);
            out += serve.readAllStandardOutput();
            const auto m = re.match(QString::fromUtf8(out));
            if (m.hasMatch()) base = m.captured(1);
            QVERIFY2(serve.state() == QProcess::Running, serve.readAllStandardError().constData());
        }
        QVERIFY2(!base.isEmpty(), out.constData());
        QVERIFY(out.contains("/api/image/1/cesium"));

        const QString shots = QString::fromStdString(dir);
        QProcess nodeProc;
        nodeProc.setWorkingDirectory(QStringLiteral(TESSERA_SOURCE_DIR));
        nodeProc.start(node, {script, base, shots, QStringLiteral("1"), QStringLiteral("2")});
        QVERIFY(nodeProc.waitForFinished(240000));
        const QByteArray result = nodeProc.readAllStandardOutput();
        qInfo("check_pages: %s", result.constData());
        if (nodeProc.exitCode() != 0) qWarning("%s", nodeProc.readAllStandardError().constData());
        const auto j = nlohmann::json::parse(result.toStdString(), nullptr, false);
        QVERIFY2(!j.is_discarded(), result.constData());

        // Keep the screenshots for inspection.
        const QString keep = QStringLiteral(TESSERA_BINARY_DIR "/test_browser_shots");
        QDir().mkpath(keep);
        for (const char* n : {"cesium.png", "viewer.png", "docs.png"}) {
            QFile::remove(keep + QLatin1Char('/') + QLatin1String(n));
            QFile::copy(shots + QLatin1Char('/') + QLatin1String(n),
                        keep + QLatin1Char('/') + QLatin1String(n));
        }

        QVERIFY2(j.value("cesium", false), result.constData());
        const Image globe = readPng(shots + QStringLiteral("/cesium.png"));
        QCOMPARE(globe.width, 800);
        QCOMPARE(globe.height, 600);
        // The centre of the view is the COG's orange; its blue frame is visible somewhere.
        int orange = 0, blue = 0;
        for (int y = 250; y < 350; ++y)
            for (int x = 350; x < 450; ++x) orange += near(globe, x, y, kOrange, 24);
        for (int y = 0; y < globe.height; y += 2)
            for (int x = 0; x < globe.width; x += 2) blue += near(globe, x, y, kBlue, 30);
        qInfo("orange pixels in the centre: %d / 10000, blue samples: %d", orange, blue);
        QVERIFY(orange > 9000);
        QVERIFY(blue > 50);

        QVERIFY2(j.value("viewer", false), result.constData());
        const Image view = readPng(shots + QStringLiteral("/viewer.png"));
        QVERIFY(near(view, 400, 300, kOrange, 10));

        QVERIFY2(j.value("operations", 0) >= 20, result.constData());

        serve.terminate();  // SIGTERM: clean shutdown, exit code 0
        QVERIFY(serve.waitForFinished(20000));
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
    }
};

QTEST_MAIN(TestBrowser)
#include "test_browser.moc"
