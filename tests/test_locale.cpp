// Numbers under a comma-decimal locale: the test makes de_DE.UTF-8 available (localedef when
// `locale -a` lacks it; into a private LOCPATH when the system archive is not writable), sets
// it as the process locale the way QCoreApplication does (LC_ALL in the environment, then
// setlocale(LC_ALL, "")), and checks that FITS header values, style numbers, Aperio MPP, WMS/WCS
// capabilities, OpenAPI and JSON answers are what they are under the C locale.
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTimer>
#include <QtTest>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "http/server.h"
#include "service/engine.h"
#include "source/open_source.h"
#include "support/fixtures.h"
#include "support/tiff_fixtures.h"
#include "util/c_locale.h"
#include "util/text.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;

namespace {

const char* kGerman = "de_DE.UTF-8";

bool useLocale(const char* name) {
    qputenv("LC_ALL", name);
    return std::setlocale(LC_ALL, "") != nullptr;  // what QCoreApplication's constructor does
}

void useGerman() {
    QVERIFY(useLocale(kGerman));
}

void useC() {
    QVERIFY(useLocale("C"));
}

// Makes de_DE.UTF-8 loadable: already there, generated into the system archive (root), or
// generated into a private directory named by LOCPATH. Returns an empty string on success.
std::string prepareGerman(const std::string& dir) {
    if (useLocale(kGerman)) return {};
    QProcess p;
    p.start(QStringLiteral("localedef"),
            {QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"),
             QStringLiteral("UTF-8"), QString::fromLatin1(kGerman)});
    p.waitForFinished(120000);
    if (useLocale(kGerman)) return {};
    const QString own = QString::fromStdString(dir + "/locales");
    QDir().mkpath(own);
    p.start(QStringLiteral("localedef"),
            {QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"),
             QStringLiteral("UTF-8"), own + QStringLiteral("/") + QString::fromLatin1(kGerman)});
    p.waitForFinished(120000);
    qputenv("LOCPATH", own.toUtf8());
    if (useLocale(kGerman)) return {};
    return "localedef could not make de_DE.UTF-8 (" + p.readAllStandardError().toStdString() + ")";
}

std::string fitsCard(const std::string& key, const std::string& value) {
    std::string c = key;
    c.resize(8, ' ');
    std::string v = value;
    if (v.size() < 20) v = std::string(20 - v.size(), ' ') + v;
    c += "= " + v;
    c.resize(80, ' ');
    return c;
}

// A 4 × 3 16-bit FITS image with fractional BSCALE/BZERO and WCS, written card by card.
std::string writeScaledFits(const std::string& path) {
    std::string h;
    for (const auto& [k, v] :
         std::vector<std::pair<std::string, std::string>>{{"SIMPLE", "T"},
                                                          {"BITPIX", "16"},
                                                          {"NAXIS", "2"},
                                                          {"NAXIS1", "4"},
                                                          {"NAXIS2", "3"},
                                                          {"BSCALE", "1.5"},
                                                          {"BZERO", "0.25"},
                                                          {"EXPTIME", "30.125"},
                                                          {"CTYPE1", "'RA---TAN'"},
                                                          {"CTYPE2", "'DEC--TAN'"},
                                                          {"CRVAL1", "12.5"},
                                                          {"CRVAL2", "-45.25"},
                                                          {"CRPIX1", "2.5"},
                                                          {"CRPIX2", "1.5"},
                                                          {"CDELT1", "-0.000277"},
                                                          {"CDELT2", "0.000277"}})
        h += fitsCard(k, v);
    std::string end = "END";
    end.resize(80, ' ');
    h += end;
    h.resize(2880, ' ');
    std::string data;
    for (int i = 0; i < 12; ++i) {  // raw values 0..11, big-endian
        data += char(0);
        data += char(i);
    }
    data.resize(2880, '\0');
    std::ofstream(path, std::ios::binary) << h << data;
    return path;
}

}  // namespace

class TestLocale : public QObject {
    Q_OBJECT
    std::string dir_, fits_, svs_, geo_;
    QNetworkAccessManager nam_;

    // One GET on a fresh server (a fresh Engine: every image is opened, parsed and cached
    // again under the current locale) serving the geo COG (1), the FITS file (2) and the slide
    // (3).
    QByteArray fetch(const QString& pathAndQuery) {
        auto engine = std::make_shared<Engine>();
        http::Server server(engine);
        server.registry().add({geo_, "", ""});
        server.registry().add({fits_, "", ""});
        server.registry().add({svs_, "", ""});
        if (!server.start(QHostAddress(QHostAddress::LocalHost), 0)) return "no server";
        QString base = server.url().toString();
        if (base.endsWith(QLatin1Char('/'))) base.chop(1);
        QNetworkReply* reply = nam_.get(QNetworkRequest(QUrl(base + pathAndQuery)));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        const QByteArray token = server.pageUrl("1").query().toUtf8();
        server.stop();
        if (status != 200) return "HTTP " + QByteArray::number(status) + ": " + body;
        // Each server has its own port (in capabilities' URLs) and token.
        QByteArray out = body;
        out.replace(base.toUtf8(), "BASE");
        if (!token.isEmpty()) out.replace(token, "TOKEN");
        return out;
    }

