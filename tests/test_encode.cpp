// Tests of the image encoders (PNG, JPEG, WebP, TIFF), decodeImage and the encoding table:
// exact round trips through GDAL's decoders, georeferencing, thread-safety and bad input.
#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <QTest>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <thread>

#include "encode/encoder.h"
#include "encode/encoding.h"
#include "raster/image.h"
#include "raster/raster.h"
#include "util/error.h"

using namespace tessera;

namespace {

// A deterministic, busy pattern: every channel differs and neighbouring pixels differ.
std::uint8_t pattern(int x, int y, int c) {
    return std::uint8_t((x * 3 + y * 7 + c * 50 + (x * y) % 13) & 0xff);
}

Image patternImage(int w, int h, int channels) {
    Image img(w, h, channels);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c) img.row(y)[x * channels + c] = pattern(x, y, c);
    return img;
}

// Alpha never 0 (WebP lossless may rewrite the colour of fully transparent pixels).
Image visibleAlphaImage(int w, int h, int channels) {
    Image img = patternImage(w, h, channels);
    if (img.hasAlpha()) {
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                std::uint8_t& a = img.row(y)[x * channels + channels - 1];
                a = std::uint8_t(1 + a % 255);
            }
    }
    return img;
}

// A smooth image (gentle gradients, low chroma, like a photo), for lossy codecs.
Image smoothImage(int w, int h, int channels) {
    Image img(w, h, channels);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c) {
                const double v = 100 + 60 * std::sin(x / 60.0) * std::cos(y / 70.0) + 15 * c;
                img.row(y)[x * channels + c] = std::uint8_t(v);
            }
    return img;
}

Image pattern16(int w, int h, int channels) {
    Image img(w, h, channels, DataType::UInt16);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c) {
                const std::uint16_t v = std::uint16_t(x * 257 + y * 1031 + c * 12345 + x * y);
                std::memcpy(img.row(y) + (std::size_t(x) * channels + c) * 2, &v, 2);
            }
    return img;
}

// Fails with the first differing sample.
void expectSamePixels(const Image& got, const Image& want) {
    QCOMPARE(got.width, want.width);
    QCOMPARE(got.height, want.height);
    QCOMPARE(got.channels, want.channels);
    QCOMPARE(int(got.type), int(want.type));
    QCOMPARE(got.pixels.size(), want.pixels.size());
    const std::size_t ss = sampleSize(want.type);
    for (std::size_t i = 0; i < want.pixels.size(); i += ss) {
        if (std::memcmp(got.pixels.data() + i, want.pixels.data() + i, ss) != 0) {
            const std::size_t s = i / ss;
            const std::size_t px = s / std::size_t(want.channels);
            QFAIL(qPrintable(QStringLiteral("sample differs at x=%1 y=%2 channel=%3")
                                 .arg(px % std::size_t(want.width))
                                 .arg(px / std::size_t(want.width))
                                 .arg(s % std::size_t(want.channels))));
        }
    }
}

// Largest absolute difference of 8-bit samples, over the channels both images have in common
// (want's first `channels` channels).
int maxDifference(const Image& got, const Image& want, int channels) {
    int worst = 0;
    for (int y = 0; y < want.height; ++y)
        for (int x = 0; x < want.width; ++x)
            for (int c = 0; c < channels; ++c) {
                const int a = got.row(y)[x * got.channels + c];
                const int b = want.row(y)[x * want.channels + c];
                worst = std::max(worst, std::abs(a - b));
            }
    return worst;
}

double meanDifference(const Image& got, const Image& want, int channels) {
    double sum = 0;
    for (int y = 0; y < want.height; ++y)
        for (int x = 0; x < want.width; ++x)
            for (int c = 0; c < channels; ++c)
                sum += std::abs(int(got.row(y)[x * got.channels + c]) -
                                int(want.row(y)[x * want.channels + c]));
    return sum / (double(want.width) * want.height * channels);
}

std::uint32_t be32(const Bytes& b, std::size_t at) {
    return (std::uint32_t(b[at]) << 24) | (std::uint32_t(b[at + 1]) << 16) |
           (std::uint32_t(b[at + 2]) << 8) | std::uint32_t(b[at + 3]);
}

