// The embedded tile server over real HTTP (QNetworkAccessManager against a server on a free
// loopback port): every route of the table on generated COGs — status, content type, decoded
// image size and pixels, JSON fields — the error cases of each parameter, the access token,
// CORS, ETag/304, the OpenAPI document and TileJSON.
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

#include "encode/encoder.h"
#include "http/api_state.h"
#include "http/server.h"
#include "support/engine_fixtures.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;

namespace {

struct Reply {
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers;  // lower-case names
    QByteArray contentType() const { return headers.value("content-type"); }
    json js() const { return json::parse(body.toStdString(), nullptr, false); }
    Image image() const {
        return decodeImage(
            Bytes(reinterpret_cast<const std::uint8_t*>(body.constData()),
                  reinterpret_cast<const std::uint8_t*>(body.constData()) + body.size()));
    }
    std::string detail() const { return js().value("detail", std::string()); }
};

}  // namespace

class TestServer : public QObject {
    Q_OBJECT

    std::string geo_, flat_;
    std::shared_ptr<Engine> engine_ = std::make_shared<Engine>();
    std::unique_ptr<http::Server> server_;
    QNetworkAccessManager nam_;

    Reply request(QUrl url, const QByteArray& method = "GET",
                  const QList<QPair<QByteArray, QByteArray>>& headers = {},
                  const QByteArray& body = {}) {
        QNetworkRequest req(url);
        for (const auto& [k, v] : headers) req.setRawHeader(k, v);
        // Writes always need the token (even on loopback); send the shared server's.
        if (method != "GET" && method != "HEAD" && method != "OPTIONS" &&
            !req.hasRawHeader("X-Tessera-Token") && !req.hasRawHeader("Authorization") && server_)
            req.setRawHeader("X-Tessera-Token", server_->token().toUtf8());
        if (!body.isEmpty()) req.setRawHeader("Content-Type", "application/json");
        QNetworkReply* reply = nam_.sendCustomRequest(req, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        for (const auto& [k, v] : reply->rawHeaderPairs()) r.headers[k.toLower()] = v;
        reply->deleteLater();
        return r;
    }
    Reply get(const QString& pathAndQuery,
              const QList<QPair<QByteArray, QByteArray>>& headers = {}) {
        return request(url(*server_, pathAndQuery), "GET", headers);
    }
    static QUrl url(const http::Server& s, const QString& pathAndQuery) {
        return QUrl(origin(s) + pathAndQuery, QUrl::TolerantMode);
    }
    static QString origin(const http::Server& s) {
        QString u = s.url().toString();  // "http://127.0.0.1:PORT/"
        if (u.endsWith(QLatin1Char('/'))) u.chop(1);
        return u;
    }

    void checkError(const QString& path, int status, const std::string& detailPart = {}) {
        const Reply r = get(path);
        QVERIFY2(r.status == status,
                 qPrintable(path + QStringLiteral(" -> ") + QString::number(r.status) +
                            QStringLiteral(" ") + QString::fromUtf8(r.body)));
        QCOMPARE(r.contentType(), QByteArray("application/json"));
        QVERIFY2(r.js().contains("detail"), r.body.constData());
        if (!detailPart.empty())
            QVERIFY2(r.detail().find(detailPart) != std::string::npos, r.body.constData());
    }

  private Q_SLOTS:
    void initTestCase() {
        const std::string d = tempDir();
        FixtureSpec s;  // 1024×768 uint8 RGB, EPSG:4326, lon -10..10.48, lat 10..-5.36
        s.interpretations = {"red", "green", "blue"};
        s.value = blockPattern;
        geo_ = writeFixture(d + "/geo.tif", s);
        FixtureSpec f;
        f.width = 600;
        f.height = 400;
        f.bands = 1;
        f.epsg = 0;
        f.interpretations = {"gray"};
        f.value = blockPattern;
        flat_ = writeFixture(d + "/flat.tif", f);

        server_ = std::make_unique<http::Server>(engine_);
        server_->setCorsOrigins({QStringLiteral("*")});  // CORS is off unless configured
        QSignalSpy started(server_.get(), &http::Server::started);
        QCOMPARE(server_->registry().add({geo_, "", ""}), std::string("1"));
        QCOMPARE(server_->registry().add({flat_, "", ""}), std::string("2"));
        QVERIFY(server_->start(QHostAddress(QHostAddress::LocalHost), 0));
        QCOMPARE(started.count(), 1);
        QVERIFY(server_->port() > 0);
        QVERIFY(!server_->tokenRequired());
        QCOMPARE(server_->url().host(), QStringLiteral("127.0.0.1"));
    }

    void standaloneRoutes() {
        Reply r = get(QStringLiteral("/api/large-image/sources"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.js().contains("gdal"));
        r = get(QStringLiteral("/api/large-image/colormaps"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["simple"], json({"red", "green", "blue"}));
        const auto mpl = r.js()["matplotlib"];
        QVERIFY(std::find(mpl.begin(), mpl.end(), "viridis") != mpl.end());
        r = get(QStringLiteral("/api/large-image/formats"));
        QCOMPARE(r.js()["PNG"], json("image/png"));
        QCOMPARE(r.js()["JPG"], json("image/jpeg"));
        QCOMPARE(r.js()["TIF"], json("image/tiff"));
    }

    void settings() {
        Reply r = get(QStringLiteral("/api/large-image/settings"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js(), json({{"auto_use_large_images", true}, {"max_small_image_size", 4096}}));
        const QUrl u = url(*server_, QStringLiteral("/api/large-image/settings"));
        r = request(u, "PUT", {}, R"({"max_small_image_size": 2048})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["max_small_image_size"], json(2048));
        r = request(u, "POST", {}, R"({"auto_use_large_images": false})");
        QCOMPARE(r.js()["auto_use_large_images"], json(false));
        QCOMPARE(r.js()["max_small_image_size"], json(2048));
        QCOMPARE(request(u, "PUT", {}, R"({"max_small_image_size": "big"})").status, 400);
        QCOMPARE(request(u, "PUT", {}, R"({"nope": 1})").status, 400);
        QCOMPARE(request(u, "PUT", {}, "{not json").status, 400);
        r = request(u, "PUT", {},
                    R"({"auto_use_large_images": true, "max_small_image_size": 4096})");
        QCOMPARE(r.js(), json({{"auto_use_large_images", true}, {"max_small_image_size", 4096}}));
        QCOMPARE(request(u, "DELETE").status, 405);
    }

    void imageList() {
        const Reply r = get(QStringLiteral("/api/images"));
        QCOMPARE(r.status, 200);
        const json j = r.js();
        QCOMPARE(j.size(), std::size_t(2));
        QCOMPARE(j[0]["id"], json("1"));
        QCOMPARE(j[0]["name"], json("geo"));
        QCOMPARE(j[0]["geospatial"], json(true));
        QCOMPARE(j[0]["sizeX"], json(1024));
        QCOMPARE(j[0]["sizeY"], json(768));
        QCOMPARE(j[1]["geospatial"], json(false));
        QCOMPARE(j[1]["uri"], json(flat_));
        QCOMPARE(j[0]["urls"]["tiles"], json("/api/image/1/tiles/{z}/{x}/{y}.png"));
    }

    void tilesMetadata() {
        const Reply r = get(QStringLiteral("/api/image/1/tiles/metadata"));
        QCOMPARE(r.status, 200);
        const json j = r.js();
        QCOMPARE(j["levels"], json(3));
        QCOMPARE(j["size_x"], json(1024));
        QCOMPARE(j["size_y"], json(768));
        QCOMPARE(j["tile_size"], json(256));
        QCOMPARE(j["geospatial"], json(true));
        QCOMPARE(j["additional_metadata"]["sizeX"], json(1024));
        // By name, and under django-large-image's example prefix.
        QCOMPARE(get(QStringLiteral("/api/image/geo/tiles/metadata")).js()["size_x"], json(1024));
        QCOMPARE(get(QStringLiteral("/api/image-file/2/tiles/metadata")).js()["size_x"], json(600));
    }

    void tiles() {
        Reply r = get(QStringLiteral("/api/image/1/tiles/2/0/0.png"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType(), QByteArray("image/png"));
        Image img = r.image();
        QCOMPARE(img.width, 256);
        QCOMPARE(img.height, 256);
        QVERIFY(img.channels >= 3);
        QCOMPARE(px(img, 10, 10, 0), 0);
        QCOMPARE(px(img, 10, 10, 1), 70);
        QCOMPARE(px(img, 10, 10, 2), 140);
        QCOMPARE(px(img, 100, 10, 0), 30);
        QCOMPARE(px(img, 100, 100, 0), 80);
        // Same pixels as the engine's tile.
        TileRequest t;
        t.image.uri = geo_;
        t.z = 2;
        t.x = 1;
        t.y = 1;
        const Image e = decoded(engine_->tile(t));
        const Image h = get(QStringLiteral("/api/image/1/tiles/2/1/1.png")).image();
        QCOMPARE(h.pixels, e.pixels);

        for (const char* fmt : {"jpeg", "jpg", "webp", "tif", "tiff"}) {
            r = get(QStringLiteral("/api/image/1/tiles/2/0/0.") + QLatin1String(fmt));
            QVERIFY2(r.status == 200, fmt);
            const QByteArray mime = QByteArray(fmt) == "jpg"   ? "image/jpeg"
                                    : QByteArray(fmt) == "tif" ? "image/tiff"
                                                               : "image/" + QByteArray(fmt);
            QCOMPARE(r.contentType(), mime);
            img = r.image();
            QCOMPARE(img.width, 256);
            QVERIFY(std::abs(px(img, 10, 10, 1) - 70) <= 3);
        }
        // Edge tile of the 1024×768 image is padded to 256².
        img = get(QStringLiteral("/api/image/1/tiles/2/3/2.png")).image();
        QCOMPARE(img.width, 256);
        QCOMPARE(img.height, 256);
        // Flat single-band image.
        img = get(QStringLiteral("/api/image-file/2/tiles/1/0/0.png")).image();
        QCOMPARE(img.width, 256);
        QCOMPARE(px(img, 10, 10, 0), 0);   // full-resolution (20, 20)
        QCOMPARE(px(img, 60, 5, 0), 30);   // full-resolution (120, 10)
        QCOMPARE(px(img, 10, 40, 0), 50);  // full-resolution (20, 80)
    }

    void tileErrors() {
        checkError(QStringLiteral("/api/image/1/tiles/3/0/0.png"), 400, "z layer does not exist");
        checkError(QStringLiteral("/api/image/1/tiles/2/4/0.png"), 400, "x is outside layer");
        checkError(QStringLiteral("/api/image/1/tiles/2/0/3.png"), 400, "y is outside layer");
        checkError(QStringLiteral("/api/image/1/tiles/0/0/0.bmpx"), 404, "Not found.");
        checkError(QStringLiteral("/api/image/1/tiles/0/0/-1.png"), 404);
        checkError(QStringLiteral("/api/image/99/tiles/0/0/0.png"), 404, "Not found.");
        checkError(QStringLiteral("/api/image/99/info/metadata"), 404, "Not found.");
        checkError(QStringLiteral("/nothing/here"), 404, "Not found.");
        QCOMPARE(get(QStringLiteral("/api/image/99/info/metadata")).detail(),
                 std::string("Not found."));
        // Projected tiles: no range check, transparent outside the data.
        Reply r = get(QStringLiteral("/api/image/1/tiles/12/0/0.png?projection=EPSG:3857"));
        QCOMPARE(r.status, 200);
        const Image img = r.image();
        QCOMPARE(img.channels, 4);
        QCOMPARE(px(img, 128, 128, 3), 0);
        checkError(QStringLiteral("/api/image/1/tiles/0/0/0.png?projection=EPSG:4326"), 400);
        QCOMPARE(
            request(url(*server_, QStringLiteral("/api/image/1/tiles/0/0/0.png")), "POST").status,
            405);
    }

    void tile2x() {
        Reply r = get(QStringLiteral("/api/image/1/tiles/1/0/0@2x.png"));
        QCOMPARE(r.status, 200);
        Image img = r.image();
        QCOMPARE(img.width, 512);
        QCOMPARE(img.height, 512);
        const Image child00 = get(QStringLiteral("/api/image/1/tiles/2/0/0.png")).image();
        const Image child = get(QStringLiteral("/api/image/1/tiles/2/1/1.png")).image();
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(px(img, 10, 10, c), px(child00, 10, 10, c));
            QCOMPARE(px(img, 256 + 40, 256 + 40, c), px(child, 40, 40, c));
        }
        QCOMPARE(px(img, 10, 10, 1), 70);
        // Deepest level: the tile doubled.
        img = get(QStringLiteral("/api/image/1/tiles/2/0/0@2x.png")).image();
        QCOMPARE(img.width, 512);
        QCOMPARE(px(img, 200, 20, 0), 30);  // source pixel (100, 10)
        checkError(QStringLiteral("/api/image/1/tiles/3/0/0@2x.png"), 400);
    }

    void framesAndCorners() {
        Reply r = get(QStringLiteral("/api/image/1/tiles/fzxy/0/2/0/0.jpeg"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType(), QByteArray("image/jpeg"));
        r = get(QStringLiteral("/api/image/1/tiles/fzxy/0/2/0/0"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType(), QByteArray("image/png"));
        QCOMPARE(px(r.image(), 10, 10, 1), 70);
        r = get(QStringLiteral("/api/image/1/tiles/2/0/0/corners"));
        QCOMPARE(r.status, 200);
        const json expected = engine_->tileCorners({geo_, "", ""}, 2, 0, 0);
        QCOMPARE(r.js(), expected);
        QCOMPARE(r.js()["xmin"].get<double>(), 0.0);
        QCOMPARE(r.js()["xmax"].get<double>(), 256.0);
        checkError(QStringLiteral("/api/image/1/tiles/5/0/0/corners"), 400);
        r = get(QStringLiteral("/api/image/1/tiles/0/0/0/corners?projection=EPSG:3857"));
        QVERIFY(std::abs(r.js()["xmin"].get<double>() + 20037508.34) < 1);
    }

    void styleParameters() {
        const Image plain = get(QStringLiteral("/api/image/1/tiles/2/0/0.png")).image();
        // band 2 with a gray ramp: pixel (10,10) value 70, min 0 max 255 → 70.
        Image img =
            get(QStringLiteral("/api/image/1/tiles/2/0/0.png?band=2&min=0&max=255&palette=gray"))
                .image();
        TileRequest t;
        t.image.uri = geo_;
        t.z = 2;
        t.style.styleJson = R"({"band":2,"max":"255","min":"0","palette":"gray"})";
        QCOMPARE(img.pixels, decoded(engine_->tile(t)).pixels);
        QVERIFY(img.pixels != plain.pixels);
        // Same through style JSON (URL encoded), and style wins over band.
        const QString style = QString::fromUtf8(QUrl::toPercentEncoding(
            QStringLiteral(R"({"band": 2, "min": 0, "max": 255, "palette": "gray"})")));
        Image viaStyle =
            get(QStringLiteral("/api/image/1/tiles/2/0/0.png?band=3&style=") + style).image();
        QCOMPARE(viaStyle.pixels, img.pixels);
        // '+' decodes as a space, as in Django.
        viaStyle =
            get(QStringLiteral("/api/image/1/tiles/2/0/0.png?style=%7B%22band%22:+2,+%22min%22:+0,"
                               "+%22max%22:+255,+%22palette%22:+%22gray%22%7D"))
                .image();
        QCOMPARE(viaStyle.pixels, img.pixels);
        // Nully values are ignored.
        QCOMPARE(get(QStringLiteral("/api/image/1/tiles/2/0/"
                                    "0.png?band=2&min=0&max=255&palette=gray&nodata=null&scheme="))
                     .image()
                     .pixels,
                 img.pixels);
        // band=0 / absent = default style.
        QCOMPARE(get(QStringLiteral("/api/image/1/tiles/2/0/0.png?band=0&palette=viridis"))
                     .image()
                     .pixels,
                 plain.pixels);
        // A palette colours the tile.
        img = get(QStringLiteral("/api/image/1/tiles/2/0/0.png?band=1&cmap=viridis")).image();
        QVERIFY(img.channels >= 3);
        // Errors.
        checkError(
            QStringLiteral("/api/image/1/tiles/2/0/0.png?style=%7Bbad"), 400,
            "`style` query parameter is malformed and likely not properly URL encoded: {bad");
        QCOMPARE(
            get(QStringLiteral("/api/image/1/tiles/2/0/0.png?style=%7Bbad")).detail(),
            std::string(
                "`style` query parameter is malformed and likely not properly URL encoded: {bad"));
        checkError(QStringLiteral("/api/image/1/tiles/2/0/0.png?band=x"), 400);
        checkError(QStringLiteral("/api/image/1/tiles/2/0/0.png?source=foo"), 400,
                   "'foo' is not a valid source. Try one of: [");
        QCOMPARE(get(QStringLiteral("/api/image/1/tiles/2/0/0.png?source=gdal")).status, 200);
        checkError(QStringLiteral("/api/image/1/tiles/2/0/0.png?frame=x"), 400);
    }

    void infoRoutes() {
        Reply r = get(QStringLiteral("/api/image/1/info/metadata"));
        QCOMPARE(r.status, 200);
        json j = r.js();
        QCOMPARE(j["sizeX"], json(1024));
        QVERIFY(std::abs(j["bounds"]["xmin"].get<double>() + 10) < 1e-6);
        QVERIFY(std::abs(j["bounds"]["ymax"].get<double>() - 10) < 1e-6);
        QCOMPARE(j["frames"], json(false));
        r = get(QStringLiteral("/api/image/1/info/metadata?projection=EPSG:3857"));
        QVERIFY(std::abs(r.js()["bounds"]["xmin"].get<double>() + 10) < 1e-6);
        QVERIFY(r.js()["levels"].get<int>() > 3);
        r = get(QStringLiteral("/api/image/1/info/metadata_internal"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["tilesource"],
                 json(engine_->internalMetadata({geo_, "", ""})["tilesource"]));
        r = get(QStringLiteral("/api/image/1/info/bands"));
        QCOMPARE(r.js()["1"]["interpretation"], json("red"));
        QCOMPARE(r.js()["3"]["interpretation"], json("blue"));
        r = get(QStringLiteral("/api/image/1/info/band?band=2"));
        QCOMPARE(r.js()["interpretation"], json("green"));
        QCOMPARE(get(QStringLiteral("/api/image/1/info/band")).js()["interpretation"], json("red"));
        checkError(QStringLiteral("/api/image/1/info/band?band=9"), 400);
        checkError(QStringLiteral("/api/image/1/info/band?band=two"), 400,
                   "\"band\" parameter is an incorrect type.");
        r = get(QStringLiteral("/api/image/1/info/frames"));
        QCOMPARE(r.js(), engine_->frames({geo_, "", ""}));
        QCOMPARE(r.js()["frames"][0]["bands"].size(), std::size_t(3));
    }

    void thumbnail() {
        Reply r = get(QStringLiteral("/api/image/1/data/thumbnail.png"));
        QCOMPARE(r.status, 200);
        Image img = r.image();
        QCOMPARE(img.width, 256);
        QCOMPARE(img.height, 192);
        r = get(QStringLiteral("/api/image/1/data/thumbnail.jpeg?max_width=100&max_height=300"));
        QCOMPARE(r.contentType(), QByteArray("image/jpeg"));
        img = r.image();
        QCOMPARE(img.width, 100);
        QCOMPARE(img.height, 75);
        QVERIFY(std::abs(px(img, 2, 2, 1) - 70) <= 6);
        QVERIFY(r.headers.contains("etag"));
        checkError(QStringLiteral("/api/image/1/data/thumbnail.png?max_width=abc"), 400,
                   "max_width");
        checkError(QStringLiteral("/api/image/1/data/thumbnail.png?max_width=100000"), 400);
        checkError(QStringLiteral("/api/image/1/data/thumbnail.gif"), 404);
    }

    void region() {
        Reply r = get(QStringLiteral(
            "/api/image/1/data/region.png?left=0&top=0&right=128&bottom=64&units=pixels"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType(), QByteArray("image/png"));
        Image img = r.image();
        QCOMPARE(img.width, 128);
        QCOMPARE(img.height, 64);
        QCOMPARE(px(img, 100, 10, 0), 30);
        // TIFF without a style: raw data; default units EPSG:4326 for geospatial images.
        r = get(
            QStringLiteral("/api/image/1/data/region.tif?left=-10&top=10&right=-8.72&bottom=8.72"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType(), QByteArray("image/tiff"));
        img = r.image();
        QCOMPARE(img.width, 64);
        QCOMPARE(img.height, 64);
        QCOMPARE(px(img, 10, 10, 2), 140);
        // width/height limit the output.
        img = get(QStringLiteral(
                      "/api/image/1/data/"
                      "region.png?left=0&top=0&right=512&bottom=256&units=pixels&width=128"))
                  .image();
        QCOMPARE(img.width, 128);
        QCOMPARE(img.height, 64);
        checkError(
            QStringLiteral("/api/image/1/data/"
                           "region.png?left=5000&top=5000&right=6000&bottom=6000&units=pixels"),
            400, "No output generated");
        checkError(QStringLiteral("/api/image/1/data/region.png?top=0&right=10&bottom=10"), 400,
                   "Parameter \"left\" is required.");
        checkError(QStringLiteral("/api/image/1/data/region.png?left=a&top=0&right=10&bottom=10"),
                   400);
        checkError(QStringLiteral(
                       "/api/image/1/data/"
                       "region.png?left=0&top=0&right=20000&bottom=20000&units=pixels&width=-1"),
                   400);
    }

    void pixel() {
        Reply r = get(QStringLiteral("/api/image/1/data/pixel?left=10&top=10"));
        QCOMPARE(r.status, 200);
        json j = r.js();
        QCOMPARE(j["bands"]["1"].get<double>(), 0.0);
        QCOMPARE(j["bands"]["2"].get<double>(), 70.0);
        QCOMPARE(j["bands"]["3"].get<double>(), 140.0);
        QCOMPARE(j["g"], json(70));
        QCOMPARE(get(QStringLiteral("/api/image/1/data/pixel?left=5000&top=10")).js(),
                 json::object());
        checkError(QStringLiteral("/api/image/1/data/pixel?left=10"), 400, "top");
        checkError(QStringLiteral("/api/image/1/data/pixel?left=1.5&top=1"), 400);
    }

    void histogram() {
        Reply r = get(QStringLiteral("/api/image/1/data/histogram"));
        QCOMPARE(r.status, 200);
        json j = r.js();
        QCOMPARE(j.size(), std::size_t(3));
        QCOMPARE(j[0]["hist"].size(), std::size_t(256));
        QCOMPARE(j[0]["bins"], json(256));
        r = get(QStringLiteral("/api/image/1/data/histogram?bins=8&density=true&resolution=full"));
        j = r.js();
        QCOMPARE(j[1]["hist"].size(), std::size_t(8));
        QCOMPARE(j[1]["bin_edges"].size(), std::size_t(9));
        r = get(QStringLiteral("/api/image/1/data/histogram?onlyMinMax=true"));
        j = r.js();
        QVERIFY(j["min"].is_array());
        QCOMPARE(j["min"].size(), std::size_t(3));
        QVERIFY(j["max"][1].get<double>() >= j["min"][1].get<double>());
        QCOMPARE(j["max"][0].get<double>(), 254.0);  // blockPattern band 1 maximum over 1024×768
        r = get(QStringLiteral("/api/image/1/data/histogram?bins=4&rangeMin=0&rangeMax=100"));
        QCOMPARE(r.status, 200);
        checkError(QStringLiteral("/api/image/1/data/histogram?bins=0"), 400);
        checkError(QStringLiteral("/api/image/1/data/histogram?bins=abc"), 400, "bins");
        checkError(QStringLiteral("/api/image/1/data/histogram?bins=10000000"), 400);
        checkError(QStringLiteral("/api/image/1/data/histogram?onlyMinMax=maybe"), 400);
        checkError(QStringLiteral("/api/image/1/data/histogram?resolution=half"), 400);
    }

    void tilejson() {
        Reply r = get(QStringLiteral("/api/image/1/tilejson?band=1&palette=viridis"));
        QCOMPARE(r.status, 200);
        const json j = r.js();
        QCOMPARE(j["tilejson"], json("3.0.0"));
        const std::string tiles = j["tiles"][0];
        const std::string base = origin(*server_).toStdString();
        const std::string prefix =
            base + "/api/image/1/tiles/{z}/{x}/{y}.png?projection=EPSG%3A3857";
        QVERIFY2(tiles.rfind(prefix, 0) == 0, (tiles + " vs " + prefix).c_str());
        QVERIFY2(tiles.find("&band=1&palette=viridis") != std::string::npos, tiles.c_str());
        QCOMPARE(j["minzoom"], json(0));
        const int maxzoom = j["maxzoom"];
        QCOMPARE(maxzoom + 1, engine_->metadata({geo_, "EPSG:3857", ""})["levels"].get<int>());
        QVERIFY(std::abs(j["bounds"][0].get<double>() + 10) < 1e-6);
        QVERIFY(std::abs(j["bounds"][3].get<double>() - 10) < 1e-6);
        QVERIFY(j["center"][0].get<double>() > -10 && j["center"][0].get<double>() < 10.5);
        QCOMPARE(j["center"].size(), std::size_t(3));
        // The template works.
        QString t = QString::fromStdString(tiles);
        t.replace(QStringLiteral("{z}"), QStringLiteral("4"))
            .replace(QStringLiteral("{x}"), QStringLiteral("7"))
            .replace(QStringLiteral("{y}"), QStringLiteral("7"));
        QCOMPARE(request(QUrl(t)).status, 200);
        r = get(QStringLiteral("/api/image/2/tilejson?format=jpeg"));
        QVERIFY(r.js()["tiles"][0].get<std::string>().find("/api/image/2/tiles/{z}/{x}/{y}.jpeg") !=
                std::string::npos);
        QCOMPARE(r.js()["maxzoom"], json(2));  // 600×400: 3 levels
    }

    void corsAndPreflight() {
        Reply r = get(QStringLiteral("/api/image/1/info/metadata"));
        QCOMPARE(r.headers.value("access-control-allow-origin"), QByteArray("*"));
        r = get(QStringLiteral("/api/image/99/info/metadata"));
        QCOMPARE(r.headers.value("access-control-allow-origin"), QByteArray("*"));
        r = request(url(*server_, QStringLiteral("/api/image/1/tiles/0/0/0.png")), "OPTIONS",
                    {{"Origin", "http://example.com"}, {"Access-Control-Request-Method", "GET"}});
        QCOMPARE(r.status, 204);
        QCOMPARE(r.headers.value("access-control-allow-origin"), QByteArray("*"));
        QVERIFY(r.headers.value("access-control-allow-methods").contains("GET"));
        QVERIFY(r.headers.value("access-control-allow-headers").contains("Authorization"));
    }

    void etag() {
        Reply r = get(QStringLiteral("/api/image/1/tiles/1/0/0.png"));
        QCOMPARE(r.status, 200);
        const QByteArray tag = r.headers.value("etag");
        QVERIFY(!tag.isEmpty());
        QCOMPARE(r.headers.value("cache-control"), QByteArray("public, max-age=3600"));
        r = get(QStringLiteral("/api/image/1/tiles/1/0/0.png"), {{"If-None-Match", tag}});
        QCOMPARE(r.status, 304);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.headers.value("etag"), tag);
        r = get(QStringLiteral("/api/image/1/tiles/1/0/0.png"), {{"If-None-Match", "\"other\""}});
        QCOMPARE(r.status, 200);
        QVERIFY(get(QStringLiteral("/api/image/1/tiles/1/1/0.png")).headers.value("etag") != tag);
    }

    void openApi() {
        Reply r = get(QStringLiteral("/openapi.json"));
        QCOMPARE(r.status, 200);
        const json j = r.js();
        QVERIFY(!j.is_discarded());
        QVERIFY(j["openapi"].get<std::string>().rfind("3.0.", 0) == 0);
        int operations = 0;
        for (const auto& route : server_->api().routes().routes()) {
            if (!route.inOpenApi) continue;
            const std::string path = http::RouteTable::fullPatterns(route).front();
            std::string method = route.method;
            for (auto& c : method) c = char(std::tolower(static_cast<unsigned char>(c)));
            QVERIFY2(j["paths"].contains(path) && j["paths"][path].contains(method), path.c_str());
            ++operations;
        }
        QVERIFY(operations >= 25);
        const json tile = j["paths"]["/api/image/{id}/tiles/{z}/{x}/{y}.{fmt}"]["get"];
        bool hasStyle = false;
        for (const auto& p : tile["parameters"]) {
            if (p["name"] == "style") hasStyle = true;
            if (p["in"] == "path") QCOMPARE(p["required"], json(true));
        }
        QVERIFY(hasStyle);
        const json thumb = j["paths"]["/api/image/{id}/data/thumbnail.{fmt}"]["get"];
        for (const auto& p : thumb["parameters"])
            if (p["name"] == "max_width") QCOMPARE(p["schema"]["default"], json(256));
        r = get(QStringLiteral("/docs"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentType().startsWith("text/html"));
        QVERIFY(r.body.contains("swagger-ui-bundle.js"));
    }

    void pagesAndFiles() {
        Reply r = get(QStringLiteral("/api/image/1/cesium"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("Cesium.js"));
        QVERIFY(r.body.contains("const API = '/api/image/1';"));
        r = get(QStringLiteral("/api/image/2/cesium"));  // not georeferenced → pixel viewer
        QVERIFY(r.body.contains("tile_viewer.js"));
        QVERIFY(!r.body.contains("Cesium.js"));
        QCOMPARE(get(QStringLiteral("/api/image/2/viewer")).status, 200);
        r = get(QStringLiteral("/web/app/style_builder.js"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType(), QByteArray("text/javascript"));
        QVERIFY(r.body.contains("export class StyleBuilder"));
        QCOMPARE(get(QStringLiteral("/")).status, 200);
        QCOMPARE(get(QStringLiteral("/web/app/nothing.js")).status, 404);
        QCOMPARE(get(QStringLiteral("/web/app/..%2Fcesium.html")).status, 404);
        QCOMPARE(get(QStringLiteral("/web/cesium/..%2F..%2F..%2FCMakeCache.txt")).status, 404);
        QCOMPARE(get(QStringLiteral("/web/%2Fetc%2Fpasswd")).status, 404);
        QVERIFY2(!server_->api().assetsDir().isEmpty(), "web assets not found in the build tree");
        r = get(QStringLiteral("/web/cesium/Cesium.js"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.size() > 1000000);
        QCOMPARE(get(QStringLiteral("/web/swagger-ui/swagger-ui.css")).contentType(),
                 QByteArray("text/css"));
    }

    void concurrentRequests() {
        std::vector<QNetworkReply*> replies;
        for (int i = 0; i < 48; ++i) {
            const QString path =
                QStringLiteral("/api/image/1/tiles/%1/%2/%3.png?projection=EPSG:3857")
                    .arg(6)
                    .arg(31 + i % 3)
                    .arg(31 + i / 3 % 3);
            replies.push_back(nam_.get(QNetworkRequest(url(*server_, path))));
        }
        QEventLoop loop;
        int done = 0;
        for (auto* r : replies)
            QObject::connect(r, &QNetworkReply::finished, &loop, [&] {
                if (++done == int(replies.size())) loop.quit();
            });
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(done, int(replies.size()));
        for (auto* r : replies) {
            QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            r->deleteLater();
        }
    }

    void tokenEnforcement() {
        http::Server s(engine_);
        s.registry().add({geo_, "", ""});
        s.setRequireToken(true);  // as for a non-loopback bind
        QVERIFY(s.start(QHostAddress(QHostAddress::LocalHost), 0));
        QVERIFY(s.tokenRequired());
        const QByteArray token = s.token().toUtf8();
        QVERIFY(token.size() >= 16);
        const QUrl meta = url(s, QStringLiteral("/api/image/1/info/metadata"));
        Reply r = request(meta);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.detail(), std::string("Authentication credentials were not provided."));
        QCOMPARE(request(meta, "GET", {{"Authorization", "Bearer wrong"}}).status, 401);
        QCOMPARE(request(meta, "GET", {{"Authorization", "Bearer " + token}}).status, 200);
        QCOMPARE(request(meta, "GET", {{"X-Tessera-Token", token}}).status, 200);
        QCOMPARE(request(url(s, QStringLiteral("/api/image/1/tiles/0/0/0.png?token=x"))).status,
                 401);
        QCOMPARE(request(url(s, QStringLiteral("/api/images"))).status, 401);
        // Preflight, docs and static files need no token; unknown ids are still 404 after auth.
        QCOMPARE(request(meta, "OPTIONS").status, 204);
        QCOMPARE(request(url(s, QStringLiteral("/openapi.json"))).status, 200);
        QCOMPARE(request(url(s, QStringLiteral("/web/app/style_builder.js"))).status, 200);
        QCOMPARE(request(url(s, QStringLiteral("/api/image/7/info/metadata")), "GET",
                         {{"X-Tessera-Token", token}})
                     .status,
                 404);
        QVERIFY(s.pageUrl("1").query().contains(QStringLiteral("token=")));
        // ?token= answers with a cookie, which then authenticates the page's own requests.
        r = request(
            url(s, QStringLiteral("/api/image/1/info/metadata?token=") + QString::fromUtf8(token)));
        QCOMPARE(r.status, 200);
        QVERIFY(r.headers.value("set-cookie").startsWith("tessera_token=" + token));
        QCOMPARE(request(url(s, QStringLiteral("/api/images"))).status, 200);
        QSignalSpy stopped(&s, &http::Server::stopped);
        s.stop();
        QCOMPARE(stopped.count(), 1);
        QVERIFY(!s.isRunning());
    }

    void registryRemove() {
        const std::string id = server_->registry().add({flat_, "", ""}, "extra");
        QCOMPARE(get(QStringLiteral("/api/image/extra/tiles/metadata")).status, 200);
        QVERIFY(server_->registry().remove(id));
        QCOMPARE(get(QStringLiteral("/api/image/") + QString::fromStdString(id) +
                     QStringLiteral("/tiles/metadata"))
                     .status,
                 404);
        QCOMPARE(get(QStringLiteral("/api/image/extra/tiles/metadata")).status, 404);
    }

    void cleanupTestCase() { server_.reset(); }
};

QTEST_MAIN(TestServer)
#include "test_server.moc"
