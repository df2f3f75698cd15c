// GdalSource, CRS helpers, footprints and openSource: SourceInfo, reads (full resolution and
// overviews), warped reads, statistics, internal metadata, errors and concurrent reads, on
// GDAL-written fixtures and (when present) the shared sample GeoTIFFs.
#include <QtTest>

#include <gdal_priv.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "geo/crs.h"
#include "geo/footprint.h"
#include "source/gdal_metadata.h"
#include "source/gdal_source.h"
#include "source/open_source.h"
#include "support/fixtures.h"
#include "util/error.h"

using namespace tessera;
using namespace tessera::test;

namespace {

std::string fixturePath(const std::string& name) {
    return tempDir() + "/" + name;
}

template <typename F>
ErrorKind errorKindOf(F&& f, std::string* message = nullptr) {
    try {
        f();
    } catch (const Error& e) {
        if (message) *message = e.what();
        return e.kind();
    }
    return ErrorKind::Internal;  // "no error" is reported as Internal so QCOMPARE fails clearly
}

// A source whose value is constant over 8×8 pixel blocks, so resampled reads are unambiguous.
double blockValue(int x, int y, int b) {
    return double(((x / 8) + 3 * (y / 8) + 50 * b) % 250);
}

}  // namespace

class TestGdalSource : public QObject {
    Q_OBJECT

    std::string rgbJpeg_, u16_, f32_, palette_, merc_, plain_, ovrMarked_, blocks_;

  private Q_SLOTS:
    void initTestCase();
    void infoRgbJpeg();
    void infoUint16AndPixels();
    void readPartlyOutside();
    void readPicksOverviews();
    void readErrors();
    void float32Nodata();
    void paletted();
    void notGeoreferenced();
    void webMercatorProjectedIdentity();
    void projectedFrom4326();
    void projectedNodataAndAlphaMax();
    void statistics();
    void internalMetadata();
    void bandInfoJsonOmitsEmpty();
    void footprints();
    void crsHelpers();
    void openErrors();
    void uriMapping();
    void concurrentReads();
    void sharedGeotiffs();
    void sharedRgbGeotiff();
};

void TestGdalSource::initTestCase() {
    FixtureSpec rgb;
    rgb.compression = "JPEG";
    rgb.interpretations = {"red", "green", "blue"};
    rgbJpeg_ = writeFixture(fixturePath("rgb_jpeg.tif"), rgb);

    FixtureSpec u16;
    u16.bands = 2;
    u16.type = DataType::UInt16;
    u16_ = writeFixture(fixturePath("u16.tif"), u16);

    FixtureSpec f32;
    f32.width = 300;
    f32.height = 200;
    f32.bands = 1;
    f32.type = DataType::Float32;
    f32.nodata = -9999.0;
    f32.value = [](int x, int y, int) { return x < 100 ? -9999.0 : (x + y) / 4.0; };
    f32_ = writeFixture(fixturePath("f32.tif"), f32);

    FixtureSpec pal;
    pal.width = 256;
    pal.height = 256;
    pal.bands = 1;
    pal.colorTable = {{0, 0, 0, 255}, {255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 128}};
    pal.value = [](int x, int, int) { return double(x % 4); };
    palette_ = writeFixture(fixturePath("palette.tif"), pal);

    FixtureSpec merc;
    merc.bands = 1;
    merc.epsg = 3857;
    merc.geoTransform = {-1000000.0, 1000.0, 0.0, 1000000.0, 0.0, -1000.0};
    merc.value = blockValue;
    merc_ = writeFixture(fixturePath("merc.tif"), merc);

    FixtureSpec plain;
    plain.epsg = 0;
    plain.bands = 1;
    plain.width = 500;
    plain.height = 300;
    plain_ = writeFixture(fixturePath("plain.tif"), plain);

    FixtureSpec blocks;
    blocks.bands = 2;
    blocks.value = blockValue;
    blocks_ = writeFixture(fixturePath("blocks.tif"), blocks);

    // Plain tiled GTiff with NEAREST overviews ×2, ×4, ×8, each then filled with a marker value
    // so a read shows which level GDAL used.
    FixtureSpec marked;
    marked.format = "GTiff";
    marked.bands = 1;
    ovrMarked_ = writeFixture(fixturePath("marked.tif"), marked);
    {
        std::unique_ptr<GDALDataset> ds(
            GDALDataset::Open(ovrMarked_.c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE));
        QVERIFY(ds);
        GDALRasterBand* b = ds->GetRasterBand(1);
        QCOMPARE(b->GetOverviewCount(), 3);
        for (int i = 0; i < 3; ++i) QCOMPARE(b->GetOverview(i)->Fill(201 + i), CE_None);
    }
}

