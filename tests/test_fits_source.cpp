// FitsSource on fixtures written with cfitsio: sizes, data types (physical values after
// BSCALE/BZERO, the unsigned-16 convention), nulls, frames (extensions and cube planes), tile
// compression (RICE, GZIP, HCOMPRESS equal to the plain file), display orientation (FITS row 1
// at the bottom), reduced reads, the streaming path for large frames, WCS; and the FITS files
// of ../shared/data when present.
#include <QtTest>
#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "geo/fits_wcs.h"
#include "service/engine.h"
#include "source/fits_header.h"
#include "source/fits_source.h"
#include "source/open_source.h"
#include "support/fits_fixtures.h"
#include "support/fixtures.h"
#include "util/error.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;

namespace {

constexpr long kW = 37, kH = 23;

// FITS pixel (i, j) of the plain 16-bit fixture; j = 0 is the first stored (bottom) row.
double plainValue(long i, long j, long p) {
    return double(i * 100 + j * 3 + p * 1000 - 2000);
}

Raster readAll(const Source& s, int frame = 0, int outW = 0, int outH = 0,
               Resample r = Resample::Nearest) {
    ReadWindow w;
    w.x1 = s.info().sizeX;
    w.y1 = s.info().sizeY;
    w.outWidth = outW ? outW : s.info().sizeX;
    w.outHeight = outH ? outH : s.info().sizeY;
    w.frame = frame;
    w.resample = r;
    return s.read(w);
}

std::shared_ptr<const Source> openFits(const std::string& path) {
    return openSource(path);
}

bool sameRaster(const Raster& a, const Raster& b) {
    if (a.width() != b.width() || a.height() != b.height() || a.type() != b.type()) return false;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const double va = a.value(x, y, 0), vb = b.value(x, y, 0);
            if (!(va == vb || (std::isnan(va) && std::isnan(vb)))) return false;
        }
    return true;
}

}  // namespace

class TestFitsSource : public QObject {
    Q_OBJECT
    std::string dir_;
    std::string plain_;

  private Q_SLOTS:
    void initTestCase() {
        dir_ = tempDir();
        FitsHduSpec h;
        h.naxes = {kW, kH};
        h.value = plainValue;
        h.stringKeys = {{"BUNIT", "ADU"}};
        plain_ = writeFits(dir_ + "/plain16.fits", {h});
    }

    void plain16() {
        auto s = openFits(plain_);
        QCOMPARE(s->info().sourceName, std::string("fits"));
        QCOMPARE(s->info().sizeX, int(kW));
        QCOMPARE(s->info().sizeY, int(kH));
        QCOMPARE(s->info().dtype, DataType::Int16);
        QCOMPARE(s->info().bandCount, 1);
        QCOMPARE(s->info().frameCount, 1);
        QVERIFY(s->info().frames.is_null());
        QCOMPARE(s->info().bands[0].units, std::string("ADU"));
        QVERIFY(!s->info().bands[0].nodata);
        const Raster r = readAll(*s);
        // Display row 0 is the last FITS row: display (x, y) = FITS (x, H - 1 - y).
        for (int y = 0; y < kH; ++y)
            for (int x = 0; x < kW; ++x) QCOMPARE(r.value(x, y, 0), plainValue(x, kH - 1 - y, 0));
        QCOMPARE(r.value(0, 0, 0), -2000.0 + (kH - 1) * 3);  // top-left = last stored row
        // A sub-window at full resolution.
        ReadWindow w;
        w.x0 = 5, w.y0 = 7, w.x1 = 15, w.y1 = 10, w.outWidth = 10, w.outHeight = 3;
        const Raster sub = s->read(w);
        QCOMPARE(sub.value(0, 0, 0), plainValue(5, kH - 1 - 7, 0));
        QCOMPARE(sub.value(9, 2, 0), plainValue(14, kH - 1 - 9, 0));
        // Bad frame and band.
        w.frame = 1;
        QVERIFY_THROWS_EXCEPTION(Error, s->read(w));
        w.frame = 0;
        w.bands = {2};
        QVERIFY_THROWS_EXCEPTION(Error, s->read(w));
        // Statistics: exact min/max of the formula.
        const BandStats st = s->statistics(1, 0, false);
        QVERIFY(st.valid);
        QCOMPARE(st.min, -2000.0);
        QCOMPARE(st.max, plainValue(kW - 1, kH - 1, 0));
        // Internal metadata: the header cards.
        const json im = s->internalMetadata();
        QCOMPARE(im["hdus"].size(), std::size_t(1));
        QCOMPARE(im["hdus"][0]["keywords"]["NAXIS1"].get<int>(), int(kW));
        QCOMPARE(im["hdus"][0]["keywords"]["BUNIT"].get<std::string>(), std::string("ADU"));
        QVERIFY(im["hdus"][0]["header"][0].get<std::string>().rfind("SIMPLE  =", 0) == 0);
    }

