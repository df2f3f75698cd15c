// Hostile files made by the test (FITS headers that lie, tile-compressed FITS with ZTILE1 = 0 and
// corrupt heap descriptors, TIFFs with absurd tiles, offsets outside the file, DEFLATE bombs and
// IFD loops): each gives a clean Error of the right kind, quickly and without a large
// allocation. Plus bounded reads: a 100000×100000 sparse TIFF with overviews opens and its
// thumbnail comes from an overview with little memory, and histograms too large to hold are
// streamed with the same numbers as one read.
#include <QtTest>
#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include "service/engine.h"
#include "service/image_view.h"
#include "source/fits_handle_pool.h"
#include "source/fits_source.h"
#include "source/fits_tile_check.h"
#include "source/fits_validate.h"
#include "source/open_source.h"
#include "stats/histogram.h"
#include "support/fits_fixtures.h"
#include "support/fixtures.h"
#include "support/sanitizer.h"
#include "util/error.h"
#include "util/request_context.h"

using namespace tessera;
using namespace tessera::test;

namespace {

// ---------------------------------------------------------------------------------------------
// Memory: peak RSS (VmHWM), reset through /proc/self/clear_refs where the kernel allows it.

long long statusKb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::atoll(line.c_str() + std::strlen(key));
    return -1;
}

// Under AddressSanitizer freed memory stays in its quarantine: peak RSS says nothing there.
constexpr bool kRssMeaningful = !test::kAsan;

struct PeakMeter {
    long long start = 0;
    PeakMeter() {
        std::ofstream("/proc/self/clear_refs") << "5";  // resets VmHWM to the current RSS
        start = statusKb("VmHWM:");
    }
    // Growth of the peak since construction, in MiB.
    double growthMiB() const { return double(statusKb("VmHWM:") - start) / 1024.0; }
};

std::vector<char> readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<char>((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
}

void writeAll(const std::string& path, const std::vector<char>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

// Runs f, which must throw an Error of one of the kinds whose message contains `text`, within
// a time limit and without growing the peak RSS by more than maxMiB.
template <typename F>
void expectError(F f, std::initializer_list<ErrorKind> kinds, const std::string& text,
                 double seconds = 5.0, double maxMiB = 200.0) {
    PeakMeter peak;
    const auto t0 = std::chrono::steady_clock::now();
    bool thrown = false;
    try {
        f();
    } catch (const Error& e) {
        thrown = true;
        const std::string msg = e.what();
        if (std::find(kinds.begin(), kinds.end(), e.kind()) == kinds.end())
            QFAIL(("unexpected error kind " + std::string(errorKindName(e.kind())) + ": " + msg)
                      .c_str());
        if (msg.find(text) == std::string::npos)
            QFAIL(("message lacks \"" + text + "\": " + msg).c_str());
    }
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    QVERIFY2(thrown, ("no error (expected \"" + text + "\")").c_str());
    QVERIFY2(took < seconds, ("took " + std::to_string(took) + " s").c_str());
    QVERIFY2(!kRssMeaningful || peak.growthMiB() < maxMiB,
             ("peak RSS grew by " + std::to_string(peak.growthMiB()) + " MiB").c_str());
}

// Opens and reads a small thumbnail-size window of every frame: the whole way a viewer goes.
void openAndRead(const std::string& path, const std::string& reader = {}) {
    OpenOptions o;
    o.sourceName = reader;
    SourcePtr s = openSource(path, o);
    for (int f = 0; f < s->info().frameCount; ++f) {
        ReadWindow w;
        w.x1 = s->info().sizeX;
        w.y1 = s->info().sizeY;
        w.outWidth = std::min(64, s->info().sizeX);
        w.outHeight = std::min(64, s->info().sizeY);
        w.frame = f;
        s->read(w);
    }
}

// ---------------------------------------------------------------------------------------------
// FITS headers written card by card.

std::string fitsCard(const std::string& key, const std::string& value = {}) {
    std::string c = key;
    c.resize(8, ' ');
    if (!value.empty()) {
        std::string v = value;
        if (v.size() < 20) v = std::string(20 - v.size(), ' ') + v;
        c += "= " + v;
    }
    c.resize(80, ' ');
    return c;
}

std::string fitsHeader(const std::vector<std::string>& cards) {
    std::string s;
    for (const auto& c : cards) s += c;
    s += fitsCard("END");
    s.resize((s.size() + 2879) / 2880 * 2880, ' ');
    return s;
}

std::string writeRaw(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    return path;
}

// Replaces the value of the first card `key` (value field right-aligned in columns 11-30).
void patchCard(std::vector<char>& bytes, const std::string& key, const std::string& value) {
    std::string k = key;
    k.resize(8, ' ');
    k += "= ";
    for (std::size_t i = 0; i + 80 <= bytes.size(); i += 80)
        if (std::memcmp(bytes.data() + i, k.data(), 10) == 0) {
            std::string v = value;
            if (v.size() < 20) v = std::string(20 - v.size(), ' ') + v;
            v.resize(70, ' ');
            std::memcpy(bytes.data() + i + 10, v.data(), 70);
            return;
        }
    throw std::runtime_error("no card " + key);
}

// One gzip member holding `data`, as fpack writes GZIP_1 tiles.
std::vector<unsigned char> gzipOf(const std::vector<unsigned char>& data) {
    const std::string mem = "/vsimem/validation_gzip_member.gz";
    VSILFILE* f = VSIFOpenL(("/vsigzip/" + mem).c_str(), "wb");
    VSIFWriteL(data.data(), 1, data.size(), f);
    VSIFCloseL(f);
    vsi_l_offset n = 0;
    const GByte* p = VSIGetMemFileBuffer(mem.c_str(), &n, FALSE);
    std::vector<unsigned char> out(p, p + n);
    VSIUnlink(mem.c_str());
    return out;
}

void putBe32(std::vector<char>& b, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + std::size_t(i)] = char((v >> (24 - 8 * i)) & 0xff);
}

// ---------------------------------------------------------------------------------------------
// Classic little-endian TIFFs written entry by entry (sorted tags, values inline or appended).

struct RawTiff {
    struct Entry {
        std::uint16_t tag;
        std::uint16_t type;  // 3 SHORT, 4 LONG
        std::vector<std::uint32_t> values;
    };
    std::vector<char> bytes{'I', 'I', 42, 0, 0, 0, 0, 0};

    void put16(std::size_t at, std::uint16_t v) {
        bytes[at] = char(v & 0xff);
        bytes[at + 1] = char(v >> 8);
    }
    void put32(std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) bytes[at + std::size_t(i)] = char((v >> (8 * i)) & 0xff);
    }
    std::uint32_t append(const std::vector<char>& data) {
        if (bytes.size() % 2) bytes.push_back(0);
        const auto at = std::uint32_t(bytes.size());
        bytes.insert(bytes.end(), data.begin(), data.end());
        return at;
    }
    // Appends an IFD; returns its offset. Its next-IFD pointer is 0 (see setNext).
    std::uint32_t addIfd(std::vector<Entry> entries) {
        std::sort(entries.begin(), entries.end(),
                  [](const Entry& a, const Entry& b) { return a.tag < b.tag; });
        // Out-of-line values first.
        std::vector<std::uint32_t> where(entries.size(), 0);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const Entry& e = entries[i];
            const std::size_t size = e.type == 3 ? 2 : 4;
            if (e.values.size() * size <= 4) continue;
            std::vector<char> data(e.values.size() * size);
            for (std::size_t k = 0; k < e.values.size(); ++k)
                for (std::size_t b = 0; b < size; ++b)
                    data[k * size + b] = char((e.values[k] >> (8 * b)) & 0xff);
            where[i] = append(data);
        }
        const std::uint32_t at = append(std::vector<char>(2 + 12 * entries.size() + 4, 0));
        put16(at, std::uint16_t(entries.size()));
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const Entry& e = entries[i];
            const std::size_t p = at + 2 + 12 * i;
            put16(p, e.tag);
            put16(p + 2, e.type);
            put32(p + 4, std::uint32_t(e.values.size()));
            if (where[i]) {
                put32(p + 8, where[i]);
            } else if (e.type == 3) {
                for (std::size_t k = 0; k < e.values.size(); ++k)
                    put16(p + 8 + 2 * k, std::uint16_t(e.values[k]));
            } else if (!e.values.empty()) {
                put32(p + 8, e.values[0]);
            }
        }
        return at;
    }
    void setFirst(std::uint32_t ifd) { put32(4, ifd); }
    void setNext(std::uint32_t ifd, std::uint32_t next) {
        const std::uint16_t n =
            std::uint16_t(std::uint8_t(bytes[ifd]) | (std::uint8_t(bytes[ifd + 1]) << 8));
        put32(ifd + 2 + 12u * n, next);
    }
    std::string write(const std::string& path) const {
        writeAll(path, bytes);
        return path;
    }
};

