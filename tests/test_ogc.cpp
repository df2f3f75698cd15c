// OGC services and Deep Zoom over real HTTP: WMS 1.3.0 capabilities and GetMap pixels (CRS:84,
// EPSG:4326 lat/lon axis order, EPSG:3857, transparency, style presets), WMS/WMTS/WCS exception
// codes, WMTS KVP and REST tiles equal to the XYZ tiles, WCS DescribeCoverage and GetCoverage read
// back with GDAL, DZI descriptor and tiles equal to the engine's regions, and GDAL's own WMS
// driver reading a GetMap from the server.
#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QXmlStreamReader>
#include <QtTest>
#include <cmath>
#include <future>

#include "encode/encoder.h"
#include "formats/service_config.h"
#include "geo/crs.h"
#include "http/server.h"
#include "support/engine_fixtures.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;

namespace {

// A parsed XML element (QXmlStreamReader), for readable assertions.
struct Node {
    QString name;  // local name
    QXmlStreamAttributes attrs;
    QString text;
    std::vector<Node> children;

    QString attr(const char* n) const { return attrs.value(QLatin1String(n)).toString(); }
    // Direct children with a local name.
    std::vector<const Node*> all(const char* n) const {
        std::vector<const Node*> out;
        for (const auto& c : children)
            if (c.name == QLatin1String(n)) out.push_back(&c);
        return out;
    }
    const Node* child(const char* n) const {
        auto v = all(n);
        return v.empty() ? nullptr : v.front();
    }
    QString childText(const char* n) const {
        const Node* c = child(n);
        return c ? c->text.trimmed() : QString();
    }
    // Every descendant with a local name, depth first.
    void find(const char* n, std::vector<const Node*>& out) const {
        for (const auto& c : children) {
            if (c.name == QLatin1String(n)) out.push_back(&c);
            c.find(n, out);
        }
    }
    std::vector<const Node*> descendants(const char* n) const {
        std::vector<const Node*> out;
        find(n, out);
        return out;
    }
};

Node parseElement(QXmlStreamReader& r) {
    Node n;
    n.name = r.name().toString();
    n.attrs = r.attributes();
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement())
            n.children.push_back(parseElement(r));  // returns on the child's end element
        else if (r.isCharacters())
            n.text += r.text();
        else if (r.isEndElement())
            break;
    }
    return n;
}

Node parseXml(const QByteArray& bytes) {
    QXmlStreamReader r(bytes);
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement()) {
            Node n = parseElement(r);
            if (r.hasError()) return {};
            return n;
        }
    }
    return {};
}

struct Reply {
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers;
    QByteArray contentType() const { return headers.value("content-type"); }
    Node xml() const { return parseXml(body); }
    Image image() const {
        return decodeImage(
            Bytes(reinterpret_cast<const std::uint8_t*>(body.constData()),
                  reinterpret_cast<const std::uint8_t*>(body.constData()) + body.size()));
    }
};

// Opens bytes with GDAL through a /vsimem/ file.
struct GdalBytes {
    std::string path;
    GDALDatasetH ds = nullptr;
    explicit GdalBytes(const QByteArray& bytes) {
        static int counter = 0;
        path = "/vsimem/test_ogc_" + std::to_string(++counter) + ".tif";
        VSIFCloseL(VSIFileFromMemBuffer(
            path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.constData())),
            vsi_l_offset(bytes.size()), FALSE));
        ds = GDALOpen(path.c_str(), GA_ReadOnly);
    }
    ~GdalBytes() {
        if (ds) GDALClose(ds);
        VSIUnlink(path.c_str());
    }
    int epsg() const {
        OGRSpatialReference srs(GDALGetProjectionRef(ds));
        srs.AutoIdentifyEPSG();
        const char* code = srs.GetAuthorityCode(nullptr);
        return code ? std::atoi(code) : 0;
    }
    int value(int band, int x, int y) const {
        double v = -1;
        if (GDALRasterIO(GDALGetRasterBand(ds, band), GF_Read, x, y, 1, 1, &v, 1, 1, GDT_Float64, 0,
                         0) != CE_None)
            return -1;
        return int(v);
    }
};

// The quadrant colours of the fixture (lon 0..20, lat 0..10; split at lon 10, lat 5).
constexpr int kTL[3] = {255, 0, 128}, kTR[3] = {0, 0, 128}, kBL[3] = {255, 255, 128},
              kBR[3] = {0, 255, 128};

}  // namespace

class TestOgc : public QObject {
    Q_OBJECT

    std::string geo_, flat_;
    std::shared_ptr<Engine> engine_ = std::make_shared<Engine>();
    std::unique_ptr<http::Server> server_;
    QNetworkAccessManager nam_;

