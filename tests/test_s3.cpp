// Remote sources: a COG served by a local s3rver, opened as s3://bucket/key (/vsis3/, with
// AWS_S3_ENDPOINT etc. from the environment) and as a plain http:// URL (/vsicurl/); metadata,
// pixels, overview reads, warps, statistics, internal metadata and errors.
#include <QtTest>

#include <atomic>
#include <fstream>
#include <thread>

#include "source/gdal_source.h"
#include "source/open_source.h"
#include "support/fixtures.h"
#include "support/s3_server.h"
#include "util/error.h"

using namespace tessera;
using namespace tessera::test;

class TestS3 : public QObject {
    Q_OBJECT

    std::unique_ptr<S3Server> server_;
    std::string cog_;

    void checkSource(const SourcePtr& s);

  private Q_SLOTS:
    void initTestCase();
    void openS3();
    void openHttp();
    void remoteErrors();
    void concurrentRemoteReads();
    void cleanupTestCase();
};

void TestS3::initTestCase() {
    if (S3Server::s3rverDir().empty())
        QFAIL(
            "node_modules/s3rver is missing: run `npm install` at the repository root "
            "(scripts/dev deps installs it); it is a required test dependency");
    server_ = std::make_unique<S3Server>("test-bucket");
    QVERIFY2(server_->ok(), server_->error().c_str());
    FixtureSpec spec;  // 1024×768 RGB uint8 DEFLATE COG, EPSG:4326
    spec.interpretations = {"red", "green", "blue"};
    cog_ = writeFixture(tempDir() + "/remote_cog.tif", spec);
    QVERIFY(server_->put("tiles/cog.tif", cog_));
    const std::string text = tempDir() + "/remote.txt";
    std::ofstream(text) << "not an image at all\n";
    QVERIFY(server_->put("tiles/readme.txt", text));
    qputenv("AWS_S3_ENDPOINT", QByteArray::fromStdString(server_->endpoint()));
    qputenv("AWS_HTTPS", "NO");
    qputenv("AWS_VIRTUAL_HOSTING", "FALSE");
    qputenv("AWS_ACCESS_KEY_ID", "S3RVER");
    qputenv("AWS_SECRET_ACCESS_KEY", "S3RVER");
    qunsetenv("AWS_NO_SIGN_REQUEST");
    qunsetenv("AWS_SESSION_TOKEN");
    qunsetenv("AWS_PROFILE");
}

void TestS3::checkSource(const SourcePtr& s) {
    const SourceInfo& i = s->info();
    QCOMPARE(i.sourceName, std::string("gdal"));
    QCOMPARE(i.driver, std::string("GTiff"));
    QCOMPARE(i.sizeX, 1024);
    QCOMPARE(i.sizeY, 768);
    QCOMPARE(i.bandCount, 3);
    QCOMPARE(i.tileWidth, 256);
    QCOMPARE(int(i.levels.size()), 3);
    QCOMPARE(i.bands[0].interpretation, std::string("red"));
    QVERIFY(i.geospatial);
    // Full-resolution pixels.
    Raster r = s->read({300, 200, 364, 264, 64, 64, {}, 0, Resample::Nearest});
    for (int y = 0; y < 64; y += 9)
        for (int x = 0; x < 64; x += 7)
            for (int b = 0; b < 3; ++b)
                QCOMPARE(r.value(x, y, b), defaultPattern(300 + x, 200 + y, b, DataType::UInt8));
    // A reduced read (served from an overview) has the whole image.
    Raster small = s->read({0, 0, 1024, 768, 256, 192, {1}, 0, Resample::Nearest});
    QCOMPARE(small.width(), 256);
    // A warped read to web mercator: data inside, alpha 255.
    Raster p = s->readProjected(
        {"EPSG:3857", {-500000, -500000, 500000, 500000}, 64, 64, {}, 0, Resample::Nearest});
    QCOMPARE(p.bands(), 4);
    QCOMPARE(p.value(32, 32, 3), 255.0);
    BandStats st = s->statistics(1, 0, true);
    QVERIFY(st.valid);
    QVERIFY(st.max > 200);
    nlohmann::json m = s->internalMetadata();
    QCOMPARE(m["RasterXSize"].get<int>(), 1024);
    QCOMPARE(m["driverShortName"].get<std::string>(), std::string("GTiff"));
    QCOMPARE(m["tiff"]["ImageWidth"].get<int>(), 1024);
    QCOMPARE(m["tiff"]["TileWidth"].get<int>(), 256);
}

void TestS3::openS3() {
    const std::string uri = "s3://test-bucket/tiles/cog.tif";
    QVERIFY(isRemoteUri(uri));
    SourcePtr s;
    try {
        s = openSource(uri);
    } catch (const Error& e) {
        QFAIL(e.what());
    }
    QCOMPARE(s->uri(), uri);
    auto g = std::dynamic_pointer_cast<const GdalSource>(s);
    QVERIFY(g);
    QCOMPARE(g->gdalPath(), std::string("/vsis3/test-bucket/tiles/cog.tif"));
    checkSource(s);
}

void TestS3::openHttp() {
    const std::string uri = server_->url("tiles/cog.tif");
    SourcePtr s;
    try {
        s = openSource(uri);
    } catch (const Error& e) {
        QFAIL(e.what());
    }
    QCOMPARE(std::dynamic_pointer_cast<const GdalSource>(s)->gdalPath(), "/vsicurl/" + uri);
    checkSource(s);
}

void TestS3::remoteErrors() {
    try {
        openSource("s3://test-bucket/tiles/missing.tif");
        QFAIL("a missing object opened");
    } catch (const Error& e) {
        QCOMPARE(e.kind(), ErrorKind::IO);
    }
    try {
        openSource(server_->url("tiles/missing.tif"));
        QFAIL("a missing URL opened");
    } catch (const Error& e) {
        QCOMPARE(e.kind(), ErrorKind::IO);
    }
    try {
        openSource("s3://test-bucket/tiles/readme.txt");
        QFAIL("a text object opened");
    } catch (const Error& e) {
        QCOMPARE(e.kind(), ErrorKind::Unsupported);
        QVERIFY2(
            std::string(e.what()).find("is not an image Tessera can read") != std::string::npos,
            e.what());
    }
}

void TestS3::concurrentRemoteReads() {
    SourcePtr s = openSource("s3://test-bucket/tiles/cog.tif");
    std::atomic<int> bad{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i) {
                const int x = (t * 131 + i * 97) % 900, y = (t * 71 + i * 53) % 700;
                try {
                    Raster r = s->read({double(x),
                                        double(y),
                                        x + 32.0,
                                        y + 32.0,
                                        32,
                                        32,
                                        {2},
                                        0,
                                        Resample::Nearest});
                    if (r.value(31, 31, 0) != defaultPattern(x + 31, y + 31, 1, DataType::UInt8))
                        ++bad;
                } catch (const Error&) {
                    ++bad;
                }
            }
        });
    for (auto& th : threads) th.join();
    QCOMPARE(bad.load(), 0);
}

void TestS3::cleanupTestCase() {
    if (server_) server_->stop();
}

QTEST_GUILESS_MAIN(TestS3)
#include "test_s3.moc"