void TestGdalSource::infoRgbJpeg() {
    SourcePtr s = openSource(rgbJpeg_);
    const SourceInfo& i = s->info();
    QCOMPARE(i.sourceName, std::string("gdal"));
    QCOMPARE(i.driver, std::string("GTiff"));
    QCOMPARE(i.sizeX, 1024);
    QCOMPARE(i.sizeY, 768);
    QCOMPARE(i.tileWidth, 256);
    QCOMPARE(i.tileHeight, 256);
    QCOMPARE(i.bandCount, 3);
    QCOMPARE(i.dtype, DataType::UInt8);
    QCOMPARE(i.frameCount, 1);
    QCOMPARE(int(i.levels.size()), 3);
    QCOMPARE(i.levels[1].width, 512);
    QCOMPARE(i.levels[1].height, 384);
    QCOMPARE(i.levels[2].width, 256);
    QCOMPARE(i.levels[2].height, 192);
    QCOMPARE(int(i.bands.size()), 3);
    QCOMPARE(i.bands[0].interpretation, std::string("red"));
    QCOMPARE(i.bands[1].interpretation, std::string("green"));
    QCOMPARE(i.bands[2].interpretation, std::string("blue"));
    QVERIFY(i.geospatial);
    QVERIFY(!i.projectionWkt.empty());
    QCOMPARE(i.geoTransform[0], -10.0);
    QCOMPARE(i.geoTransform[1], 0.02);
    QCOMPARE(i.geoTransform[5], -0.02);
    QVERIFY(!i.magnification);
    // 0.02° pixels near the equator: about 2.2 km, i.e. 2.2e6 mm.
    QVERIFY(i.mmX && i.mmY);
    QVERIFY2(*i.mmX > 2.0e6 && *i.mmX < 2.3e6, qPrintable(QString::number(*i.mmX)));
    QCOMPARE(*i.mmX, *i.mmY);
    // JPEG is lossy: pixels close to the pattern.
    ReadWindow w{100, 50, 110, 60, 10, 10, {}, 0, Resample::Nearest};
    Raster r = s->read(w);
    QCOMPARE(r.bands(), 3);
    QCOMPARE(r.type(), DataType::UInt8);
    for (int b = 0; b < 3; ++b)
        QVERIFY(std::abs(r.value(3, 4, b) - defaultPattern(103, 54, b, DataType::UInt8)) <= 12);
}

void TestGdalSource::infoUint16AndPixels() {
    SourcePtr s = openSource(u16_);
    const SourceInfo& i = s->info();
    QCOMPARE(i.dtype, DataType::UInt16);
    QCOMPARE(i.bandCount, 2);
    QCOMPARE(i.bands[0].interpretation, std::string("gray"));
    QCOMPARE(i.bands[1].interpretation, std::string("undefined"));
    QCOMPARE(i.bands[0].maskband, std::string("all-valid"));
    QVERIFY(!i.bands[0].nodata);
    // Full resolution, exact values; band selection keeps the requested order.
    ReadWindow w{200, 300, 264, 340, 64, 40, {2, 1}, 0, Resample::Nearest};
    Raster r = s->read(w);
    QCOMPARE(r.width(), 64);
    QCOMPARE(r.height(), 40);
    QCOMPARE(r.bands(), 2);
    QCOMPARE(r.type(), DataType::UInt16);
    for (int y = 0; y < 40; y += 7)
        for (int x = 0; x < 64; x += 5) {
            QCOMPARE(r.value(x, y, 0), defaultPattern(200 + x, 300 + y, 1, DataType::UInt16));
            QCOMPARE(r.value(x, y, 1), defaultPattern(200 + x, 300 + y, 0, DataType::UInt16));
        }
    // The last edge pixel.
    Raster e = s->read({1023, 767, 1024, 768, 1, 1, {1}, 0, Resample::Nearest});
    QCOMPARE(e.value(0, 0, 0), defaultPattern(1023, 767, 0, DataType::UInt16));
}

void TestGdalSource::readPartlyOutside() {
    SourcePtr s = openSource(u16_);
    // 20 px left of the image: output columns 0..19 stay 0, the rest is data.
    Raster r = s->read({-20, 10, 44, 74, 64, 64, {1}, 0, Resample::Nearest});
    QCOMPARE(r.value(0, 0, 0), 0.0);
    QCOMPARE(r.value(19, 5, 0), 0.0);
    QCOMPARE(r.value(20, 5, 0), defaultPattern(0, 15, 0, DataType::UInt16));
    QCOMPARE(r.value(63, 63, 0), defaultPattern(43, 73, 0, DataType::UInt16));
}

void TestGdalSource::readPicksOverviews() {
    SourcePtr s = openSource(ovrMarked_);
    QCOMPARE(int(s->info().levels.size()), 4);
    auto at = [&](int w, int h) {
        return s->read({0, 0, 1024, 768, w, h, {}, 0, Resample::Nearest}).value(w / 2, h / 2, 0);
    };
    QCOMPARE(at(1024, 768), defaultPattern(512, 384, 0, DataType::UInt8));
    QCOMPARE(at(512, 384), 201.0);
    QCOMPARE(at(256, 192), 202.0);
    QCOMPARE(at(128, 96), 203.0);
    QCOMPARE(at(64, 48), 203.0);
    // Factor 2.56: the ×2 level (GDAL's nearest threshold 1.2 would allow ≤ 3.07).
    QCOMPARE(at(400, 300), 201.0);
    // Fractional window at full resolution: nearest of the window centre.
    Raster f = s->read({10.5, 20.5, 11.5, 21.5, 1, 1, {}, 0, Resample::Nearest});
    QCOMPARE(f.value(0, 0, 0), defaultPattern(11, 21, 0, DataType::UInt8));
}

void TestGdalSource::readErrors() {
    SourcePtr s = openSource(u16_);
    QCOMPARE(errorKindOf([&] {
                 s->read({10, 10, 10, 20, 5, 5, {}, 0, Resample::Nearest});
             }),
             ErrorKind::BadRequest);
    QCOMPARE(errorKindOf([&] {
                 s->read({0, 0, 10, 10, 0, 5, {}, 0, Resample::Nearest});
             }),
             ErrorKind::BadRequest);
    QCOMPARE(errorKindOf([&] {
                 s->read({0, 0, 10, 10, 5, 5, {3}, 0, Resample::Nearest});
             }),
             ErrorKind::BadRequest);
    QCOMPARE(errorKindOf([&] {
                 s->read({0, 0, 10, 10, 5, 5, {0}, 0, Resample::Nearest});
             }),
             ErrorKind::BadRequest);
    QCOMPARE(errorKindOf([&] {
                 s->read({0, 0, 10, 10, 5, 5, {}, 1, Resample::Nearest});
             }),
             ErrorKind::BadRequest);
    QCOMPARE(errorKindOf([&] {
                 s->read({2000, 0, 2100, 10, 5, 5, {}, 0, Resample::Nearest});
             }),
             ErrorKind::BadRequest);
    QCOMPARE(errorKindOf([&] {
                 s->read({0, 0, NAN, 10, 5, 5, {}, 0, Resample::Nearest});
             }),
             ErrorKind::BadRequest);
    QCOMPARE(errorKindOf([&] {
                 s->read({0, 0, 10, 10, 100000, 100000, {}, 0, Resample::Nearest});
             }),
             ErrorKind::BadRequest);
    QCOMPARE(errorKindOf([&] { s->statistics(5, 0, true); }), ErrorKind::BadRequest);
}

