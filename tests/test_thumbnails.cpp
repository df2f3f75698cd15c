// LCO-style thumbnails: zscale limits on arrays whose answer is known, the gamma curve, label
// pixels (lower-left only), FITS thumbnails through the Engine (zscale + gamma by default),
// colour composites from three FITS files, the thumbnail disk cache (hit without opening the
// source, miss on change, eviction, corrupt entries, TTL) and the CLI (--label, --rgb).
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "cache/thumbnail_disk_cache.h"
#include "encode/encoder.h"
#include "http/server.h"
#include "service/engine.h"
#include "support/engine_fixtures.h"
#include "support/fits_fixtures.h"
#include "thumb/fits_stretch.h"
#include "thumb/label_text.h"
#include "thumb/lco_thumbnail.h"
#include "thumb/zscale.h"
#include "util/error.h"

using namespace tessera;
using namespace tessera::test;
namespace fs = std::filesystem;

namespace {

// A 40×25 FITS ramp: FITS pixel (i, j) = j * 40 + i, so the 1000 values are 0..999.
double ramp(long i, long j, long) {
    return double(j * 40 + i);
}

Raster floatRaster(int w, int h, const std::function<double(int, int)>& f) {
    Raster r(w, h, 1, DataType::Float32);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) r.setValue(x, y, 0, f(x, y));
    return r;
}

int lcoValue(double v, double lo, double hi, double gamma) {
    const double t = std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
    const long idx = std::lround(t * 4096);  // the stretch's lookup table resolution
    return int(std::lround(255.0 * std::pow(double(idx) / 4096, 1.0 / gamma)));
}

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run runTessera(const QStringList& args, const QString& cacheDir) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TESSERA_THUMBNAIL_CACHE"), cacheDir);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TESSERA_BINARY_DIR "/app/tessera"), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Image readImage(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    Bytes b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return decodeImage(b);
}

}  // namespace

class TestThumbnails : public QObject {
    Q_OBJECT
    std::string dir_;
    std::string ramp_;

  private Q_SLOTS:
    void initTestCase() {
        dir_ = tempDir();
        FitsHduSpec h;
        h.bitpix = FLOAT_IMG;
        h.naxes = {40, 25};
        h.value = ramp;
        ramp_ = writeFits(dir_ + "/ramp.fits", {h});
    }

    void zscaleKnownValues() {
        // A linear ramp: the fitted line has slope 1, slope / contrast reaches past both ends,
        // so the limits are the ramp's range.
        const Raster r = floatRaster(40, 25, [](int x, int y) { return y * 40 + x; });
        StretchRange z = zscaleLimits(r, 0);
        QCOMPARE(z.min, 0.0);
        QCOMPARE(z.max, 999.0);
        // Flat sky with 10 bright stars: the stars are rejected, the slope is 0, both limits are
        // the median.
        const Raster flat =
            floatRaster(40, 25, [](int x, int y) { return y == 12 && x < 10 ? 10000.0 : 50.0; });
        z = zscaleLimits(flat, 0);
        QCOMPARE(z.min, 50.0);
        QCOMPARE(z.max, 50.0);
        // NaN and nodata are not sampled.
        const Raster holes = floatRaster(40, 25, [](int x, int y) {
            if (x == 0) return std::numeric_limits<double>::quiet_NaN();
            if (x == 1) return -999.0;
            return double(y * 40 + x);
        });
        z = zscaleLimits(holes, 0, {}, -999.0);
        QCOMPARE(z.min, 2.0);
        QCOMPARE(z.max, 999.0);
        // More pixels than samples: a stride of 10 over 10000 values, the first 1000 kept.
        const Raster big = floatRaster(100, 100, [](int x, int y) { return y * 100 + x; });
        z = zscaleLimits(big, 0);
        QCOMPARE(z.min, 0.0);
        QCOMPARE(z.max, 9990.0);
    }