// The entries of a tiled 8-bit grey image.
std::vector<RawTiff::Entry> tiledEntries(std::uint32_t w, std::uint32_t h, std::uint32_t tw,
                                         std::uint32_t th, std::uint16_t compression,
                                         std::vector<std::uint32_t> offsets,
                                         std::vector<std::uint32_t> counts) {
    return {{256, 4, {w}},
            {257, 4, {h}},
            {258, 3, {8}},
            {259, 3, {compression}},
            {262, 3, {1}},
            {277, 3, {1}},
            {284, 3, {1}},
            {322, 4, {tw}},
            {323, 4, {th}},
            {324, 4, std::move(offsets)},
            {325, 4, std::move(counts)}};
}

// A valid 64×64 tiled TIFF (16×16 uncompressed tiles of value 7 + tile index).
RawTiff validTiff(std::vector<std::uint32_t>* offsetsOut = nullptr) {
    RawTiff t;
    std::vector<std::uint32_t> offsets, counts;
    for (int i = 0; i < 16; ++i) {
        offsets.push_back(t.append(std::vector<char>(256, char(7 + i))));
        counts.push_back(256);
    }
    if (offsetsOut) *offsetsOut = offsets;
    t.setFirst(t.addIfd(tiledEntries(64, 64, 16, 16, 1, offsets, counts)));
    return t;
}

}  // namespace

class TestValidation : public QObject {
    Q_OBJECT
    std::string dir_;
    std::string goodRice_;

  private Q_SLOTS:
    void initTestCase() {
        dir_ = tempDir();
        // A small GDAL block cache, so peak memory reflects what Tessera itself holds.
        CPLSetConfigOption("GDAL_CACHEMAX", "16");
        GDALAllRegister();
        GDALSetCacheMax64(std::int64_t(16) << 20);
        FitsHduSpec h;
        h.naxes = {64, 48};
        h.value = [](long i, long j, long) { return double(i + 3 * j); };
        h.compression = RICE_1;
        h.extname = "SCI";
        goodRice_ = writeFits(dir_ + "/good_rice.fits", {h});
    }

    // --- FITS --------------------------------------------------------------------------------

    void fitsNaxisLies() {
        const std::string e18 = writeRaw(
            dir_ + "/naxis1e18.fits",
            fitsHeader({fitsCard("SIMPLE", "T"), fitsCard("BITPIX", "16"), fitsCard("NAXIS", "2"),
                        fitsCard("NAXIS1", "1000000000000000000"), fitsCard("NAXIS2", "1")}));
        expectError([&] { openAndRead(e18); }, {ErrorKind::BadRequest},
                    "says NAXIS1 = 1000000000000000000, NAXIS2 = 1, BITPIX = 16");
        expectError([&] { openAndRead(e18, "fits"); }, {ErrorKind::BadRequest},
                    "but the file has 2880 bytes");
        const std::string big = writeRaw(
            dir_ + "/naxis2p31.fits",
            fitsHeader({fitsCard("SIMPLE", "T"), fitsCard("BITPIX", "-64"), fitsCard("NAXIS", "2"),
                        fitsCard("NAXIS1", "2147483648"), fitsCard("NAXIS2", "2147483648")}));
        expectError([&] { openAndRead(big, "fits"); }, {ErrorKind::BadRequest},
                    "NAXIS1 = 2147483648");
        // A real written as an integer keyword, as cfitsio would accept it.
        const std::string real = writeRaw(
            dir_ + "/naxis_real.fits",
            fitsHeader({fitsCard("SIMPLE", "T"), fitsCard("BITPIX", "8"), fitsCard("NAXIS", "2"),
                        fitsCard("NAXIS1", "1.0E18"), fitsCard("NAXIS2", "1")}));
        expectError([&] { openAndRead(real, "fits"); }, {ErrorKind::BadRequest},
                    "NAXIS1 = 1000000000000000000");
    }