void TestGdalSource::float32Nodata() {
    SourcePtr s = openSource(f32_);
    const SourceInfo& i = s->info();
    QCOMPARE(i.dtype, DataType::Float32);
    QVERIFY(i.bands[0].nodata);
    QCOMPARE(*i.bands[0].nodata, -9999.0);
    QCOMPARE(i.bands[0].maskband, std::string("nodata"));
    Raster r = s->read({95, 10, 105, 11, 10, 1, {}, 0, Resample::Nearest});
    QCOMPARE(r.value(0, 0, 0), -9999.0);
    QCOMPARE(r.value(5, 0, 0), (100 + 10) / 4.0);
    BandStats st = s->statistics(1, 0, false);
    QVERIFY(st.valid);
    QCOMPARE(st.min, 100 / 4.0);
    QCOMPARE(st.max, (299 + 199) / 4.0);
}

void TestGdalSource::paletted() {
    SourcePtr s = openSource(palette_);
    const BandInfo& b = s->info().bands[0];
    QCOMPARE(b.interpretation, std::string("palette"));
    QVERIFY(b.colortable.size() >= 4);  // TIFF stores 2^bits entries: 256
    QCOMPARE(b.colortable[1], (std::array<int, 4>{255, 0, 0, 255}));
    QCOMPARE(b.colortable[3],
             (std::array<int, 4>{0, 0, 255, 255}));  // TIFF colour maps have no alpha
    nlohmann::json j = bandInfoJson(b, s->statistics(1, 0, true));
    QCOMPARE(j["interpretation"].get<std::string>(), std::string("palette"));
    QCOMPARE(j["colortable"][2], nlohmann::json::parse("[0,255,0,255]"));
    QCOMPARE(j["max"].get<double>(), 3.0);
    QCOMPARE(j["colortable"].size(), b.colortable.size());
    Raster r = s->read({0, 0, 8, 1, 8, 1, {}, 0, Resample::Nearest});
    for (int x = 0; x < 8; ++x) QCOMPARE(r.value(x, 0, 0), double(x % 4));
}

void TestGdalSource::notGeoreferenced() {
    SourcePtr s = openSource(plain_);
    const SourceInfo& i = s->info();
    QVERIFY(!i.geospatial);
    QVERIFY(i.projectionWkt.empty());
    QVERIFY(!i.mmX);
    QVERIFY(!footprint(i, "EPSG:4326"));
    ProjectedWindow pw{"EPSG:3857", {0, 0, 10, 10}, 16, 16, {}, 0, Resample::Nearest};
    QCOMPARE(errorKindOf([&] { s->readProjected(pw); }), ErrorKind::Unsupported);
    // 500×300 → overviews 250×150 (one level below a 256 block).
    QCOMPARE(int(i.levels.size()), 2);
}

void TestGdalSource::webMercatorProjectedIdentity() {
    SourcePtr s = openSource(merc_);
    const SourceInfo& i = s->info();
    QVERIFY(i.geospatial);
    QCOMPARE(epsgString(i.projectionWkt), std::string("epsg:3857"));
    // Warp onto the source's own grid (a 256×256 window at full resolution): same pixels.
    const double x0 = -1000000.0 + 100 * 1000.0, y1 = 1000000.0 - 200 * 1000.0;
    ProjectedWindow pw{"EPSG:3857",      {x0, y1 - 256000.0, x0 + 256000.0, y1}, 256, 256, {}, 0,
                       Resample::Nearest};
    Raster r = s->readProjected(pw);
    QCOMPARE(r.bands(), 2);
    QCOMPARE(r.type(), DataType::UInt8);
    for (int y = 0; y < 256; y += 17)
        for (int x = 0; x < 256; x += 13) {
            QCOMPARE(r.value(x, y, 0), blockValue(100 + x, 200 + y, 0));
            QCOMPARE(r.value(x, y, 1), 255.0);
        }
    // Half outside the image on the left: alpha 0 and data 0 there.
    const double left = -1000000.0 - 128000.0;
    ProjectedWindow half{
        "EPSG:3857",      {left, y1 - 256000.0, left + 256000.0, y1}, 256, 256, {1}, 0,
        Resample::Nearest};
    Raster h = s->readProjected(half);
    QCOMPARE(h.value(10, 10, 1), 0.0);
    QCOMPARE(h.value(10, 10, 0), 0.0);
    QCOMPARE(h.value(200, 10, 1), 255.0);
    QCOMPARE(h.value(200, 10, 0), blockValue(200 - 128, 200 + 10, 0));
    // Entirely outside: all zero, no error.
    ProjectedWindow away{"EPSG:3857", {5e6, 5e6, 6e6, 6e6}, 64, 64, {}, 0, Resample::Nearest};
    Raster a = s->readProjected(away);
    for (int y = 0; y < 64; y += 9)
        for (int x = 0; x < 64; x += 9) QCOMPARE(a.value(x, y, 1), 0.0);
    // A zoomed-out view (whole image in 64×48) reads an overview and still has data.
    ProjectedWindow whole{"EPSG:3857",
                          {-1000000.0, 1000000.0 - 768000.0, -1000000.0 + 1024000.0, 1000000.0},
                          64,
                          48,
                          {},
                          0,
                          Resample::Nearest};
    Raster wv = s->readProjected(whole);
    QCOMPARE(wv.value(32, 24, 1), 255.0);
}

