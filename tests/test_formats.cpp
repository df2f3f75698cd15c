// The formats registry and CRS list (EOxServer RFC 17 configuration): parsing (comments, blanks,
// bad lines with file:line, overrides, unknown drivers), native mapping, requireWritable errors;
// region export in every writable default format and in several CRSes read back with GDAL
// (driver, size, SRS, geotransform); the CLI and HTTP errors for unknown/read-only formats.
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include "encode/gdal_writer.h"
#include "formats/service_config.h"
#include "formats/service_config_json.h"
#include "geo/crs.h"
#include "http/server.h"
#include "support/engine_fixtures.h"
#include "util/error.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;

namespace {

// What GDAL reads back from output bytes.
struct ReadBack {
    bool ok = false;
    std::string driver;
    int width = 0, height = 0, bands = 0;
    std::optional<int> epsg;
    std::string wkt;
    std::array<double, 6> gt{};
    bool hasGt = false;
    std::vector<std::string> files;  // zip members
    double pixel = 0;                // band 1 at (3, 2)
};

ReadBack readBack(const Bytes& bytes, const std::string& mime, const std::string& ext) {
    static int counter = 0;
    const std::string base = "/vsimem/test_formats_" + std::to_string(++counter);
    ReadBack r;
    std::string path;
    std::string name = base + (mime == "application/zip" ? ".zip" : "." + ext);
    VSILFILE* f =
        VSIFileFromMemBuffer(name.c_str(), const_cast<GByte*>(bytes.data()), bytes.size(), FALSE);
    if (!f) return r;
    VSIFCloseL(f);
    if (mime == "application/zip") {
        for (const auto& [member, data] : unzipMembers(bytes)) {
            r.files.push_back(member);
            if (QString::fromStdString(member).endsWith(QString::fromStdString("." + ext)))
                path = "/vsizip/" + name + "/" + member;
        }
    } else {
        path = name;
    }
    GDALDatasetH ds = path.empty() ? nullptr : GDALOpen(path.c_str(), GA_ReadOnly);
    if (ds) {
        r.ok = true;
        r.driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
        r.width = GDALGetRasterXSize(ds);
        r.height = GDALGetRasterYSize(ds);
        r.bands = GDALGetRasterCount(ds);
        r.hasGt = GDALGetGeoTransform(ds, r.gt.data()) == CE_None;
        const char* wkt = GDALGetProjectionRef(ds);
        if (wkt && *wkt) r.epsg = epsgCode(wkt), r.wkt = wkt;
        if (r.width > 3 && r.height > 2 &&
            GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, 3, 2, 1, 1, &r.pixel, 1, 1, GDT_Float64,
                         0, 0) != CE_None)
            r.pixel = -1;
        GDALClose(ds);
    }
    VSIUnlink(name.c_str());
    return r;
}

// The CRS is the EPSG one (also when written without authority codes, as ESRI .prj files are).
bool sameCrs(const ReadBack& b, int epsg) {
    if (b.epsg == epsg) return true;
    if (b.wkt.empty()) return false;
    OGRSpatialReferenceH a = OSRNewSpatialReference(b.wkt.c_str());
    OGRSpatialReferenceH e = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(e, epsg);
    const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES",
                             "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
    const bool same = a && OSRIsSameEx(a, e, options);
    OSRDestroySpatialReference(a);
    OSRDestroySpatialReference(e);
    return same;
}

bool near(double a, double b, double tol) {
    return std::abs(a - b) <= tol;
}

struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    json js() const { return json::parse(body.toStdString(), nullptr, false); }
};

struct Run {
    int code = -1;
    QByteArray out, err;
};

}  // namespace

class TestFormats : public QObject {
    Q_OBJECT

    std::string dir_, gray_, rgb_, flat_, float_, configDir_;
    std::shared_ptr<Engine> engine_ = std::make_shared<Engine>();

