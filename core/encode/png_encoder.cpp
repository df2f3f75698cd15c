// PNG: hand-assembled (signature, IHDR, IDAT, IEND) with the UP filter on every row, compressed
// with ISA-L igzip level 1 (levels 0..1) or libdeflate (levels 2..9); the fastest correct PNG per
// codec-floor.md. Compressor state is thread_local, so encodePng is safe from any thread.
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

#include "encode/encoder.h"
#include "encode/image_convert.h"
#include "raster/to_8bit.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

using encode_detail::checkImage;

// A growable byte buffer that, unlike std::vector, never zero-fills what it grows into.
struct Scratch {
    std::unique_ptr<std::uint8_t[]> data;
    std::size_t capacity = 0;
    std::size_t size = 0;

    // Makes room for n bytes, keeping the first size bytes.
    void reserve(std::size_t n) {
        if (n <= capacity) return;
        std::unique_ptr<std::uint8_t[]> bigger(new std::uint8_t[n]);
        if (size) std::memcpy(bigger.get(), data.get(), size);
        data = std::move(bigger);
        capacity = n;
    }
    // Frees the memory when it is above limit bytes, so one huge image does not pin it.
    void trim(std::size_t limit) {
        if (capacity <= limit) return;
        data.reset();
        capacity = size = 0;
    }
};

// Per-thread compressor state and scratch buffers, reused across calls.
struct PngThreadState {
    std::unique_ptr<std::uint8_t[]> isalLevelBuf;
    std::unique_ptr<isal_zstream> isalStream;  // ~90 KB: kept off the stack
    std::array<libdeflate_compressor*, 13> deflaters{};
    std::vector<std::uint8_t> converted;  // samples converted to 8-bit
    Scratch filtered;                     // filter byte + filtered row, for every row
    Scratch compressed;                   // the zlib stream

    PngThreadState() = default;
    PngThreadState(const PngThreadState&) = delete;
    PngThreadState& operator=(const PngThreadState&) = delete;
    ~PngThreadState() {
        for (libdeflate_compressor* c : deflaters) {
            if (c) libdeflate_free_compressor(c);
        }
    }

    libdeflate_compressor* deflater(int level) {
        libdeflate_compressor*& c = deflaters[std::size_t(level)];
        if (!c) c = libdeflate_alloc_compressor(level);
        if (!c) fail(ErrorKind::Internal, trc("Encoder", "Could not create a PNG compressor."));
        return c;
    }
};

PngThreadState& threadState() {
    thread_local PngThreadState state;
    return state;
}

// dst[i] = cur[i] - prev[i] (mod 256): the PNG UP filter, 16 bytes at a time.
void filterUp(std::uint8_t* dst, const std::uint8_t* cur, const std::uint8_t* prev,
              std::size_t n) noexcept {
    typedef std::uint8_t V16 __attribute__((vector_size(16)));
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        V16 a, b;
        std::memcpy(&a, cur + i, 16);
        std::memcpy(&b, prev + i, 16);
        const V16 d = a - b;
        std::memcpy(dst + i, &d, 16);
    }
    for (; i < n; ++i) dst[i] = std::uint8_t(cur[i] - prev[i]);
}

// Builds the filtered scanlines (filter type 2 = UP on every row; the first row against zeros,
// which leaves it unchanged). Sixteen-bit samples are written big-endian.
void filterImage(const Image& img, const std::uint8_t* samples, bool sixteen, Scratch& out) {
    const std::size_t rowBytes =
        std::size_t(img.width) * std::size_t(img.channels) * (sixteen ? 2 : 1);
    const std::size_t stride = rowBytes + 1;
    out.size = 0;
    out.reserve(stride * std::size_t(img.height));
    out.size = stride * std::size_t(img.height);
    if (!sixteen) {
        for (int y = 0; y < img.height; ++y) {
            std::uint8_t* dst = out.data.get() + stride * std::size_t(y);
            const std::uint8_t* cur = samples + rowBytes * std::size_t(y);
            dst[0] = 2;
            if (y == 0)
                std::memcpy(dst + 1, cur, rowBytes);
            else
                filterUp(dst + 1, cur, cur - rowBytes, rowBytes);
        }
        return;
    }
    // 16-bit: byte-swap each row into place first, then filter against the previous swapped
    // row, which already sits in out (unfiltered copies are kept in two row buffers).
    std::vector<std::uint8_t> rows(rowBytes * 2);
    std::uint8_t* prev = rows.data();
    std::uint8_t* cur = rows.data() + rowBytes;
    for (int y = 0; y < img.height; ++y) {
        const std::uint8_t* src = samples + rowBytes * std::size_t(y);
        for (std::size_t i = 0; i < rowBytes; i += 2) {
            std::uint16_t v;
            std::memcpy(&v, src + i, 2);
            cur[i] = std::uint8_t(v >> 8);
            cur[i + 1] = std::uint8_t(v & 0xff);
        }
        std::uint8_t* dst = out.data.get() + stride * std::size_t(y);
        dst[0] = 2;
        if (y == 0)
            std::memcpy(dst + 1, cur, rowBytes);
        else
            filterUp(dst + 1, cur, prev, rowBytes);
        std::swap(prev, cur);
    }
}