void TestGdalSource::projectedFrom4326() {
    SourcePtr s = openSource(blocks_);  // EPSG:4326, 0.02° pixels, 8×8 blocks of constant value
    // A 3857 window over lon −5…0, lat 0…5.
    const Point2 ll = transformPoint("EPSG:4326", "EPSG:3857", {-5.0, 0.0});
    const Point2 ur = transformPoint("EPSG:4326", "EPSG:3857", {0.0, 5.0});
    ProjectedWindow pw{"EPSG:3857", {ll.x, ll.y, ur.x, ur.y}, 256, 256, {1, 2},
                       0,           Resample::Nearest};
    Raster r = s->readProjected(pw);
    QCOMPARE(r.bands(), 3);
    int checked = 0;
    const double px = (ur.x - ll.x) / 256, py = (ur.y - ll.y) / 256;
    for (int y = 3; y < 256; y += 23)
        for (int x = 5; x < 256; x += 19) {
            const Point2 geo = transformPoint("EPSG:3857", "EPSG:4326",
                                              {ll.x + (x + 0.5) * px, ur.y - (y + 0.5) * py});
            const double sx = (geo.x + 10.0) / 0.02, sy = (10.0 - geo.y) / 0.02;
            // Skip samples within half a source pixel of a block edge.
            const double bx = std::fmod(sx, 8.0), by = std::fmod(sy, 8.0);
            if (bx < 0.5 || bx > 7.5 || by < 0.5 || by > 7.5) continue;
            QCOMPARE(r.value(x, y, 0), blockValue(int(sx), int(sy), 0));
            QCOMPARE(r.value(x, y, 1), blockValue(int(sx), int(sy), 1));
            QCOMPARE(r.value(x, y, 2), 255.0);
            ++checked;
        }
    QVERIFY(checked > 50);
    // Bad CRS → BadRequest; geographic output is allowed for raw warps.
    ProjectedWindow bad{"EPSG:999999", {0, 0, 1, 1}, 4, 4, {}, 0, Resample::Nearest};
    QCOMPARE(errorKindOf([&] { s->readProjected(bad); }), ErrorKind::BadRequest);
    ProjectedWindow geo{"EPSG:4326", {-10, 9, -9, 10}, 50, 50, {1}, 0, Resample::Nearest};
    Raster g = s->readProjected(geo);
    QCOMPARE(g.value(0, 0, 0), blockValue(0, 0, 0));
    QCOMPARE(g.value(0, 0, 1), 255.0);
}

void TestGdalSource::projectedNodataAndAlphaMax() {
    SourcePtr s = openSource(f32_);  // EPSG:4326, columns < 100 are nodata
    // lon −10…−4: pixel columns 0…300 of the source (0.02°/px).
    ProjectedWindow pw{"EPSG:4326", {-10.0, 6.0, -4.0, 10.0}, 300, 200, {}, 0, Resample::Nearest};
    Raster r = s->readProjected(pw);
    QCOMPARE(r.type(), DataType::Float32);
    QCOMPARE(r.value(50, 10, 1), 0.0);     // nodata → transparent
    QCOMPARE(r.value(150, 10, 1), 255.0);  // data → 255 for float
    QCOMPARE(r.value(150, 10, 0), (150 + 10) / 4.0);
    // UInt16: GDAL's default alpha maximum is 65535.
    SourcePtr u = openSource(u16_);
    ProjectedWindow pu{"EPSG:4326", {-10.0, 9.0, -9.0, 10.0}, 50, 50, {1}, 0, Resample::Nearest};
    Raster ru = u->readProjected(pu);
    QCOMPARE(ru.value(10, 10, 1), 65535.0);
    QCOMPARE(ru.value(10, 10, 0), defaultPattern(10, 10, 0, DataType::UInt16));
}

void TestGdalSource::statistics() {
    SourcePtr s = openSource(u16_);
    BandStats exact = s->statistics(1, 0, false);
    QVERIFY(exact.valid);
    QCOMPARE(exact.min, 0.0);
    QCOMPARE(exact.max, 25500.0);
    QVERIFY(exact.mean > 12000 && exact.mean < 13500);
    QVERIFY(exact.stdev > 7000);
    BandStats again = s->statistics(1, 0, true);  // the exact result serves approximate asks
    QCOMPARE(again.max, exact.max);
    BandStats b2 = s->statistics(2, 0, true);
    QVERIFY(b2.valid);
    QVERIFY(b2.max > 20000.0);  // approximate: from an overview
    // No .aux.xml is written next to the file.
    QVERIFY(!std::filesystem::exists(u16_ + ".aux.xml"));
    // Every pixel nodata → not valid.
    FixtureSpec allNodata;
    allNodata.width = 64;
    allNodata.height = 64;
    allNodata.bands = 1;
    allNodata.nodata = 7.0;
    allNodata.overviews = false;
    allNodata.value = [](int, int, int) { return 7.0; };
    SourcePtr n = openSource(writeFixture(fixturePath("all_nodata.tif"), allNodata));
    QVERIFY(!n->statistics(1, 0, true).valid);
    nlohmann::json j = bandInfoJson(n->info().bands[0], n->statistics(1, 0, true));
    QVERIFY(!j.contains("min"));
    QCOMPARE(j["nodata"].get<double>(), 7.0);
}