// Chunk types of a PNG, in order.
QStringList pngChunks(const Bytes& png) {
    QStringList out;
    std::size_t at = 8;
    while (at + 12 <= png.size()) {
        const std::uint32_t len = be32(png, at);
        out << QString::fromLatin1(reinterpret_cast<const char*>(png.data() + at + 4), 4);
        at += 12 + len;
    }
    return out;
}

// The first luma component's sampling factors byte of a baseline JPEG's SOF0 (0x11 = 4:4:4,
// 0x21 = 4:2:2, 0x22 = 4:2:0), and the number of components.
std::pair<int, int> jpegSampling(const Bytes& jpg) {
    for (std::size_t i = 2; i + 12 < jpg.size();) {
        if (jpg[i] != 0xff) return {-1, -1};
        const int marker = jpg[i + 1];
        const std::size_t len = (std::size_t(jpg[i + 2]) << 8) | jpg[i + 3];
        if (marker == 0xc0 || marker == 0xc1 || marker == 0xc2) return {jpg[i + 11], jpg[i + 9]};
        i += 2 + len;
    }
    return {-1, -1};
}

// Opens bytes with GDAL through a /vsimem/ file for inspection; closes and unlinks on scope exit.
struct GdalBytes {
    std::string path;
    GDALDatasetH ds = nullptr;
    explicit GdalBytes(const Bytes& bytes, const char* name) {
        path = std::string("/vsimem/test_encode_") + name;
        VSIFCloseL(VSIFileFromMemBuffer(path.c_str(), const_cast<GByte*>(bytes.data()),
                                        bytes.size(), FALSE));
        ds = GDALOpen(path.c_str(), GA_ReadOnly);
    }
    ~GdalBytes() {
        if (ds) GDALClose(ds);
        VSIUnlink(path.c_str());
    }
    GdalBytes(const GdalBytes&) = delete;
    GdalBytes& operator=(const GdalBytes&) = delete;
};

template <typename F>
ErrorKind thrownKind(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        if (std::string(e.what()).empty()) return ErrorKind::Internal;
        return e.kind();
    }
    return ErrorKind(-1);
}

}  // namespace