    void gammaCurve() {
        const Raster r = floatRaster(6, 1, [](int x, int) {
            const double v[] = {0, 25, 50, 100, 150, std::numeric_limits<double>::quiet_NaN()};
            return v[x];
        });
        Image lin = stretchBand(r, 0, {0, 100}, 1.0);
        QCOMPARE(int(lin.pixels[0]), 0);
        QCOMPARE(int(lin.pixels[1]), 64);  // 63.75
        QCOMPARE(int(lin.pixels[3]), 255);
        QCOMPARE(int(lin.pixels[4]), 255);  // clipped
        QCOMPARE(int(lin.pixels[5]), 0);    // NaN → black
        Image g2 = stretchBand(r, 0, {0, 100}, 2.0);
        QCOMPARE(int(g2.pixels[1]), 128);  // 255 · sqrt(0.25)
        QCOMPARE(int(g2.pixels[2]), 180);  // 255 · sqrt(0.5) = 180.3
        Image g25 = stretchBand(r, 0, {0, 100}, 2.5);
        QCOMPARE(int(g25.pixels[2]), lcoValue(50, 0, 100, 2.5));
        QVERIFY(g25.pixels[2] > lin.pixels[2]);  // gamma > 1 brightens
        QVERIFY_THROWS_EXCEPTION(Error, stretchBand(r, 0, {0, 100}, 0.0));
        // Equal limits are widened by ±1 (fits2image).
        Image eq = stretchBand(r, 0, {50, 50}, 1.0);
        QCOMPARE(int(eq.pixels[2]), 128);
    }