void TestGdalSource::internalMetadata() {
    SourcePtr s = openSource(u16_);
    nlohmann::json m = s->internalMetadata();
    QCOMPARE(m["driverShortName"].get<std::string>(), std::string("GTiff"));
    QCOMPARE(m["driverLongName"].get<std::string>(), std::string("GeoTIFF"));
    QCOMPARE(m["RasterXSize"].get<int>(), 1024);
    QCOMPARE(m["RasterYSize"].get<int>(), 768);
    QCOMPARE(m["GeoTransform"][1].get<double>(), 0.02);
    QVERIFY(m["Projection"].get<std::string>().find("WGS 84") != std::string::npos);
    QVERIFY(m["proj4Projection"].get<std::string>().find("+proj=longlat") != std::string::npos);
    QCOMPARE(m["GCPProjection"].get<std::string>(), std::string());
    QVERIFY(!m.contains("GCPs"));
    QVERIFY(m["fileList"].is_array());
    QCOMPARE(m["fileList"][0].get<std::string>(), u16_);
    QVERIFY(m["Metadata"].is_object());
    QCOMPARE(m["Metadata"]["AREA_OR_POINT"].get<std::string>(), std::string("Area"));
    QCOMPARE(m["Metadata_IMAGE_STRUCTURE"]["COMPRESSION"].get<std::string>(),
             std::string("DEFLATE"));
    QCOMPARE(m["Metadata_IMAGE_STRUCTURE"]["LAYOUT"].get<std::string>(), std::string("COG"));
    const nlohmann::json& t = m["tiff"];
    QCOMPARE(t["ImageWidth"].get<int>(), 1024);
    QCOMPARE(t["ImageLength"].get<int>(), 768);
    QCOMPARE(t["TileWidth"].get<int>(), 256);
    QCOMPARE(t["BitsPerSample"].get<int>(), 16);
    QCOMPARE(t["SamplesPerPixel"].get<int>(), 2);
    QCOMPARE(t["Compression"].get<int>(), 8);
    QCOMPARE(t["IFDCount"].get<int>(), 3);
    QVERIFY(t["GeoKeyDirectoryTag"].is_array());
    QCOMPARE(t["ModelPixelScaleTag"][0].get<double>(), 0.02);
}

void TestGdalSource::bandInfoJsonOmitsEmpty() {
    BandInfo b;
    b.interpretation = "gray";
    b.nodata = std::nan("");
    b.scale = 0.5;
    b.maskband = "nodata";
    BandStats st{1, 9, 5, 2, true};
    nlohmann::json j = bandInfoJson(b, st);
    QCOMPARE(j, nlohmann::json::parse(R"({"interpretation":"gray","min":1.0,"max":9.0,"mean":5.0,
        "stdev":2.0,"scale":0.5,"maskband":"nodata"})"));
}

void TestGdalSource::footprints() {
    SourcePtr s = openSource(u16_);
    auto native = footprint(s->info());
    QVERIFY(native);
    QVERIFY(native->srs.find("+proj=longlat") != std::string::npos);
    auto fp = footprint(s->info(), "EPSG:4326");
    QVERIFY(fp);
    QCOMPARE(fp->srs, std::string("EPSG:4326"));
    QCOMPARE(fp->box.xmin, -10.0);
    QVERIFY(std::abs(fp->box.xmax - 10.48) < 1e-9);
    QCOMPARE(fp->box.ymax, 10.0);
    QVERIFY(std::abs(fp->box.ymin - -5.36) < 1e-9);
    QCOMPARE(fp->ul.x, -10.0);
    QCOMPARE(fp->ul.y, 10.0);
    QVERIFY(std::abs(fp->lr.y - -5.36) < 1e-9);
    // In 3857: x of lon −10 is −1113194.9 m.
    auto m = footprint(s->info(), "EPSG:3857");
    QVERIFY(std::abs(m->box.xmin - -1113194.9079) < 0.01);
    // A pixel window.
    auto w = windowFootprint(s->info(), 50, 100, 150, 200, "EPSG:4326");
    QVERIFY(std::abs(w->box.xmin - -9.0) < 1e-9);
    QVERIFY(std::abs(w->box.ymax - 8.0) < 1e-9);
    QVERIFY(std::abs(w->box.xmax - -7.0) < 1e-9);
    QVERIFY(std::abs(w->box.ymin - 6.0) < 1e-9);
    nlohmann::json j = footprintJson(*fp);
    QCOMPARE(j["xmin"].get<double>(), -10.0);
    QCOMPARE(j["ul"]["y"].get<double>(), 10.0);
    QCOMPARE(j["srs"].get<std::string>(), std::string("EPSG:4326"));
    // A whole-world geographic image in 3857: latitudes kept inside the Mercator domain.
    FixtureSpec world;
    world.width = 360;
    world.height = 180;
    world.bands = 1;
    world.overviews = false;
    world.geoTransform = {-180.0, 1.0, 0.0, 90.0, 0.0, -1.0};
    SourcePtr ws = openSource(writeFixture(fixturePath("world.tif"), world));
    auto wm = footprint(ws->info(), "EPSG:3857");
    QVERIFY(wm);
    // Clamped to ±89.999999° before projecting, as large_image: y = 118358352.97 m.
    QVERIFY2(std::abs(wm->box.ymax - 118358352.966) < 1.0,
             qPrintable(QString::number(wm->box.ymax, 'f', 3)));
    QCOMPARE(wm->box.xmin, -20037508.342789244);
    auto w4 = footprint(ws->info(), "EPSG:4326");
    QCOMPARE(w4->box.ymax, 90.0);
    clampBoxLatitude(*w4);
    QCOMPARE(w4->box.ymax, 89.9999);
    QCOMPARE(w4->ul.y, 90.0);
    // Pixel size of the world image: top and bottom edges are the poles (length 0); left and
    // right are meridians of 20003931.46 m: 2 × 20003931.46 / (2·360 + 2·180).
    auto size = pixelSizeMeters(ws->info());
    QVERIFY(size);
    QVERIFY2(std::abs(*size - 2 * 20003931.4586 / 1080) < 0.01,
             qPrintable(QString::number(*size, 'f', 4)));
}

