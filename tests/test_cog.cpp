// COG validation, conversion and server jobs: generated bad layouts (stripped, no overviews,
// external .ovr, IFDs after data, KNOWN_INCOMPATIBLE_EDITION, broken block trailers) with their
// expected errors, COG driver output valid, ../shared/data/geotiff verdicts as MANIFEST states,
// conversion pixels / CRS / cancel, the CLI (validate, convert) and the HTTP routes
// (info/cog_validation, jobs/region, /api/jobs).
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QtTest>
#include <filesystem>
#include <thread>

#include "cog/cog_convert.h"
#include "cog/cog_validate.h"
#include "encode/encoder.h"
#include "http/api_state.h"
#include "http/server.h"
#include "support/fixtures.h"
#include "util/error.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

bool hasError(const CogReport& r, const std::string& code) {
    for (const auto& e : r.errors)
        if (e.code == code) return true;
    return false;
}
bool hasWarning(const CogReport& r, const std::string& code) {
    for (const auto& e : r.warnings)
        if (e.code == code) return true;
    return false;
}
std::string codes(const CogReport& r) {
    std::string s;
    for (const auto& e : r.errors) s += e.code + ": " + e.message + "\n";
    for (const auto& e : r.warnings) s += "(w) " + e.code + ": " + e.message + "\n";
    return s;
}

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

std::vector<double> readAll(const std::string& path, int band = 1) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER));
    if (!ds) return {};
    const int w = ds->GetRasterXSize(), h = ds->GetRasterYSize();
    std::vector<double> v(std::size_t(w) * h);
    if (ds->GetRasterBand(band)->RasterIO(GF_Read, 0, 0, w, h, v.data(), w, h, GDT_Float64, 0, 0,
                                          nullptr) != CE_None)
        return {};
    return v;
}

FixtureSpec largeGray(const std::string& format, bool tiled, bool overviews) {
    FixtureSpec s;
    s.width = 1500;
    s.height = 1200;
    s.bands = 1;
    s.type = DataType::UInt16;
    s.interpretations = {"gray"};
    s.format = format;
    s.tiled = tiled;
    s.overviews = overviews;
    return s;
}

struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    json js() const { return json::parse(body.toStdString(), nullptr, false); }
};

}  // namespace

class TestCog : public QObject {
    Q_OBJECT

    std::string dir_;
    std::string cog_;  // a COG from the driver
    std::shared_ptr<Engine> engine_ = std::make_shared<Engine>();
    std::unique_ptr<http::Server> server_;
    QNetworkAccessManager nam_;

