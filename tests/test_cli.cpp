// The `tessera` CLI as a user runs it: JSON on stdout, images written to -o files, exit code 2
// with one line on stderr for bad input.
#include <QProcess>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "encode/encoder.h"
#include "support/engine_fixtures.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run runTessera(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(TESSERA_BINARY_DIR "/app/tessera"), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Image readImage(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    const QByteArray b = f.readAll();
    return decodeImage(Bytes(b.begin(), b.end()));
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
    QString cog_;
    QString dir_;

  private Q_SLOTS:
    void initTestCase() {
        dir_ = QString::fromStdString(tempDir());
        FixtureSpec s;
        s.interpretations = {"red", "green", "blue"};
        s.value = blockPattern;
        cog_ = QString::fromStdString(writeFixture(tempDir() + "/cli.tif", s));
    }

    void info() {
        Run r = runTessera({QStringLiteral("info"), cog_});
        QCOMPARE(r.code, 0);
        json j = json::parse(r.out.toStdString());
        QCOMPARE(j["sizeX"].get<int>(), 1024);
        QCOMPARE(j["bounds"]["srs"].get<std::string>(), std::string("epsg:4326"));
        r = runTessera({QStringLiteral("info"), cog_, QStringLiteral("--internal")});
        QCOMPARE(r.code, 0);
        QCOMPARE(json::parse(r.out.toStdString())["driverShortName"].get<std::string>(),
                 std::string("GTiff"));
        r = runTessera({QStringLiteral("info"), cog_, QStringLiteral("--projection"),
                        QStringLiteral("EPSG:3857")});
        QCOMPARE(json::parse(r.out.toStdString())["levels"].get<int>(), 8);
    }

    void tile() {
        const QString out = dir_ + QStringLiteral("/t.png");
        Run r = runTessera({QStringLiteral("tile"), cog_, QStringLiteral("2"), QStringLiteral("1"),
                            QStringLiteral("1"), QStringLiteral("-o"), out});
        QCOMPARE(r.code, 0);
        Image img = readImage(out);
        QCOMPARE(img.width, 256);
        QCOMPARE(px(img, 10, 10, 0), int(blockPattern(266, 266, 0)));
        // Encoding from the file name, and a style.
        const QString jpg = dir_ + QStringLiteral("/t.jpg");
        r = runTessera({QStringLiteral("tile"), cog_, QStringLiteral("0"), QStringLiteral("0"),
                        QStringLiteral("0"), QStringLiteral("--style"),
                        QStringLiteral(R"({"band":1,"min":0,"max":255})"), QStringLiteral("-o"),
                        jpg});
        QCOMPARE(r.code, 0);
        const Image grey = readImage(jpg);  // one entry on a 3-band source: RGBA, JPEG drops alpha
        QCOMPARE(grey.channels, 3);
        QVERIFY(std::abs(px(grey, 40, 40, 0) - px(grey, 40, 40, 2)) <= 3);
    }

    void regionThumbnailPixelHistogram() {
        const QString tif = dir_ + QStringLiteral("/r.tif");
        Run r = runTessera(
            {QStringLiteral("region"), cog_, QStringLiteral("--left"), QStringLiteral("100"),
             QStringLiteral("--top"), QStringLiteral("50"), QStringLiteral("--right"),
             QStringLiteral("300"), QStringLiteral("--bottom"), QStringLiteral("150"),
             QStringLiteral("--units"), QStringLiteral("pixels"), QStringLiteral("-o"), tif});
        QCOMPARE(r.code, 0);
        Image img = readImage(tif);
        QCOMPARE(img.width, 200);
        QCOMPARE(img.height, 100);
        const QString thumb = dir_ + QStringLiteral("/th.png");
        r = runTessera({QStringLiteral("thumbnail"), cog_, QStringLiteral("--width"),
                        QStringLiteral("128"), QStringLiteral("-o"), thumb});
        QCOMPARE(r.code, 0);
        QCOMPARE(readImage(thumb).width, 128);
        r = runTessera({QStringLiteral("pixel"), cog_, QStringLiteral("--left"),
                        QStringLiteral("10"), QStringLiteral("--top"), QStringLiteral("5")});
        QCOMPARE(r.code, 0);
        json j = json::parse(r.out.toStdString());
        QCOMPARE(j["r"].get<int>(), int(blockPattern(10, 5, 0)));
        r = runTessera(
            {QStringLiteral("histogram"), cog_, QStringLiteral("--bins"), QStringLiteral("16")});
        QCOMPARE(r.code, 0);
        j = json::parse(r.out.toStdString());
        QCOMPARE(j[0]["hist"].size(), std::size_t(16));
    }

    void badInput() {
        auto expect2 = [](const QStringList& args) {
            Run r = runTessera(args);
            QVERIFY2(r.code == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(" -> ") +
                                             QString::number(r.code)));
            QVERIFY2(!r.err.trimmed().isEmpty(), "a message on stderr");
            QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
        };
        expect2({QStringLiteral("info"), dir_ + QStringLiteral("/missing.tif")});
        expect2({QStringLiteral("info")});
        expect2({QStringLiteral("frobnicate")});
        expect2({QStringLiteral("tile"), cog_, QStringLiteral("100"), QStringLiteral("0"),
                 QStringLiteral("0"), QStringLiteral("-o"), dir_ + QStringLiteral("/x.png")});
        expect2({QStringLiteral("tile"), cog_, QStringLiteral("a"), QStringLiteral("0"),
                 QStringLiteral("0"), QStringLiteral("-o"), dir_ + QStringLiteral("/x.png")});
        expect2({QStringLiteral("tile"), cog_, QStringLiteral("0"), QStringLiteral("0"),
                 QStringLiteral("0"), QStringLiteral("--style"), QStringLiteral("{bad json"),
                 QStringLiteral("-o"), dir_ + QStringLiteral("/x.png")});
        expect2({QStringLiteral("pixel"), cog_, QStringLiteral("--left"), QStringLiteral("ten"),
                 QStringLiteral("--top"), QStringLiteral("5")});
        expect2({QStringLiteral("region"), cog_, QStringLiteral("--left"), QStringLiteral("1")});
        expect2({QStringLiteral("thumbnail"), cog_});  // no -o
        const QString text = dir_ + QStringLiteral("/text.tif");
        QFile f(text);
        f.open(QIODevice::WriteOnly);
        f.write("not an image");
        f.close();
        expect2({QStringLiteral("info"), text});
        // Nothing was written for the failed tiles.
        QVERIFY(!QFile::exists(dir_ + QStringLiteral("/x.png")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
