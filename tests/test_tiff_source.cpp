// TiffSource (libtiff) on pyramids the test writes itself — multi-IFD and SubIFD, BigTIFF,
// JPEG (YCbCr and RGB) / LZW / DEFLATE / ZSTD tiles, an odd-size pyramid with a missing level,
// Orientation 6, an Aperio-style slide with thumbnail/label/macro — checking sizes, levels, tile
// size, pixel values against what was written, JPEG passthrough bytes and pixels, associated
// images, auto-selection against GDAL; the shared WSI files against GDAL's reading; and
// info/images plus a passthrough tile over HTTP.
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <gdal_priv.h>
#include <tiffio.h>

#include "encode/encoder.h"
#include "http/server.h"
#include "source/open_source.h"
#include "source/tiff_source.h"
#include "support/engine_fixtures.h"
#include "support/tiff_fixtures.h"
#include "util/error.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;

namespace {

template <typename F>
ErrorKind errorKindOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.kind();
    }
    return ErrorKind::Internal;
}

ImageRef imgRef(const std::string& path, const std::string& source = {}) {
    ImageRef r;
    r.uri = path;
    r.sourceName = source;
    return r;
}

SourcePtr openTiff(const std::string& path) {
    OpenOptions o;
    o.sourceName = "tiff";
    return openSource(path, o);
}

Raster readWindow(const Source& s, double x0, double y0, double x1, double y1, int w, int h) {
    ReadWindow rw;
    rw.x0 = x0, rw.y0 = y0, rw.x1 = x1, rw.y1 = y1;
    rw.outWidth = w;
    rw.outHeight = h;
    return s.read(rw);
}

// The largest absolute difference between a raster and expected(x, y, b).
template <typename F>
int maxDiff(const Raster& r, F&& expected) {
    int worst = 0;
    for (int b = 0; b < r.bands(); ++b)
        for (int y = 0; y < r.height(); ++y)
            for (int x = 0; x < r.width(); ++x)
                worst = std::max(worst, int(std::abs(r.value(x, y, b) - expected(x, y, b))));
    return worst;
}

// Raw JPEG tile i of the IFD at ifdOffset, and the IFD's JPEGTables, read directly.
std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>> rawJpeg(const std::string& path,
                                                                        int dir, int tile) {
    TIFF* tif = TIFFOpen(path.c_str(), "r");
    std::vector<std::uint8_t> raw, tables;
    if (!tif) return {};
    TIFFSetDirectory(tif, tdir_t(dir));
    const auto n = TIFFGetStrileByteCount(tif, std::uint32_t(tile));
    raw.resize(n);
    TIFFReadRawTile(tif, std::uint32_t(tile), raw.data(), tmsize_t(n));
    std::uint32_t count = 0;
    void* t = nullptr;
    if (TIFFGetField(tif, TIFFTAG_JPEGTABLES, &count, &t) && t) {
        auto* p = static_cast<const std::uint8_t*>(t);
        tables.assign(p, p + count);
    }
    TIFFClose(tif);
    return {raw, tables};
}

// GDAL's reading (band-sequential doubles) of a window of the full-resolution image.
std::vector<double> gdalWindow(const std::string& path, int x0, int y0, int w, int h, int bands) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    std::vector<double> out(std::size_t(w) * h * bands);
    if (!ds) return {};
    std::vector<int> list;
    for (int b = 1; b <= bands; ++b) list.push_back(b);
    if (ds->RasterIO(GF_Read, x0, y0, w, h, out.data(), w, h, GDT_Float64, bands, list.data(), 0, 0,
                     0, nullptr) != CE_None)
        return {};
    return out;
}

int manifestLevels(int w, int h, int tw, int th) {
    const double r = std::max(double(w) / tw, double(h) / th);
    return std::max(0, int(std::ceil(std::log2(r)))) + 1;
}

const char* kAperioDesc =
    "Aperio Image Library v10.0.50\r\n2048x1536 [0,100 2048x1536] (240x240) JPEG/RGB "
    "Q=70|AppMag = 20|StripeWidth = 992|ScanScope ID = TEST|MPP = 0.4990|Filename = fixture";

}  // namespace

class TestTiffSource : public QObject {
    Q_OBJECT

    std::string dir_;
    std::string multi_, sub_, big_, jpegYcc_, jpegRgb_, odd_, orient_, svs_, strips_, geo_;
    TiffPyramidSpec multiSpec_, subSpec_, bigSpec_, yccSpec_, rgbSpec_, oddSpec_, orientSpec_,
        svsSpec_, stripSpec_;
    std::shared_ptr<Engine> engine_ = std::make_shared<Engine>();