    Run runTessera(const QStringList& args) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TESSERA_CONFIG_DIR"), QString::fromStdString(configDir_));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(TESSERA_BINARY_DIR "/app/tessera"), args);
        p.waitForFinished(120000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                p.readAllStandardOutput(), p.readAllStandardError()};
    }

  private Q_SLOTS:
    void initTestCase() {
        dir_ = tempDir();
        // An empty config dir: current() = the shipped defaults, whatever the user has.
        configDir_ = dir_ + "/config";
        QDir().mkpath(QString::fromStdString(configDir_));
        qputenv("TESSERA_CONFIG_DIR", QByteArray::fromStdString(configDir_));
        ServiceConfig::reload();

        FixtureSpec g;  // 1 band uint8, EPSG:4326, lon 14..16.4, lat 47..45.2 (UTM 33N)
        g.width = 400;
        g.height = 300;
        g.bands = 1;
        g.interpretations = {"gray"};
        g.geoTransform = {14.0, 0.006, 0.0, 47.0, 0.0, -0.006};
        g.value = blockPattern;
        gray_ = writeFixture(dir_ + "/gray.tif", g);
        FixtureSpec c = g;
        c.bands = 3;
        c.interpretations = {"red", "green", "blue"};
        rgb_ = writeFixture(dir_ + "/rgb.tif", c);
        FixtureSpec f = g;
        f.epsg = 0;
        flat_ = writeFixture(dir_ + "/flat.tif", f);
        FixtureSpec fl = g;
        fl.type = DataType::Float32;
        fl.value = [](int x, int y, int) { return 0.25 + x + 1000.0 * y; };
        float_ = writeFixture(dir_ + "/float.tif", fl);
    }

    void parseSyntax() {
        std::vector<ConfigProblem> problems;
        const std::string text =
            "# comment line\n"
            "\n"
            "   \t\n"
            "GTiff,image/tiff,rw,.tif   # trailing comment\n"
            "PNG , image/png , RW , png\r\n"
            "NoSuchDriverXYZ,image/x-nope,rw,.nope\n"
            "FITS,application/fits,ro,.fits\n"
            "native,*,PNG\n"
            "native,FITS,GTiff\n";
        FormatRegistry reg = FormatRegistry::parse(text, "my.conf", &problems);
        QCOMPARE(reg.formats().size(), std::size_t(3));
        QCOMPARE(reg.formats()[0].driver, std::string("GTiff"));
        QCOMPARE(reg.formats()[0].extension, std::string("tif"));
        QCOMPARE(reg.formats()[1].mimeType, std::string("image/png"));
        QVERIFY(reg.formats()[1].writable);
        QVERIFY(!reg.formats()[2].writable);
        QCOMPARE(problems.size(), std::size_t(1));
        QCOMPARE(problems[0].file, std::string("my.conf"));
        QCOMPARE(problems[0].line, 6);
        QVERIFY(problems[0].message.find("NoSuchDriverXYZ") != std::string::npos);
        QCOMPARE(reg.writable().size(), std::size_t(2));

        // Lookups: MIME, driver, extension with/without dot, any case, aliases.
        QCOMPARE(reg.find("image/png")->driver, std::string("PNG"));
        QCOMPARE(reg.find("gtiff")->driver, std::string("GTiff"));
        QCOMPARE(reg.find(".TIF")->driver, std::string("GTiff"));
        QCOMPARE(reg.find("tiff")->driver, std::string("GTiff"));
        QVERIFY(reg.find("jpeg") == nullptr);
        QVERIFY(reg.find("") == nullptr);

        // Native mapping: configured, then the source driver itself, then "*".
        QCOMPARE(reg.nativeFor("FITS").driver, std::string("GTiff"));
        QCOMPARE(reg.nativeFor("GTiff").driver, std::string("GTiff"));
        QCOMPARE(reg.nativeFor("HFA").driver, std::string("PNG"));

        // Bad lines: the error names file:line.
        const std::pair<const char*, int> bad[] = {
            {"GTiff,image/tiff,rw\n", 1},
            {"\n# x\nGTiff,image/tiff,rx,.tif\n", 3},
            {"GTiff,notamime,rw,.tif\n", 1},
            {"GTiff,image/tiff,rw,\n", 1},
            {"a,b,c,d,e\n", 1},
            {"native,,GTiff\n", 1},
            {"GTiff,image/tiff,rw,.tif\nPNG,image/png,rw,a/b\n", 2}};
        for (const auto& [t, line] : bad) {
            try {
                FormatRegistry::parse(t, "bad.conf");
                QFAIL(t);
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::BadRequest);
                const std::string want = "bad.conf:" + std::to_string(line) + ":";
                QVERIFY2(std::string(e.what()).find(want) != std::string::npos, e.what());
            }
        }
        // Garbage bytes never crash: they are a bad line.
        const std::string junk("\x01\x02,\xff\xfe\n\0zz", 9);
        QVERIFY_THROWS_EXCEPTION(Error, FormatRegistry::parse(junk, "junk.conf"));
    }

    void mergeAndRequireWritable() {
        FormatRegistry base = FormatRegistry::parse(
            "GTiff,image/tiff,rw,.tif\nPNG,image/png,rw,.png\nJPEG,image/jpeg,rw,.jpg\n"
            "native,*,GTiff\n",
            "base.conf");
        FormatRegistry user = FormatRegistry::parse(
            "JPEG,image/jpeg,ro,.jpeg\nHFA,application/x-erdas-hfa,rw,.img\nnative,*,HFA\n",
            "user.conf");
        base.merge(user);
        QCOMPARE(base.formats().size(), std::size_t(4));
        QVERIFY(!base.find("JPEG")->writable);
        QCOMPARE(base.find("JPEG")->extension, std::string("jpeg"));
        QCOMPARE(base.nativeFor("FITS").driver, std::string("HFA"));
        QCOMPARE(base.requireWritable("img").driver, std::string("HFA"));
        try {
            base.requireWritable("jpeg");
            QFAIL("read-only format accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::BadRequest);
            const std::string m = e.what();
            QVERIFY2(m.find("read-only") != std::string::npos, e.what());
            QVERIFY2(m.find("GTiff (tif, image/tiff)") != std::string::npos, e.what());
            QVERIFY2(m.find("HFA") != std::string::npos, e.what());
        }
        try {
            base.requireWritable("bogus");
            QFAIL("unknown format accepted");
        } catch (const Error& e) {
            QVERIFY2(
                std::string(e.what()).find("Unknown output format \"bogus\"") != std::string::npos,
                e.what());
            QVERIFY2(std::string(e.what()).find("PNG (png, image/png)") != std::string::npos,
                     e.what());
        }
    }

    void crsList() {
        const auto codes = ServiceConfig::parseCrsList(
            "# c\n4326\nEPSG:3857, 3395\n\n32601-32603 # UTM\n4326\n", "crs.conf");
        QCOMPARE(codes, (std::vector<int>{3395, 3857, 4326, 32601, 32602, 32603}));
        for (const char* bad : {"EPSG:abc\n", "4326\n10-5\n", "4326x\n", "-5\n"}) {
            try {
                ServiceConfig::parseCrsList(bad, "crs.conf");
                QFAIL(bad);
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find("crs.conf:") != std::string::npos, e.what());
            }
        }
        auto cfg = ServiceConfig::load("");
        QVERIFY(cfg->supportsCrs(4326));
        QVERIFY(cfg->supportsCrs(3857));
        QVERIFY(cfg->supportsCrs(32633));
        QVERIFY(cfg->supportsCrs(32760));
        QVERIFY(!cfg->supportsCrs(32661));
        QCOMPARE(cfg->requireCrs("EPSG:32633"), 32633);
        QCOMPARE(cfg->requireCrs("urn:ogc:def:crs:EPSG::4326"), 4326);
        QCOMPARE(cfg->requireCrs("http://www.opengis.net/def/crs/EPSG/0/3857"), 3857);
        // One parser with the OGC services: any case, versioned URNs, CRS:84.
        QCOMPARE(cfg->requireCrs("Epsg:32633"), 32633);
        QCOMPARE(cfg->requireCrs("URN:OGC:DEF:CRS:EPSG:6.6:4326"), 4326);
        QCOMPARE(cfg->requireCrs(" CRS:84 "), 4326);
        QVERIFY_THROWS_EXCEPTION(Error, cfg->requireCrs("EPSG:0"));
        try {
            cfg->requireCrs("EPSG:2193");
            QFAIL("unlisted CRS accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::BadRequest);
            QVERIFY2(std::string(e.what()).find("EPSG:32601–32660") != std::string::npos, e.what());
        }
        // Every shipped code is a CRS PROJ knows.
        for (int c : cfg->epsgCodes)
            QVERIFY2(isValidCrs("EPSG:" + std::to_string(c)), qPrintable(QString::number(c)));
    }

    void defaultsAndUserFiles() {
        auto defaults = ServiceConfig::load("");
        QVERIFY(defaults->formatsFile.empty());
        QVERIFY(defaults->crsFile.empty());
        QVERIFY2(defaults->problems.empty(),
                 defaults->problems.empty() ? "" : defaults->problems[0].message.c_str());
        for (const char* d : {"GTiff", "COG", "PNG", "JPEG", "WEBP", "HFA", "netCDF", "GPKG"})
            QVERIFY2(defaults->formats.find(d) && defaults->formats.find(d)->writable, d);
        QVERIFY(!defaults->formats.find("FITS")->writable);
        QCOMPARE(defaults->formats.nativeFor("FITS").driver, std::string("GTiff"));
        QCOMPARE(defaults->formats.nativeFor("JPEG").driver, std::string("JPEG"));
        QCOMPARE(defaults->formats.nativeFor("SomethingElse").driver, std::string("GTiff"));

        const std::string user = dir_ + "/user";
        QDir().mkpath(QString::fromStdString(user));
        {
            QFile f(QString::fromStdString(user + "/formats.conf"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(
                "# mine\nPNG,image/png,ro,.png\nNoSuchDrv,image/x-no,rw,.no\n"
                "native,GTiff,COG\n");
        }
        {
            QFile f(QString::fromStdString(user + "/crs.conf"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("4326\n32633\n");
        }
        auto cfg = ServiceConfig::load(user);
        QCOMPARE(cfg->formatsFile, user + "/formats.conf");
        QCOMPARE(cfg->crsFile, user + "/crs.conf");
        QVERIFY(!cfg->formats.find("png")->writable);
        QVERIFY(cfg->formats.find("GTiff")->writable);  // the rest of the defaults remain
        QCOMPARE(cfg->formats.nativeFor("GTiff").driver, std::string("COG"));
        QCOMPARE(cfg->epsgCodes, (std::vector<int>{4326, 32633}));
        QCOMPARE(cfg->problems.size(), std::size_t(1));
        QCOMPARE(cfg->problems[0].line, 3);
        QCOMPARE(cfg->problems[0].file, user + "/formats.conf");

        // A malformed user file is reported and ignored; the defaults stay in force.
        {
            QFile f(QString::fromStdString(user + "/formats.conf"));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("PNG,image/png,rw,.png\nthis is not a format line\n");
        }
        cfg = ServiceConfig::load(user);
        QVERIFY(cfg->formatsFile.empty());
        QVERIFY(cfg->formats.find("png")->writable);
        QCOMPARE(cfg->problems.size(), std::size_t(1));
        QVERIFY2(cfg->problems[0].message.find("formats.conf:2:") != std::string::npos,
                 cfg->problems[0].message.c_str());

        const json j = formatsJson(*defaults);
        QVERIFY(j["formats"].is_array());
        QCOMPARE(j["native"]["FITS"], json("GTiff"));
        const json crs = crsJson(*defaults)["crs"];
        QVERIFY(std::find(crs.begin(), crs.end(), json("EPSG:32633")) != crs.end());
    }

    // A region of the 1-band raster in every writable default format, read back with GDAL.
    void regionInEveryWritableFormat() {
        auto cfg = ServiceConfig::current();
        const auto formats = cfg->formats.writable();
        QVERIFY(formats.size() >= 10);
        for (const OutputFormat& f : formats) {
            RegionRequest r;
            r.image.uri = gray_;
            r.units = "pixels";
            r.left = 100, r.top = 50, r.right = 300, r.bottom = 150;
            r.format = f.driver;
            Encoded e;
            try {
                e = engine_->region(r);
            } catch (const std::exception& ex) {
                QFAIL(qPrintable(QString::fromStdString(f.driver + ": " + ex.what())));
            }
            const ReadBack b = readBack(*e.bytes, e.mimeType, f.extension);
            QVERIFY2(b.ok, f.driver.c_str());
            const std::string expectDriver = f.driver == "COG" ? "GTiff" : f.driver;
            QVERIFY2(b.driver == expectDriver, (f.driver + " read as " + b.driver).c_str());
            QVERIFY2(b.width == 200 && b.height == 100, f.driver.c_str());
            const bool multi = f.driver == "ENVI" || f.driver == "AAIGrid";
            QCOMPARE(e.mimeType == "application/zip", multi);
            if (e.mimeType != "application/zip") {
                QCOMPARE(e.mimeType, f.mimeType);
            }
            const bool picture =
                f.driver == "PNG" || f.driver == "JPEG" || f.driver == "WEBP" || f.driver == "GIF";
            if (picture) continue;
            QVERIFY2(sameCrs(b, 4326), (f.driver + ": " + b.wkt).c_str());
            QVERIFY2(b.hasGt, f.driver.c_str());
            QVERIFY2(near(b.gt[0], 14.6, 1e-6) && near(b.gt[3], 46.7, 1e-6) &&
                         near(b.gt[1], 0.006, 1e-9) && near(b.gt[5], -0.006, 1e-9),
                     (f.driver + " gt " + std::to_string(b.gt[0]) + " " + std::to_string(b.gt[3]))
                         .c_str());
        }
    }

    // Reprojection into 4326, 3857 and UTM 33N: SRS, geotransform and bounds as expected.
    void regionInSeveralCrses() {
        const double lon0 = 14.6, lat0 = 46.7, lon1 = 15.8, lat1 = 46.1;  // pixels 100..300
        for (int epsg : {4326, 3857, 32633}) {
            for (const char* fmt : {"GTiff", "COG", "HFA", "PNG"}) {
                RegionRequest r;
                r.image.uri = rgb_;
                r.units = "EPSG:4326";
                r.left = lon0, r.top = lat0, r.right = lon1, r.bottom = lat1;
                r.format = fmt;
                r.outputCrs = "EPSG:" + std::to_string(epsg);
                const Encoded e = engine_->region(r);
                const ReadBack b =
                    readBack(*e.bytes, e.mimeType, fmt == std::string("HFA") ? "img" : "tif");
                QVERIFY2(b.ok, fmt);
                QVERIFY(b.width > 50 && b.height > 20);
                if (std::string(fmt) == "PNG") {
                    QCOMPARE(b.bands, 4);  // RGB + alpha outside the warped region
                    continue;
                }
                QVERIFY2(b.epsg == epsg, (std::string(fmt) + " " + std::to_string(epsg)).c_str());
                // Expected bounds: the region's corners transformed to the output CRS.
                std::vector<Point2> pts{{lon0, lat0}, {lon1, lat0}, {lon0, lat1}, {lon1, lat1}};
                QVERIFY(transformPoints("EPSG:4326", "EPSG:" + std::to_string(epsg), pts));
                double xmin = pts[0].x, xmax = xmin, ymin = pts[0].y, ymax = ymin;
                for (const auto& p : pts) {
                    xmin = std::min(xmin, p.x), xmax = std::max(xmax, p.x);
                    ymin = std::min(ymin, p.y), ymax = std::max(ymax, p.y);
                }
                const double right = b.gt[0] + b.gt[1] * b.width;
                const double bottom = b.gt[3] + b.gt[5] * b.height;
                const double tol = 0.02 * (xmax - xmin);
                QVERIFY2(near(b.gt[0], xmin, tol) && near(right, xmax, tol) &&
                             near(b.gt[3], ymax, tol) && near(bottom, ymin, tol),
                         (std::string(fmt) + " EPSG:" + std::to_string(epsg) + " bounds " +
                          std::to_string(b.gt[0]) + " vs " + std::to_string(xmin))
                             .c_str());
            }
        }
        // Raw data reprojected keeps its single band.
        RegionRequest r;
        r.image.uri = gray_;
        r.units = "pixels";
        r.left = 0, r.top = 0, r.right = 200, r.bottom = 200;
        r.format = "tif";
        r.outputCrs = "EPSG:32633";
        const Encoded e = engine_->region(r);
        const ReadBack b = readBack(*e.bytes, e.mimeType, "tif");
        QCOMPARE(b.bands, 1);
        QCOMPARE(*b.epsg, 32633);
    }

    // Raw float samples survive every data format that stores floats.
    void rawFloatValues() {
        for (const char* fmt : {"GTiff", "COG", "HFA", "netCDF", "GPKG", "ENVI", "AAIGrid"}) {
            RegionRequest r;
            r.image.uri = float_;
            r.units = "pixels";
            r.left = 10, r.top = 20, r.right = 60, r.bottom = 50;
            r.format = fmt;
            const Encoded e = engine_->region(r);
            const OutputFormat* f = ServiceConfig::current()->formats.find(fmt);
            const ReadBack b = readBack(*e.bytes, e.mimeType, f->extension);
            QVERIFY2(b.ok, fmt);
            const double expected = 0.25 + 13 + 1000.0 * 22;
            QVERIFY2(near(b.pixel, expected, 1e-3),
                     (std::string(fmt) + " " + std::to_string(b.pixel)).c_str());
        }
    }

    void regionErrors() {
        RegionRequest r;
        r.image.uri = gray_;
        r.units = "pixels";
        r.left = 0, r.top = 0, r.right = 100, r.bottom = 100;
        r.format = "fits";
        QVERIFY_THROWS_EXCEPTION(Error, engine_->region(r));
        r.format = "tif";
        r.outputCrs = "EPSG:2193";  // valid CRS, not in the list
        try {
            engine_->region(r);
            QFAIL("unlisted CRS accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::BadRequest);
        }
        r.image.uri = flat_;  // not georeferenced: cannot be reprojected
        r.outputCrs = "EPSG:3857";
        QVERIFY_THROWS_EXCEPTION(Error, engine_->region(r));
        // Not georeferenced, no CRS: any data format still works (no SRS written).
        r.outputCrs.clear();
        r.format = "HFA";
        const Encoded e = engine_->region(r);
        QCOMPARE(readBack(*e.bytes, e.mimeType, "img").width, 100);
    }

    void httpFormats() {
        http::Server server(engine_);
        QCOMPARE(server.registry().add({gray_, "", ""}), std::string("1"));
        QVERIFY(server.start(QHostAddress(QHostAddress::LocalHost), 0));
        QNetworkAccessManager nam;
        auto get = [&](const QString& path) {
            QString base = server.url().toString();
            if (base.endsWith(QLatin1Char('/'))) base.chop(1);
            QNetworkReply* reply = nam.get(QNetworkRequest(QUrl(base + path)));
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(60000, &loop, &QEventLoop::quit);
            loop.exec();
            Reply r;
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.body = reply->readAll();
            r.contentType = reply->rawHeader("Content-Type");
            reply->deleteLater();
            return r;
        };
        Reply r = get(QStringLiteral("/api/large-image/formats"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["PNG"], json("image/png"));
        QCOMPARE(r.js()["TIFF"], json("image/tiff"));
        QCOMPARE(r.js()["NC"], json("application/netcdf"));
        QCOMPARE(r.js()["HFA"], json("application/x-erdas-hfa"));
        QVERIFY(!r.js().contains("FITS"));  // read-only
        r = get(QStringLiteral("/api/formats"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.js()["formats"]["formats"].size() >= 10);
        QCOMPARE(r.js()["crs"]["epsg"].size(), ServiceConfig::current()->epsgCodes.size());

        const QString q = QStringLiteral("?left=0&top=0&right=120&bottom=80&units=pixels");
        r = get(QStringLiteral("/api/image/1/data/region.img") + q);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("application/x-erdas-hfa"));
        r = get(QStringLiteral("/api/image/1/data/region.tif") + q +
                QStringLiteral("&crs=EPSG:32633"));
        QCOMPARE(r.status, 200);
        const Bytes tif(r.body.begin(), r.body.end());
        QCOMPARE(*readBack(tif, "image/tiff", "tif").epsg, 32633);
        r = get(QStringLiteral("/api/image/1/data/region.nc") + q +
                QStringLiteral("&outputCrs=EPSG:3857"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("application/netcdf"));

        for (const char* bad : {"region.fits", "region.bogus"}) {
            r = get(QStringLiteral("/api/image/1/data/") + QLatin1String(bad) + q);
            QCOMPARE(r.status, 400);
            QVERIFY(r.contentType.startsWith("application/json"));
            const std::string detail = r.js().value("detail", std::string());
            QVERIFY2(detail.find("GTiff (tif, image/tiff)") != std::string::npos,
                     r.body.constData());
            QVERIFY2(detail.find("netCDF (nc, application/netcdf)") != std::string::npos,
                     r.body.constData());
        }
        r = get(QStringLiteral("/api/image/1/data/region.tif") + q +
                QStringLiteral("&crs=EPSG:2193"));
        QCOMPARE(r.status, 400);
        QVERIFY(r.js().value("detail", std::string()).find("EPSG:4326") != std::string::npos);
    }

    void cli() {
        QVERIFY2(QFileInfo::exists(QStringLiteral(TESSERA_BINARY_DIR "/app/tessera")),
                 "the tessera executable is not built");
        Run r = runTessera({QStringLiteral("formats")});
        QCOMPARE(r.code, 0);
        const json j = json::parse(r.out.toStdString(), nullptr, false);
        QVERIFY(j["formats"].size() >= 10);
        r = runTessera({QStringLiteral("crs")});
        QCOMPARE(r.code, 0);
        QVERIFY(json::parse(r.out.toStdString())["epsg"].size() > 100);

        const QString gray = QString::fromStdString(gray_);
        const QString d = QString::fromStdString(dir_);
        const QStringList bounds = {QStringLiteral("--units"),  QStringLiteral("pixels"),
                                    QStringLiteral("--left"),   QStringLiteral("0"),
                                    QStringLiteral("--top"),    QStringLiteral("0"),
                                    QStringLiteral("--right"),  QStringLiteral("64"),
                                    QStringLiteral("--bottom"), QStringLiteral("32")};
        // Format from the -o extension, CRS reprojection.
        r = runTessera(QStringList{QStringLiteral("region"), gray} + bounds +
                       QStringList{QStringLiteral("--crs"), QStringLiteral("EPSG:3857"),
                                   QStringLiteral("-o"), d + QStringLiteral("/cli.img")});
        QVERIFY2(r.code == 0, r.err.constData());
        GDALDatasetH ds = GDALOpen((dir_ + "/cli.img").c_str(), GA_ReadOnly);
        QVERIFY(ds);
        QCOMPARE(std::string(GDALGetDriverShortName(GDALGetDatasetDriver(ds))), std::string("HFA"));
        QCOMPARE(*epsgCode(GDALGetProjectionRef(ds)), 3857);
        GDALClose(ds);
        // A multi-file format is written next to -o.
        r = runTessera(QStringList{QStringLiteral("region"), gray} + bounds +
                       QStringList{QStringLiteral("--format"), QStringLiteral("ENVI"),
                                   QStringLiteral("-o"), d + QStringLiteral("/cli.bil")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(QFileInfo::exists(d + QStringLiteral("/cli.hdr")));
        ds = GDALOpen((dir_ + "/cli.bil").c_str(), GA_ReadOnly);
        QVERIFY(ds);
        QCOMPARE(GDALGetRasterXSize(ds), 64);
        GDALClose(ds);
        // Unknown and read-only formats: exit 2, one line listing the valid formats.
        for (const char* bad : {"bogus", "FITS"}) {
            r = runTessera(QStringList{QStringLiteral("region"), gray} + bounds +
                           QStringList{QStringLiteral("--format"), QLatin1String(bad),
                                       QStringLiteral("-o"), d + QStringLiteral("/x.out")});
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("GTiff (tif, image/tiff)"), r.err.constData());
        }
        r = runTessera(QStringList{QStringLiteral("region"), gray} + bounds +
                       QStringList{QStringLiteral("-o"), d + QStringLiteral("/x.fits")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("read-only"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestFormats)
#include "test_formats.moc"