    void labelPixels() {
        Image img(400, 300, 1);
        std::fill(img.pixels.begin(), img.pixels.end(), 128);
        const LabelBox box = drawLabel(img, "Hello LCO");
        QVERIFY(!box.empty());
        QVERIFY(box.x0 < 12 && box.y1 > 285);   // lower-left corner
        QVERIFY(box.x1 < 250 && box.y0 > 200);  // small
        int white = 0, dark = 0, changedOutside = 0;
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x) {
                const int v = img.row(y)[x];
                const bool inside = x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1;
                if (!inside && v != 128) ++changedOutside;
                if (inside && v == 255) ++white;
                if (inside && v < 60) ++dark;
            }
        QCOMPARE(changedOutside, 0);
        QVERIFY2(white > 20, qPrintable(QString::number(white)));
        QVERIFY(dark > 100);
        // RGBA: the box becomes opaque; empty text draws nothing.
        Image rgba(120, 120, 4);
        const LabelBox b2 = drawLabel(rgba, "x");
        QCOMPARE(int(rgba.row(b2.y0)[b2.x0 * 4 + 3]), 255);
        QCOMPARE(int(rgba.row(0)[3]), 0);
        Image none(50, 50, 1);
        QVERIFY(drawLabel(none, "").empty());
        QVERIFY_THROWS_EXCEPTION(Error, drawLabel(none, std::string("\xff\xfe bad")));
    }

    void fitsThumbnailDefaultsToLco() {
        Engine engine;
        ThumbnailRequest r;
        r.image.uri = ramp_;
        Image img = decoded(engine.thumbnail(r));
        QCOMPARE(img.width, 40);  // never enlarged
        QCOMPARE(img.height, 25);
        QCOMPARE(img.channels, 1);
        // zscale of the ramp is 0..999; display row 0 is FITS row 24 (values 960..999).
        QCOMPARE(px(img, 0, 0, 0), lcoValue(960, 0, 999, 2.5));
        QCOMPARE(px(img, 0, 24, 0), 0);
        QCOMPARE(px(img, 20, 12, 0), lcoValue(12 * 40 + 20, 0, 999, 2.5));
        // gamma 1: linear zscale.
        r.gamma = 1.0;
        img = decoded(engine.thumbnail(r));
        QCOMPARE(px(img, 20, 12, 0), lcoValue(12 * 40 + 20, 0, 999, 1.0));
        // A style given: the style wins.
        r.style.styleJson = R"({"band":1,"min":0,"max":1998})";
        img = decoded(engine.thumbnail(r));
        QVERIFY(std::abs(px(img, 0, 0, 0) - 960 * 255 / 1998) <= 1);
        // Label: white pixels in the lower-left only.
        r.style.styleJson.clear();
        r.maxWidth = r.maxHeight = 256;
        r.label = "M13";
        img = decoded(engine.thumbnail(r));
        // The bottom rows are dark (values < 400 → < 180, darker under the box): bright
        // pixels there are the text.
        int bright = 0;
        for (int y = 15; y < 25; ++y)
            for (int x = 0; x < 20; ++x) bright += px(img, x, y, 0) > 180;
        QVERIFY(bright > 3);
        QCOMPARE(px(img, 39, 0, 0), lcoValue(999, 0, 999, 2.5));  // untouched
        // stretch=zscale on a GDAL source (a COG fixture) works too.
        FixtureSpec s;
        s.width = 64;
        s.height = 64;
        s.bands = 1;
        s.type = DataType::UInt16;
        s.overviews = false;
        s.epsg = 0;
        s.value = [](int x, int y, int) { return double(x + 64 * y); };
        ThumbnailRequest g;
        g.image.uri = writeFixture(dir_ + "/gray.tif", s);
        g.stretch = ThumbnailStretch::ZScale;
        img = decoded(engine.thumbnail(g));
        QCOMPARE(img.channels, 1);
        QCOMPARE(px(img, 63, 63, 0), 255);
        QCOMPARE(parseThumbnailStretch("lco"), ThumbnailStretch::ZScale);
        QVERIFY_THROWS_EXCEPTION(Error, parseThumbnailStretch("fancy"));
    }

    void rgbComposite() {
        auto write = [&](const char* name, std::function<double(long, long, long)> f) {
            FitsHduSpec h;
            h.bitpix = FLOAT_IMG;
            h.naxes = {60, 40};
            h.value = std::move(f);
            return writeFits(dir_ + "/" + name, {h});
        };
        // Red grows to the right, green to the top (FITS rows grow upwards), blue to the left.
        RgbThumbnailRequest r;
        r.images[0].uri = write("r.fits", [](long i, long, long) { return double(i); });
        r.images[1].uri = write("g.fits", [](long, long j, long) { return double(j * 10); });
        r.images[2].uri = write("b.fits", [](long i, long, long) { return double(1000 - i); });
        Engine engine;
        Image img = decoded(engine.rgbThumbnail(r));
        QCOMPARE(img.channels, 3);
        QCOMPARE(img.width, 60);
        QCOMPARE(px(img, 0, 20, 0), 0);
        QCOMPARE(px(img, 59, 20, 0), 255);
        QCOMPARE(px(img, 0, 20, 2), 255);
        QCOMPARE(px(img, 59, 20, 2), 0);
        QCOMPARE(px(img, 30, 0, 1), 255);  // top = FITS row 39
        QCOMPARE(px(img, 30, 39, 1), 0);
        // Each channel has its own zscale: red mid-column equals blue mirrored.
        QCOMPARE(px(img, 20, 5, 0), px(img, 39, 5, 2));
        // Different sizes: a clear error.
        RgbThumbnailRequest bad = r;
        bad.images[2].uri = ramp_;
        try {
            engine.rgbThumbnail(bad);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::BadRequest);
            QVERIFY(std::string(e.what()).find("60×40") != std::string::npos);
        }
    }

    void diskCacheHitWithoutOpening() {
        const std::string cacheDir = dir_ + "/cache1";
        EngineConfig config;
        config.thumbnailCacheDir = cacheDir;
        ThumbnailRequest r;
        r.image.uri = ramp_;
        r.label = "cached";
        Bytes first;
        {
            Engine engine(config);
            first = *engine.thumbnail(r).bytes;
            QCOMPARE(engine.thumbnailDiskCache()->stats().writes, std::uint64_t(1));
            QCOMPARE(engine.sourceCache().size(), std::size_t(1));
        }
        {
            Engine engine(config);  // a new process, as a second CLI run
            const Bytes second = *engine.thumbnail(r).bytes;
            QCOMPARE(second, first);
            QCOMPARE(engine.thumbnailDiskCache()->stats().hits, std::uint64_t(1));
            QCOMPARE(engine.sourceCache().size(), std::size_t(0));  // the source was not opened
            // Other parameters miss.
            r.label = "other";
            engine.thumbnail(r);
            QCOMPARE(engine.thumbnailDiskCache()->stats().misses, std::uint64_t(1));
            QCOMPARE(engine.sourceCache().size(), std::size_t(1));
        }
        // Changing the file (size and mtime) changes its identity.
        const auto before = ThumbnailDiskCache::identityOf(ramp_);
        QVERIFY(before && !before->remote);
        const std::string copy = dir_ + "/ramp-copy.fits";
        fs::copy_file(ramp_, copy, fs::copy_options::overwrite_existing);
        const auto a = ThumbnailDiskCache::identityOf(copy);
        fs::last_write_time(copy, fs::last_write_time(copy) + std::chrono::seconds(5));
        const auto b = ThumbnailDiskCache::identityOf(copy);
        QVERIFY(a && b && a->text != b->text);
        QVERIFY(!ThumbnailDiskCache::identityOf(dir_ + "/missing.fits"));
        QVERIFY(ThumbnailDiskCache::identityOf("https://example.com/a.fits")->remote);
        QVERIFY(!ThumbnailDiskCache::defaultDirectory().empty());
    }

    void diskCacheEvictionCorruptAndTtl() {
        ThumbnailDiskCache::Options o;
        o.directory = dir_ + "/cache2";
        o.maxBytes = 4000;
        ThumbnailDiskCache cache(o);
        const ThumbnailDiskCache::Identity id{"file:/x|1|2", false};
        const Bytes payload(900, 7);
        // Five entries, oldest first (explicit mtimes: the LRU order).
        const auto now = fs::file_time_type::clock::now();
        for (int i = 0; i < 4; ++i) {
            cache.put(id, "p" + std::to_string(i), payload);
            fs::last_write_time(cache.entryPath(id, "p" + std::to_string(i)),
                                now - std::chrono::minutes(10 - i));
        }
        QVERIFY(cache.get(id, "p0").has_value());  // a hit touches p0: now the most recent
        cache.put(id, "p4", payload);              // over 4000 bytes: evict the oldest (p1, ...)
        QVERIFY(cache.stats().evictions >= 1);
        QVERIFY(cache.totalBytes() <= o.maxBytes);
        QVERIFY(!cache.get(id, "p1").has_value());
        QVERIFY(cache.get(id, "p0").has_value());
        QVERIFY(cache.get(id, "p4").has_value());
        QCOMPARE(*cache.get(id, "p4"), payload);
        // A corrupt entry (one byte flipped) and a truncated one are ignored and removed.
        const std::string p4 = cache.entryPath(id, "p4");
        {
            std::fstream f(p4, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(40);
            f.put('\x55');
        }
        const auto corruptBefore = cache.stats().corrupt;
        QVERIFY(!cache.get(id, "p4").has_value());
        QCOMPARE(cache.stats().corrupt, corruptBefore + 1);
        QVERIFY(!fs::exists(p4));
        cache.put(id, "p5", payload);
        fs::resize_file(cache.entryPath(id, "p5"), 100);
        QVERIFY(!cache.get(id, "p5").has_value());
        QCOMPARE(cache.stats().corrupt, corruptBefore + 2);
        // Remote entries expire after the TTL.
        ThumbnailDiskCache::Options ttl = o;
        ttl.remoteTtl = std::chrono::seconds(0);
        ThumbnailDiskCache expiring(ttl);
        const ThumbnailDiskCache::Identity remote{"uri:https://example.com/a.fits", true};
        expiring.put(remote, "q", payload);
        QVERIFY(!expiring.get(remote, "q").has_value());
        cache.put(remote, "q", payload);  // default TTL: a day
        QVERIFY(cache.get(remote, "q").has_value());
        cache.clear();
        QCOMPARE(cache.totalBytes(), std::uint64_t(0));
    }

    void server() {
        auto engine = std::make_shared<Engine>();
        http::Server server(engine);
        QCOMPARE(server.registry().add({ramp_, "", ""}), std::string("1"));
        QVERIFY(server.start(QHostAddress(QHostAddress::LocalHost), 0));
        QNetworkAccessManager nam;
        auto get = [&](const QString& pathAndQuery) {
            QString base = server.url().toString();
            if (base.endsWith(QLatin1Char('/'))) base.chop(1);
            QNetworkReply* reply =
                nam.get(QNetworkRequest(QUrl(base + pathAndQuery, QUrl::TolerantMode)));
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(60000, &loop, &QEventLoop::quit);
            loop.exec();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray body = reply->readAll();
            reply->deleteLater();
            return std::make_pair(status, body);
        };
        auto [status, body] =
            get(QStringLiteral("/api/image/1/data/thumbnail.png?label=Hi%20there&gamma=1"));
        QCOMPARE(status, 200);
        const Image img = decodeImage(Bytes(body.begin(), body.end()));
        QCOMPARE(img.width, 40);
        QCOMPARE(px(img, 39, 0, 0), 255);
        QCOMPARE(px(img, 20, 5, 0), lcoValue(19 * 40 + 20, 0, 999, 1.0));  // linear
        int bright = 0;  // the label, bottom-left, where the ramp is dark
        for (int y = 15; y < 25; ++y)
            for (int x = 0; x < 20; ++x) bright += px(img, x, y, 0) > 180;
        QVERIFY(bright > 3);
        QCOMPARE(get(QStringLiteral("/api/image/1/data/thumbnail.png?gamma=0")).first, 400);
        QCOMPARE(get(QStringLiteral("/api/image/1/data/thumbnail.png?stretch=fancy")).first, 400);
        // stretch=style: the default style (gray, min/max auto), not the LCO curve.
        auto styled = get(QStringLiteral("/api/image/1/data/thumbnail.png?stretch=style"));
        QCOMPARE(styled.first, 200);
        QVERIFY(styled.second != get(QStringLiteral("/api/image/1/data/thumbnail.png")).second);
        server.stop();
    }

    void cli() {
        const QString exe = QStringLiteral(TESSERA_BINARY_DIR "/app/tessera");
        QVERIFY2(QFileInfo::exists(exe), "the tessera executable is not built");
        const QString cache = QString::fromStdString(dir_ + "/cli-cache");
        const std::string out = dir_ + "/t.png";
        Run run =
            runTessera({QStringLiteral("thumbnail"), QString::fromStdString(ramp_),
                        QStringLiteral("--label"), QStringLiteral("So many stars"),
                        QStringLiteral("--width"), QStringLiteral("30"), QStringLiteral("--gamma"),
                        QStringLiteral("1"), QStringLiteral("-o"), QString::fromStdString(out)},
                       cache);
        QVERIFY2(run.code == 0, run.err.constData());
        Image img = readImage(out);
        QCOMPARE(img.width, 30);
        QCOMPARE(img.height, 19);
        QVERIFY(QDir(cache).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() >= 1);
        // Second run: same bytes, from the disk cache.
        const std::string out2 = dir_ + "/t2.png";
        run =
            runTessera({QStringLiteral("thumbnail"), QString::fromStdString(ramp_),
                        QStringLiteral("--label"), QStringLiteral("So many stars"),
                        QStringLiteral("--width"), QStringLiteral("30"), QStringLiteral("--gamma"),
                        QStringLiteral("1"), QStringLiteral("-o"), QString::fromStdString(out2)},
                       cache);
        QCOMPARE(run.code, 0);
        QCOMPARE(readImage(out2).pixels, img.pixels);
        // --rgb: three files, one colour image.
        FitsHduSpec h;
        h.bitpix = FLOAT_IMG;
        h.naxes = {40, 25};
        h.value = [](long i, long, long) { return double(i); };
        const std::string x = writeFits(dir_ + "/x.fits", {h});
        const std::string c = dir_ + "/c.jpg";
        run =
            runTessera({QStringLiteral("thumbnail"), QStringLiteral("--rgb"),
                        QString::fromStdString(x), QString::fromStdString(ramp_),
                        QString::fromStdString(x), QStringLiteral("-o"), QString::fromStdString(c)},
                       cache);
        QVERIFY2(run.code == 0, run.err.constData());
        img = readImage(c);
        QCOMPARE(img.channels, 3);
        QCOMPARE(img.width, 40);
        QVERIFY(px(img, 38, 12, 0) > 200 && px(img, 0, 12, 0) < 40);
        // Wrong use: --rgb with one file, or files of different sizes.
        run =
            runTessera({QStringLiteral("thumbnail"), QStringLiteral("--rgb"),
                        QString::fromStdString(x), QStringLiteral("-o"), QString::fromStdString(c)},
                       cache);
        QCOMPARE(run.code, 2);
        const std::string other = writeFits(dir_ + "/other.fits", [] {
            FitsHduSpec o;
            o.naxes = {10, 10};
            return std::vector<FitsHduSpec>{o};
        }());
        run =
            runTessera({QStringLiteral("thumbnail"), QStringLiteral("--rgb"),
                        QString::fromStdString(x), QString::fromStdString(other),
                        QString::fromStdString(x), QStringLiteral("-o"), QString::fromStdString(c)},
                       cache);
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains("same size"));
    }
};

QTEST_GUILESS_MAIN(TestThumbnails)
#include "test_thumbnails.moc"