    void fitsBadKeywords() {
        auto with = [&](const std::string& name, const std::vector<std::string>& cards) {
            return writeRaw(dir_ + "/" + name, fitsHeader(cards) + std::string(2880, '\0'));
        };
        const std::string simple = fitsCard("SIMPLE", "T");
        expectError(
            [&] {
                openAndRead(
                    with("bitpix12.fits", {simple, fitsCard("BITPIX", "12"), fitsCard("NAXIS", "2"),
                                           fitsCard("NAXIS1", "4"), fitsCard("NAXIS2", "4")}),
                    "fits");
            },
            {ErrorKind::BadRequest}, "BITPIX = 12 is not allowed");
        expectError(
            [&] {
                openAndRead(with("naxis1000.fits",
                                 {simple, fitsCard("BITPIX", "8"), fitsCard("NAXIS", "1000")}),
                            "fits");
            },
            {ErrorKind::BadRequest}, "NAXIS = 1000 is not allowed");
        expectError(
            [&] {
                openAndRead(
                    with("negative.fits", {simple, fitsCard("BITPIX", "8"), fitsCard("NAXIS", "2"),
                                           fitsCard("NAXIS1", "4"), fitsCard("NAXIS2", "-4")}),
                    "fits");
            },
            {ErrorKind::BadRequest}, "NAXIS2 = -4 is not allowed");
        expectError(
            [&] {
                openAndRead(
                    with("order.fits", {simple, fitsCard("NAXIS", "2"), fitsCard("BITPIX", "8"),
                                        fitsCard("NAXIS1", "4"), fitsCard("NAXIS2", "4")}),
                    "fits");
            },
            {ErrorKind::BadRequest}, "BITPIX is missing or out of place");
        // No END card before the end of the file.
        std::string noEnd = simple + fitsCard("BITPIX", "8") + fitsCard("NAXIS", "0");
        noEnd.resize(2880, ' ');
        expectError([&] { openAndRead(writeRaw(dir_ + "/noend.fits", noEnd), "fits"); },
                    {ErrorKind::BadRequest}, "cut short");
    }