    Reply request(const QString& pathAndQuery, const QByteArray& method = "GET") {
        QString base = server_->url().toString();
        if (base.endsWith(QLatin1Char('/'))) base.chop(1);
        QNetworkRequest req(QUrl(base + pathAndQuery, QUrl::TolerantMode));
        if (method != "GET") req.setRawHeader("X-Tessera-Token", server_->token().toUtf8());
        QNetworkReply* reply = nam_.sendCustomRequest(req, method);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        reply->deleteLater();
        return r;
    }

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        dir_ = tempDir();
        cog_ = writeFixture(dir_ + "/driver_cog.tif", largeGray("COG", true, true));
    }

    void driverCogIsValid() {
        const CogReport r = validateCog(cog_);
        QVERIFY2(r.valid, codes(r).c_str());
        QVERIFY(r.errors.empty());
        QVERIFY(r.warnings.empty());
        QVERIFY(r.overviewCount >= 1);
        QCOMPARE(r.levels.size(), std::size_t(r.overviewCount + 1));
        QVERIFY(r.fullCheckDone);  // local file, ghost header present
        QCOMPARE(r.ghost.at("LAYOUT"), std::string("IFDS_BEFORE_DATA"));
        QCOMPARE(r.ghost.at("KNOWN_INCOMPATIBLE_EDITION"), std::string("NO"));
        QVERIFY(r.levels[0].ifdOffset > 8 && r.levels[0].ifdOffset < 300);
        // Data runs from the smallest overview to the main image, after every IFD.
        for (std::size_t i = 1; i < r.levels.size(); ++i)
            QVERIFY(r.levels[i].dataOffset < r.levels[i - 1].dataOffset);
        QVERIFY(r.levels.back().dataOffset > r.levels.back().ifdOffset);
        const json j = cogReportJson(r);
        QCOMPARE(j["valid"], true);
        QCOMPARE(j["details"]["ifd_offsets"]["main"].get<std::uint64_t>(), r.levels[0].ifdOffset);
        QVERIFY(j["details"]["data_offsets"].contains("overview_0"));
        QVERIFY(cogReportText(r).find("is a valid cloud optimized GeoTIFF") != std::string::npos);
        // Lenient rules agree.
        CogValidateOptions lenient;
        lenient.lenient = true;
        QVERIFY(validateCog(cog_, lenient).valid);
    }

    void strippedLargeFile() {
        const std::string p =
            writeFixture(dir_ + "/stripped.tif", largeGray("GTiff", false, false));
        const CogReport r = validateCog(p);
        QVERIFY(!r.valid);
        QVERIFY2(hasError(r, "not_tiled"), codes(r).c_str());
        QVERIFY(hasWarning(r, "no_overviews"));
        QVERIFY(!r.levels[0].tiled);
    }

    void noOverviewsIsAWarning() {
        const std::string p = writeFixture(dir_ + "/noovr.tif", largeGray("COG", true, false));
        const CogReport r = validateCog(p);
        QVERIFY2(r.valid, codes(r).c_str());
        QVERIFY(hasWarning(r, "no_overviews"));
        CogValidateOptions strict;
        strict.strict = true;
        const CogReport s = validateCog(p, strict);
        QVERIFY(!s.valid);
        QVERIFY(hasError(s, "no_overviews"));
    }

    void externalOverviews() {
        const std::string p = writeFixture(dir_ + "/ext.tif", largeGray("GTiff", true, false));
        {
            std::unique_ptr<GDALDataset> ds(GDALDataset::Open(p.c_str(), GDAL_OF_RASTER));
            int levels[] = {2, 4};
            QCOMPARE(ds->BuildOverviews("AVERAGE", 2, levels, 0, nullptr, nullptr, nullptr),
                     CE_None);
        }
        QVERIFY(QFile::exists(QString::fromStdString(p + ".ovr")));
        const CogReport r = validateCog(p);
        QVERIFY(!r.valid);
        QVERIFY2(hasError(r, "external_overviews"), codes(r).c_str());
        QCOMPARE(r.overviewCount, 0);
        QCOMPARE(r.externalOverviewCount, 2);
    }

    void overviewsAddedAfterwards() {
        // A tiled GTiff reopened in update mode for GDALBuildOverviews: the overview IFDs and
        // data land after the full-resolution data.
        const std::string p = writeFixture(dir_ + "/late.tif", largeGray("GTiff", true, false));
        {
            std::unique_ptr<GDALDataset> ds(
                GDALDataset::Open(p.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
            int levels[] = {2, 4, 8};
            QCOMPARE(ds->BuildOverviews("AVERAGE", 3, levels, 0, nullptr, nullptr, nullptr),
                     CE_None);
        }
        const CogReport r = validateCog(p);
        QVERIFY(!r.valid);
        QCOMPARE(r.overviewCount, 3);
        QVERIFY(r.levels[1].ifdOffset > r.levels[0].dataOffset);  // IFDs after the data
        QVERIFY2(hasError(r, "main_data_order"), codes(r).c_str());
        // Overviews built on the dataset still being written: GDAL writes the overview blocks
        // largest first, so the data order between overviews is wrong too.
        const std::string q = writeFixture(dir_ + "/late2.tif", largeGray("GTiff", true, true));
        const CogReport r2 = validateCog(q);
        QVERIFY(!r2.valid);
        QVERIFY2(hasError(r2, "data_order"), codes(r2).c_str());
    }

    void knownIncompatibleEdition() {
        const std::string p = dir_ + "/edited.tif";
        QVERIFY(QFile::copy(QString::fromStdString(cog_), QString::fromStdString(p)));
        {
            std::unique_ptr<GDALDataset> ds(
                GDALDataset::Open(p.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
            QVERIFY(ds);
            // Noise compresses worse than the pattern, so the block cannot be rewritten in place
            // and GDAL flags the edition in the ghost header.
            std::vector<std::uint16_t> block(256 * 256);
            std::uint32_t seed = 12345;
            for (auto& v : block) {
                seed = seed * 1664525u + 1013904223u;
                v = std::uint16_t(seed >> 16);
            }
            QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 256, 256, block.data(), 256,
                                                    256, GDT_UInt16, 0, 0, nullptr),
                     CE_None);
        }
        const CogReport r = validateCog(p);
        QVERIFY(!r.valid);
        QVERIFY2(hasError(r, "known_incompatible_edition"), codes(r).c_str());
        QCOMPARE(r.ghost.at("KNOWN_INCOMPATIBLE_EDITION"), std::string("YES"));
        CogValidateOptions lenient;
        lenient.lenient = true;
        QVERIFY(hasError(validateCog(p, lenient), "known_incompatible_edition"));
    }

    void brokenTrailerFullCheck() {
        const std::string p = dir_ + "/trailer.tif";
        QVERIFY(QFile::copy(QString::fromStdString(cog_), QString::fromStdString(p)));
        std::uint64_t offset = 0, size = 0;
        {
            std::unique_ptr<GDALDataset> ds(GDALDataset::Open(p.c_str(), GDAL_OF_RASTER));
            GDALRasterBand* b = ds->GetRasterBand(1);
            offset = std::stoull(b->GetMetadataItem("BLOCK_OFFSET_1_0", "TIFF"));
            size = std::stoull(b->GetMetadataItem("BLOCK_SIZE_1_0", "TIFF"));
        }
        QVERIFY(offset > 0 && size > 8);
        {
            QFile f(QString::fromStdString(p));
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(qint64(offset + size));  // the trailer: a copy of the last 4 bytes
            QByteArray t = f.read(4);
            for (auto& c : t) c = char(~c);
            f.seek(qint64(offset + size));
            f.write(t);
            f.seek(qint64(offset - 4));  // the leader: the byte count
            f.write(QByteArray("\x01\x00\x00\x00", 4));
        }
        const CogReport r = validateCog(p);
        QVERIFY(!r.valid);
        QVERIFY2(hasError(r, "block_trailer"), codes(r).c_str());
        QVERIFY2(hasError(r, "block_leader"), codes(r).c_str());
        CogValidateOptions quick;
        quick.fullCheck = CogFullCheck::No;
        const CogReport q = validateCog(p, quick);
        QVERIFY2(q.valid, codes(q).c_str());
        QVERIFY(!q.fullCheckDone);
    }

    void notATiffAndMissing() {
        const std::string png = dir_ + "/x.png";
        {
            QFile f(QString::fromStdString(png));
            QVERIFY(f.open(QIODevice::WriteOnly));
            const Bytes b = encodeImage(Image(8, 8, 3), Encoding::PNG, {});
            f.write(reinterpret_cast<const char*>(b.data()), qint64(b.size()));
        }
        const CogReport r = validateCog(png);
        QVERIFY(!r.valid);
        QVERIFY(hasError(r, "not_geotiff"));
        const std::string text = dir_ + "/x.txt";
        {
            QFile f(QString::fromStdString(text));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("hello");
        }
        QVERIFY(hasError(validateCog(text), "not_geotiff"));
        try {
            validateCog(dir_ + "/missing.tif");
            QFAIL("no error for a missing file");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::NotFound);
        }
    }

    void sharedDataMatchesManifest() {
        const std::string d = sharedDataDir();
        if (d.empty() || !std::filesystem::is_directory(d + "/geotiff"))
            QSKIP("../shared/data/geotiff is absent");
        // MANIFEST.md geotiff/ "COG validator" column: file -> expected error code ("" = valid).
        const std::map<std::string, std::string> expected = {
            {"cog.tif", ""},
            {"cog_cmap.tif", ""},
            {"cog_scale.tif", ""},
            {"cog_fullearth.tif", ""},
            {"cog_dateline.tif", ""},
            {"inverted_lat.tif", ""},
            {"cog_hirise_mars.tif", ""},
            {"cog_rgb.tif", ""},
            {"cog_uint8_rgb_mask.tif", ""},
            {"cog_uint8_rgba.tif", ""},
            {"cog_world.tif", ""},
            {"web.tif", ""},
            {"nocog.tif", "not_tiled"},
            {"image_web_z5_z11.tif", ""},
            {"image_webp.tif", ""},
            {"image_geos.tif", ""},
            {"image_external.tif", "external_overviews"},
            {"byte.tif", "ifd_not_at_start"},
            {"rotated.tif", ""},
            {"shade.tif", "ifd_not_at_start"},
            {"alpha.tif", "ifd_not_at_start"},
            {"float_nan.tif", "*"},
            {"utmsmall.tif", "*"},
            {"rgba_geotiff.tiff", ""},
            {"rgb_geotiff.tiff", ""},
            {"grey10kx5k.tif", "not_tiled"},
            {"test_orient6.tif", "*"},
        };
        for (const auto& [name, code] : expected) {
            const std::string p = d + "/geotiff/" + name;
            if (!std::filesystem::exists(p)) continue;
            const CogReport r = validateCog(p);
            const std::string msg = name + ":\n" + codes(r);
            if (code.empty()) {
                QVERIFY2(r.valid, msg.c_str());
            } else {
                QVERIFY2(!r.valid, msg.c_str());
                if (code != "*") QVERIFY2(hasError(r, code), msg.c_str());
            }
        }
    }

    void convertLossless() {
        // A stripped, overview-less GTiff becomes a valid COG with the same pixels.
        FixtureSpec s = largeGray("GTiff", false, false);
        s.epsg = 4326;
        const std::string in = writeFixture(dir_ + "/conv_in.tif", s);
        const std::string out = dir_ + "/conv_out.tif";
        CogConvertOptions o;
        o.compression = "LZW";
        o.blockSize = 256;
        o.predictor = "YES";
        o.resampling = "average";
        std::vector<double> seen;
        QVERIFY(convertToCog(in, out, o, [&](double f) {
            seen.push_back(f);
            return true;
        }));
        QVERIFY(!seen.empty());
        QVERIFY(seen.back() > 0.99);
        const CogReport r = validateCog(out);
        QVERIFY2(r.valid && r.warnings.empty(), codes(r).c_str());
        QCOMPARE(r.levels[0].blockWidth, 256);
        QVERIFY(r.overviewCount >= 2);
        QCOMPARE(readAll(out), readAll(in));
        {
            std::unique_ptr<GDALDataset> ds(GDALDataset::Open(out.c_str(), GDAL_OF_RASTER));
            QCOMPARE(QString::fromUtf8(ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")),
                     QStringLiteral("LZW"));
        }
        // Existing output: refused without overwrite, replaced with it.
        QVERIFY_THROWS_EXCEPTION(Error, convertToCog(in, out, o));
        o.overwrite = true;
        o.compression = "ZSTD";
        const auto comps = availableCogCompressions();
        if (std::find(comps.begin(), comps.end(), "ZSTD") == comps.end()) o.compression = "DEFLATE";
        QVERIFY(convertToCog(in, out, o));
        QCOMPARE(readAll(out), readAll(in));
        // Bad options never start.
        CogConvertOptions bad;
        bad.compression = "NOPE";
        QVERIFY_THROWS_EXCEPTION(Error, convertToCog(in, dir_ + "/bad.tif", bad));
        bad = {};
        bad.blockSize = 300;
        QVERIFY_THROWS_EXCEPTION(Error, convertToCog(in, dir_ + "/bad.tif", bad));
        bad = {};
        bad.targetCrs = "EPSG:999999999";
        QVERIFY_THROWS_EXCEPTION(Error, convertToCog(in, dir_ + "/bad.tif", bad));
        try {
            convertToCog(dir_ + "/missing.tif", dir_ + "/bad.tif", {});
            QFAIL("no error for a missing input");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::NotFound);
        }
        QVERIFY(!QFile::exists(QString::fromStdString(dir_ + "/bad.tif")));
    }

    void convertTargetCrs() {
        FixtureSpec s;  // 1024x768 RGB EPSG:4326
        s.format = "GTiff";
        s.overviews = false;
        const std::string in = writeFixture(dir_ + "/crs_in.tif", s);
        const std::string out = dir_ + "/crs_out.tif";
        CogConvertOptions o;
        o.targetCrs = "EPSG:3857";
        o.nodata = 0;
        QVERIFY(convertToCog(in, out, o));
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(out.c_str(), GDAL_OF_RASTER));
        QVERIFY(ds);
        const OGRSpatialReference* srs = ds->GetSpatialRef();
        QVERIFY(srs);
        QCOMPARE(QString::fromUtf8(srs->GetAuthorityCode(nullptr)), QStringLiteral("3857"));
        double gt[6];
        ds->GetGeoTransform(gt);
        QVERIFY(std::abs(gt[0] - (-1113194.9)) < 2000);  // lon -10° in metres
        int hasNodata = 0;
        QCOMPARE(ds->GetRasterBand(1)->GetNoDataValue(&hasNodata), 0.0);
        QVERIFY(hasNodata);
        QVERIFY(validateCog(out).valid);
    }

    void convertCancelLeavesNothing() {
        const std::string outDir = dir_ + "/cancel";
        QVERIFY(QDir().mkpath(QString::fromStdString(outDir)));
        const std::string out = outDir + "/cancelled.tif";
        int calls = 0;
        const bool ok = convertToCog(cog_, out, {}, [&](double f) {
            ++calls;
            return f < 0.3;
        });
        QVERIFY(!ok);
        QVERIFY(calls > 0);
        QVERIFY(QDir(QString::fromStdString(outDir))
                    .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                    .isEmpty());
    }

    void cliValidateAndConvert() {
        QVERIFY2(QFile::exists(QStringLiteral(TESSERA_BINARY_DIR "/app/tessera")),
                 "the tessera executable is not built");
        Run r = runTessera({QStringLiteral("validate"), QString::fromStdString(cog_)});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("is a valid cloud optimized GeoTIFF"));
        const std::string stripped =
            writeFixture(dir_ + "/cli_stripped.tif", largeGray("GTiff", false, false));
        r = runTessera({QStringLiteral("validate"), QString::fromStdString(stripped),
                        QStringLiteral("--json")});
        QCOMPARE(r.code, 1);
        const json j = json::parse(r.out.toStdString(), nullptr, false);
        QCOMPARE(j["valid"], false);
        QCOMPARE(j["errors"][0]["code"], "not_tiled");
        r = runTessera({QStringLiteral("validate"), QString::fromStdString(stripped),
                        QStringLiteral("--lenient")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains("NOT a valid"));
        r = runTessera(
            {QStringLiteral("validate"), QString::fromStdString(dir_ + "/nothing-here.tif")});
        QCOMPARE(r.code, 2);
        QVERIFY(!r.err.isEmpty());

        const QString out = QString::fromStdString(dir_ + "/cli_out.tif");
        r = runTessera({QStringLiteral("convert"), QString::fromStdString(stripped), out,
                        QStringLiteral("--compress"), QStringLiteral("DEFLATE"),
                        QStringLiteral("--blocksize"), QStringLiteral("256"),
                        QStringLiteral("--resampling"), QStringLiteral("average")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.err.contains("100%"));  // not a TTY: percentage lines
        QVERIFY(validateCog(out.toStdString()).valid);
        QCOMPARE(readAll(out.toStdString()), readAll(stripped));
        r = runTessera({QStringLiteral("validate"), out});
        QCOMPARE(r.code, 0);
        // Existing output, bad options, missing input: exit 2 with one line.
        r = runTessera({QStringLiteral("convert"), QString::fromStdString(stripped), out});
        QCOMPARE(r.code, 2);
        r = runTessera({QStringLiteral("convert"), QString::fromStdString(stripped),
                        out + QStringLiteral("2.tif"), QStringLiteral("--compress"),
                        QStringLiteral("NOPE")});
        QCOMPARE(r.code, 2);
        r = runTessera({QStringLiteral("convert"), QString::fromStdString(dir_ + "/nope.tif"),
                        out + QStringLiteral("3.tif")});
        QCOMPARE(r.code, 2);
        QVERIFY(!QFile::exists(out + QStringLiteral("2.tif")));
        QVERIFY(!QFile::exists(out + QStringLiteral("3.tif")));
    }

    void httpValidationAndJobs() {
        server_ = std::make_unique<http::Server>(engine_);
        FixtureSpec geo;  // 1024x768 RGB, values (x + 2y + 40b) % 256
        const std::string geoPath = writeFixture(dir_ + "/geo.tif", geo);
        QCOMPARE(server_->registry().add({geoPath, "", ""}), std::string("1"));
        QCOMPARE(server_->registry().add({dir_ + "/stripped.tif", "", ""}), std::string("2"));
        QCOMPARE(server_->registry().add({dir_ + "/x.png", "", ""}), std::string("3"));
        QVERIFY(server_->start(QHostAddress(QHostAddress::LocalHost), 0));

        Reply r = request(QStringLiteral("/api/image/1/info/cog_validation"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["valid"], true);
        QVERIFY(r.js()["details"]["ifd_offsets"].contains("main"));
        r = request(QStringLiteral("/api/image/2/info/cog_validation"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["valid"], false);
        QCOMPARE(r.js()["errors"][0]["code"], "not_tiled");
        r = request(QStringLiteral("/api/image/3/info/cog_validation?lenient=true"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.js()["valid"], false);
        QCOMPARE(r.js()["errors"][0]["code"], "not_geotiff");
        QCOMPARE(
            request(QStringLiteral("/api/image/1/info/cog_validation?full_check=maybe")).status,
            400);

        // Submit, poll to done, download.
        r = request(QStringLiteral("/api/image/1/jobs/region?left=0&top=0&right=256&bottom=128&"
                                   "units=pixels&fmt=png"),
                    "POST");
        QCOMPARE(r.status, 202);
        const int id = r.js()["id"].get<int>();
        QVERIFY(id > 0);
        json state;
        for (int i = 0; i < 600; ++i) {
            state = request(QStringLiteral("/api/jobs/%1").arg(id)).js();
            if (state["state"] == "done" || state["state"] == "failed") break;
            QTest::qWait(20);
        }
        QCOMPARE(state["state"], "done");
        QCOMPARE(state["progress"], 1.0);
        r = request(QStringLiteral("/api/jobs/%1/result").arg(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("image/png"));
        const Image img = decodeImage(Bytes(r.body.begin(), r.body.end()));
        QCOMPARE(img.width, 256);
        QCOMPARE(img.height, 128);
        QCOMPARE(int(img.row(10)[3 * 7 + 0]), (7 + 2 * 10) % 256);
        QCOMPARE(int(img.row(10)[3 * 7 + 2]), (7 + 2 * 10 + 80) % 256);
        QCOMPARE(request(QStringLiteral("/api/jobs")).js().size(), std::size_t(1));

        // Both workers busy: the next job stays queued (409 on its result), then is cancelled.
        std::atomic<bool> release{false};
        for (int i = 0; i < 2; ++i)
            server_->api().jobs().submit({"blocker", "test", [&](JobContext& ctx) {
                                              while (!release && !ctx.cancelled())
                                                  std::this_thread::sleep_for(1ms);
                                              return std::string();
                                          }});
        r = request(QStringLiteral("/api/image/1/jobs/region?left=0&top=0&right=1&bottom=1&"
                                   "units=fraction"),
                    "POST");
        QCOMPARE(r.status, 202);
        const int queued = r.js()["id"].get<int>();
        QCOMPARE(r.js()["state"], "queued");
        r = request(QStringLiteral("/api/jobs/%1/result").arg(queued));
        QCOMPARE(r.status, 409);
        r = request(QStringLiteral("/api/jobs/%1").arg(queued), "DELETE");
        QCOMPARE(r.status, 202);
        QCOMPARE(r.js()["state"], "cancelled");
        QCOMPARE(request(QStringLiteral("/api/jobs/%1/result").arg(queued)).status, 409);
        release = true;

        // Unknown ids, bad parameters.
        QCOMPARE(request(QStringLiteral("/api/jobs/99999")).status, 404);
        QCOMPARE(request(QStringLiteral("/api/jobs/99999/result")).status, 404);
        QCOMPARE(request(QStringLiteral("/api/jobs/99999"), "DELETE").status, 404);
        QCOMPARE(
            request(QStringLiteral("/api/image/1/jobs/region?left=0&top=0&right=1"), "POST").status,
            400);
        // Deleting a finished job forgets it and its file.
        const std::string file = server_->api().jobs().job(JobId(id))->resultPath;
        QVERIFY(QFile::exists(QString::fromStdString(file)));
        QCOMPARE(request(QStringLiteral("/api/jobs/%1").arg(id), "DELETE").status, 200);
        QVERIFY(!QFile::exists(QString::fromStdString(file)));
        QCOMPARE(request(QStringLiteral("/api/jobs/%1").arg(id)).status, 404);
        server_->stop();
        server_.reset();
    }
};

QTEST_GUILESS_MAIN(TestCog)
#include "test_cog.moc"