  private Q_SLOTS:
    void initTestCase() {
        dir_ = tempDir();
        multiSpec_ = {};  // 1000×700 RGB LZW, 256² tiles, 3 levels
        multi_ = writeTiffPyramid(dir_ + "/multi.tif", multiSpec_);

        subSpec_.samples = 1;
        subSpec_.bits = 16;
        subSpec_.compression = COMPRESSION_ADOBE_DEFLATE;
        subSpec_.subIfds = true;
        subSpec_.width = 900;
        subSpec_.height = 600;
        subSpec_.tileWidth = subSpec_.tileHeight = 128;
        subSpec_.levels = 4;
        sub_ = writeTiffPyramid(dir_ + "/subifd.tif", subSpec_);

        bigSpec_.samples = 4;
        bigSpec_.compression = 50000;  // ZSTD
        bigSpec_.bigTiff = true;
        bigSpec_.width = 640;
        bigSpec_.height = 480;
        bigSpec_.levels = 2;
        big_ = writeTiffPyramid(dir_ + "/big.tif", bigSpec_);

        yccSpec_.compression = COMPRESSION_JPEG;
        yccSpec_.ycbcr = true;
        yccSpec_.width = 1024;
        yccSpec_.height = 768;
        jpegYcc_ = writeTiffPyramid(dir_ + "/ycc.tif", yccSpec_);

        rgbSpec_.compression = COMPRESSION_JPEG;
        rgbSpec_.tileWidth = rgbSpec_.tileHeight = 240;
        rgbSpec_.width = 1000;
        rgbSpec_.height = 500;
        jpegRgb_ = writeTiffPyramid(dir_ + "/rgbjpeg.tif", rgbSpec_);

        oddSpec_.width = 1001;
        oddSpec_.height = 703;
        oddSpec_.levels = 4;
        oddSpec_.skipLevels = {1};
        oddSpec_.tileWidth = oddSpec_.tileHeight = 64;
        oddSpec_.compression = COMPRESSION_ADOBE_DEFLATE;
        odd_ = writeTiffPyramid(dir_ + "/odd.tif", oddSpec_);

        orientSpec_.samples = 1;
        orientSpec_.width = 120;
        orientSpec_.height = 180;
        orientSpec_.tileWidth = orientSpec_.tileHeight = 64;
        orientSpec_.levels = 1;
        orientSpec_.orientation = 6;
        orientSpec_.value = [](int x, int y, int) { return (x * 2 + y) % 256; };
        orient_ = writeTiffPyramid(dir_ + "/orient6.tif", orientSpec_);

        svsSpec_.compression = COMPRESSION_JPEG;
        svsSpec_.width = 2048;
        svsSpec_.height = 1536;
        svsSpec_.tileWidth = svsSpec_.tileHeight = 240;
        svsSpec_.levels = 3;
        svsSpec_.skipLevels = {1};
        svsSpec_.description = kAperioDesc;
        svsSpec_.associatedAfterLevel0 = {
            {"Aperio Image Library v10.0.50\r\n2048x1536 -> 256x192 - |AppMag = 20", 256, 192, 0,
             COMPRESSION_JPEG}};
        svsSpec_.associatedAtEnd = {
            {"Aperio Image Library v10.0.50\nlabel 120x80", 120, 80, 1, COMPRESSION_LZW},
            {"Aperio Image Library v10.0.50\nmacro 300x100", 300, 100, 9, COMPRESSION_JPEG}};
        svs_ = writeTiffPyramid(dir_ + "/slide.svs", svsSpec_);

        stripSpec_.stripped = true;
        stripSpec_.width = 300;
        stripSpec_.height = 200;
        stripSpec_.xResolution = 20000;  // 0.5 µm pixels
        strips_ = writeTiffPyramid(dir_ + "/strips.tif", stripSpec_);

        FixtureSpec g;  // georeferenced tiled GeoTIFF written by GDAL
        g.width = 512;
        g.height = 512;
        g.format = "GTiff";
        g.tiled = true;
        g.interpretations = {"red", "green", "blue"};
        geo_ = writeFixture(dir_ + "/geo.tif", g);
    }