    Reply request(const QString& pathAndQuery, const QByteArray& method = "GET",
                  const QByteArray& body = {}) {
        QNetworkRequest req(QUrl(origin() + pathAndQuery, QUrl::TolerantMode));
        if (method != "GET") req.setRawHeader("X-Tessera-Token", server_->token().toUtf8());
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
    Reply get(const QString& pathAndQuery) { return request(pathAndQuery); }
    QString origin() const {
        QString u = server_->url().toString();
        if (u.endsWith(QLatin1Char('/'))) u.chop(1);
        return u;
    }

    static void checkPixel(const Image& img, int x, int y, const int rgb[3]) {
        for (int c = 0; c < 3; ++c)
            QVERIFY2(std::abs(px(img, x, y, c) - rgb[c]) <= 3,
                     qPrintable(QStringLiteral("(%1,%2) channel %3: %4 vs %5")
                                    .arg(x)
                                    .arg(y)
                                    .arg(c)
                                    .arg(px(img, x, y, c))
                                    .arg(rgb[c])));
    }

    // An exception report's code (WMS ServiceException or OWS Exception).
    void checkException(const QString& path, int status, const char* code) {
        const Reply r = get(path);
        QVERIFY2(r.status == status,
                 qPrintable(path + QStringLiteral(" -> ") + QString::number(r.status) +
                            QLatin1Char(' ') + QString::fromUtf8(r.body)));
        QVERIFY2(r.contentType().contains("xml"), r.contentType().constData());
        const Node x = r.xml();
        auto wms = x.descendants("ServiceException");
        auto ows = x.descendants("Exception");
        QString got;
        if (!wms.empty()) got = wms.front()->attr("code");
        if (!ows.empty()) got = ows.front()->attr("exceptionCode");
        QVERIFY2(got == QLatin1String(code), r.body.constData());
    }

    QString getMap(const QString& params) {
        return QStringLiteral("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=1&STYLES=&") +
               params;
    }

  private Q_SLOTS:
    void initTestCase() {
        const std::string d = tempDir();
        // The service configuration and style presets live in a private config dir.
        qputenv("TESSERA_CONFIG_DIR", QByteArray::fromStdString(d + "/config"));
        QDir().mkpath(QString::fromStdString(d + "/config"));

        FixtureSpec s;  // 400×200 RGB, EPSG:4326, lon 0..20, lat 10..0, one colour a quadrant
        s.width = 400;
        s.height = 200;
        s.geoTransform = {0.0, 0.05, 0.0, 10.0, 0.0, -0.05};
        s.interpretations = {"red", "green", "blue"};
        s.value = [](int x, int y, int b) -> double {
            if (b == 0) return x < 200 ? 255 : 0;
            if (b == 1) return y < 100 ? 0 : 255;
            return 128;
        };
        geo_ = writeFixture(d + "/quad.tif", s);
        FixtureSpec f;  // not georeferenced: no OGC layer, but Deep Zoom
        f.width = 1000;
        f.height = 700;
        f.bands = 1;
        f.epsg = 0;
        f.interpretations = {"gray"};
        f.value = blockPattern;
        flat_ = writeFixture(d + "/flat.tif", f);

        server_ = std::make_unique<http::Server>(engine_);
        QCOMPARE(server_->registry().add({geo_, "", ""}), std::string("1"));
        QCOMPARE(server_->registry().add({flat_, "", ""}), std::string("2"));
        QVERIFY(server_->start(QHostAddress(QHostAddress::LocalHost), 0));
    }

    void wmsCapabilities() {
        const Reply r = get(QStringLiteral("/wms?SERVICE=WMS&REQUEST=GetCapabilities"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentType().startsWith("text/xml"));
        const Node x = r.xml();
        QCOMPARE(x.name, QStringLiteral("WMS_Capabilities"));
        QCOMPARE(x.attr("version"), QStringLiteral("1.3.0"));
        const auto cfg = ServiceConfig::current();
        // GetMap formats = the configured writable image formats.
        QVERIFY2(x.child("Capability") && x.child("Capability")->child("Request"),
                 r.body.constData());
        const Node* getMapNode = x.child("Capability")->child("Request")->child("GetMap");
        QVERIFY(getMapNode);
        QStringList formats;
        for (const Node* f : getMapNode->all("Format")) formats << f->text;
        QStringList expected;
        for (const auto& f : cfg->formats.writable())
            if (f.mimeType.rfind("image/", 0) == 0) expected << QString::fromStdString(f.mimeType);
        QCOMPARE(formats, expected);
        QVERIFY(formats.contains(QStringLiteral("image/png")));
        // Root layer CRSes = CRS:84 + the configured list.
        const Node* root = x.child("Capability")->child("Layer");
        QStringList crs;
        for (const Node* c : root->all("CRS")) crs << c->text;
        QCOMPARE(crs.size(), int(cfg->epsgCodes.size()) + 1);
        QVERIFY(crs.contains(QStringLiteral("CRS:84")));
        QVERIFY(crs.contains(QStringLiteral("EPSG:4326")));
        QVERIFY(crs.contains(QStringLiteral("EPSG:3857")));
        // One layer per georeferenced image.
        const auto layers = root->all("Layer");
        QCOMPARE(int(layers.size()), 1);
        QCOMPARE(layers[0]->childText("Name"), QStringLiteral("1"));
        QCOMPARE(layers[0]->childText("Title"), QStringLiteral("quad"));
        const Node* geo = layers[0]->child("EX_GeographicBoundingBox");
        QCOMPARE(geo->childText("westBoundLongitude").toDouble(), 0.0);
        QCOMPARE(geo->childText("eastBoundLongitude").toDouble(), 20.0);
        QCOMPARE(geo->childText("northBoundLatitude").toDouble(), 10.0);
        bool found4326 = false;
        for (const Node* b : layers[0]->all("BoundingBox")) {
            if (b->attr("CRS") != QLatin1String("EPSG:4326")) continue;
            found4326 = true;  // latitude first
            QCOMPARE(b->attr("minx").toDouble(), 0.0);
            QCOMPARE(b->attr("maxx").toDouble(), 10.0);
            QCOMPARE(b->attr("maxy").toDouble(), 20.0);
        }
        QVERIFY(found4326);
        QCOMPARE(layers[0]->child("Style")->childText("Name"), QStringLiteral("default"));
    }

    void wmsGetMapAxisOrder() {
        // EPSG:4326: BBOX is lat,lon.
        Reply r = get(getMap(
            QStringLiteral("CRS=EPSG:4326&BBOX=0,0,10,20&WIDTH=200&HEIGHT=100&FORMAT=image/png")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType(), QByteArray("image/png"));
        Image img = r.image();
        QCOMPARE(img.width, 200);
        QCOMPARE(img.height, 100);
        checkPixel(img, 50, 25, kTL);
        checkPixel(img, 150, 25, kTR);
        checkPixel(img, 50, 75, kBL);
        checkPixel(img, 150, 75, kBR);
        // CRS:84: lon,lat; a size that is not the image's aspect is kept exactly.
        r = get(getMap(
            QStringLiteral("CRS=CRS:84&BBOX=0,0,20,10&WIDTH=123&HEIGHT=77&FORMAT=image/jpeg")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType(), QByteArray("image/jpeg"));
        img = r.image();
        QCOMPARE(img.width, 123);
        QCOMPARE(img.height, 77);
        checkPixel(img, 20, 15, kTL);
        checkPixel(img, 100, 60, kBR);
    }

    void wmsGetMapWebMercator() {
        const Point2 a = transformPoint("EPSG:4326", "EPSG:3857", {0, 0});
        const Point2 b = transformPoint("EPSG:4326", "EPSG:3857", {20, 10});
        const QString bbox = QStringLiteral("%1,%2,%3,%4")
                                 .arg(a.x, 0, 'f', 3)
                                 .arg(a.y, 0, 'f', 3)
                                 .arg(b.x, 0, 'f', 3)
                                 .arg(b.y, 0, 'f', 3);
        const Reply r = get(getMap(QStringLiteral("CRS=EPSG:3857&BBOX=") + bbox +
                                   QStringLiteral("&WIDTH=256&HEIGHT=130&FORMAT=image/png")));
        QCOMPARE(r.status, 200);
        const Image img = r.image();
        QCOMPARE(img.width, 256);
        QCOMPARE(img.height, 130);
        // lat 7.5 / 2.5 in Mercator rows.
        auto row = [&](double lat) {
            const double y = transformPoint("EPSG:4326", "EPSG:3857", {0, lat}).y;
            return int((b.y - y) / (b.y - a.y) * 130);
        };
        checkPixel(img, 64, row(7.5), kTL);
        checkPixel(img, 192, row(7.5), kTR);
        checkPixel(img, 64, row(2.5), kBL);
        checkPixel(img, 192, row(2.5), kBR);
    }

    void wmsTransparency() {
        // Half the box is south of the image: transparent, or the background colour.
        Reply r =
            get(getMap(QStringLiteral("CRS=EPSG:4326&BBOX=-10,0,10,20&WIDTH=100&HEIGHT=100&FORMAT="
                                      "image/png&TRANSPARENT=TRUE")));
        QCOMPARE(r.status, 200);
        Image img = r.image();
        QCOMPARE(img.channels, 4);
        QCOMPARE(px(img, 25, 75, 3), 0);
        QCOMPARE(px(img, 25, 25, 3), 255);
        checkPixel(img, 25, 40, kBL);
        r =
            get(getMap(QStringLiteral("CRS=EPSG:4326&BBOX=-10,0,10,20&WIDTH=100&HEIGHT=100&"
                                      "FORMAT=image/png&TRANSPARENT=FALSE&BGCOLOR=0x102030")));
        img = r.image();
        QCOMPARE(img.channels, 3);
        const int bg[3] = {0x10, 0x20, 0x30};
        checkPixel(img, 25, 75, bg);
        checkPixel(img, 75, 10, kTR);
        // Entirely outside the image: a blank map of the right size.
        r =
            get(getMap(QStringLiteral("CRS=EPSG:4326&BBOX=40,40,50,50&WIDTH=64&HEIGHT=32&FORMAT="
                                      "image/png&TRANSPARENT=TRUE")));
        QCOMPARE(r.status, 200);
        img = r.image();
        QCOMPARE(img.width, 64);
        QCOMPARE(px(img, 10, 10, 3), 0);
    }

    void wmsExceptions() {
        const QString ok = QStringLiteral("&WIDTH=10&HEIGHT=10&FORMAT=image/png");
        checkException(getMap(QStringLiteral("CRS=EPSG:2000&BBOX=0,0,1,1") + ok), 400,
                       "InvalidCRS");
        checkException(getMap(QStringLiteral(
                           "CRS=EPSG:4326&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10&FORMAT=image/foo")),
                       400, "InvalidFormat");
        checkException(QStringLiteral("/wms?SERVICE=WMS&REQUEST=GetMap&LAYERS=nope&STYLES=&"
                                      "CRS=EPSG:4326&BBOX=0,0,1,1") +
                           ok,
                       400, "LayerNotDefined");
        // The non-georeferenced image is no layer.
        checkException(QStringLiteral("/wms?SERVICE=WMS&REQUEST=GetMap&LAYERS=2&STYLES=&"
                                      "CRS=EPSG:4326&BBOX=0,0,1,1") +
                           ok,
                       400, "LayerNotDefined");
        checkException(QStringLiteral("/wms?SERVICE=WMS&REQUEST=GetMap&LAYERS=1&STYLES=nostyle&"
                                      "CRS=EPSG:4326&BBOX=0,0,1,1") +
                           ok,
                       400, "StyleNotDefined");
        checkException(getMap(QStringLiteral("CRS=EPSG:4326") + ok), 400, "MissingParameterValue");
        checkException(getMap(QStringLiteral("BBOX=0,0,1,1") + ok), 400, "MissingParameterValue");
        checkException(getMap(QStringLiteral("CRS=EPSG:4326&BBOX=0,0,1&WIDTH=10&HEIGHT=10&"
                                             "FORMAT=image/png")),
                       400, "InvalidParameterValue");
        checkException(getMap(QStringLiteral("CRS=EPSG:4326&BBOX=1,1,0,0") + ok), 400,
                       "InvalidParameterValue");
        checkException(getMap(QStringLiteral("CRS=EPSG:4326&BBOX=0,0,1,1&WIDTH=0&HEIGHT=10&"
                                             "FORMAT=image/png")),
                       400, "InvalidParameterValue");
        checkException(QStringLiteral("/wms?SERVICE=WMS"), 400, "MissingParameterValue");
        checkException(QStringLiteral("/wms?SERVICE=WMS&REQUEST=GetFeatureInfo"), 501,
                       "OperationNotSupported");
        // EXCEPTIONS=BLANK: a blank image instead of the report.
        const Reply r = get(QStringLiteral("/wms?SERVICE=WMS&REQUEST=GetMap&LAYERS=nope&STYLES=&"
                                           "CRS=EPSG:4326&BBOX=0,0,1,1&EXCEPTIONS=BLANK") +
                            ok);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.image().width, 10);
    }

    void stylePresets() {
        const Reply put = request(QStringLiteral("/api/styles/greenband"), "PUT",
                                  R"({"band": 2, "min": 0, "max": 255})");
        QCOMPARE(put.status, 200);
        QCOMPARE(request(QStringLiteral("/api/styles/default"), "PUT", R"({"band": 1})").status,
                 400);
        QCOMPARE(request(QStringLiteral("/api/styles/x"), "PUT", "[1, 2]").status, 400);
        Reply r = get(QStringLiteral("/api/styles"));
        QCOMPARE(r.status, 200);
        QCOMPARE(json::parse(r.body.toStdString())["greenband"]["band"], json(2));
        QCOMPARE(get(QStringLiteral("/api/styles/greenband")).status, 200);
        QCOMPARE(get(QStringLiteral("/api/styles/none")).status, 404);
        // Listed in the capabilities and used by GetMap: the green band in grey levels.
        const Node caps = get(QStringLiteral("/wms?SERVICE=WMS&REQUEST=GetCapabilities")).xml();
        QStringList styles;
        for (const Node* s : caps.descendants("Style")) styles << s->childText("Name");
        QVERIFY(styles.contains(QStringLiteral("greenband")));
        r =
            get(QStringLiteral("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=1&"
                               "STYLES=greenband&CRS=CRS:84&BBOX=0,0,20,10&WIDTH=40&HEIGHT=20&"
                               "FORMAT=image/png"));
        QCOMPARE(r.status, 200);
        const Image img = r.image();
        const int black[3] = {0, 0, 0}, white[3] = {255, 255, 255};
        checkPixel(img, 10, 5, black);
        checkPixel(img, 10, 15, white);
        // WMTS style= too.
        r = get(QStringLiteral("/wmts/1.0.0/1/greenband/WebMercatorQuad/0/0/0.png"));
        QCOMPARE(r.status, 200);
        checkException(QStringLiteral("/wmts/1.0.0/1/nostyle/WebMercatorQuad/0/0/0.png"), 400,
                       "InvalidParameterValue");
        QCOMPARE(request(QStringLiteral("/api/styles/greenband"), "DELETE").status, 200);
        QCOMPARE(get(QStringLiteral("/api/styles/greenband")).status, 404);
    }

    void wmtsCapabilities() {
        for (const QString& path : {QStringLiteral("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"),
                                    QStringLiteral("/wmts/1.0.0/WMTSCapabilities.xml")}) {
            const Reply r = get(path);
            QCOMPARE(r.status, 200);
            const Node x = r.xml();
            QCOMPARE(x.name, QStringLiteral("Capabilities"));
            const Node* contents = x.child("Contents");
            QVERIFY(contents);
            const auto layers = contents->all("Layer");
            QCOMPARE(int(layers.size()), 1);
            QCOMPARE(layers[0]->childText("Identifier"), QStringLiteral("1"));
            QStringList formats;
            for (const Node* f : layers[0]->all("Format")) formats << f->text;
            QVERIFY(formats.contains(QStringLiteral("image/png")));
            QVERIFY(formats.contains(QStringLiteral("image/jpeg")));
            QStringList links;
            for (const Node* l : layers[0]->all("TileMatrixSetLink"))
                links << l->childText("TileMatrixSet");
            QCOMPARE(links, QStringList({QStringLiteral("WebMercatorQuad"),
                                         QStringLiteral("WorldCRS84Quad")}));
            // WebMercatorQuad: 2^z × 2^z matrices down to the image's deepest 3857 level.
            const int levels = engine_->view(ImageRef{geo_, "EPSG:3857", ""})->grid().levels();
            bool sawMercator = false;
            for (const Node* set : contents->all("TileMatrixSet")) {
                if (set->childText("Identifier") != QLatin1String("WebMercatorQuad")) continue;
                sawMercator = true;
                QCOMPARE(set->childText("SupportedCRS"),
                         QStringLiteral("urn:ogc:def:crs:EPSG::3857"));
                const auto matrices = set->all("TileMatrix");
                QCOMPARE(int(matrices.size()), levels);
                for (int z = 0; z < levels; ++z) {
                    QCOMPARE(matrices[std::size_t(z)]->childText("MatrixWidth").toInt(), 1 << z);
                    QCOMPARE(matrices[std::size_t(z)]->childText("TileWidth").toInt(), 256);
                    QCOMPARE(matrices[std::size_t(z)]->childText("ScaleDenominator").toDouble(),
                             559082264.0287178 / (1 << z));
                }
                QCOMPARE(matrices[0]->childText("TopLeftCorner"),
                         QStringLiteral("-20037508.342789244 20037508.342789244"));
            }
            QVERIFY(sawMercator);
        }
    }

    void wmtsTiles() {
        // The deepest WebMercatorQuad tile holding lon 5, lat 7.5 (the top-left quadrant).
        const int z = engine_->view(ImageRef{geo_, "EPSG:3857", ""})->grid().levels() - 1;
        const Point2 p = transformPoint("EPSG:4326", "EPSG:3857", {5, 7.5});
        const double span = 2 * 20037508.342789244 / (1 << z);
        const int col = int((p.x + 20037508.342789244) / span);
        const int row = int((20037508.342789244 - p.y) / span);
        const QString zxy = QStringLiteral("%1/%2/%3").arg(z).arg(col).arg(row);
        const Reply xyz = get(QStringLiteral("/api/image/1/tiles/%1/%2/%3.png?projection=EPSG:3857")
                                  .arg(z)
                                  .arg(col)
                                  .arg(row));
        QCOMPARE(xyz.status, 200);
        const Reply rest = get(QStringLiteral("/wmts/1.0.0/1/default/WebMercatorQuad/%1/%2/%3.png")
                                   .arg(z)
                                   .arg(row)
                                   .arg(col));
        QCOMPARE(rest.status, 200);
        QCOMPARE(rest.contentType(), QByteArray("image/png"));
        QCOMPARE(rest.body, xyz.body);
        const Reply kvp = get(QStringLiteral("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&"
                                             "LAYER=quad&STYLE=default&FORMAT=image/png&"
                                             "TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=%1&"
                                             "TILEROW=%2&TILECOL=%3")
                                  .arg(z)
                                  .arg(row)
                                  .arg(col));
        QCOMPARE(kvp.status, 200);
        QCOMPARE(kvp.body, xyz.body);
        const Image tile = kvp.image();
        const double x0 = -20037508.342789244 + col * span, y0 = 20037508.342789244 - row * span;
        checkPixel(tile, int((p.x - x0) / span * 256), int((y0 - p.y) / span * 256), kTL);

        // WorldCRS84Quad: rendered in lon/lat.
        const Node caps = get(QStringLiteral("/wmts/1.0.0/WMTSCapabilities.xml")).xml();
        QVERIFY(caps.child("Contents"));
        int crs84Levels = 0;
        for (const Node* set : caps.child("Contents")->all("TileMatrixSet"))
            if (set->childText("Identifier") == QLatin1String("WorldCRS84Quad"))
                crs84Levels = int(set->all("TileMatrix").size());
        QVERIFY(crs84Levels > 0);
        const int z84 = crs84Levels - 1;
        const double deg = 180.0 / (1 << z84);
        const int c84 = int((15 + 180) / deg), r84 = int((90 - 2.5) / deg);
        const Reply t84 = get(QStringLiteral("/wmts/1.0.0/1/default/WorldCRS84Quad/%1/%2/%3.png")
                                  .arg(z84)
                                  .arg(r84)
                                  .arg(c84));
        QCOMPARE(t84.status, 200);
        const Image img84 = t84.image();
        QCOMPARE(img84.width, 256);
        checkPixel(img84, int((15 + 180 - c84 * deg) / deg * 256),
                   int((90 - 2.5 - r84 * deg) / deg * 256), kBR);

        // Errors.
        checkException(QStringLiteral("/wmts/1.0.0/1/default/WebMercatorQuad/%1/%2/%3.png")
                           .arg(z)
                           .arg(0)
                           .arg(0),
                       400, "TileOutOfRange");
        checkException(
            QStringLiteral("/wmts/1.0.0/1/default/WebMercatorQuad/%1/0/0.png").arg(z + 5), 400,
            "InvalidParameterValue");
        checkException(QStringLiteral("/wmts/1.0.0/9/default/WebMercatorQuad/0/0/0.png"), 400,
                       "InvalidParameterValue");
        checkException(QStringLiteral("/wmts/1.0.0/1/default/NoSuchSet/0/0/0.png"), 400,
                       "InvalidParameterValue");
        checkException(
            QStringLiteral("/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=1&STYLE=default&"
                           "FORMAT=image/png&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=0"),
            400, "MissingParameterValue");
    }

    void wcsCapabilitiesAndDescribe() {
        const auto cfg = ServiceConfig::current();
        Reply r = get(QStringLiteral("/wcs?SERVICE=WCS&REQUEST=GetCapabilities"));
        QCOMPARE(r.status, 200);
        Node x = r.xml();
        QCOMPARE(x.name, QStringLiteral("Capabilities"));
        QCOMPARE(x.attr("version"), QStringLiteral("2.0.1"));
        const Node* meta = x.child("ServiceMetadata");
        QVERIFY(meta);
        QCOMPARE(int(meta->all("formatSupported").size()), int(cfg->formats.writable().size()));
        QCOMPARE(int(meta->descendants("crsSupported").size()), int(cfg->epsgCodes.size()));
        const auto summaries = x.child("Contents")->all("CoverageSummary");
        QCOMPARE(int(summaries.size()), 1);
        QCOMPARE(summaries[0]->childText("CoverageId"), QStringLiteral("image_1"));

        r =
            get(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=DescribeCoverage&"
                               "COVERAGEID=image_1"));
        QCOMPARE(r.status, 200);
        x = r.xml();
        const Node* d = x.child("CoverageDescription");
        QVERIFY(d);
        QCOMPARE(d->childText("CoverageId"), QStringLiteral("image_1"));
        const Node* env = d->child("boundedBy")->child("Envelope");
        QCOMPARE(env->attr("srsName"),
                 QStringLiteral("http://www.opengis.net/def/crs/EPSG/0/4326"));
        QCOMPARE(env->attr("axisLabels"), QStringLiteral("Lat Long"));
        QCOMPARE(env->childText("lowerCorner"), QStringLiteral("0 0"));
        QCOMPARE(env->childText("upperCorner"), QStringLiteral("10 20"));
        const Node* grid = d->child("domainSet")->child("RectifiedGrid");
        QCOMPARE(grid->child("limits")->child("GridEnvelope")->childText("high"),
                 QStringLiteral("399 199"));
        QCOMPARE(int(d->descendants("field").size()), 3);
        QCOMPARE(d->child("ServiceParameters")->childText("nativeFormat"),
                 QString::fromStdString(cfg->formats.nativeFor("GTiff").mimeType));
        checkException(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=DescribeCoverage&"
                                      "COVERAGEID=nope"),
                       404, "NoSuchCoverage");
        checkException(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=DescribeCoverage"),
                       400, "MissingParameterValue");
    }

    void wcsGetCoverage() {
        // The whole coverage, native format and CRS, raw values.
        Reply r =
            get(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&"
                               "COVERAGEID=image_1&FORMAT=image/tiff"));
        QVERIFY2(r.status == 200, r.body.constData());
        {
            GdalBytes g(r.body);
            QVERIFY(g.ds);
            QCOMPARE(GDALGetRasterXSize(g.ds), 400);
            QCOMPARE(GDALGetRasterYSize(g.ds), 200);
            QCOMPARE(GDALGetRasterCount(g.ds), 3);
            QCOMPARE(g.epsg(), 4326);
            QCOMPARE(g.value(1, 10, 10), 255);
            QCOMPARE(g.value(2, 10, 150), 255);
            QCOMPARE(g.value(3, 300, 150), 128);
        }
        // Lat/Long subset: the top-left quadrant.
        r =
            get(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&"
                               "COVERAGEID=image_1&SUBSET=Lat(5,10)&SUBSET=Long(0,10)"));
        QVERIFY2(r.status == 200, r.body.constData());
        {
            GdalBytes g(r.body);
            QVERIFY(g.ds);
            QCOMPARE(GDALGetRasterXSize(g.ds), 200);
            QCOMPARE(GDALGetRasterYSize(g.ds), 100);
            QCOMPARE(g.value(1, 100, 50), 255);
            QCOMPARE(g.value(2, 100, 50), 0);
        }
        // outputCrs: reprojected into Web Mercator.
        r = get(
            QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&"
                           "COVERAGEID=1&OUTPUTCRS=http://www.opengis.net/def/crs/EPSG/0/3857"));
        QVERIFY2(r.status == 200, r.body.constData());
        {
            GdalBytes g(r.body);
            QVERIFY(g.ds);
            QCOMPARE(g.epsg(), 3857);
            QVERIFY(GDALGetRasterXSize(g.ds) > 100);
        }
        checkException(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&"
                                      "COVERAGEID=nope"),
                       404, "NoSuchCoverage");
        checkException(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&"
                                      "COVERAGEID=image_1&OUTPUTCRS=EPSG:2000"),
                       400, "OutputCrs-NotSupported");
        checkException(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&"
                                      "COVERAGEID=image_1&FORMAT=image/nope"),
                       400, "InvalidParameterValue");
        checkException(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&"
                                      "COVERAGEID=image_1&SUBSET=Lat(50,60)"),
                       404, "InvalidSubsetting");
        checkException(QStringLiteral("/wcs?SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&"
                                      "COVERAGEID=image_1&SUBSET=height(0,1)"),
                       404, "InvalidAxisLabel");
    }

    void deepZoom() {
        Reply r = get(QStringLiteral("/api/image/2/dzi.dzi"));
        QCOMPARE(r.status, 200);
        const Node x = r.xml();
        QCOMPARE(x.name, QStringLiteral("Image"));
        QCOMPARE(x.attr("TileSize"), QStringLiteral("254"));
        QCOMPARE(x.attr("Overlap"), QStringLiteral("1"));
        QCOMPARE(x.attr("Format"), QStringLiteral("png"));
        QCOMPARE(x.child("Size")->attr("Width"), QStringLiteral("1000"));
        QCOMPARE(x.child("Size")->attr("Height"), QStringLiteral("700"));
        // maxLevel = 10 (1024 ≥ 1000). Each tile equals the engine's region of its pixels.
        struct Case {
            int level, col, row;
            int left, top, right, bottom, width, height;
        };
        const Case cases[] = {
            {10, 0, 0, 0, 0, 255, 255, 255, 255},       // first tile: 254 + 1 overlap
            {10, 1, 1, 253, 253, 509, 509, 256, 256},   // inner tile: 1 + 254 + 1
            {10, 3, 2, 761, 507, 1000, 700, 239, 193},  // edge tile
            {9, 1, 0, 506, 0, 1000, 510, 247, 255},     // half resolution
            {2, 0, 0, 0, 0, 1000, 700, 4, 3},
            {0, 0, 0, 0, 0, 1000, 700, 1, 1},  // 4 × 3: the whole image
        };
        for (const Case& c : cases) {
            r = get(QStringLiteral("/api/image/2/dzi_files/%1/%2_%3.png")
                        .arg(c.level)
                        .arg(c.col)
                        .arg(c.row));
            QVERIFY2(r.status == 200, r.body.constData());
            QCOMPARE(r.contentType(), QByteArray("image/png"));
            const Image tile = r.image();
            QCOMPARE(tile.width, c.width);
            QCOMPARE(tile.height, c.height);
            const Reply reg = get(QStringLiteral("/api/image/2/data/region.png?units=pixels&"
                                                 "left=%1&top=%2&right=%3&bottom=%4&width=%5&"
                                                 "height=%6")
                                      .arg(c.left)
                                      .arg(c.top)
                                      .arg(c.right)
                                      .arg(c.bottom)
                                      .arg(c.width)
                                      .arg(c.height));
            QVERIFY2(reg.status == 200, reg.body.constData());
            QCOMPARE(reg.contentType(), QByteArray("image/png"));
            const Image region = reg.image();
            QCOMPARE(region.width, tile.width);
            QCOMPARE(region.height, tile.height);
            QVERIFY(region.pixels == tile.pixels);
        }
        // The level-10 pixels are the image's own.
        const Image t = get(QStringLiteral("/api/image/2/dzi_files/10/1_1.png")).image();
        QCOMPARE(px(t, 10, 10, 0), int(blockPattern(263, 263, 0)));
        QCOMPARE(get(QStringLiteral("/api/image/2/dzi_files/10/4_0.png")).status, 404);
        QCOMPARE(get(QStringLiteral("/api/image/2/dzi_files/11/0_0.png")).status, 404);
        QCOMPARE(get(QStringLiteral("/api/image/1/dzi.dzi?format=jpeg")).xml().attr("Format"),
                 QStringLiteral("jpeg"));
    }

    void openApiListsServices() {
        const Reply r = get(QStringLiteral("/openapi.json"));
        QCOMPARE(r.status, 200);
        const json paths = json::parse(r.body.toStdString())["paths"];
        for (const char* p :
             {"/wms", "/wmts", "/wcs", "/api/image/{id}/dzi.dzi",
              "/api/image/{id}/dzi_files/{level}/{col}_{row}.{fmt}", "/api/styles",
              "/wmts/1.0.0/{layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.{ext}"})
            QVERIFY2(paths.contains(p), p);
    }

    // GDAL's WMS driver reads a GetMap from the server. GDAL blocks, so it runs on another thread
    // while this one keeps the server's event loop turning. WMS 1.3.0 with EPSG:4326 takes the
    // BBOX as lat,lon: GDAL's XML service description says so with BBoxOrder yxYX.
    void gdalWmsClient() {
        QVERIFY2(GDALGetDriverByName("WMS"), "GDAL has no WMS driver (Debian's libgdal has one)");
        const QString xml =
            QStringLiteral(
                "<GDAL_WMS><Service name=\"WMS\"><Version>1.3.0</Version>"
                "<ServerUrl>%1/wms?</ServerUrl><CRS>EPSG:4326</CRS>"
                "<ImageFormat>image/png</ImageFormat><Layers>1</Layers>"
                "<BBoxOrder>yxYX</BBoxOrder></Service>"
                "<DataWindow><UpperLeftX>0</UpperLeftX><UpperLeftY>10</UpperLeftY>"
                "<LowerRightX>20</LowerRightX><LowerRightY>0</LowerRightY>"
                "<SizeX>400</SizeX><SizeY>200</SizeY></DataWindow><BandsCount>3</BandsCount>"
                "<BlockSizeX>200</BlockSizeX><BlockSizeY>200</BlockSizeY></GDAL_WMS>")
                .arg(origin());
        auto future = std::async(std::launch::async, [xml]() -> std::vector<int> {
            GDALDatasetH ds = GDALOpen(xml.toStdString().c_str(), GA_ReadOnly);
            if (!ds) return {};
            std::vector<std::uint8_t> buf(400 * 200 * 3);
            int bands[3] = {1, 2, 3};
            const CPLErr err = GDALDatasetRasterIO(ds, GF_Read, 0, 0, 400, 200, buf.data(), 400,
                                                   200, GDT_Byte, 3, bands, 3, 400 * 3, 1);
            GDALClose(ds);
            if (err != CE_None) return {};
            std::vector<int> out;
            for (auto [x, y] :
                 {std::pair{100, 50}, std::pair{300, 50}, std::pair{100, 150}, std::pair{300, 150}})
                for (int c = 0; c < 3; ++c) out.push_back(buf[std::size_t(y * 400 + x) * 3 + c]);
            return out;
        });
        while (future.wait_for(std::chrono::milliseconds(5)) != std::future_status::ready)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        const std::vector<int> v = future.get();
        QCOMPARE(int(v.size()), 12);
        const int* expected[4] = {kTL, kTR, kBL, kBR};
        for (int i = 0; i < 4; ++i)
            for (int c = 0; c < 3; ++c)
                QVERIFY2(std::abs(v[std::size_t(i * 3 + c)] - expected[i][c]) <= 2,
                         qPrintable(QStringLiteral("point %1 channel %2: %3")
                                        .arg(i)
                                        .arg(c)
                                        .arg(v[std::size_t(i * 3 + c)])));
    }
};

QTEST_GUILESS_MAIN(TestOgc)
#include "test_ogc.moc"