    // The same request under C and under de_DE (each on a fresh server): the same bytes.
    QByteArray sameUnderBoth(const QString& pathAndQuery) {
        useC();
        const QByteArray c = fetch(pathAndQuery);
        useGerman();
        const QByteArray de = fetch(pathAndQuery);
        if (c != de || c.startsWith("HTTP ") || c == "no server")
            QTest::qFail(
                qPrintable(pathAndQuery + QStringLiteral(" under C:\n") +
                           QString::fromUtf8(c.left(1500)) + QStringLiteral("\nunder de_DE:\n") +
                           QString::fromUtf8(de.left(1500))),
                __FILE__, __LINE__);
        return de;
    }

  private Q_SLOTS:
    void initTestCase() {
        dir_ = tempDir();
        // Before anything parses a number: cfitsio caches the decimal point on first use.
        const std::string why = prepareGerman(dir_);
        QVERIFY2(why.empty(), why.c_str());  // scripts/dev deps installs Debian's locales
        useGerman();
        qputenv("TESSERA_CONFIG_DIR", QByteArray::fromStdString(dir_ + "/config"));
        QDir().mkpath(QString::fromStdString(dir_ + "/config"));

        fits_ = writeScaledFits(dir_ + "/scaled.fits");
        TiffPyramidSpec svs;
        svs.width = 600;
        svs.height = 400;
        svs.levels = 2;
        svs.description =
            "Aperio Image Library v10.0.50\r\n600x400 [0,0 600x400] (256x256) LZW|AppMag = "
            "20|MPP = 0.4990|Exposure Scale = 0.000001";
        svs_ = writeTiffPyramid(dir_ + "/slide.svs", svs);
        FixtureSpec g;  // fractional georeferencing: lon 0.125.., lat ..10.5
        g.width = 300;
        g.height = 200;
        g.bands = 1;
        g.geoTransform = {0.125, 0.0375, 0.0, 10.5, 0.0, -0.0375};
        g.interpretations = {"gray"};
        geo_ = writeFixture(dir_ + "/geo.tif", g);
    }

    void theLocaleIsHostile() {
        // Proof that the process locale is what breaks naive code: C's own functions use ','.
        useGerman();
        QCOMPARE(std::string(std::localeconv()->decimal_point), std::string(","));
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", 0.5);
        QCOMPARE(std::string(buf), std::string("0,5"));
        QCOMPARE(std::strtod("0.5", nullptr), 0.0);
        // The helpers do not.
        QCOMPARE(parseDoubleC(" 0.5 ").value_or(-1), 0.5);
        QCOMPARE(strtodC("1.25e2", nullptr), 125.0);
        QCOMPARE(formatDoubleC(0.1), std::string("0.1"));
        QCOMPARE(formatFixedC(3.14159, 2), std::string("3.14"));
        QVERIFY(!parseDoubleC("0,5"));
    }

    // Keywords, schemes and option names are compared and case-mapped as ASCII whatever the
    // locale (util/text.h): non-ASCII bytes pass through untouched.
    void asciiTextHelpers() {
        useGerman();
        QCOMPARE(asciiUpper("deflate-\xc3\xa4"), std::string("DEFLATE-\xc3\xa4"));
        QCOMPARE(asciiLower("EPSG:4326"), std::string("epsg:4326"));
        QVERIFY(iequals("GetCapabilities", "GETCAPABILITIES"));
        QVERIFY(!iequals("WMS", "WMTS"));
        QVERIFY(startsWithNoCase("HTTPS://x/y.tif", "https://"));
        QVERIFY(!startsWithNoCase("ht", "https://"));
        QCOMPARE(trimmed(" \t 1,5 \r\n"), std::string("1,5"));
        QCOMPARE(trimmedView("   "), std::string_view());
        useC();
    }

    void fitsHeaderValues() {
        useGerman();
        SourcePtr s = openSource(fits_);
        const json im = s->internalMetadata();
        const json& kw = im["hdus"][0]["keywords"];
        QCOMPARE(kw["BSCALE"].get<double>(), 1.5);
        QCOMPARE(kw["BZERO"].get<double>(), 0.25);
        QCOMPARE(kw["EXPTIME"].get<double>(), 30.125);
        QCOMPARE(kw["CRVAL2"].get<double>(), -45.25);
        QVERIFY(im["cfitsioVersion"].get<std::string>().find(',') == std::string::npos);
        // cfitsio applied BSCALE/BZERO: raw 0..11 → 0.25 + 1.5 × raw; display row 0 = FITS row 3.
        QCOMPARE(s->info().dtype, DataType::Float32);
        ReadWindow w;
        w.x1 = 4, w.y1 = 3, w.outWidth = 4, w.outHeight = 3;
        const Raster r = s->read(w);
        QCOMPARE(r.value(0, 2, 0), 0.25);
        QCOMPARE(r.value(1, 2, 0), 1.75);
        QCOMPARE(r.value(3, 0, 0), 0.25 + 1.5 * 11);
        // The server's answers for it: the same bytes as under C.
        const QByteArray meta = sameUnderBoth(QStringLiteral("/api/image/2/info/metadata"));
        QVERIFY2(meta.contains("\"CRVAL2\":-45.25"), meta.constData());
        const QByteArray internal =
            sameUnderBoth(QStringLiteral("/api/image/2/info/metadata_internal"));
        QVERIFY2(internal.contains("\"EXPTIME\":30.125"), internal.constData());
        sameUnderBoth(QStringLiteral("/api/image/2/data/pixel?left=1&top=2"));
        sameUnderBoth(QStringLiteral("/api/image/2/data/histogram?bins=7"));
    }