void TestGdalSource::crsHelpers() {
    QVERIFY(crsToWkt("EPSG:3857").find("Pseudo-Mercator") != std::string::npos);
    QVERIFY(!crsToWkt("epsg:4326").empty());
    QVERIFY(!crsToWkt("+proj=utm +zone=11 +datum=WGS84 +units=m +no_defs").empty());
    QVERIFY(!crsToWkt("proj4:+proj=longlat +datum=WGS84 +no_defs").empty());
    QVERIFY(!crsToWkt(crsToWkt("EPSG:32611")).empty());
    std::string msg;
    QCOMPARE(errorKindOf([] { crsToWkt("not a crs"); }, &msg), ErrorKind::BadRequest);
    QVERIFY(msg.find("not a crs") != std::string::npos);
    QCOMPARE(errorKindOf([] { crsToWkt(""); }), ErrorKind::BadRequest);
    QCOMPARE(errorKindOf([] { crsToWkt("/etc/passwd"); }), ErrorKind::BadRequest);
    QVERIFY(isGeographic("EPSG:4326"));
    QVERIFY(!isGeographic("EPSG:3857"));
    QCOMPARE(epsgString("EPSG:32611"), std::string("epsg:32611"));
    QCOMPARE(epsgString(crsToWkt("EPSG:4326")), std::string("epsg:4326"));
    QVERIFY(
        epsgString("+proj=tmerc +lat_0=1 +lon_0=3.3 +k=0.99 +x_0=7 +y_0=0 +ellps=GRS80 +units=m")
            .find("+proj=tmerc") == 0);
    QCOMPARE(projectionName("EPSG:3857"), std::string("epsg:3857"));
    QCOMPARE(projectionName("proj4:+proj=merc"), std::string("+proj=merc"));
    QVERIFY(std::abs(unitsAcrossLevel0("EPSG:3857") - 40075016.686) < 0.001);
    QCOMPARE(errorKindOf([] { unitsAcrossLevel0("EPSG:3411"); }, &msg), ErrorKind::BadRequest);
    QVERIFY(msg.find("unitsPerPixel must be specified") != std::string::npos);
    QCOMPARE(errorKindOf([] { requireProjectedCrs("EPSG:4326"); }, &msg), ErrorKind::BadRequest);
    QVERIFY(msg.find("must not be geographic") != std::string::npos);
    requireProjectedCrs("EPSG:3857");
    const Point2 p = transformPoint("EPSG:4326", "EPSG:3857", {180.0, 0.0});
    QVERIFY(std::abs(p.x - 20037508.3428) < 0.001);
    QVERIFY(std::abs(p.y) < 1e-6);
    const Point2 q = transformPoint("EPSG:3857", "EPSG:4326", {-13132910, 4010586});
    QVERIFY(std::abs(q.x - -117.975) < 0.001 && std::abs(q.y - 33.865) < 0.001);
    std::vector<Point2> pts{{0, 0}, {10, 10}};
    std::vector<bool> ok;
    QVERIFY(transformPoints("EPSG:4326", "EPSG:3857", pts, &ok));
    QVERIFY(ok[0] && ok[1]);
    QVERIFY(std::abs(pts[1].x - 1113194.9079) < 0.001);
    std::vector<Point2> polar{{0, 0}};  // the equator is outside polar stereographic's domain
    QVERIFY(!transformPoints("EPSG:4326", "+proj=stere +lat_0=90 +lat_ts=70 +datum=WGS84", polar,
                             &ok) ||
            std::isfinite(polar[0].y));
    QCOMPARE(metresPerUnit("EPSG:3857"), 1.0);
    QVERIFY(std::abs(metresPerUnit("EPSG:4326") - 111319.49) < 0.01);
    QCOMPARE(metresPerUnit("+proj=merc +units=ft"), 0.3048);
    // Geodesic distances against known values (Karney/pyproj): 1° of longitude on the equator.
    QVERIFY(std::abs(geodesicDistance(0, 0, 1, 0) - 111319.4908) < 0.001);
    QVERIFY(std::abs(geodesicDistance(0, 0, 0, 1) - 110574.3886) < 0.01);
    QCOMPARE(geodesicDistance(5, 5, 5, 5), 0.0);
    QVERIFY(geodesicDistance(0, 0, 179.9, 0.1) > 1.99e7);
}

void TestGdalSource::openErrors() {
    std::string msg;
    QCOMPARE(errorKindOf([] { openSource(fixturePath("does-not-exist.tif")); }, &msg),
             ErrorKind::NotFound);
    QVERIFY(msg.find("File not found: ") == 0);
    const std::string text = fixturePath("notes.txt");
    std::ofstream(text) << "just some text, not an image\n";
    QCOMPARE(errorKindOf([&] { openSource(text); }, &msg), ErrorKind::Unsupported);
    QVERIFY2(msg.find("is not an image Tessera can read") != std::string::npos, msg.c_str());
    QCOMPARE(errorKindOf([&] { openSource(u16_, OpenOptions{"foo"}); }, &msg),
             ErrorKind::BadRequest);
    // Other readers (tiff, fits) come before gdal in the list.
    QVERIFY2(msg.rfind("'foo' is not a valid source. Try one of: [", 0) == 0 &&
                 msg.find("'gdal'") != std::string::npos,
             msg.c_str());
    const auto names = availableSourceNames();
    QVERIFY(std::find(names.begin(), names.end(), "gdal") != names.end());
    SourcePtr forced = openSource(u16_, OpenOptions{"gdal"});
    QCOMPARE(forced->info().sizeX, 1024);
    QCOMPARE(forced->uri(), u16_);
    // An unreachable remote server is an I/O error.
    QCOMPARE(errorKindOf([] { openSource("http://127.0.0.1:9/nothing.tif"); }), ErrorKind::IO);
}