class TestEncode : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase() { GDALAllRegister(); }

    void encodingTable() {
        QCOMPARE(parseEncoding("png"), std::optional(Encoding::PNG));
        QCOMPARE(parseEncoding("PNG"), std::optional(Encoding::PNG));
        QCOMPARE(parseEncoding("jpeg"), std::optional(Encoding::JPEG));
        QCOMPARE(parseEncoding("JPG"), std::optional(Encoding::JPEG));
        QCOMPARE(parseEncoding("jfif"), std::optional(Encoding::JPEG));
        QCOMPARE(parseEncoding("WebP"), std::optional(Encoding::WebP));
        QCOMPARE(parseEncoding("tif"), std::optional(Encoding::TIFF));
        QCOMPARE(parseEncoding("TIFF"), std::optional(Encoding::TIFF));
        QCOMPARE(parseEncoding("tiled"), std::optional(Encoding::TIFF));
        QCOMPARE(parseEncoding("gif"), std::nullopt);
        QCOMPARE(parseEncoding(""), std::nullopt);
        QCOMPARE(parseEncoding("pngx"), std::nullopt);
        QCOMPARE(QString::fromLatin1(mimeType(Encoding::PNG)), QStringLiteral("image/png"));
        QCOMPARE(QString::fromLatin1(mimeType(Encoding::JPEG)), QStringLiteral("image/jpeg"));
        QCOMPARE(QString::fromLatin1(mimeType(Encoding::WebP)), QStringLiteral("image/webp"));
        QCOMPARE(QString::fromLatin1(mimeType(Encoding::TIFF)), QStringLiteral("image/tiff"));
        QCOMPARE(QString::fromLatin1(fileExtension(Encoding::PNG)), QStringLiteral("png"));
        QCOMPARE(QString::fromLatin1(fileExtension(Encoding::JPEG)), QStringLiteral("jpeg"));
        QCOMPARE(QString::fromLatin1(fileExtension(Encoding::WebP)), QStringLiteral("webp"));
        QCOMPARE(QString::fromLatin1(fileExtension(Encoding::TIFF)), QStringLiteral("tiff"));
        QCOMPARE(QString::fromLatin1(encodingName(Encoding::PNG)), QStringLiteral("PNG"));
        QCOMPARE(QString::fromLatin1(encodingName(Encoding::JPEG)), QStringLiteral("JPEG"));
        QCOMPARE(QString::fromLatin1(encodingName(Encoding::WebP)), QStringLiteral("WEBP"));
        QCOMPARE(QString::fromLatin1(encodingName(Encoding::TIFF)), QStringLiteral("TIFF"));
    }

    void png8Exact_data() {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("level");
        for (int c = 1; c <= 4; ++c)
            for (int level : {0, 1, 2, 6, 9}) QTest::addRow("c%d_l%d", c, level) << c << level;
    }
    void png8Exact() {
        QFETCH(int, channels);
        QFETCH(int, level);
        const Image img = patternImage(301, 173, channels);  // odd sizes: no 16-byte alignment
        const Bytes png = encodePng(img, level);
        QVERIFY(png.size() > 8);
        static const std::uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        QVERIFY(std::memcmp(png.data(), sig, 8) == 0);
        QCOMPARE(pngChunks(png), (QStringList{QStringLiteral("IHDR"), QStringLiteral("IDAT"),
                                              QStringLiteral("IEND")}));
        QCOMPARE(be32(png, 16), 301u);
        QCOMPARE(be32(png, 20), 173u);
        QCOMPARE(int(png[24]), 8);
        static const int colorType[5] = {0, 0, 4, 2, 6};
        QCOMPARE(int(png[25]), colorType[channels]);
        expectSamePixels(decodeImage(png), img);
    }

    void png16Exact_data() {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("level");
        for (int c = 1; c <= 4; ++c)
            for (int level : {1, 6}) QTest::addRow("c%d_l%d", c, level) << c << level;
    }
    void png16Exact() {
        QFETCH(int, channels);
        QFETCH(int, level);
        const Image img = pattern16(97, 45, channels);
        const Bytes png = encodePng(img, level);
        QCOMPARE(int(png[24]), 16);
        const Image back = decodeImage(png);
        QCOMPARE(int(back.type), int(DataType::UInt16));
        expectSamePixels(back, img);
    }

    void pngNoiseAndLarge() {
        // Incompressible data exercises the stored-block paths; a larger image the buffer growth.
        Image noise(640, 480, 4);
        std::uint32_t s = 12345;
        for (auto& p : noise.pixels) {
            s = s * 1664525u + 1013904223u;
            p = std::uint8_t(s >> 24);
        }
        for (int level : {1, 3, 9}) expectSamePixels(decodeImage(encodePng(noise, level)), noise);
        const Image big = patternImage(2500, 1700, 3);
        expectSamePixels(decodeImage(encodePng(big, 1)), big);
        const Image one = patternImage(1, 1, 2);
        expectSamePixels(decodeImage(encodePng(one)), one);
    }

    void pngFloatAndOtherTypes() {
        // Floats: clip to [0,255], truncate, NaN → 0 (large_image's astype(uint8) after clip).
        Image f(6, 1, 1, DataType::Float32);
        const float values[6] = {-5.f,  std::numeric_limits<float>::quiet_NaN(), 12.7f, 254.99f,
                                 300.f, std::numeric_limits<float>::infinity()};
        std::memcpy(f.pixels.data(), values, sizeof values);
        const Image back = decodeImage(encodePng(f));
        QCOMPARE(int(back.type), int(DataType::UInt8));
        const std::uint8_t want[6] = {0, 0, 12, 254, 255, 255};
        QVERIFY(std::memcmp(back.pixels.data(), want, 6) == 0);
        // int16 → (v + 32768) // 256
        Image i16(3, 1, 1, DataType::Int16);
        const std::int16_t iv[3] = {-32768, 0, 32767};
        std::memcpy(i16.pixels.data(), iv, sizeof iv);
        const Image b16 = decodeImage(encodePng(i16));
        QCOMPARE(int(b16.pixels[0]), 0);
        QCOMPARE(int(b16.pixels[1]), 128);
        QCOMPARE(int(b16.pixels[2]), 255);
    }

    void pngFlatCompresses() {
        Image flat(512, 512, 4);
        for (std::size_t i = 0; i < flat.pixels.size(); i += 4) {
            flat.pixels[i] = 30;
            flat.pixels[i + 1] = 120;
            flat.pixels[i + 2] = 200;
            flat.pixels[i + 3] = 255;
        }
        for (int level : {1, 6}) {
            const Bytes png = encodePng(flat, level);
            QVERIFY2(png.size() < flat.pixels.size() / 20,
                     qPrintable(QStringLiteral("level %1: %2 bytes").arg(level).arg(png.size())));
            expectSamePixels(decodeImage(png), flat);
        }
        // Higher levels compress a real pattern at least as well as level 1.
        const Image img = smoothImage(256, 256, 3);
        QVERIFY(encodePng(img, 9).size() <= encodePng(img, 1).size());
    }

    void jpegApproximate_data() {
        QTest::addColumn<int>("channels");
        for (int c = 1; c <= 4; ++c) QTest::addRow("c%d", c) << c;
    }
    void jpegApproximate() {
        QFETCH(int, channels);
        const Image img = smoothImage(200, 150, channels);
        const Bytes jpg = encodeJpeg(img, 95, 0);
        QCOMPARE(int(jpg[0]), 0xff);
        QCOMPARE(int(jpg[1]), 0xd8);
        const Image back = decodeImage(jpg);
        QCOMPARE(back.width, 200);
        QCOMPARE(back.height, 150);
        const int colour = channels >= 3 ? 3 : 1;  // alpha is dropped
        QCOMPARE(back.channels, colour);
        QCOMPARE(jpegSampling(jpg).second, colour);
        const int diff = maxDifference(back, img, colour);
        QVERIFY2(diff <= 3, qPrintable(QStringLiteral("max difference %1").arg(diff)));
    }

    void jpegDropsAlphaLikePil() {
        // PIL's RGBA→RGB / LA→L convert discards alpha: the JPEG equals that of the colour
        // channels alone, whatever the alpha values.
        Image rgba = smoothImage(64, 48, 4);
        Image rgb(64, 48, 3);
        for (std::size_t i = 0, n = 64 * 48; i < n; ++i) {
            std::memcpy(&rgb.pixels[3 * i], &rgba.pixels[4 * i], 3);
            rgba.pixels[4 * i + 3] = std::uint8_t(i % 7 == 0 ? 0 : 100);
        }
        QVERIFY(encodeJpeg(rgba, 90, 2) == encodeJpeg(rgb, 90, 2));
        Image la = smoothImage(64, 48, 2);
        Image l(64, 48, 1);
        for (std::size_t i = 0, n = 64 * 48; i < n; ++i) {
            l.pixels[i] = la.pixels[2 * i];
            la.pixels[2 * i + 1] = 0;
        }
        QVERIFY(encodeJpeg(la, 90, 0) == encodeJpeg(l, 90, 0));
    }

    void jpegSubsamplingAndQuality() {
        const Image img = smoothImage(256, 256, 3);
        QCOMPARE(jpegSampling(encodeJpeg(img, 75, 0)).first, 0x11);
        QCOMPARE(jpegSampling(encodeJpeg(img, 75, 1)).first, 0x21);
        QCOMPARE(jpegSampling(encodeJpeg(img, 75, 2)).first, 0x22);
        // Gray images are TJSAMP_GRAY whatever subsampling is asked for.
        QCOMPARE(jpegSampling(encodeJpeg(smoothImage(32, 32, 1), 75, 2)).first, 0x11);
        QVERIFY(encodeJpeg(img, 50, 2).size() < encodeJpeg(img, 95, 0).size());
        const Image back = decodeImage(encodeJpeg(img, 90, 2));
        QVERIFY(meanDifference(back, img, 3) < 2.0);
        // 16-bit input is converted with // 256 first.
        Image i16(16, 16, 3, DataType::UInt16);
        for (std::size_t i = 0; i < i16.pixels.size(); i += 2) {
            const std::uint16_t v = 40000;  // → 156
            std::memcpy(&i16.pixels[i], &v, 2);
        }
        const Image b16 = decodeImage(encodeJpeg(i16, 95, 0));
        QVERIFY(std::abs(int(b16.pixels[0]) - 156) <= 1);
    }

    void webpLosslessExact_data() {
        QTest::addColumn<int>("channels");
        for (int c = 1; c <= 4; ++c) QTest::addRow("c%d", c) << c;
    }
    void webpLosslessExact() {
        QFETCH(int, channels);
        const Image img = visibleAlphaImage(123, 77, channels);
        const Bytes webp = encodeWebp(img, 75, true);
        QVERIFY(std::memcmp(webp.data(), "RIFF", 4) == 0);
        QVERIFY(std::memcmp(webp.data() + 8, "WEBP", 4) == 0);
        const Image back = decodeImage(webp);
        // Gray is expanded to RGB (LA to RGBA); compare with the expansion.
        const int outChannels = img.hasAlpha() ? 4 : 3;
        Image want(img.width, img.height, outChannels);
        for (std::size_t i = 0, n = std::size_t(img.width) * img.height; i < n; ++i) {
            for (int c = 0; c < 3; ++c)
                want.pixels[i * outChannels + c] =
                    img.pixels[i * channels + (channels >= 3 ? c : 0)];
            if (img.hasAlpha()) want.pixels[i * 4 + 3] = img.pixels[i * channels + channels - 1];
        }
        expectSamePixels(back, want);
    }

    void webpLossyAndTransparency() {
        const Image img = smoothImage(256, 256, 4);
        const Bytes lossy = encodeWebp(img, 90, false);
        const Image back = decodeImage(lossy);
        QCOMPARE(back.channels, 4);
        QVERIFY2(meanDifference(back, img, 3) < 3.0,
                 qPrintable(QStringLiteral("mean %1").arg(meanDifference(back, img, 3))));
        QVERIFY(maxDifference(back, img, 4) < 40);
        QVERIFY(encodeWebp(img, 20, false).size() < lossy.size());
        // Fully transparent pixels stay transparent in both modes.
        Image t = patternImage(64, 64, 4);
        for (int y = 0; y < 32; ++y)
            for (int x = 0; x < 64; ++x) t.row(y)[x * 4 + 3] = 0;
        for (bool lossless : {true, false}) {
            const Image tb = decodeImage(encodeWebp(t, 75, lossless));
            for (int y = 0; y < 64; ++y)
                for (int x = 0; x < 64; ++x) {
                    const int a = tb.row(y)[x * 4 + 3];
                    if (y < 32)
                        QCOMPARE(a, 0);
                    else if (lossless)
                        QCOMPARE(a, int(t.row(y)[x * 4 + 3]));
                }
        }
    }

    void tiffExact_data() {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("type");
        for (int c = 1; c <= 4; ++c)
            for (DataType t : {DataType::UInt8, DataType::UInt16, DataType::Float32})
                QTest::addRow("c%d_%s", c, numpyName(t)) << c << int(t);
    }
    void tiffExact() {
        QFETCH(int, channels);
        QFETCH(int, type);
        const DataType dt = DataType(type);
        Image img(300, 270, channels, dt);  // more than one 256×256 tile in each direction
        for (int y = 0; y < img.height; ++y)
            for (int x = 0; x < img.width; ++x)
                for (int c = 0; c < channels; ++c) {
                    const double v = pattern(x, y, c) * (dt == DataType::UInt16 ? 251 : 1) +
                                     (dt == DataType::Float32 ? 0.25 : 0);
                    dispatchType(dt, [&](auto tag) {
                        using T = decltype(tag);
                        const T s = T(v);
                        std::memcpy(img.row(y) + (std::size_t(x) * channels + c) * sizeof(T), &s,
                                    sizeof(T));
                    });
                }
        const Bytes tif = encodeTiff(img);
        QVERIFY(std::memcmp(tif.data(), "II*", 3) == 0 || std::memcmp(tif.data(), "II+", 3) == 0);
        expectSamePixels(decodeImage(tif), img);

        GdalBytes g(tif, "exact.tif");
        QVERIFY(g.ds);
        int bx = 0, by = 0;
        GDALGetBlockSize(GDALGetRasterBand(g.ds, 1), &bx, &by);
        QCOMPARE(bx, 256);
        QCOMPARE(by, 256);
        QCOMPARE(QString::fromLatin1(GDALGetMetadataItem(g.ds, "COMPRESSION", "IMAGE_STRUCTURE")),
                 QStringLiteral("DEFLATE"));
        const auto interp = [&](int b) {
            return GDALGetRasterColorInterpretation(GDALGetRasterBand(g.ds, b));
        };
        if (channels >= 3 && dt != DataType::Float32) {
            QCOMPARE(int(interp(1)), int(GCI_RedBand));
            QCOMPARE(int(interp(3)), int(GCI_BlueBand));
        }
        if (channels == 2 || channels == 4) QCOMPARE(int(interp(channels)), int(GCI_AlphaBand));
    }

    void tiffJpegAndOptions() {
        const Image img = smoothImage(300, 200, 3);
        EncodeOptions o;
        o.tiffCompression = "jpeg";
        o.jpegQuality = 95;
        const Bytes tif = encodeTiff(img, o);
        GdalBytes g(tif, "jpeg.tif");
        QVERIFY(g.ds);
        QCOMPARE(QString::fromLatin1(GDALGetMetadataItem(g.ds, "COMPRESSION", "IMAGE_STRUCTURE")),
                 QStringLiteral("JPEG"));
        const Image back = decodeImage(tif);
        QCOMPARE(back.channels, 3);
        QVERIFY(maxDifference(back, img, 3) <= 3);
        o.tiffCompression = "LZW";
        expectSamePixels(decodeImage(encodeTiff(img, o)), img);
        // JPEG cannot carry alpha or 16-bit data; unknown compressions are refused.
        o.tiffCompression = "JPEG";
        QCOMPARE(thrownKind([&] { encodeTiff(smoothImage(8, 8, 4), o); }), ErrorKind::Unsupported);
        QCOMPARE(thrownKind([&] { encodeTiff(pattern16(8, 8, 1), o); }), ErrorKind::Unsupported);
        o.tiffCompression = "BOGUS";
        QCOMPARE(thrownKind([&] { encodeTiff(img, o); }), ErrorKind::BadRequest);
        // encodeImage picks the TIFF encoder and its options.
        o.tiffCompression = "DEFLATE";
        const Bytes viaDispatch = encodeImage(img, Encoding::TIFF, o);
        QVERIFY(viaDispatch == encodeTiff(img, o));
    }

    void tiffGeoreference() {
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        QCOMPARE(OSRImportFromEPSG(srs, 32633), OGRERR_NONE);
        char* wkt = nullptr;
        OSRExportToWkt(srs, &wkt);
        GeoReference geo;
        geo.wkt = wkt;
        CPLFree(wkt);
        OSRDestroySpatialReference(srs);
        geo.geoTransform = {500000.0, 10.0, 0.0, 4600000.0, 0.0, -10.0};
        geo.nodata = 0.0;

        const Bytes tif = encodeTiff(patternImage(260, 300, 3), {}, &geo);
        GdalBytes g(tif, "geo.tif");
        QVERIFY(g.ds);
        double gt[6];
        QCOMPARE(GDALGetGeoTransform(g.ds, gt), CE_None);
        for (int i = 0; i < 6; ++i) QCOMPARE(gt[i], geo.geoTransform[std::size_t(i)]);
        OGRSpatialReferenceH got = OSRNewSpatialReference(GDALGetProjectionRef(g.ds));
        QVERIFY(got);
        OSRAutoIdentifyEPSG(got);
        QCOMPARE(QString::fromLatin1(OSRGetAuthorityCode(got, nullptr)), QStringLiteral("32633"));
        OSRDestroySpatialReference(got);
        int hasNodata = 0;
        const double nodata = GDALGetRasterNoDataValue(GDALGetRasterBand(g.ds, 1), &hasNodata);
        QVERIFY(hasNodata);
        QCOMPARE(nodata, 0.0);
    }

    void rasterTiffFloat32() {
        // Five float32 bands, including NaN and extreme values, written planar and read back.
        Raster r(513, 259, 5, DataType::Float32);
        for (int b = 0; b < 5; ++b)
            for (int y = 0; y < r.height(); ++y)
                for (int x = 0; x < r.width(); ++x)
                    r.band<float>(b)[std::size_t(y) * r.width() + x] =
                        float(x) * 0.37f - float(y) * 1.5e3f + float(b) * 1e-3f;
        r.band<float>(2)[7] = std::numeric_limits<float>::quiet_NaN();
        r.band<float>(4)[0] = -3.4e38f;
        GeoReference geo;
        geo.geoTransform = {-10.0, 0.02, 0.0, 10.0, 0.0, -0.02};
        geo.nodata = -9999.0;
        const Bytes tif = encodeRasterTiff(r, {}, &geo);
        GdalBytes g(tif, "raw.tif");
        QVERIFY(g.ds);
        QCOMPARE(GDALGetRasterCount(g.ds), 5);
        for (int b = 0; b < 5; ++b) {
            GDALRasterBandH band = GDALGetRasterBand(g.ds, b + 1);
            QCOMPARE(int(GDALGetRasterDataType(band)), int(GDT_Float32));
            std::vector<float> got(r.pixelCount());
            QCOMPARE(GDALRasterIO(band, GF_Read, 0, 0, r.width(), r.height(), got.data(), r.width(),
                                  r.height(), GDT_Float32, 0, 0),
                     CE_None);
            QVERIFY(std::memcmp(got.data(), r.bandData(b), r.bandBytes()) == 0);
        }
        double gt[6];
        QCOMPARE(GDALGetGeoTransform(g.ds, gt), CE_None);
        QCOMPARE(gt[1], 0.02);
        // decodeImage gives the first four bands, interleaved.
        const Image img = decodeImage(tif);
        QCOMPARE(img.channels, 4);
        QCOMPARE(int(img.type), int(DataType::Float32));
        float v;
        std::memcpy(&v, img.pixels.data() + (std::size_t(1) * 4 + 1) * 4, 4);  // x=1, band 2
        QCOMPARE(v, r.band<float>(1)[1]);
    }

    void rasterTiffIntegerTypes() {
        for (DataType t : {DataType::Int8, DataType::Int16, DataType::UInt32, DataType::Float64}) {
            Raster r(40, 30, 2, t);
            for (int b = 0; b < 2; ++b)
                for (int y = 0; y < 30; ++y)
                    for (int x = 0; x < 40; ++x)
                        r.setValue(x, y, b, isSigned(t) ? (x - 20) * (b + 1) + y : x * (b + 1) + y);
            const Image img = decodeImage(encodeRasterTiff(r));
            QCOMPARE(int(img.type), int(t));
            QCOMPARE(img.channels, 2);
            for (int y = 0; y < 30; ++y)
                for (int x = 0; x < 40; ++x)
                    for (int b = 0; b < 2; ++b) {
                        double v = 0;
                        dispatchType(t, [&](auto tag) {
                            using T = decltype(tag);
                            T s;
                            std::memcpy(&s, img.row(y) + (std::size_t(x) * 2 + b) * sizeof(T),
                                        sizeof(T));
                            v = double(s);
                        });
                        const double want = r.value(x, y, b);
                        if (v != want)
                            QFAIL(qPrintable(QStringLiteral("%1: %2 != %3 at %4,%5")
                                                 .arg(QString::fromLatin1(numpyName(t)))
                                                 .arg(v)
                                                 .arg(want)
                                                 .arg(x)
                                                 .arg(y)));
                    }
        }
    }

    void encodeImageDispatch() {
        const Image img = patternImage(40, 30, 4);
        EncodeOptions o;
        QVERIFY(encodeImage(img, Encoding::PNG, o) == encodePng(img, 1));
        o.pngLevel = 6;
        QVERIFY(encodeImage(img, Encoding::PNG, o) == encodePng(img, 6));
        o.jpegQuality = 80;
        o.jpegSubsampling = 2;
        QVERIFY(encodeImage(img, Encoding::JPEG, o) == encodeJpeg(img, 80, 2));
        o.webpLossless = true;
        QVERIFY(encodeImage(img, Encoding::WebP, o) == encodeWebp(img, 75, true));
        const Bytes tif = encodeImage(img, Encoding::TIFF, o);
        QVERIFY(std::memcmp(tif.data(), "II", 2) == 0);
    }

    void threadSafety() {
        const Image rgba = smoothImage(256, 256, 4);
        const Image l = patternImage(256, 256, 1);
        const Image rgb = patternImage(256, 256, 3);
        const auto encodeAll = [&]() {
            std::vector<Bytes> out;
            out.push_back(encodePng(rgba, 1));
            out.push_back(encodePng(l, 1));
            out.push_back(encodePng(rgb, 6));
            out.push_back(encodePng(pattern16(64, 64, 3), 1));
            out.push_back(encodeJpeg(rgb, 75, 2));
            out.push_back(encodeJpeg(l, 90, 0));
            out.push_back(encodeWebp(rgba, 75, false));
            out.push_back(encodeWebp(rgb, 75, true));
            out.push_back(encodeTiff(rgb));
            return out;
        };
        const std::vector<Bytes> reference = encodeAll();
        std::atomic<int> mismatches{0};
        std::atomic<int> errors{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                try {
                    for (int round = 0; round < 5; ++round) {
                        if (encodeAll() != reference) ++mismatches;
                        if (decodeImage(reference[0]).pixels != rgba.pixels) ++mismatches;
                    }
                } catch (...) {
                    ++errors;
                }
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(errors.load(), 0);
        QCOMPARE(mismatches.load(), 0);
    }

    void badInput() {
        const Image empty;
        QCOMPARE(thrownKind([&] { encodePng(empty); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodeJpeg(empty); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodeWebp(empty); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodeTiff(empty); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodeRasterTiff(Raster()); }), ErrorKind::BadRequest);
        Image five(4, 4, 4);
        five.channels = 5;
        five.pixels.resize(4 * 4 * 5);
        QCOMPARE(thrownKind([&] { encodePng(five); }), ErrorKind::Unsupported);
        QCOMPARE(thrownKind([&] { encodeJpeg(five); }), ErrorKind::Unsupported);
        QCOMPARE(thrownKind([&] { encodeWebp(five); }), ErrorKind::Unsupported);
        QCOMPARE(thrownKind([&] { encodeTiff(five); }), ErrorKind::Unsupported);
        Image zero(4, 4, 1);
        zero.channels = 0;
        QCOMPARE(thrownKind([&] { encodePng(zero); }), ErrorKind::Unsupported);
        Image shortBuffer(10, 10, 3);
        shortBuffer.pixels.resize(50);
        QCOMPARE(thrownKind([&] { encodePng(shortBuffer); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodeJpeg(shortBuffer); }), ErrorKind::BadRequest);
        const Image ok = patternImage(8, 8, 3);
        QCOMPARE(thrownKind([&] { encodePng(ok, 10); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodePng(ok, -1); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodeJpeg(ok, 101); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodeJpeg(ok, 90, 3); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodeWebp(ok, -1); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { encodeWebp(Image(16384, 1, 1)); }), ErrorKind::Unsupported);
        QCOMPARE(thrownKind([&] { encodeJpeg(Image(70000, 1, 1)); }), ErrorKind::Unsupported);
        // decodeImage: nothing, garbage, a truncated PNG.
        QCOMPARE(thrownKind([&] { decodeImage({}); }), ErrorKind::BadRequest);
        QCOMPARE(thrownKind([&] { decodeImage(Bytes(100, 0x42)); }), ErrorKind::BadRequest);
        // A VRT (which could point at any local file) is not an image format decodeImage reads.
        const std::string vrt =
            "<VRTDataset rasterXSize=\"2\" rasterYSize=\"2\"><VRTRasterBand dataType=\"Byte\" "
            "band=\"1\"/></VRTDataset>";
        QCOMPARE(thrownKind([&] { decodeImage(Bytes(vrt.begin(), vrt.end())); }),
                 ErrorKind::BadRequest);
        Bytes truncated = encodePng(patternImage(200, 200, 3));
        truncated.resize(truncated.size() / 2);
        QCOMPARE(thrownKind([&] { decodeImage(truncated); }), ErrorKind::BadRequest);
        // Encoders still work on this thread after errors.
        expectSamePixels(decodeImage(encodePng(ok)), ok);
    }
};

QTEST_GUILESS_MAIN(TestEncode)
#include "test_encode.moc"