    void fitsTruncatedData() {
        // 100 × 10 16-bit samples need 2000 bytes after the header; the file stops 1000 bytes
        // into them.
        std::string bytes =
            fitsHeader({fitsCard("SIMPLE", "T"), fitsCard("BITPIX", "16"), fitsCard("NAXIS", "2"),
                        fitsCard("NAXIS1", "100"), fitsCard("NAXIS2", "10")});
        bytes += std::string(1000, '\x01');
        const std::string path = writeRaw(dir_ + "/truncated.fits", bytes);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "HDU 1 is cut short: its data need 2000 bytes from byte 2880, but the file "
                    "ends at byte 3880");
        expectError([&] { openAndRead(path); }, {ErrorKind::BadRequest}, "is cut short");
    }

    void fitsLaterHduLiesKeepsEarlierFrames() {
        // A good primary image followed by an extension whose header lies: the image stays
        // readable, the lying HDU (and anything after it) is never given to cfitsio.
        FitsHduSpec h;
        h.naxes = {8, 6};
        h.value = [](long i, long j, long) { return double(i * 10 + j); };
        const std::string path = writeFits(dir_ + "/later_lie.fits", {h});
        std::vector<char> bytes = readAll(path);
        const std::string ext =
            fitsHeader({fitsCard("XTENSION", "'IMAGE   '"), fitsCard("BITPIX", "16"),
                        fitsCard("NAXIS", "2"), fitsCard("NAXIS1", "1000000000000000000"),
                        fitsCard("NAXIS2", "1"), fitsCard("PCOUNT", "0"), fitsCard("GCOUNT", "1")});
        bytes.insert(bytes.end(), ext.begin(), ext.end());
        writeAll(path, bytes);
        const FitsStructure st = checkFitsStructure(path, path);
        QCOMPARE(st.hdus.size(), std::size_t(1));
        QVERIFY(st.stopped.has_value());
        QVERIFY(std::string(st.stopped->what()).find("HDU 2") != std::string::npos);
        SourcePtr s = openSource(path);
        QCOMPARE(s->info().frameCount, 1);
        const std::string damaged = s->internalMetadata().value("damaged", "");
        QVERIFY2(damaged.find("the header of HDU 2 says NAXIS1 = 1000000000000000000") !=
                     std::string::npos,
                 damaged.c_str());
        ReadWindow w;
        w.x1 = 8, w.y1 = 6, w.outWidth = 8, w.outHeight = 6;
        const Raster r = s->read(w);
        QCOMPARE(r.value(3, 5, 0), 30.0);  // display row 5 = FITS row 1 (j = 0)
    }

    void fitsCompressedGoodPasses() {
        const FitsStructure st = checkFitsStructure(goodRice_, goodRice_);
        QCOMPARE(st.hdus.size(), std::size_t(2));
        QVERIFY(!st.stopped);
        QVERIFY(st.hdus[1].compressed);
        QCOMPARE(st.hdus[1].naxes, (std::vector<long long>{64, 48}));
        QCOMPARE(st.hdus[1].tile, (std::vector<long long>{64, 1}));
        openAndRead(goodRice_);
    }

    void fitsZtileZero() {
        // Known crash: cfitsio divided by ZTILE1 = 0 (SIGFPE). Now a clean error before cfitsio.
        std::vector<char> bytes = readAll(goodRice_);
        patchCard(bytes, "ZTILE1", "0");
        const std::string path = dir_ + "/ztile0.fits";
        writeAll(path, bytes);
        expectError([&] { openAndRead(path); }, {ErrorKind::BadRequest},
                    "ZTILE1 = 0 is not allowed");
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest}, "HDU 2");
        patchCard(bytes, "ZTILE1", "65");
        writeAll(path, bytes);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "ZTILE1 = 65 is not allowed");
        // More tiles than table rows.
        bytes = readAll(goodRice_);
        patchCard(bytes, "ZNAXIS2", "4800");
        writeAll(path, bytes);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "the image has 4800 tiles but the table only 48 rows");
        // Tiles too large to decode at once (rows made to match so only the budget refuses).
        bytes = readAll(goodRice_);
        patchCard(bytes, "ZNAXIS1", "1000000");
        patchCard(bytes, "ZTILE1", "1000000");
        patchCard(bytes, "ZNAXIS2", "1920");
        patchCard(bytes, "ZTILE2", "40");
        writeAll(path, bytes);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::Unsupported},
                    "MiB Tessera decodes at once");
        // RICE with BLOCKSIZE 0 (cfitsio divided by it).
        bytes = readAll(goodRice_);
        patchCard(bytes, "ZVAL1", "0");
        writeAll(path, bytes);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "ZVAL1 (BLOCKSIZE) = 0 is not allowed");
        // An unknown compression.
        bytes = readAll(goodRice_);
        patchCard(bytes, "ZCMPTYPE", "'ZSTD_9  '");
        writeAll(path, bytes);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::Unsupported}, "ZSTD_9");
    }

    void fitsHeapDescriptors() {
        const FitsStructure st = checkFitsStructure(goodRice_, goodRice_);
        const std::size_t table = std::size_t(st.hdus[1].dataOffset);
        std::vector<char> bytes = readAll(goodRice_);
        // Row 3's COMPRESSED_DATA descriptor (column 1, '1PB'): its offset far past the heap.
        std::vector<char> bad = bytes;
        const std::size_t rowBytes = 8;  // one P descriptor a row for integer RICE
        putBe32(bad, table + 2 * rowBytes + 4, 0x7fff0000u);
        const std::string path = dir_ + "/heap.fits";
        writeAll(path, bad);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "row 3 of column 1 points at");
        // A negative element count.
        bad = bytes;
        putBe32(bad, table + 0, 0xffffffffu);
        writeAll(path, bad);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "row 1 of column 1 points at -1 heap bytes");
        // PCOUNT claiming a heap larger than the file.
        bad = bytes;
        patchCard(bad, "PCOUNT", std::to_string(readAll(goodRice_).size()));
        writeAll(path, bad);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest}, "HDU 2");
    }

    void fitsRiceStreams() {
        // The tiles cfitsio wrote decode completely; cut or zeroed, they do not.
        const FitsStructure st = checkFitsStructure(goodRice_, goodRice_);
        QVERIFY(st.hdus[1].tiles);
        const FitsTileLayout& l = *st.hdus[1].tiles;
        QCOMPARE(l.offsets.size(), std::size_t(48));
        QCOMPARE(l.blockSize, 32);
        const std::vector<char> bytes = readAll(goodRice_);
        const auto tileBytes = [&](std::size_t t) {
            const auto* p =
                reinterpret_cast<const unsigned char*>(bytes.data()) + l.heapOffset + l.offsets[t];
            return std::vector<unsigned char>(p, p + l.sizes[t]);
        };
        for (std::size_t t = 0; t < 48; ++t) {
            const std::vector<unsigned char> c = tileBytes(t);
            QVERIFY(riceStreamComplete(c.data(), c.size(), 64, l.bytePix, l.blockSize));
            QVERIFY(!riceStreamComplete(c.data(), c.size() / 2, 64, l.bytePix, l.blockSize));
        }
        // Zero bytes are valid (every block "all differences zero"); a block that is Rice coded
        // (option 0x20 >> (8 - fsbits) - 1 ≥ 0) followed by zeros never finds its one bit.
        const std::vector<unsigned char> zeros(40, 0);
        QVERIFY(riceStreamComplete(zeros.data(), zeros.size(), 64, l.bytePix, l.blockSize));
        for (const int bytePix : {1, 2, 4, 8}) {
            std::vector<unsigned char> lost(40, 0);
            lost[std::size_t(std::min(bytePix, 4))] = 0x20;
            QVERIFY(!riceStreamComplete(lost.data(), lost.size(), 64, bytePix, 32));
        }
        QVERIFY(!riceStreamComplete(zeros.data(), 1, 64, 1, 32));
        QVERIFY(riceStreamComplete(zeros.data(), 0, 0, 2, 32));
        // Every block "all differences zero" (option 0): a few bytes hold any number of pixels.
        // 32 blocks × 5 bits after the 4-byte first pixel: 160 bits, 20 bytes.
        QVERIFY(riceStreamComplete(zeros.data(), 24, 1024, 4, 32));
        QVERIFY(!riceStreamComplete(zeros.data(), 23, 1024, 4, 32));
    }

    void fitsRiceDamagedTile() {
        // Known crash under ASan: cfitsio's Rice decoder read past a tile of zeros. Now the tile
        // is refused before cfitsio decodes it, the other tiles still read.
        const FitsStructure st = checkFitsStructure(goodRice_, goodRice_);
        const FitsTileLayout& l = *st.hdus[1].tiles;
        std::vector<char> bytes = readAll(goodRice_);
        // Display rows are bottom-up: FITS row 1 (tile 1) is display row 47.
        const auto tile0 = bytes.begin() + std::ptrdiff_t(l.heapOffset + l.offsets[0]);
        std::fill_n(tile0, l.sizes[0], 0);
        tile0[std::min(l.bytePix, 4)] = 0x20;  // a Rice-coded block, then only zeros
        const std::string path = dir_ + "/rice_zero_tile.fits";
        writeAll(path, bytes);
        const auto fits = FitsSource::open(path, path);
        fits->setMaxCachedFrameBytes(0);  // row spans, not the whole frame
        ReadWindow top;
        top.x1 = 64;
        top.y1 = 8;
        top.outWidth = 64;
        top.outHeight = 8;
        const Raster r = fits->read(top);
        QCOMPARE(r.value(3, 0, 0), double(3 + 3 * 47));
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "tile 1 of HDU 2 is damaged");
        // Through GDAL's FITS driver every tile is checked at open.
        expectError([&] { openAndRead(path, "gdal"); }, {ErrorKind::BadRequest},
                    "tile 1 of HDU 2 is damaged");
        openAndRead(goodRice_, "gdal");
    }

    void fitsGzipTiles() {
        // cfitsio's gzip tile path grows its buffer for ever on a stream that ends early and
        // leaks the compressed bytes when a stream inflates to no whole tile (seen under ASan):
        // each gzip tile is inflated once before cfitsio is given it.
        FitsHduSpec h;
        h.naxes = {64, 48};
        h.bitpix = BYTE_IMG;
        h.value = [](long i, long j, long) { return double((i + 3 * j) % 256); };
        h.compression = GZIP_1;
        const std::string good = writeFits(dir_ + "/good_gzip.fits", {h});
        const FitsStructure st = checkFitsStructure(good, good);
        QVERIFY(st.hdus[1].tiles);
        const FitsTileLayout& l = *st.hdus[1].tiles;
        QCOMPARE(int(l.codec), int(FitsTileCodec::Gzip));
        QCOMPARE(l.offsets.size(), std::size_t(48));
        QVERIFY(l.floatOffsets.empty());
        const std::vector<char> bytes = readAll(good);
        const auto* heap = reinterpret_cast<const unsigned char*>(bytes.data()) + l.heapOffset;
        for (std::size_t t = 0; t < 48; ++t) {
            // One row of 64 bytes a tile; cut short, a stream never ends; a small limit stops it.
            const unsigned char* c = heap + l.offsets[t];
            QCOMPARE(gzipInflatedSize(c, l.sizes[t], 1024), std::optional<std::uint64_t>(64));
            QCOMPARE(gzipInflatedSize(c, l.sizes[t] / 2, 1024), std::nullopt);
            QCOMPARE(gzipInflatedSize(c, l.sizes[t], 63), std::nullopt);
        }
        openAndRead(good, "fits");
        openAndRead(good, "gdal");

        // Tile 1 replaced by a whole gzip member of 3 bytes (cfitsio: "uncompressed tile has
        // wrong size", leaking the compressed bytes), tile 2 cut short.
        const std::vector<unsigned char> three = gzipOf({1, 2, 3});
        QVERIFY(three.size() <= l.sizes[0]);
        QCOMPARE(gzipInflatedSize(three.data(), three.size(), 1024),
                 std::optional<std::uint64_t>(3));
        std::vector<char> bad = bytes;
        std::copy(three.begin(), three.end(),
                  bad.begin() + std::ptrdiff_t(l.heapOffset + l.offsets[0]));
        const std::string path = dir_ + "/gzip_wrong_size.fits";
        writeAll(path, bad);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "tile 1 of HDU 2 is damaged: its gzip data inflate to 3 bytes");
        expectError([&] { openAndRead(path, "gdal"); }, {ErrorKind::BadRequest},
                    "tile 1 of HDU 2 is damaged");
        bad = bytes;
        std::fill_n(bad.begin() + std::ptrdiff_t(l.heapOffset + l.offsets[1] + l.sizes[1] / 2),
                    l.sizes[1] - l.sizes[1] / 2, char(0));
        writeAll(path, bad);
        // Display rows are bottom-up: the top 8 rows (tiles 41–48) still read.
        const auto fits = FitsSource::open(path, path);
        fits->setMaxCachedFrameBytes(0);
        ReadWindow top;
        top.x1 = 64;
        top.y1 = 8;
        top.outWidth = 64;
        top.outHeight = 8;
        QCOMPARE(fits->read(top).value(3, 0, 0), double((3 + 3 * 47) % 256));
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "tile 2 of HDU 2 is damaged: its gzip data are damaged or end early");
        // A tile column of another type than bytes is refused at open.
        bad = bytes;
        patchCard(bad, "TFORM1", "'1PI(99) '");
        writeAll(path, bad);
        expectError([&] { openAndRead(path, "fits"); }, {ErrorKind::BadRequest},
                    "its COMPRESSED_DATA column is '1PI(99)', not a byte array");
    }

    void fitsGzipInflateLimit() {
        // A .fits.gz is checked on its inflated stream; one inflating beyond the limit is
        // refused before cfitsio inflates it into memory.
        FitsHduSpec h;
        h.naxes = {1024, 1024};
        h.bitpix = BYTE_IMG;
        h.value = [](long, long, long) { return 0.0; };
        const std::string plain = writeFits(dir_ + "/zeros.fits", {h});
        const std::string gz = dir_ + "/zeros.fits.gz";
        {
            const std::vector<char> bytes = readAll(plain);
            VSILFILE* f = VSIFOpenL(("/vsigzip/" + gz).c_str(), "wb");
            QVERIFY(f);
            QCOMPARE(VSIFWriteL(bytes.data(), 1, bytes.size(), f), bytes.size());
            VSIFCloseL(f);
        }
        QVERIFY(readAll(gz).size() < 100000);
        const FitsStructure ok = checkFitsStructure(gz, gz);
        QVERIFY(ok.gzip);
        QCOMPARE(ok.hdus.size(), std::size_t(1));
        openAndRead(gz, "fits");
        FitsLimits small;
        small.maxInflatedBytes = 512 * 1024;
        expectError([&] { checkFitsStructure(gz, gz, small); }, {ErrorKind::Unsupported},
                    "inflates to more than 1 MiB");
    }

    void fitsHandlePoolBounded() {
        // With maxOpen = 1 (a large .fits.gz), a second reader waits for the first handle
        // instead of inflating another copy; reads from many threads still all succeed.
        FitsHandlePool pool(goodRice_, openFitsFile(goodRice_), 8, 1);
        std::atomic<bool> secondGot{false};
        std::thread second;
        {
            auto lease = pool.acquire();
            second = std::thread([&] {
                auto other = pool.acquire();
                secondGot = true;
            });
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            QVERIFY(!secondGot.load());
        }
        second.join();
        QVERIFY(secondGot.load());
        QCOMPARE(pool.idleCount(), std::size_t(1));
        // Many threads on a gzip source.
        FitsHduSpec h;
        h.naxes = {300, 200};
        h.value = [](long i, long j, long) { return double((i + j) % 100); };
        const std::string plain = writeFits(dir_ + "/threads.fits", {h});
        const std::string gz = dir_ + "/threads.fits.gz";
        {
            const std::vector<char> bytes = readAll(plain);
            VSILFILE* f = VSIFOpenL(("/vsigzip/" + gz).c_str(), "wb");
            QVERIFY(f);
            VSIFWriteL(bytes.data(), 1, bytes.size(), f);
            VSIFCloseL(f);
        }
        SourcePtr s = openSource(gz, {"fits"});
        std::vector<std::thread> threads;
        std::atomic<int> ok{0};
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                ReadWindow w;
                w.x0 = t * 10, w.y0 = 0, w.x1 = t * 10 + 50, w.y1 = 200;
                w.outWidth = 50, w.outHeight = 200;
                if (s->read(w).value(0, 199, 0) == double((t * 10) % 100)) ++ok;
            });
        for (auto& t : threads) t.join();
        QCOMPARE(ok.load(), 8);
    }

    // --- TIFF --------------------------------------------------------------------------------

    void tiffGoodFixtureReads() {
        std::vector<std::uint32_t> offsets;
        const std::string path = validTiff(&offsets).write(dir_ + "/good.tif");
        SourcePtr s = openSource(path, {"tiff"});
        ReadWindow w;
        w.x1 = 64, w.y1 = 64, w.outWidth = 64, w.outHeight = 64;
        const Raster r = s->read(w);
        QCOMPARE(r.value(0, 0, 0), 7.0);
        QCOMPARE(r.value(63, 63, 0), 22.0);
    }

    void tiffHugeTiles() {
        // A DEFLATE tile claiming 65520 × 65520 pixels (4 GiB decoded) is refused at open.
        RawTiff t;
        const std::uint32_t data = t.append(std::vector<char>(64, 0));
        t.setFirst(t.addIfd(tiledEntries(65520, 65520, 65520, 65520, 8, {data}, {64})));
        const std::string path = t.write(dir_ + "/hugetile.tif");
        expectError([&] { openAndRead(path, "tiff"); }, {ErrorKind::Unsupported},
                    "blocks of 65520×65520 pixels");
        // Auto-detection leaves it to GDAL, which must refuse or fail cleanly too.
        expectError([&] { openAndRead(path); },
                    {ErrorKind::Unsupported, ErrorKind::IO, ErrorKind::BadRequest}, "");
        // The same as JPEG.
        RawTiff j;
        const std::uint32_t jd = j.append(std::vector<char>(64, 0));
        j.setFirst(j.addIfd(tiledEntries(65520, 65520, 65520, 65520, 7, {jd}, {64})));
        const std::string jpath = j.write(dir_ + "/hugejpeg.tif");
        expectError([&] { openAndRead(jpath, "tiff"); }, {ErrorKind::Unsupported}, "65520");
    }

    void tiffOffsetsOutsideFile() {
        std::vector<std::uint32_t> offsets;
        RawTiff t = validTiff(&offsets);
        // Rewrite the IFD with tile 5 pointing far past the end, tile 6 too long.
        std::vector<std::uint32_t> bad = offsets, counts(16, 256);
        bad[5] = 100000000;
        counts[6] = 0x7fffffff;
        t.setFirst(t.addIfd(tiledEntries(64, 64, 16, 16, 1, bad, counts)));
        const std::string path = t.write(dir_ + "/offsets.tif");
        expectError([&] { openAndRead(path, "tiff"); }, {ErrorKind::BadRequest},
                    "but the file has");
        // A read away from the bad tiles still works.
        SourcePtr s = openSource(path, {"tiff"});
        ReadWindow w;
        w.x1 = 16, w.y1 = 16, w.outWidth = 16, w.outHeight = 16;
        QCOMPARE(s->read(w).value(0, 0, 0), 7.0);
    }

    void tiffDeflateBomb() {
        // A 256 × 256 DEFLATE tile stored in 10 bytes would have to expand 6554:1 (DEFLATE's
        // limit is 1032:1): refused before decoding.
        RawTiff t;
        const std::uint32_t data = t.append(std::vector<char>(10, 0x55));
        t.setFirst(t.addIfd(tiledEntries(256, 256, 256, 256, 8, {data}, {10})));
        const std::string path = t.write(dir_ + "/bomb.tif");
        expectError([&] { openAndRead(path, "tiff"); }, {ErrorKind::BadRequest},
                    "more than its compression can");
    }

    void tiffLargeStripBomb() {
        // One DEFLATE strip of 20000 × 10000 bytes (191 MiB decoded) stored in 400 kB: 500:1 is
        // within DEFLATE's limit but no real image of that size compresses so: refused before
        // anything inflates it, by GDAL's path (an untiled TIFF) and the TIFF reader.
        RawTiff t;
        const std::uint32_t data = t.append(std::vector<char>(400000, 0x11));
        t.setFirst(t.addIfd({{256, 4, {20000}},
                             {257, 4, {10000}},
                             {258, 3, {8}},
                             {259, 3, {8}},
                             {262, 3, {1}},
                             {273, 4, {data}},
                             {277, 3, {1}},
                             {278, 4, {10000}},
                             {279, 4, {400000}}}));
        const std::string path = t.write(dir_ + "/strip_bomb.tif");
        expectError([&] { openAndRead(path, "gdal"); }, {ErrorKind::Unsupported},
                    "looks like a decompression bomb", 2.0);
        expectError([&] { openAndRead(path); }, {ErrorKind::Unsupported},
                    "looks like a decompression bomb", 2.0);
        // Refused before the 191 MiB block is allocated.
        expectError([&] { openAndRead(path, "tiff"); }, {ErrorKind::Unsupported},
                    "looks like a decompression bomb", 2.0, 50.0);
    }

    void tiffIfdLoopsAndSubIfds() {
        std::vector<std::uint32_t> offsets;
        RawTiff t = validTiff(&offsets);
        const std::uint32_t first =
            std::uint32_t(std::uint8_t(t.bytes[4]) | (std::uint8_t(t.bytes[5]) << 8) |
                          (std::uint8_t(t.bytes[6]) << 16) | (std::uint8_t(t.bytes[7]) << 24));
        // A second IFD whose next pointer leads back to the first: a loop.
        std::vector<RawTiff::Entry> e =
            tiledEntries(64, 64, 16, 16, 1, offsets, std::vector<std::uint32_t>(16, 256));
        // 2000 SubIFD offsets, all bogus or repeated.
        std::vector<std::uint32_t> subs;
        for (int i = 0; i < 2000; ++i) subs.push_back(i % 2 ? first : 0xfffffff0u - i);
        e.push_back({330, 4, subs});
        const std::uint32_t second = t.addIfd(e);
        t.setNext(first, second);
        t.setNext(second, first);
        const std::string path = t.write(dir_ + "/loop.tif");
        const auto t0 = std::chrono::steady_clock::now();
        SourcePtr s = openSource(path, {"tiff"});
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
        QCOMPARE(s->info().sizeX, 64);
        openAndRead(path, "tiff");
    }

    void tiffAbsurdDimensions() {
        RawTiff t;
        const std::uint32_t data = t.append(std::vector<char>(256, 1));
        t.setFirst(t.addIfd(tiledEntries(0xffffffffu, 0xffffffffu, 16, 16, 1, {data}, {256})));
        const std::string path = t.write(dir_ + "/absurd.tif");
        expectError([&] { openAndRead(path, "tiff"); },
                    {ErrorKind::Unsupported, ErrorKind::BadRequest, ErrorKind::IO}, "");
        expectError([&] { openAndRead(path); },
                    {ErrorKind::Unsupported, ErrorKind::BadRequest, ErrorKind::IO}, "");
    }

    void absurdBandCounts() {
        // 65535 samples per pixel in a 1 × 1 image: refused at open by both readers (GDAL's
        // statistics of that many interleaved bands took 16 s of memset).
        RawTiff t;
        const std::uint32_t data = t.append(std::vector<char>(65535, 1));
        std::vector<RawTiff::Entry> e = tiledEntries(16, 16, 16, 16, 1, {data}, {65535});
        for (auto& x : e)
            if (x.tag == 277) x.values = {65535};
        // BitsPerSample: one value per sample.
        for (auto& x : e)
            if (x.tag == 258) x.values.assign(65535, 8);
        t.setFirst(t.addIfd(e));
        const std::string path = t.write(dir_ + "/bands.tif");
        expectError([&] { openAndRead(path, "tiff"); }, {ErrorKind::Unsupported}, "65535");
        expectError([&] { openAndRead(path, "gdal"); }, {ErrorKind::Unsupported, ErrorKind::IO},
                    "");
    }

    void tiffTruncated() {
        const std::vector<char> whole = validTiff().bytes;
        // Cut inside the tile data (the IFD is at the end, so cut there too).
        std::vector<char> cut(whole.begin(), whole.begin() + 2000);
        writeAll(dir_ + "/cut.tif", cut);
        expectError([&] { openAndRead(dir_ + "/cut.tif", "tiff"); },
                    {ErrorKind::Unsupported, ErrorKind::BadRequest, ErrorKind::IO}, "");
    }

    // --- Bounded reads -----------------------------------------------------------------------

    void sparseGiantWithOverviews() {
        // 100000 × 100000, tiled 512, sparse: only a patch at full resolution and the
        // overviews' content exist. Overviews are made empty ("NONE") and the smallest is
        // filled, so a thumbnail from it is recognisable (value 200 everywhere).
        const std::string path = dir_ + "/giant.tif";
        CPLSetConfigOption("GDAL_TIFF_OVR_BLOCKSIZE", "512");
        CPLSetConfigOption("SPARSE_OK_OVERVIEW", "ON");
        {
            GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
            QVERIFY(drv);
            CPLStringList opts;
            opts.SetNameValue("TILED", "YES");
            opts.SetNameValue("BLOCKXSIZE", "512");
            opts.SetNameValue("BLOCKYSIZE", "512");
            opts.SetNameValue("SPARSE_OK", "TRUE");
            opts.SetNameValue("COMPRESS", "DEFLATE");
            opts.SetNameValue("BIGTIFF", "YES");
            std::unique_ptr<GDALDataset> ds(
                drv->Create(path.c_str(), 100000, 100000, 1, GDT_Byte, opts.List()));
            QVERIFY(ds);
            std::vector<std::uint8_t> patch(1024 * 1024, 99);
            QCOMPARE(
                ds->GetRasterBand(1)->RasterIO(GF_Write, 50000, 50000, 1024, 1024, patch.data(),
                                               1024, 1024, GDT_Byte, 0, 0, nullptr),
                CE_None);
            int levels[] = {2, 4, 8, 16, 32, 64, 128, 256};
            QCOMPARE(ds->BuildOverviews("NONE", 8, levels, 0, nullptr, nullptr, nullptr), CE_None);
            GDALRasterBand* smallest = ds->GetRasterBand(1)->GetOverview(7);
            QVERIFY(smallest);
            const int sw = smallest->GetXSize(), sh = smallest->GetYSize();
            std::vector<std::uint8_t> fill(std::size_t(sw) * sh, 200);
            QCOMPARE(smallest->RasterIO(GF_Write, 0, 0, sw, sh, fill.data(), sw, sh, GDT_Byte, 0, 0,
                                        nullptr),
                     CE_None);
        }
        CPLSetConfigOption("GDAL_TIFF_OVR_BLOCKSIZE", nullptr);
        CPLSetConfigOption("SPARSE_OK_OVERVIEW", nullptr);
        QVERIFY2(readAll(path).size() < 64u << 20, "the sparse file should be small");

        for (const char* reader : {"tiff", "gdal"}) {
            PeakMeter peak;
            const auto t0 = std::chrono::steady_clock::now();
            Engine engine;
            ThumbnailRequest r;
            r.image = {path, "", reader};
            r.style.styleJson = "{}";  // raw
            const Image img = engine.thumbnailImage(r);
            const double took =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            QCOMPARE(img.width, 256);
            QCOMPARE(img.height, 256);
            // From the 391 × 391 overview: every pixel is its 200.
            QCOMPARE(int(img.pixels[0]), 200);
            QCOMPARE(int(img.pixels[img.pixels.size() / 2]), 200);
            auto view = engine.view(r.image);
            QCOMPARE(view->info().sizeX, 100000);
            QVERIFY(view->info().levels.size() >= 9);
            qInfo("%s: thumbnail in %.2f s, peak RSS +%.0f MiB", reader, took, peak.growthMiB());
            QVERIFY2(!kRssMeaningful || peak.growthMiB() < 300,
                     "peak RSS grew by more than 300 MiB");
            QVERIFY(took < 20);
        }
    }

    void histogramStreamsUnderBudget() {
        // Under a request budget of 2 MiB, a 1500 × 1400 × 3 image (6 MiB) is streamed in 1 MiB
        // strips: the same numbers as one whole read, at full size and at a reduced one, and at
        // full resolution (maxSize 0) within the budget.
        FixtureSpec spec;
        spec.width = 1500;
        spec.height = 1400;
        spec.bands = 3;
        spec.overviews = false;
        spec.format = "GTiff";
        spec.epsg = 0;
        const std::string path = writeFixture(dir_ + "/budget_hist.tif", spec);
        for (int maxSize : {1500, 1100, 0}) {
            HistogramRequest r;
            r.image = {path, "", "gdal"};
            r.maxSize = maxSize;
            r.bins = 64;
            nlohmann::json streamed;
            {
                Engine engine;
                RequestContext ctx;
                ctx.memoryBudget = 2 << 20;
                RequestScope scope(ctx);
                streamed = engine.histogram(r);
            }
            Engine engine;
            const nlohmann::json whole = engine.histogram(r);
            QCOMPARE(streamed.dump(), whole.dump());
            QCOMPARE(streamed.size(), std::size_t(3));
        }
    }

    void histogramStreamsLikeOneRead() {
        // 12000 × 12000 bytes without overviews: a histogram at full size (maxSize ≥ the image)
        // is 137 MiB of samples: streamed in strips, the numbers equal one whole read, and the
        // peak memory stays well under the image's size.
        FixtureSpec spec;
        spec.width = 12000;
        spec.height = 12000;
        spec.bands = 1;
        spec.overviews = false;
        spec.format = "GTiff";
        spec.compression = "NONE";
        spec.epsg = 0;
        spec.value = [](int x, int y, int) { return double((x * 7 + y * 13) % 251); };
        const std::string path = writeFixture(dir_ + "/big8.tif", spec);
        Engine engine;
        HistogramRequest r;
        r.image = {path, "", "gdal"};
        r.maxSize = 12000;
        r.bins = 100;
        nlohmann::json streamed;
        double grew = 0;
        {
            PeakMeter peak;
            streamed = engine.histogram(r);
            grew = peak.growthMiB();
        }
        // The same with one read of the whole image.
        auto view = engine.view(r.image);
        ReadWindow w;
        w.x1 = 12000, w.y1 = 12000, w.outWidth = 12000, w.outHeight = 12000;
        HistogramOptions o;
        o.bins = 100;
        const nlohmann::json whole = histogramsToJson(computeHistograms(view->source().read(w), o));
        QCOMPARE(streamed.dump(), whole.dump());
        QCOMPARE(streamed[0]["samples"].get<long long>(), 12000LL * 12000);
        qInfo("streamed histogram: peak RSS +%.0f MiB (the image is 137 MiB)", grew);
        QVERIFY2(!kRssMeaningful || grew < 120, "the streamed histogram held too much");
        // A reduced size still reads one overview (maxSize 2048: 2048 × 2048).
        r.maxSize = 2048;
        const nlohmann::json reduced = engine.histogram(r);
        QCOMPARE(reduced[0]["samples"].get<long long>(), 2048LL * 2048);
    }

    void gdalReadsLargeWindowsInStrips() {
        // 9000 × 8000 bytes without overviews read whole into 301 × 257 pixels: 69 MiB of
        // source, so GdalSource reads it in strips of output rows. Each output row equals a
        // read of that row alone (small enough for one RasterIO), and a cancelled request stops.
        const int W = 9000, H = 8000;
        const std::string path = dir_ + "/strips.tif";
        {
            GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
            QVERIFY(drv);
            CPLStringList opts;
            opts.SetNameValue("TILED", "YES");
            std::unique_ptr<GDALDataset> ds(
                drv->Create(path.c_str(), W, H, 1, GDT_Byte, opts.List()));
            QVERIFY(ds);
            std::vector<std::uint8_t> row(W);
            for (int y = 0; y < H; ++y) {
                for (int x = 0; x < W; ++x)
                    row[std::size_t(x)] = std::uint8_t((x * 3 + y * 7) % 251);
                QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, y, W, 1, row.data(), W, 1,
                                                        GDT_Byte, 0, 0, nullptr),
                         CE_None);
            }
        }
        SourcePtr s = openSource(path, {"gdal"});
        QCOMPARE(int(s->info().levels.size()), 1);
        ReadWindow w;
        w.x1 = W, w.y1 = H, w.outWidth = 301, w.outHeight = 257;
        const Raster whole = s->read(w);
        const double step = double(H) / 257;
        for (int j = 0; j < 257; j += 16) {
            ReadWindow r = w;
            r.y0 = j * step;
            r.y1 = j == 256 ? double(H) : (j + 1) * step;
            r.outHeight = 1;
            const Raster one = s->read(r);
            for (int i = 0; i < 301; ++i) QCOMPARE(whole.value(i, j, 0), one.value(i, 0, 0));
        }
        // Nearest: output (i, j) is the source pixel under its centre.
        QCOMPARE(whole.value(0, 0, 0),
                 double((int(0.5 * W / 301) * 3 + int(0.5 * step) * 7) % 251));
        RequestContext ctx;
        ctx.cancel.cancel();
        RequestScope scope(ctx);
        expectError([&] { s->read(w); }, {ErrorKind::Cancelled}, "");
    }

    void budgetAndCancellation() {
        // A request's memory budget refuses a read larger than it; a cancelled request stops.
        FixtureSpec spec;
        spec.width = 2000;
        spec.height = 2000;
        spec.bands = 1;
        spec.overviews = false;
        spec.format = "GTiff";
        spec.epsg = 0;
        const std::string path = writeFixture(dir_ + "/budget.tif", spec);
        SourcePtr s = openSource(path, {"gdal"});
        ReadWindow w;
        w.x1 = 2000, w.y1 = 2000, w.outWidth = 2000, w.outHeight = 2000;
        {
            RequestContext ctx;
            ctx.memoryBudget = 1 << 20;
            RequestScope scope(ctx);
            expectError([&] { s->read(w); }, {ErrorKind::TooLarge}, "This read");
        }
        {
            RequestContext ctx;
            ctx.cancel.cancel();
            RequestScope scope(ctx);
            Engine engine;
            HistogramRequest r;
            r.image = {path, "", "gdal"};
            r.maxSize = 0;  // full resolution, streamed
            expectError([&] { engine.histogram(r); }, {ErrorKind::Cancelled}, "");
        }
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "test_validation.moc"