void TestGdalSource::uriMapping() {
    QCOMPARE(toGdalPath("s3://bucket/dir/key.tif"), std::string("/vsis3/bucket/dir/key.tif"));
    QCOMPARE(toGdalPath("https://example.com/a.tif"),
             std::string("/vsicurl/https://example.com/a.tif"));
    QCOMPARE(toGdalPath("http://h:9000/b/k.tif"), std::string("/vsicurl/http://h:9000/b/k.tif"));
    QCOMPARE(toGdalPath("/vsizip//data/a.zip/x.tif"), std::string("/vsizip//data/a.zip/x.tif"));
    QCOMPARE(toGdalPath("/data/x.tif"), std::string("/data/x.tif"));
    QCOMPARE(toGdalPath("file:///data/x.tif"), std::string("/data/x.tif"));
    QVERIFY(isRemoteUri("s3://b/k"));
    QVERIFY(isRemoteUri("HTTPS://example.com/x"));
    QVERIFY(isRemoteUri("/vsicurl/http://x/y"));
    QVERIFY(isRemoteUri("/vsizip//vsis3/b/a.zip/x.tif"));
    QVERIFY(!isRemoteUri("/data/x.tif"));
    QVERIFY(!isRemoteUri("/vsizip//data/a.zip/x.tif"));
    // One classification for every consumer (the viewer used to accept az:// that core then
    // reported as "File not found").
    QVERIFY(isRemoteUri("az://container/blob.tif"));
    QCOMPARE(toGdalPath("az://container/blob.tif"), std::string("/vsiaz/container/blob.tif"));
    QVERIFY(isRemoteUri("FTP://h/x.tif"));
    QCOMPARE(toGdalPath("ftp://h/x.tif"), std::string("/vsicurl/ftp://h/x.tif"));
    QVERIFY(isFileSystemPath("/data/x.tif"));
    QVERIFY(isFileSystemPath("relative/x:y.tif"));
    QVERIFY(isFileSystemPath("file:///data/x.tif"));
    QVERIFY(!isFileSystemPath("/vsizip//data/a.zip/x.tif"));
    QVERIFY(!isFileSystemPath("NETCDF:/data/a.nc:var"));
    QVERIFY(!isFileSystemPath("az://c/b.tif"));
}

void TestGdalSource::concurrentReads() {
    auto s = std::dynamic_pointer_cast<const GdalSource>(openSource(u16_));
    QVERIFY(s);
    std::atomic<int> bad{0}, done{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            std::mt19937 rng(1234 + t);
            std::uniform_int_distribution<int> px(0, 1024 - 64), py(0, 768 - 64);
            for (int i = 0; i < 60; ++i) {
                const int x = px(rng), y = py(rng);
                Raster r = s->read(
                    {double(x), double(y), x + 64.0, y + 64.0, 64, 64, {}, 0, Resample::Nearest});
                for (int k = 0; k < 64; k += 9)
                    for (int b = 0; b < 2; ++b)
                        if (r.value(k, 63 - k, b) !=
                            defaultPattern(x + k, y + 63 - k, b, DataType::UInt16))
                            ++bad;
                if (i % 20 == 0) {
                    BandStats st = s->statistics(1 + (i / 20) % 2, 0, true);
                    if (!st.valid) ++bad;
                }
                ++done;
            }
        });
    for (auto& th : threads) th.join();
    QCOMPARE(bad.load(), 0);
    QCOMPARE(done.load(), 8 * 60);
    QVERIFY(s->idleHandles() >= 1 && s->idleHandles() <= 8);
}