// Compresses in as a zlib stream with ISA-L igzip level 1 into out.
void compressIsal(PngThreadState& st, const Scratch& in, Scratch& out) {
    if (!st.isalLevelBuf) st.isalLevelBuf.reset(new std::uint8_t[ISAL_DEF_LVL1_DEFAULT]);
    if (!st.isalStream) st.isalStream = std::make_unique<isal_zstream>();
    isal_zstream& s = *st.isalStream;
    isal_deflate_init(&s);
    s.level = 1;
    s.level_buf = st.isalLevelBuf.get();
    s.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
    s.gzip_flag = IGZIP_ZLIB;
    s.flush = NO_FLUSH;

    // Room for the whole stream in the common case; the loop grows it otherwise.
    out.size = 0;
    out.reserve(in.size + in.size / 16 + 1024);
    std::size_t written = 0;
    std::size_t consumed = 0;
    constexpr std::size_t kMaxChunk = std::size_t(1) << 30;  // avail_in/out are 32-bit
    for (;;) {
        if (s.avail_in == 0 && consumed < in.size) {
            const std::size_t chunk = std::min(kMaxChunk, in.size - consumed);
            s.next_in = in.data.get() + consumed;
            s.avail_in = std::uint32_t(chunk);
            consumed += chunk;
            s.end_of_stream = consumed == in.size ? 1 : 0;
        }
        if (written == out.capacity) {
            out.size = written;
            out.reserve(out.capacity + out.capacity / 2 + 65536);
        }
        const std::size_t room = std::min(kMaxChunk, out.capacity - written);
        s.next_out = out.data.get() + written;
        s.avail_out = std::uint32_t(room);
        const int rc = isal_deflate(&s);
        if (rc != COMP_OK)
            fail(ErrorKind::Internal,
                 trf("Encoder", "PNG compression failed (ISA-L error %1).", std::to_string(rc)));
        written += room - s.avail_out;
        if (s.internal_state.state == ZSTATE_END) break;
    }
    out.size = written;
}

void compressLibdeflate(PngThreadState& st, int level, const Scratch& in, Scratch& out) {
    libdeflate_compressor* c = st.deflater(level);
    const std::size_t bound = libdeflate_zlib_compress_bound(c, in.size);
    out.size = 0;
    out.reserve(bound);
    const std::size_t n =
        libdeflate_zlib_compress(c, in.data.get(), in.size, out.data.get(), bound);
    if (n == 0) fail(ErrorKind::Internal, trc("Encoder", "PNG compression failed (libdeflate)."));
    out.size = n;
}

void putU32(std::uint8_t* p, std::uint32_t v) noexcept {
    p[0] = std::uint8_t(v >> 24);
    p[1] = std::uint8_t(v >> 16);
    p[2] = std::uint8_t(v >> 8);
    p[3] = std::uint8_t(v);
}

// Appends a chunk: length, type, data, CRC over type and data.
void appendChunk(Bytes& png, const char type[4], const std::uint8_t* data, std::size_t n) {
    const std::size_t at = png.size();
    png.resize(at + 12 + n);
    std::uint8_t* p = png.data() + at;
    putU32(p, std::uint32_t(n));
    std::memcpy(p + 4, type, 4);
    if (n) std::memcpy(p + 8, data, n);
    const std::uint32_t crc = libdeflate_crc32(0, p + 4, n + 4);
    putU32(p + 8 + n, crc);
}

}  // namespace

Bytes encodePng(const Image& img, int level) {
    checkImage(img, "PNG");
    if (level < 0 || level > 9)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "PNG compression level %1 is outside 0 to 9.", std::to_string(level)));
    if (std::uint64_t(img.width) > 0x7fffffffu || std::uint64_t(img.height) > 0x7fffffffu)
        fail(ErrorKind::Unsupported, trc("Encoder", "The image is too large for PNG."));

    PngThreadState& st = threadState();
    const bool sixteen = img.type == DataType::UInt16;
    const std::uint8_t* samples = sixteen ? img.pixels.data() : imageTo8Bit(img, st.converted);
    filterImage(img, samples, sixteen, st.filtered);
    if (level <= 1)
        compressIsal(st, st.filtered, st.compressed);
    else
        compressLibdeflate(st, level, st.filtered, st.compressed);

    static constexpr std::uint8_t kColorType[5] = {0, 0, 4, 2, 6};  // by channel count
    std::uint8_t ihdr[13];
    putU32(ihdr, std::uint32_t(img.width));
    putU32(ihdr + 4, std::uint32_t(img.height));
    ihdr[8] = sixteen ? 16 : 8;
    ihdr[9] = kColorType[img.channels];
    ihdr[10] = 0;  // deflate
    ihdr[11] = 0;  // adaptive filtering (filter byte per row)
    ihdr[12] = 0;  // no interlace

    // One IDAT unless the stream exceeds the 2^31-1 chunk limit.
    constexpr std::size_t kMaxChunk = 0x7fffffff;
    const std::size_t zsize = st.compressed.size;
    const std::uint8_t* zdata = st.compressed.data.get();
    const std::size_t idatCount = std::max<std::size_t>(1, (zsize + kMaxChunk - 1) / kMaxChunk);
    static constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    Bytes png(8);
    png.reserve(8 + 25 + zsize + 12 * idatCount + 12);
    std::memcpy(png.data(), kSignature, 8);
    appendChunk(png, "IHDR", ihdr, sizeof ihdr);
    std::size_t off = 0;
    do {
        const std::size_t n = std::min(kMaxChunk, zsize - off);
        appendChunk(png, "IDAT", zdata + off, n);
        off += n;
    } while (off < zsize);
    appendChunk(png, "IEND", nullptr, 0);

    // Do not let one huge image pin its buffers to this thread forever.
    constexpr std::size_t kKeep = std::size_t(64) << 20;
    st.filtered.trim(kKeep);
    st.compressed.trim(kKeep);
    if (st.converted.capacity() > kKeep) std::vector<std::uint8_t>().swap(st.converted);
    return png;
}

}  // namespace tessera