    void multiIfdPyramid() {
        SourcePtr s = openSource(multi_);
        const SourceInfo& i = s->info();
        QCOMPARE(i.sourceName, std::string("tiff"));
        QCOMPARE(i.sizeX, 1000);
        QCOMPARE(i.sizeY, 700);
        QCOMPARE(i.tileWidth, 256);
        QCOMPARE(i.bandCount, 3);
        QCOMPARE(int(i.dtype), int(DataType::UInt8));
        QCOMPARE(int(i.levels.size()), 3);
        QCOMPARE(i.levels[1].width, 500);
        QCOMPARE(i.levels[2].height, 175);
        QCOMPARE(i.bands[0].interpretation, std::string("red"));
        // Full resolution, 1:1.
        Raster r = readWindow(*s, 300, 200, 364, 250, 64, 50);
        QCOMPARE(
            maxDiff(r, [&](int x, int y,
                           int b) { return tiffExpected(multiSpec_, 0, 300 + x, 200 + y, b); }),
            0);
        // Downsample 2 and 4 read the native levels exactly.
        for (int k : {1, 2}) {
            const int w = tiffLevelSize(1000, k), h = tiffLevelSize(700, k);
            r = readWindow(*s, 0, 0, w << k, h << k, w, h);
            QCOMPARE(maxDiff(r, [&](int x, int y,
                                    int b) { return tiffExpected(multiSpec_, k, x, y, b); }),
                     0);
        }
        // Downsample 8: synthesised from level 2 (nearest: level-2 pixel 2i+1).
        r = readWindow(*s, 0, 0, 1000, 696, 125, 87);
        QCOMPARE(
            maxDiff(r, [&](int x, int y,
                           int b) { return tiffExpected(multiSpec_, 2, 2 * x + 1, 2 * y + 1, b); }),
            0);
        // Engine: levels from the native tile size, tiles of 256.
        json m = engine_->metadata(imgRef(multi_));
        QCOMPARE(m["levels"].get<int>(), 3);
        QCOMPARE(m["tileWidth"].get<int>(), 256);
        QVERIFY(m["magnification"].is_null());
        QCOMPARE(errorKindOf([&] { readWindow(*s, 2000, 0, 2100, 10, 10, 1); }),
                 ErrorKind::BadRequest);
        ReadWindow bad;
        bad.x1 = 10, bad.y1 = 10, bad.outWidth = 10, bad.outHeight = 10, bad.bands = {4};
        QCOMPARE(errorKindOf([&] { s->read(bad); }), ErrorKind::BadRequest);
    }

    void subIfdPyramid16() {
        SourcePtr s = openSource(sub_);
        const SourceInfo& i = s->info();
        QCOMPARE(i.sourceName, std::string("tiff"));
        QCOMPARE(int(i.dtype), int(DataType::UInt16));
        QCOMPARE(i.bandCount, 1);
        QCOMPARE(int(i.levels.size()), 4);
        QCOMPARE(i.levels[3].width, 112);
        QCOMPARE(i.tileWidth, 128);
        QCOMPARE(i.bands[0].interpretation, std::string("gray"));
        for (int k = 0; k < 4; ++k) {
            const int w = tiffLevelSize(900, k), h = tiffLevelSize(600, k);
            Raster r = readWindow(*s, 0, 0, w << k, h << k, w, h);
            QCOMPARE(
                maxDiff(r, [&](int x, int y, int b) { return tiffExpected(subSpec_, k, x, y, b); }),
                0);
        }
        // 900×600 in 128² tiles: ceil(log2(7.03)) + 1 = 4 levels.
        QCOMPARE(engine_->tilesMetadata(imgRef(sub_))["levels"].get<int>(), 4);
        QCOMPARE(engine_->tilesMetadata(imgRef(sub_))["tile_size"].get<int>(), 128);
        json internal = engine_->internalMetadata(imgRef(sub_));
        QCOMPARE(internal["tilesource"].get<std::string>(), std::string("tiff"));
        QVERIFY(internal["ifds"].size() >= 4);
        QCOMPARE(internal["ifds"][1]["subIfdOf"].get<int>(), 0);
    }

    void bigTiffZstdRgba() {
        SourcePtr s = openSource(big_);
        const SourceInfo& i = s->info();
        QCOMPARE(i.bandCount, 4);
        QCOMPARE(i.bands[3].interpretation, std::string("alpha"));
        QCOMPARE(int(i.levels.size()), 2);
        Raster r = readWindow(*s, 100, 50, 400, 350, 300, 300);
        QCOMPARE(maxDiff(r, [&](int x, int y,
                                int b) { return tiffExpected(bigSpec_, 0, 100 + x, 50 + y, b); }),
                 0);
    }

    void webpLossless() {
        TiffPyramidSpec w;
        w.compression = COMPRESSION_WEBP;
        w.width = 600;
        w.height = 400;
        w.levels = 2;
        const std::string path = writeTiffPyramid(dir_ + "/webp.tif", w);
        SourcePtr s = openSource(path);
        QCOMPARE(s->info().sourceName, std::string("tiff"));
        QCOMPARE(int(s->info().levels.size()), 2);
        Raster r = readWindow(*s, 0, 0, 600, 400, 300, 200);
        QCOMPARE(maxDiff(r, [&](int x, int y, int b) { return tiffExpected(w, 1, x, y, b); }), 0);
    }