void TestGdalSource::sharedGeotiffs() {
    const auto files = sharedDataFiles("geotiff", {".tif", ".tiff"});
    if (files.empty()) QSKIP("shared data not present");
    struct Expected {
        int w, h, bands;
        DataType type;
    };
    // MANIFEST.md, GeoTIFF table.
    const std::map<std::string, Expected> table{
        {"cog.tif", {2658, 2667, 1, DataType::UInt16}},
        {"cog_cmap.tif", {7168, 8704, 1, DataType::UInt8}},
        {"cog_scale.tif", {256, 256, 2, DataType::Int16}},
        {"cog_fullearth.tif", {432, 216, 1, DataType::Float64}},
        {"cog_dateline.tif", {2325, 2355, 1, DataType::UInt16}},
        {"inverted_lat.tif", {720, 360, 1, DataType::Float32}},
        {"cog_hirise_mars.tif", {1118, 1683, 3, DataType::UInt8}},
        {"cog_rgb.tif", {383, 232, 3, DataType::UInt8}},
        {"cog_uint8_rgb_mask.tif", {256, 256, 3, DataType::UInt8}},
        {"cog_uint8_rgba.tif", {256, 256, 4, DataType::UInt8}},
        {"cog_world.tif", {36000, 18000, 1, DataType::UInt8}},
        {"web.tif", {1024, 1024, 1, DataType::UInt16}},
        {"nocog.tif", {2658, 2667, 1, DataType::UInt16}},
        {"image_web_z5_z11.tif", {8448, 8448, 3, DataType::UInt8}},
        {"image_webp.tif", {512, 512, 3, DataType::UInt8}},
        {"image_geos.tif", {900, 1100, 3, DataType::UInt8}},
        {"image_external.tif", {512, 512, 4, DataType::UInt8}},
        {"byte.tif", {20, 20, 1, DataType::UInt8}},
        {"rotated.tif", {10, 15, 1, DataType::UInt8}},
        {"shade.tif", {1024, 1024, 1, DataType::UInt8}},
        {"alpha.tif", {1223, 1223, 4, DataType::UInt8}},
        {"float_nan.tif", {3, 2, 1, DataType::Float32}},
        {"utmsmall.tif", {100, 100, 1, DataType::UInt8}},
        {"rgba_geotiff.tiff", {600, 600, 4, DataType::UInt8}},
        {"rgb_geotiff.tiff", {256, 256, 3, DataType::UInt16}},
        {"grey10kx5k.tif", {10000, 5000, 1, DataType::UInt8}},
        {"test_orient6.tif", {120, 180, 1, DataType::UInt8}},
    };
    int opened = 0;
    for (const std::string& f : files) {
        const std::string name = std::filesystem::path(f).filename().string();
        auto it = table.find(name);
        if (it == table.end()) continue;
        SourcePtr s;
        try {
            s = openSource(f, OpenOptions{"gdal"});  // auto-detection gives some to tiff
        } catch (const Error& e) {
            QFAIL(qPrintable(QString::fromStdString(name + ": " + e.what())));
        }
        const SourceInfo& i = s->info();
        QVERIFY2(i.sizeX == it->second.w && i.sizeY == it->second.h, name.c_str());
        QVERIFY2(i.bandCount == it->second.bands, name.c_str());
        QVERIFY2(i.dtype == it->second.type, name.c_str());
        // A small read at the image centre works for every file.
        const double cx = i.sizeX / 2.0, cy = i.sizeY / 2.0;
        Raster r = s->read({std::floor(cx),
                            std::floor(cy),
                            std::floor(cx) + 1,
                            std::floor(cy) + 1,
                            1,
                            1,
                            {},
                            0,
                            Resample::Nearest});
        QVERIFY2(r.bands() == i.bandCount, name.c_str());
        ++opened;
    }
    QCOMPARE(opened, int(table.size()));
    const std::string dir = sharedDataDir() + "/geotiff/";
    // External .ovr overviews are found for local files.
    QCOMPARE(int(openSource(dir + "image_external.tif")->info().levels.size()), 4);
    // GCP-only georeferencing.
    SourcePtr gcp = openSource(dir + "rgba_geotiff.tiff");
    QVERIFY(gcp->info().geospatial);
    QVERIFY(gcp->info().geoTransform[1] != 1.0);
    QVERIFY(gcp->internalMetadata()["GCPs"].size() == 4);
    QCOMPARE(gcp->info().bands[3].interpretation, std::string("alpha"));
    QCOMPARE(gcp->info().bands[0].maskband, std::string("alpha"));
    // Not georeferenced (no CRS) but with a geotransform.
    QVERIFY(!openSource(dir + "rotated.tif")->info().geospatial);
    // Every pixel nodata: no statistics.
    QVERIFY(!openSource(dir + "inverted_lat.tif")->statistics(1, 0, true).valid);
    // Paletted COG.
    SourcePtr cmap = openSource(dir + "cog_cmap.tif");
    QCOMPARE(cmap->info().bands[0].interpretation, std::string("palette"));
    QVERIFY(cmap->info().bands[0].colortable.size() >= 12);
    // Whole-world COG warped to web mercator at z0: a deep overview is used and data is present.
    SourcePtr world = openSource(dir + "cog_world.tif");
    const double half = unitsAcrossLevel0("EPSG:3857") / 2;
    Raster z0 = world->readProjected(
        {"EPSG:3857", {-half, -half, half, half}, 256, 256, {}, 0, Resample::Nearest});
    int land = 0;
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) land += z0.value(x, y, 1) == 255 ? 1 : 0;
    QVERIFY2(land > 5000 && land < 40000, qPrintable(QString::number(land)));
}

void TestGdalSource::sharedRgbGeotiff() {
    const std::string dir = sharedDataDir();
    if (dir.empty()) QSKIP("shared data not present");
    SourcePtr s = openSource(dir + "/geotiff/rgb_geotiff.tiff");
    const SourceInfo& i = s->info();
    QCOMPARE(i.bands[1].interpretation, std::string("green"));
    BandStats st = s->statistics(2, 0, true);
    QVERIFY(st.valid);
    QCOMPARE(st.min, 0.0);
    QCOMPARE(st.max, 212.0);
    auto fp = footprint(i);
    QVERIFY(fp);
    QCOMPARE(fp->box.xmin, 367185.0);
    QCOMPARE(fp->box.xmax, 597915.0);
    QCOMPARE(fp->box.ymin, 3552885.0);
    QCOMPARE(fp->box.ymax, 3788115.0);
    QCOMPARE(epsgString(i.projectionWkt), std::string("epsg:32611"));
    // large_image getPixel(left=212, top=198): bands 62, 65, 66.
    Raster p = s->read({212, 198, 213, 199, 1, 1, {}, 0, Resample::Nearest});
    QCOMPARE(p.value(0, 0, 0), 62.0);
    QCOMPARE(p.value(0, 0, 1), 65.0);
    QCOMPARE(p.value(0, 0, 2), 66.0);
    // Projected pixel at 3857 (−13132910, 4010586): bands 77, 82, 84 (large_image test).
    const double x = -13132910, y = 4010586, d = 1.0;
    Raster q = s->readProjected(
        {"EPSG:3857", {x - d, y - d, x + d, y + d}, 1, 1, {}, 0, Resample::Nearest});
    QCOMPARE(q.value(0, 0, 0), 77.0);
    QCOMPARE(q.value(0, 0, 1), 82.0);
    QCOMPARE(q.value(0, 0, 2), 84.0);
    QCOMPARE(q.value(0, 0, 3), 65535.0);
    // 3857 bounds ≈ x −13184900…−12906033, y 3777034…4059661.
    auto m = footprint(i, "epsg:3857");
    QVERIFY(std::abs(m->box.xmin - -13184900) < 5 && std::abs(m->box.xmax - -12906033) < 5);
    QVERIFY(std::abs(m->box.ymin - 3777034) < 5 && std::abs(m->box.ymax - 4059661) < 5);
    QVERIFY(i.mmX && *i.mmX > 880000 && *i.mmX < 960000);
}

QTEST_GUILESS_MAIN(TestGdalSource)
#include "test_gdal_source.moc"