    void enginePixel() {
        Engine engine;
        PixelRequest p;
        p.image.uri = plain_;
        p.left = 3;
        p.top = 4;
        const json j = engine.pixel(p);
        QCOMPARE(j["bands"]["1"].get<double>(), plainValue(3, kH - 1 - 4, 0));
        const json m = engine.metadata({plain_, "", ""});
        QCOMPARE(m["sizeX"].get<int>(), int(kW));
        QCOMPARE(m["dtype"].get<std::string>(), std::string("int16"));
        QCOMPARE(engine.internalMetadata({plain_, "", ""})["tilesource"].get<std::string>(),
                 std::string("fits"));
    }

    void scaledIntegers() {
        FitsHduSpec h;
        h.naxes = {10, 6};
        h.bscale = 0.5;
        h.bzero = 100.0;
        h.value = [](long i, long j, long) { return 100.0 + 0.5 * double(i * 7 + j - 20); };
        auto s = openFits(writeFits(dir_ + "/bscale.fits", {h}));
        QCOMPARE(s->info().dtype, DataType::Float32);
        const Raster r = readAll(*s);
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 10; ++x)
                QCOMPARE(r.value(x, y, 0), 100.0 + 0.5 * double(x * 7 + (5 - y) - 20));
        QVERIFY(!s->info().bands[0].scale);  // already applied: never scaled twice
    }

    void unsigned16() {
        FitsHduSpec h;
        h.bitpix = USHORT_IMG;
        h.naxes = {8, 5};
        h.value = [](long i, long j, long) { return double(60000 + i * 100 + j); };
        auto s = openFits(writeFits(dir_ + "/u16.fits", {h}));
        QCOMPARE(s->info().dtype, DataType::UInt16);
        const Raster r = readAll(*s);
        QCOMPARE(r.value(7, 0, 0), 60000.0 + 700 + 4);
        QCOMPARE(r.value(0, 4, 0), 60000.0);
    }

    void blankAndNan() {
        FitsHduSpec f;
        f.bitpix = FLOAT_IMG;
        f.naxes = {6, 4};
        f.value = [](long i, long j, long) {
            return i == 2 && j == 1 ? std::numeric_limits<double>::quiet_NaN() : i + j * 0.25;
        };
        auto s = openFits(writeFits(dir_ + "/nan.fits", {f}));
        QCOMPARE(s->info().dtype, DataType::Float32);
        QVERIFY(s->info().bands[0].nodata && std::isnan(*s->info().bands[0].nodata));
        const Raster r = readAll(*s);
        QVERIFY(std::isnan(r.value(2, 4 - 1 - 1, 0)));
        QCOMPARE(r.value(5, 0, 0), 5 + 3 * 0.25);
        const BandStats st = s->statistics(1, 0, false);
        QCOMPARE(st.max, 5 + 3 * 0.25);  // NaN skipped
        // Area average around the NaN ignores it.
        ReadWindow w;
        w.x0 = 2, w.y0 = 2, w.x1 = 4, w.y1 = 4, w.outWidth = 1, w.outHeight = 1;
        w.resample = Resample::Average;
        const Raster avg = s->read(w);
        // Pixels (2,2)=NaN, (3,2)=3+0.25, (2,3)=2+0, (3,3)=3+0: display rows 2,3 = FITS rows 1,0.
        QCOMPARE(avg.value(0, 0, 0), (3.25 + 2.0 + 3.0) / 3.0);

        FitsHduSpec b;
        b.naxes = {4, 3};
        b.blank = -32768;
        b.value = [](long i, long j, long) {
            return i == 1 && j == 2 ? std::numeric_limits<double>::quiet_NaN() : double(i + j);
        };
        auto sb = openFits(writeFits(dir_ + "/blank.fits", {b}));
        QCOMPARE(sb->info().dtype, DataType::Int16);
        QCOMPARE(sb->info().bands[0].nodata.value_or(0), -32768.0);
        QCOMPARE(readAll(*sb).value(1, 0, 0), -32768.0);
        QCOMPARE(sb->statistics(1, 0, false).min, 0.0);  // BLANK excluded
    }

    void multiExtension() {
        FitsHduSpec primary;  // no data
        FitsHduSpec a, b;
        a.naxes = b.naxes = {12, 9};
        a.extname = "SCI";
        b.extname = "ERR";
        a.value = [](long i, long j, long) { return double(i + j * 12); };
        b.value = [](long i, long j, long) { return double(1000 + i + j * 12); };
        auto s = openFits(writeFits(dir_ + "/mef.fits", {primary, a, b}));
        QCOMPARE(s->info().frameCount, 2);
        const json& frames = s->info().frames;
        QCOMPARE(frames.size(), std::size_t(2));
        QCOMPARE(frames[1]["Frame"].get<int>(), 1);
        QCOMPARE(frames[1]["IndexHDU"].get<int>(), 1);
        QCOMPARE(frames[1]["HDU"].get<int>(), 2);
        QCOMPARE(frames[1]["Name"].get<std::string>(), std::string("ERR"));
        QCOMPARE(s->info().extra["IndexRange"]["IndexHDU"].get<int>(), 2);
        QCOMPARE(readAll(*s, 0).value(0, 8, 0), 0.0);
        QCOMPARE(readAll(*s, 1).value(11, 0, 0), 1000.0 + 11 + 8 * 12);
        Engine engine;
        const json fj = engine.frames({s->uri(), "", ""});
        QCOMPARE(fj["frames"].size(), std::size_t(2));
        PixelRequest p;
        p.image.uri = s->uri();
        p.style.frame = 1;
        QCOMPARE(engine.pixel(p)["bands"]["1"].get<double>(), 1000.0 + 8 * 12);
    }

    void cube() {
        FitsHduSpec c;
        c.bitpix = LONG_IMG;
        c.naxes = {5, 4, 3};
        c.value = plainValue;
        auto s = openFits(writeFits(dir_ + "/cube.fits", {c}));
        QCOMPARE(s->info().dtype, DataType::Int32);
        QCOMPARE(s->info().frameCount, 3);
        QCOMPARE(s->info().frames[2]["IndexPlane"].get<int>(), 2);
        QCOMPARE(s->info().extra["IndexRange"]["IndexPlane"].get<int>(), 3);
        for (int p = 0; p < 3; ++p) QCOMPARE(readAll(*s, p).value(4, 0, 0), plainValue(4, 3, p));
    }

    void compressedEqualsPlain_data() {
        QTest::addColumn<int>("type");
        QTest::newRow("RICE_1") << int(RICE_1);
        QTest::newRow("GZIP_1") << int(GZIP_1);
        QTest::newRow("HCOMPRESS_1") << int(HCOMPRESS_1);
    }
    void compressedEqualsPlain() {
        QFETCH(int, type);
        FitsHduSpec h;
        h.naxes = {kW, kH};
        h.value = plainValue;
        h.compression = type;
        const std::string path = dir_ + "/comp" + std::to_string(type) + ".fits";
        auto c = openFits(writeFits(path, {h}));
        auto p = openFits(plain_);
        QCOMPARE(c->info().sizeX, int(kW));
        QCOMPARE(c->info().dtype, DataType::Int16);
        QCOMPARE(c->info().frameCount, 1);  // the empty primary is no frame
        QVERIFY(sameRaster(readAll(*c), readAll(*p)));
        QVERIFY(sameRaster(readAll(*c, 0, 9, 6, Resample::Average),
                           readAll(*p, 0, 9, 6, Resample::Average)));
        const json im = c->internalMetadata();
        QCOMPARE(im["hdus"][1]["type"].get<std::string>(), std::string("COMPRESSED_IMAGE"));
        QCOMPARE(im["hdus"][1]["keywords"]["NAXIS1"].get<int>(), int(kW));  // image header
    }

    void reducedReads() {
        // 64×32 with value = x + 1000 * (display y / 2): 2×2 averages are exact.
        FitsHduSpec h;
        h.bitpix = FLOAT_IMG;
        h.naxes = {64, 32};
        h.value = [](long i, long j, long) { return double(i + 1000 * ((31 - j) / 2)); };
        auto s = openFits(writeFits(dir_ + "/ramp.fits", {h}));
        const Raster avg = readAll(*s, 0, 32, 16, Resample::Average);
        for (int y = 0; y < 16; ++y)
            for (int x = 0; x < 32; ++x) QCOMPARE(avg.value(x, y, 0), 2 * x + 0.5 + 1000.0 * y);
        const Raster nn = readAll(*s, 0, 16, 8, Resample::Nearest);
        // Nearest: the pixel under the output centre, x = 4i + 2, y = 4j + 2.
        QCOMPARE(nn.value(3, 5, 0), 14.0 + 1000.0 * 11);
        const Raster bl = readAll(*s, 0, 128, 64, Resample::Bilinear);  // enlarge 2×
        QCOMPARE(bl.value(0, 0, 0), 0.0);                               // clamped edge
        QCOMPARE(bl.value(3, 0, 0), 1.25);  // centre 1.75 - 0.5 = 1.25 between x 1 and 2
        // Windows partly outside the image: outside stays 0, inside is read.
        ReadWindow w;
        w.x0 = -16, w.y0 = 0, w.x1 = 16, w.y1 = 32, w.outWidth = 32, w.outHeight = 32;
        const Raster part = s->read(w);
        QCOMPARE(part.value(0, 0, 0), 0.0);
        QCOMPARE(part.value(20, 0, 0), 4.0);
    }

    void streamingMatchesCached() {
        // The same file read whole-frame-cached and streamed by row spans.
        FitsHduSpec h;
        h.bitpix = FLOAT_IMG;
        h.naxes = {301, 257};
        h.value = [](long i, long j, long) { return std::sin(i * 0.1) * 100 + j * 0.5; };
        const std::string path = writeFits(dir_ + "/stream.fits", {h});
        auto cached = FitsSource::open(path, path);
        auto streamed = FitsSource::open(path, path);
        streamed->setMaxCachedFrameBytes(0);
        for (Resample r :
             {Resample::Nearest, Resample::Average, Resample::Bilinear, Resample::Cubic}) {
            for (auto [ow, oh] : {std::pair{301, 257}, {100, 80}, {37, 300}, {17, 9}}) {
                ReadWindow w;
                w.x0 = 3.5, w.y0 = 1.25, w.x1 = 290, w.y1 = 250;
                w.outWidth = ow, w.outHeight = oh, w.resample = r;
                QVERIFY(sameRaster(cached->read(w), streamed->read(w)));
            }
        }
        QCOMPARE(streamed->cachedFrames(), std::size_t(0));
        QCOMPARE(cached->cachedFrames(), std::size_t(1));
        QCOMPARE(streamed->statistics(1, 0, false).max, cached->statistics(1, 0, false).max);
    }

    void wcs() {
        FitsHduSpec h;
        h.naxes = {100, 80};
        h.value = plainValue;
        h.stringKeys = {{"CTYPE1", "RA---TAN"}, {"CTYPE2", "DEC--TAN"}, {"RADESYS", "ICRS"}};
        h.numberKeys = {{"CRVAL1", 150.0}, {"CRVAL2", 2.5},    {"CRPIX1", 50.5},
                        {"CRPIX2", 40.5},  {"CDELT1", -0.001}, {"CDELT2", 0.001}};
        auto s = openFits(writeFits(dir_ + "/wcs.fits", {h}));
        QVERIFY(s->info().extra.contains("wcs"));
        QCOMPARE(s->info().extra["wcs"]["projection"].get<std::string>(), std::string("TAN"));
        auto wcs = FitsWcs::fromSourceInfo(s->info());
        QVERIFY(wcs.has_value());
        QVERIFY(wcs->equatorial());
        QCOMPARE(wcs->system(), std::string("ICRS"));
        auto ref = wcs->pixelToWorld(50.5, 40.5);
        QVERIFY(ref.has_value());
        QVERIFY(std::abs(ref->lng - 150.0) < 1e-9 && std::abs(ref->lat - 2.5) < 1e-9);
        // Display: FITS (50.5, 40.5) is display x 50, y 80 - 40.5 + 0.5 = 40.
        auto d = wcs->displayToWorld(50.0, 40.0);
        QVERIFY(d && std::abs(d->lng - 150.0) < 1e-9 && std::abs(d->lat - 2.5) < 1e-9);
        // One display row up (smaller y) is north: larger Dec; one column right is east-negative.
        auto up = wcs->displayToWorld(50.0, 39.0);
        QVERIFY(up && up->lat > 2.5);
        auto right = wcs->displayToWorld(51.0, 40.0);
        QVERIFY(right && right->lng < 150.0);
        auto back = wcs->worldToDisplay(right->lng, right->lat);
        QVERIFY(back && std::abs(back->x - 51.0) < 1e-6 && std::abs(back->y - 40.0) < 1e-6);
        QCOMPARE(FitsWcs::formatHours(150.0), std::string("10:00:00.00"));
        QCOMPARE(FitsWcs::formatDegrees(-2.5), std::string("-02:30:00.0"));
        QCOMPARE(FitsWcs::formatHours(359.99999999), std::string("00:00:00.00"));
        // No celestial axes: no WCS.
        auto plain = openFits(plain_);
        QVERIFY(!plain->info().extra.contains("wcs"));
        QVERIFY(!FitsWcs::fromSourceInfo(plain->info()));
    }

    void headerParsing() {
        const std::string card =
            "OBJECT  = 'M13 ''core'''          / target                                         ";
        QCOMPARE(fitsCardValue(card).get<std::string>(), std::string("M13 'core'"));
        QCOMPARE(fitsCardValue("EXPTIME =                 1.5D2").get<double>(), 150.0);
        QCOMPARE(fitsCardValue("SIMPLE  =                    T").get<bool>(), true);
        QVERIFY(fitsCardValue("COMMENT hello").is_null());
        QVERIFY(fitsCardValue("garbage \x01\x02").is_null() ||
                fitsCardValue("garbage \x01\x02").is_string());
    }

    void notFits() {
        const std::string path = dir_ + "/not.fits";
        {
            std::FILE* f = std::fopen(path.c_str(), "wb");
            std::fputs("SIMPLE  = this is not a real header", f);
            std::fclose(f);
        }
        QVERIFY(FitsSource::looksLikeFits(path));
        QVERIFY_THROWS_EXCEPTION(Error, FitsSource::open(path, path));
        OpenOptions forced;
        forced.sourceName = "fits";
        try {
            openSource(path, forced);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Unsupported);
        }
        // A FITS file with a table only has no image.
        QVERIFY(!FitsSource::looksLikeFits(plain_ + ".missing"));
    }

    // ../shared/data/fits (QSKIP when absent).
    void sharedFiles() {
        const auto files = sharedDataFiles("fits", {".fits"});
        if (files.empty()) QSKIP("shared data not available");
        for (const std::string& f : files) {
            SourcePtr s;
            try {
                s = openSource(f);
            } catch (const Error& e) {
                QFAIL(qPrintable(QString::fromStdString(f + ": " + e.what())));
            }
            QCOMPARE(s->info().sourceName, std::string("fits"));
            const Raster r = readAll(*s, 0, std::min(64, s->info().sizeX),
                                     std::min(64, s->info().sizeY), Resample::Average);
            QVERIFY(!r.empty());
        }
        const std::string d = sharedDataDir() + "/fits/";
        // m13 and its RICE copy: identical pixels.
        auto m13 = openSource(d + "m13.fits");
        auto rice = openSource(d + "m13_rice.fits");
        QCOMPARE(m13->info().sizeX, 300);
        QCOMPARE(rice->info().frameCount, 1);
        QVERIFY(sameRaster(readAll(*m13), readAll(*rice)));
        const BandStats ms = m13->statistics(1, 0, false);
        QCOMPARE(ms.min, 109.0);
        QCOMPARE(ms.max, 3618.0);
        QVERIFY(m13->info().extra.contains("wcs"));
        auto wcs = FitsWcs::fromSourceInfo(m13->info());
        QVERIFY(wcs && wcs->equatorial());
        // scale.fits: physical float values (GDAL 3.6 truncates them to Int16).
        auto scale = openSource(d + "scale.fits");
        QCOMPARE(scale->info().dtype, DataType::Float32);
        const BandStats ss = scale->statistics(1, 0, false);
        QVERIFY2(std::abs(ss.min - 491.88) < 0.01, qPrintable(QString::number(ss.min)));
        QVERIFY2(std::abs(ss.max - 2726.6) < 0.05, qPrintable(QString::number(ss.max)));
        QVERIFY(ss.min != std::floor(ss.min) || ss.max != std::floor(ss.max));
        // fixed-1890: unsigned 16, every pixel 1890.
        auto fixed = openSource(d + "fixed-1890.fits");
        QCOMPARE(fixed->info().dtype, DataType::UInt16);
        const BandStats fs = fixed->statistics(1, 0, false);
        QCOMPARE(fs.min, 1890.0);
        QCOMPARE(fs.max, 1890.0);
        // test0.fits (crashes GDAL): 4 SCI extensions of 40×40.
        auto t0 = openSource(d + "test0.fits");
        QCOMPARE(t0->info().frameCount, 4);
        QCOMPARE(t0->info().sizeX, 40);
        QCOMPARE(t0->info().sizeY, 40);
        QCOMPARE(t0->info().frames[3]["Name"].get<std::string>(), std::string("SCI"));
        QVERIFY(t0->info().extra.contains("wcs"));  // TAN in extensions 2-4
        // arange.fits: np.arange(770).reshape(7, 10, 11), 7 planes, except the astropy test
        // file's one edited element: [0, 1, 2] is 10 (not 13).
        auto ar = openSource(d + "arange.fits");
        QCOMPARE(ar->info().frameCount, 7);
        QCOMPARE(ar->info().sizeX, 11);
        QCOMPARE(ar->info().sizeY, 10);
        for (int p : {0, 3, 6}) {
            const Raster r = readAll(*ar, p);
            for (int y = 0; y < 10; ++y)
                for (int x = 0; x < 11; ++x)
                    QCOMPARE(r.value(x, y, 0), p == 0 && x == 2 && y == 8
                                                   ? 10.0
                                                   : double(p * 110 + (9 - y) * 11 + x));
        }
        // WFPC2: a 4-plane float cube with a CD-matrix WCS.
        auto wf = openSource(d + "WFPC2u5780205r_c0fx.fits");
        QCOMPARE(wf->info().frameCount, 4);
        QCOMPARE(wf->info().dtype, DataType::Float32);
        // AZP projection through WCSLIB.
        auto azp = openSource(d + "1904-66_AZP.fits");
        auto azw = FitsWcs::fromSourceInfo(azp->info());
        QVERIFY(azw.has_value());
        QCOMPARE(azw->projection(), std::string("AZP"));
        QVERIFY(azw->displayToWorld(96, 96).has_value());
        // --source gdal still forces GDAL.
        OpenOptions gdal;
        gdal.sourceName = "gdal";
        QCOMPARE(openSource(d + "m13.fits", gdal)->info().sourceName, std::string("gdal"));
    }
};

QTEST_GUILESS_MAIN(TestFitsSource)
#include "test_fits_source.moc"