    void concurrentReads() {
        SourcePtr s = openSource(multi_);
        std::atomic<int> bad{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 6; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 40; ++i) {
                    const int x0 = (t * 97 + i * 53) % 900, y0 = (t * 31 + i * 71) % 600;
                    const int k = i % 3;  // full resolution, 2× and 4×
                    const int f = 1 << k;
                    Raster r = readWindow(*s, x0, y0, x0 + 64 * f, y0 + 64 * f, 64, 64);
                    for (int y = 0; y < 64; y += 7)
                        for (int x = 0; x < 64; x += 7) {
                            const int sx = x0 + x * f + f / 2, sy = y0 + y * f + f / 2;
                            if (sx >= 1000 || sy >= 700) continue;
                            if (int(r.value(x, y, 1)) !=
                                tiffExpected(multiSpec_, k, sx / f, sy / f, 1))
                                ++bad;
                        }
                }
            });
        for (auto& th : threads) th.join();
        QCOMPARE(bad.load(), 0);
    }

    void jpegYcbcrAndPassthrough() {
        SourcePtr s = openSource(jpegYcc_);
        QCOMPARE(s->info().sourceName, std::string("tiff"));
        // Level 1 (512×384), interior: JPEG within a small tolerance of the written blocks,
        // away from block edges.
        Raster r = readWindow(*s, 0, 0, 1024, 768, 512, 384);
        int worst = 0;
        for (int y = 4; y < 384; y += 16)
            for (int x = 4; x < 512; x += 16)
                if ((x % 16) > 2 && (y % 16) > 2)
                    for (int b = 0; b < 3; ++b)
                        worst = std::max(worst, int(std::abs(r.value(x, y, b) -
                                                             tiffExpected(yccSpec_, 1, x, y, b))));
        QVERIFY2(worst <= 12, qPrintable(QString::number(worst)));

        // Passthrough bytes: SOI + tables without SOI/EOI + the tile after its SOI.
        auto raw = s->rawTile(1, 1, 0, 0);
        QVERIFY(raw.has_value());
        auto [frame, tables] = rawJpeg(jpegYcc_, 1, 1);
        QVERIFY(frame.size() > 4 && tables.size() > 4);
        std::vector<std::uint8_t> expect{0xff, 0xd8};
        expect.insert(expect.end(), tables.begin() + 2, tables.end() - 2);
        expect.insert(expect.end(), frame.begin() + 2, frame.end());
        QCOMPARE(raw->size(), expect.size());
        QVERIFY(*raw == expect);
        // It decodes to the decode path's pixels (same data, different decoder).
        Image img = decodeImage(*raw);
        QCOMPARE(img.width, 256);
        QCOMPARE(img.channels, 3);
        Raster tile = readWindow(*s, 512, 0, 1024, 512, 256, 256);
        int d = 0;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x)
                for (int b = 0; b < 3; ++b)
                    d = std::max(d, std::abs(px(img, x, y, b) - int(tile.value(x, y, b))));
        QVERIFY2(d <= 3, qPrintable(QString::number(d)));

        // Through the Engine: the default-style JPEG tile is the stored tile.
        TileRequest t;
        t.image = imgRef(jpegYcc_);
        t.z = 1, t.x = 1, t.y = 0;
        t.encoding = Encoding::JPEG;
        Encoded e = engine_->tile(t);
        QVERIFY(*e.bytes == *raw);
        QCOMPARE(e.mimeType, std::string("image/jpeg"));
        // A style forces the decode path; PNG too.
        t.z = 1, t.x = 1, t.y = 0;
        t.style.styleJson = R"({"bands":[{"band":1,"palette":["#000","#f00"]}]})";
        QVERIFY(*engine_->tile(t).bytes != *raw);
        t.style.styleJson.clear();
        t.encoding = Encoding::PNG;
        Image png = decoded(engine_->tile(t));
        QCOMPARE(png.width, 256);
        d = 0;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x)
                for (int b = 0; b < 3; ++b)
                    d = std::max(d, std::abs(px(img, x, y, b) - px(png, x, y, b)));
        QVERIFY2(d <= 3, qPrintable(QString::number(d)));
        // z = 0 is synthesised (no native 1024-downsampled level... 3 levels: z0 = level 2).
        QCOMPARE(engine_->metadata(imgRef(jpegYcc_))["levels"].get<int>(), 3);
    }

    void jpegRgbComponentIds() {
        SourcePtr s = openSource(jpegRgb_);
        QCOMPARE(s->info().tileWidth, 240);
        auto raw = s->rawTile(0, 2, 1, 0);
        QVERIFY(raw.has_value());
        // The SOF's component ids became 'R', 'G', 'B'.
        std::size_t sof = 0;
        for (std::size_t i = 0; i + 1 < raw->size(); ++i)
            if ((*raw)[i] == 0xff && (*raw)[i + 1] == 0xc0) {
                sof = i;
                break;
            }
        QVERIFY(sof > 0);
        QCOMPARE(int((*raw)[sof + 10]), int('R'));
        QCOMPARE(int((*raw)[sof + 13]), int('G'));
        QCOMPARE(int((*raw)[sof + 16]), int('B'));
        Image img = decodeImage(*raw);
        Raster tile = readWindow(*s, 480, 240, 720, 480, 240, 240);
        int d = 0;
        for (int y = 0; y < 240; ++y)
            for (int x = 0; x < 240; ++x)
                for (int b = 0; b < 3; ++b)
                    d = std::max(d, std::abs(px(img, x, y, b) - int(tile.value(x, y, b))));
        QVERIFY2(d <= 3, qPrintable(QString::number(d)));
        // 1000×500 in 240² tiles: ceil(log2(4.17)) + 1 = 4 levels; tiles of 240.
        json tm = engine_->tilesMetadata(imgRef(jpegRgb_));
        QCOMPARE(tm["tile_size"].get<int>(), 240);
        QCOMPARE(tm["levels"].get<int>(), 4);
        TileRequest t;
        t.image = imgRef(jpegRgb_);
        t.z = 3, t.x = 2, t.y = 1;
        t.encoding = Encoding::PNG;
        Image png = decoded(engine_->tile(t));
        QCOMPARE(png.width, 240);
        QCOMPARE(png.height, 240);
        // Edge tile (x 4 covers 960..1000) passes through as stored; edge=crop decodes to 40 px.
        t.encoding = Encoding::JPEG;
        t.z = 3, t.x = 4, t.y = 2;
        QVERIFY(*engine_->tile(t).bytes == *s->rawTile(0, 4, 2, 0));
        t.edgeCrop = true;
        Image cropped = decoded(engine_->tile(t));
        QCOMPARE(cropped.width, 40);
        QCOMPARE(cropped.height, 20);
        // Not a passthrough source: LZW tiles have no raw JPEG.
        QVERIFY(!openSource(multi_)->rawTile(0, 0, 0, 0).has_value());
    }

    void oddPyramidMissingLevel() {
        SourcePtr s = openSource(odd_);
        const SourceInfo& i = s->info();
        QCOMPARE(i.sizeX, 1001);
        QCOMPARE(i.sizeY, 703);
        QCOMPARE(int(i.levels.size()), 3);  // levels 0, 2, 3 (1 missing)
        QCOMPARE(i.levels[1].width, 250);
        QCOMPARE(i.levels[2].width, 125);
        // Downsample 2 comes from level 0 (nearest: pixel 2i+1).
        Raster r = readWindow(*s, 0, 0, 1000, 702, 500, 351);
        QCOMPARE(
            maxDiff(r, [&](int x, int y,
                           int b) { return tiffExpected(oddSpec_, 0, 2 * x + 1, 2 * y + 1, b); }),
            0);
        // Downsample 4 is the native level 2.
        r = readWindow(*s, 0, 0, 1000, 700, 250, 175);
        QCOMPARE(
            maxDiff(r, [&](int x, int y, int b) { return tiffExpected(oddSpec_, 2, x, y, b); }), 0);
        // 1001×703 in 64² tiles: ceil(log2(15.6)) + 1 = 5 levels; z = 3 (downsample 2) works.
        QCOMPARE(engine_->metadata(imgRef(odd_))["levels"].get<int>(), 5);
        TileRequest t;
        t.image = imgRef(odd_);
        t.z = 3, t.x = 1, t.y = 1;
        Image img = decoded(engine_->tile(t));
        QCOMPARE(img.width, 64);
        QCOMPARE(px(img, 5, 7, 0),
                 tiffExpected(oddSpec_, 0, 2 * (64 + 5) + 1, 2 * (64 + 7) + 1, 0));
        // No passthrough for a synthesised z (LZW here anyway) nor for non-JPEG.
        QVERIFY(!s->rawTile(0, 0, 0, 0).has_value());
    }

    void orientation6() {
        SourcePtr s = openSource(orient_);  // tiled, no georeferencing
        const SourceInfo& i = s->info();
        QCOMPARE(i.sizeX, 180);
        QCOMPARE(i.sizeY, 120);
        Raster r = readWindow(*s, 0, 0, 180, 120, 180, 120);
        // Displayed (X, Y) is stored (x = Y, y = 179 - X).
        QCOMPARE(maxDiff(r, [&](int X, int Y,
                                int) { return tiffExpected(orientSpec_, 0, Y, 179 - X, 0); }),
                 0);
        Raster part = readWindow(*s, 10, 20, 50, 40, 40, 20);
        QCOMPARE(maxDiff(part,
                         [&](int X, int Y, int) {
                             return tiffExpected(orientSpec_, 0, 20 + Y, 179 - (10 + X), 0);
                         }),
                 0);
        // Half size.
        Raster half = readWindow(*s, 0, 0, 180, 120, 90, 60);
        QCOMPARE(maxDiff(half,
                         [&](int X, int Y, int) {
                             return tiffExpected(orientSpec_, 0, 2 * Y + 1, 179 - (2 * X + 1), 0);
                         }),
                 0);
        QVERIFY(!s->rawTile(0, 0, 0, 0).has_value());
    }

    void aperioSlide() {
        SourcePtr s = openSource(svs_);
        const SourceInfo& i = s->info();
        QCOMPARE(i.sourceName, std::string("tiff"));
        QCOMPARE(i.driver, std::string("SVS"));
        QCOMPARE(i.sizeX, 2048);
        QCOMPARE(int(i.levels.size()), 2);  // level 0 and the 4× level; thumbnail is not one
        QCOMPARE(i.levels[1].width, 512);
        QVERIFY(i.magnification && std::abs(*i.magnification - 20) < 1e-9);
        QVERIFY(i.mmX && std::abs(*i.mmX - 0.000499) < 1e-12);
        json m = engine_->metadata(imgRef(svs_));
        QCOMPARE(m["magnification"].get<double>(), 20.0);
        QVERIFY(std::abs(m["mm_x"].get<double>() - 0.000499) < 1e-12);
        QCOMPARE(m["aperio"]["AppMag"].get<std::string>(), std::string("20"));
        QCOMPARE(m["tileWidth"].get<int>(), 240);
        QCOMPARE(m["levels"].get<int>(), manifestLevels(2048, 1536, 240, 240));
        json internal = engine_->internalMetadata(imgRef(svs_));
        QCOMPARE(internal["aperio"]["MPP"].get<std::string>(), std::string("0.4990"));

        auto names = engine_->associatedImages(imgRef(svs_));
        QCOMPARE(int(names.size()), 3);
        QVERIFY(std::find(names.begin(), names.end(), "thumbnail") != names.end());
        QVERIFY(std::find(names.begin(), names.end(), "label") != names.end());
        QVERIFY(std::find(names.begin(), names.end(), "macro") != names.end());
        Raster label = s->associatedImage("label");
        QCOMPARE(label.width(), 120);
        QCOMPARE(label.height(), 80);
        QCOMPARE(label.bands(), 3);
        QCOMPARE(
            maxDiff(label, [](int x, int y, int b) { return tiffAssociatedValue(1, x, y, b); }), 0);
        Raster thumb = s->associatedImage("thumbnail");
        QCOMPARE(thumb.width(), 256);
        QCOMPARE(errorKindOf([&] { s->associatedImage("nope"); }), ErrorKind::NotFound);
        // Engine: fitted and encoded.
        Image fitted = engine_->associatedImageImage(imgRef(svs_), "macro", 150, 150);
        QCOMPARE(fitted.width, 150);
        QCOMPARE(fitted.height, 50);
        Encoded png = engine_->associatedImage(imgRef(svs_), "label", 0, 0, Encoding::PNG);
        Image back = decoded(png);
        QCOMPARE(back.width, 120);
        QCOMPARE(px(back, 7, 9, 1), tiffAssociatedValue(1, 7, 9, 1));
        QCOMPARE(errorKindOf(
                     [&] { engine_->associatedImage(imgRef(svs_), "nope", 0, 0, Encoding::PNG); }),
                 ErrorKind::NotFound);
        // The 4× level is native: z = levels - 3 passes through; z = levels - 2 (2×) does not.
        const int L = m["levels"].get<int>();
        TileRequest t;
        t.image = imgRef(svs_);
        t.encoding = Encoding::JPEG;
        t.z = L - 3, t.x = 1, t.y = 0;
        QVERIFY(*engine_->tile(t).bytes == *s->rawTile(1, 1, 0, 0));
        t.z = L - 2;
        Image synth = decoded(engine_->tile(t));
        QCOMPARE(synth.width, 240);
        // Non-slide images have no associated images.
        QVERIFY(engine_->associatedImages(imgRef(multi_)).empty());
    }

    void strippedAndResolution() {
        // Untiled, not georeferenced: GDAL by default, tiff when asked.
        QCOMPARE(openSource(strips_)->info().sourceName, std::string("gdal"));
        SourcePtr s = openTiff(strips_);
        const SourceInfo& i = s->info();
        QCOMPARE(i.sourceName, std::string("tiff"));
        QCOMPARE(int(i.levels.size()), 1);
        QCOMPARE(i.tileWidth, 256);
        QVERIFY(i.mmX && std::abs(*i.mmX - 0.0005) < 1e-9);
        QVERIFY(i.magnification && std::abs(*i.magnification - 20) < 1e-6);
        Raster r = readWindow(*s, 0, 0, 300, 200, 300, 200);
        QCOMPARE(
            maxDiff(r, [&](int x, int y, int b) { return tiffExpected(stripSpec_, 0, x, y, b); }),
            0);
    }

    void autoSelection() {
        const auto names = availableSourceNames();
        QVERIFY(std::find(names.begin(), names.end(), "tiff") != names.end());
        QCOMPARE(openSource(geo_)->info().sourceName, std::string("gdal"));
        QCOMPARE(openSource(multi_)->info().sourceName, std::string("tiff"));
        QCOMPARE(openSource(svs_)->info().sourceName, std::string("tiff"));
        // Forced: the GeoTIFF opens with libtiff, same pixels as GDAL.
        SourcePtr forced = openTiff(geo_);
        QCOMPARE(forced->info().sourceName, std::string("tiff"));
        Raster a = readWindow(*forced, 30, 40, 100, 90, 70, 50);
        Raster b = readWindow(*openSource(geo_), 30, 40, 100, 90, 70, 50);
        QCOMPARE(maxDiff(a, [&](int x, int y, int k) { return b.value(x, y, k); }), 0);
        // Not a TIFF: forced tiff refuses, auto falls through to GDAL's message.
        const std::string text = dir_ + "/text.tif";
        {
            FILE* f = std::fopen(text.c_str(), "w");
            std::fputs("not an image", f);
            std::fclose(f);
        }
        QCOMPARE(errorKindOf([&] { openTiff(text); }), ErrorKind::Unsupported);
        QCOMPARE(errorKindOf([&] { openSource(text); }), ErrorKind::Unsupported);
        // Truncated TIFF: no crash, an error.
        const std::string cut = dir_ + "/cut.tif";
        std::filesystem::copy_file(multi_, cut);
        std::filesystem::resize_file(cut, 4000);
        QVERIFY(errorKindOf([&] {
                    SourcePtr s = openTiff(cut);
                    readWindow(*s, 0, 0, 1000, 700, 100, 70);
                }) != ErrorKind::Internal);
    }

    void sharedWsi() {
        const std::string root = sharedDataDir();
        if (root.empty()) QSKIP("shared data not present");
        struct Case {
            std::string rel;
            int w, h, levels;  // levels: native pyramid levels
            int tile;
            bool lossy;
        };
        const std::vector<Case> cases = {
            {"wsi/CMU-1-Small-Region.svs", 2220, 2967, 1, 240, true},
            {"wsi/small.svs", 16, 16, 1, 64, true},
            {"wsi/boxes.tiff", 300, 250, 4, 64, false},
            {"wsi/yb10kx5k.zstd.tiff", 10000, 5000, 5, 1024, false},
            {"geotiff/cog_hirise_mars.tif", 1118, 1683, 3, 512, true},
            {"geotiff/rotated.tif", 10, 15, 1, 256, false},
            {"geotiff/float_nan.tif", 3, 2, 1, 256, false},
        };
        int seen = 0;
        for (const Case& c : cases) {
            const std::string path = root + "/" + c.rel;
            if (!std::filesystem::exists(path)) continue;
            ++seen;
            SourcePtr s = openTiff(path);
            const SourceInfo& i = s->info();
            QVERIFY2(i.sizeX == c.w && i.sizeY == c.h, c.rel.c_str());
            QVERIFY2(int(i.levels.size()) == c.levels, c.rel.c_str());
            QVERIFY2(i.tileWidth == c.tile, c.rel.c_str());
            // Pixels against GDAL's reading of the full-resolution IFD.
            const int w = std::min(c.w, 200), h = std::min(c.h, 150);
            const int x0 = (c.w - w) / 2, y0 = (c.h - h) / 2;
            const int nb = std::min(i.bandCount, 3);
            std::vector<double> g = gdalWindow(path, x0, y0, w, h, nb);
            QVERIFY2(!g.empty(), c.rel.c_str());
            ReadWindow rw;
            rw.x0 = x0, rw.y0 = y0, rw.x1 = x0 + w, rw.y1 = y0 + h;
            rw.outWidth = w, rw.outHeight = h;
            for (int b = 1; b <= nb; ++b) rw.bands.push_back(b);
            Raster r = s->read(rw);
            double worst = 0;
            for (int b = 0; b < nb; ++b)
                for (int y = 0; y < h; ++y)
                    for (int x = 0; x < w; ++x) {
                        const double gv = g[(std::size_t(b) * h + y) * w + x];
                        const double tv = r.value(x, y, b);
                        if (std::isnan(gv) && std::isnan(tv)) continue;
                        worst = std::max(worst, std::abs(gv - tv));
                    }
            QVERIFY2(worst <= (c.lossy ? 2.0 : 0.0),
                     qPrintable(QString::fromStdString(c.rel) + QStringLiteral(" ") +
                                QString::number(worst)));
        }
        if (seen == 0) QSKIP("no WSI files in shared data");
    }

    void sharedCmuSlide() {
        const std::string root = sharedDataDir();
        const std::string path = root + "/wsi/CMU-1-Small-Region.svs";
        if (root.empty() || !std::filesystem::exists(path)) QSKIP("CMU-1-Small-Region.svs absent");
        QCOMPARE(openSource(path)->info().sourceName, std::string("tiff"));
        json m = engine_->metadata(imgRef(path));
        QCOMPARE(m["levels"].get<int>(), 5);
        QCOMPARE(m["sizeX"].get<int>(), 2220);
        QCOMPARE(m["tileWidth"].get<int>(), 240);
        QCOMPARE(m["magnification"].get<double>(), 20.0);
        QVERIFY(std::abs(m["mm_x"].get<double>() - 0.000499) < 1e-12);
        QVERIFY(std::abs(m["mm_y"].get<double>() - 0.000499) < 1e-12);
        auto names = engine_->associatedImages(imgRef(path));
        std::sort(names.begin(), names.end());
        QVERIFY(names == (std::vector<std::string>{"label", "macro", "thumbnail"}));
        SourcePtr s = openSource(path);
        Raster label = s->associatedImage("label");
        QCOMPARE(label.width(), 387);
        QCOMPARE(label.height(), 463);
        Raster macro = s->associatedImage("macro");
        QCOMPARE(macro.width(), 1280);
        QCOMPARE(macro.height(), 431);
        Raster thumb = s->associatedImage("thumbnail");
        QCOMPARE(thumb.width(), 574);
        QCOMPARE(thumb.height(), 768);
        // Passthrough at full resolution; it decodes to the decode path's pixels.
        TileRequest t;
        t.image = imgRef(path);
        t.z = 4, t.x = 3, t.y = 4;
        t.encoding = Encoding::JPEG;
        Encoded e = engine_->tile(t);
        QVERIFY(*e.bytes == *s->rawTile(0, 3, 4, 0));
        Image img = decoded(e);
        Raster tile = readWindow(*s, 720, 960, 960, 1200, 240, 240);
        int d = 0;
        for (int y = 0; y < 240; ++y)
            for (int x = 0; x < 240; ++x)
                for (int b = 0; b < 3; ++b)
                    d = std::max(d, std::abs(px(img, x, y, b) - int(tile.value(x, y, b))));
        QVERIFY2(d <= 3, qPrintable(QString::number(d)));
        // z = 0 (synthesised): one 240² tile of the whole slide.
        t.z = 0, t.x = 0, t.y = 0;
        t.encoding = Encoding::PNG;
        Image z0 = decoded(engine_->tile(t));
        QCOMPARE(z0.width, 240);
    }

    void sharedOrientation() {
        const std::string root = sharedDataDir();
        const std::string path = root + "/geotiff/test_orient6.tif";
        if (root.empty() || !std::filesystem::exists(path)) QSKIP("test_orient6.tif absent");
        SourcePtr s = openSource(path);
        QCOMPARE(s->info().sourceName, std::string("tiff"));
        QCOMPARE(s->info().sizeX, 180);
        QCOMPARE(s->info().sizeY, 120);
        // GDAL reads the stored 120×180 image; displayed (X, Y) = stored (Y, 179 - X).
        std::vector<double> g = gdalWindow(path, 0, 0, 120, 180, 1);
        QVERIFY(!g.empty());
        Raster r = readWindow(*s, 0, 0, 180, 120, 180, 120);
        double worst = 0;
        for (int Y = 0; Y < 120; ++Y)
            for (int X = 0; X < 180; ++X)
                worst = std::max(worst, std::abs(r.value(X, Y, 0) -
                                                 g[std::size_t(179 - X) * 120 + std::size_t(Y)]));
        QVERIFY2(worst <= 2, qPrintable(QString::number(worst)));
    }

    void serverImagesAndPassthrough() {
        http::Server server(engine_);
        const std::string id = server.registry().add({svs_, "", ""});
        QVERIFY(server.start(QHostAddress(QHostAddress::LocalHost), 0));
        QString base = server.url().toString();
        if (base.endsWith(QLatin1Char('/'))) base.chop(1);
        base += QStringLiteral("/api/image/") + QString::fromStdString(id);
        QNetworkAccessManager nam;
        auto get = [&](const QString& p, int& status) {
            QNetworkReply* reply = nam.get(QNetworkRequest(QUrl(base + p)));
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(30000, &loop, &QEventLoop::quit);
            loop.exec();
            status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            QByteArray body = reply->readAll();
            reply->deleteLater();
            return body;
        };
        int status = 0;
        QByteArray body = get(QStringLiteral("/info/images"), status);
        QCOMPARE(status, 200);
        json list = json::parse(body.toStdString());
        QCOMPARE(list.size(), std::size_t(3));
        body = get(QStringLiteral("/info/images/label.png?width=60"), status);
        QCOMPARE(status, 200);
        Image label = decodeImage(Bytes(body.begin(), body.end()));
        QCOMPARE(label.width, 60);
        QCOMPARE(label.height, 40);
        get(QStringLiteral("/info/images/nothing.png"), status);
        QCOMPARE(status, 404);
        body = get(QStringLiteral("/tiles/metadata"), status);
        QCOMPARE(json::parse(body.toStdString())["tile_size"].get<int>(), 240);
        const int L = json::parse(body.toStdString())["levels"].get<int>();
        body = get(QStringLiteral("/tiles/%1/2/1.jpeg").arg(L - 1), status);
        QCOMPARE(status, 200);
        SourcePtr s = openSource(svs_);
        const auto raw = s->rawTile(0, 2, 1, 0);
        QVERIFY(raw.has_value());
        QVERIFY(Bytes(body.begin(), body.end()) == *raw);
        server.stop();
    }
};

QTEST_MAIN(TestTiffSource)
#include "test_tiff_source.moc"