    void styleNumbers() {
        // Strings holding numbers ("0.5", "min:0.25") in style JSON parse with a '.'.
        Engine engine;
        RegionRequest r;
        r.image = {geo_, "", ""};
        r.units = "pixels";
        r.right = 300;
        r.bottom = 200;
        r.width = 64;
        r.height = 64;
        r.styleGiven = true;
        useGerman();
        r.style.styleJson = R"({"band":1,"min":"20.5","max":"180.5","palette":"viridis"})";
        const Image strings = engine.regionImage(r);
        r.style.styleJson = R"({"band":1,"min":20.5,"max":180.5,"palette":"viridis"})";
        const Image numbers = engine.regionImage(r);
        QVERIFY(strings.pixels == numbers.pixels);
        r.style.styleJson = R"({"band":1,"min":"min:0.25","max":"max:0.25"})";
        const Image thresholdDe = engine.regionImage(r);
        useC();
        Engine fresh;
        const Image thresholdC = fresh.regionImage(r);
        useGerman();
        QVERIFY(thresholdDe.pixels == thresholdC.pixels);
        sameUnderBoth(QStringLiteral(
            "/api/image/1/tiles/0/0/0.png?style=%7B%22min%22%3A%2220.5%22%2C%22max%22%3A%22max"
            "%3A0.5%22%7D"));
    }

    void aperioMpp() {
        useGerman();
        SourcePtr s = openSource(svs_);
        QCOMPARE(s->info().sourceName, std::string("tiff"));
        QVERIFY(s->info().mmX.has_value());
        QCOMPARE(*s->info().mmX, 0.000499);
        QCOMPARE(s->info().magnification.value_or(0), 20.0);
        const QByteArray meta = sameUnderBoth(QStringLiteral("/api/image/3/info/metadata"));
        QVERIFY2(meta.contains("0.000499"), meta.constData());
    }

    void ogcCapabilities() {
        const QByteArray wms =
            sameUnderBoth(QStringLiteral("/wms?SERVICE=WMS&REQUEST=GetCapabilities"));
        QVERIFY2(wms.contains("<westBoundLongitude>0.125</westBoundLongitude>"), wms.constData());
        QVERIFY2(wms.contains("<northBoundLatitude>10.5</northBoundLatitude>"), wms.constData());
        const QByteArray wcs = sameUnderBoth(QStringLiteral(
            "/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=DescribeCoverage&COVERAGEID=image_1"));
        QVERIFY2(wcs.contains("0.0375"), wcs.constData());
        sameUnderBoth(QStringLiteral("/wcs?SERVICE=WCS&REQUEST=GetCapabilities"));
        sameUnderBoth(QStringLiteral("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"));
        // A GetMap whose BBOX has decimals.
        sameUnderBoth(
            QStringLiteral("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=1&"
                           "STYLES=&CRS=CRS:84&BBOX=0.5,3.25,8.75,10.25&WIDTH=40&"
                           "HEIGHT=30&FORMAT=image/png"));
    }

    void openApiAndJson() {
        const QByteArray doc = sameUnderBoth(QStringLiteral("/openapi.json"));
        const json j = json::parse(doc.toStdString());
        // Every number default is a JSON number (a failed parse under ',' would have been 0 or a
        // string).
        int numbers = 0;
        for (const auto& [path, ops] : j["paths"].items())
            for (const auto& [method, op] : ops.items())
                for (const auto& p : op.value("parameters", json::array()))
                    if (p.contains("schema") && p["schema"].value("type", "") == "number" &&
                        p["schema"].contains("default")) {
                        QVERIFY2(p["schema"]["default"].is_number(), p.dump().c_str());
                        ++numbers;
                    }
        qInfo("%d number defaults checked", numbers);
        sameUnderBoth(QStringLiteral("/api/image/1/tiles/metadata"));
        sameUnderBoth(QStringLiteral("/api/image/1/tilejson"));
        sameUnderBoth(QStringLiteral("/api/image/1/info/metadata"));
        sameUnderBoth(QStringLiteral("/api/image/1/data/histogram?bins=10&density=true"));
        sameUnderBoth(QStringLiteral("/api/image/1/tiles/0/0/0/corners"));
    }

    void cleanupTestCase() { useC(); }
};

QTEST_GUILESS_MAIN(TestLocale)
#include "test_locale.moc"
