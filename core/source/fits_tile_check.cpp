#include "source/fits_tile_check.h"

#include <cpl_vsi.h>
#include <zlib.h>

#include <algorithm>
#include <bit>
#include <initializer_list>

#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

namespace {

// cfitsio's decoder parameters per pixel width: bits holding a block's code option, the option
// meaning "pixels stored verbatim", bits of a verbatim pixel, bytes of the first pixel.
struct RiceParams {
    int fsBits;
    int fsMax;
    int bBits;
    std::size_t firstBytes;
};

RiceParams riceParams(int bytePix) {
    if (bytePix == 1) return {3, 6, 8, 1};
    if (bytePix == 2) return {4, 14, 16, 2};
    return {5, 25, 32, 4};
}

// Reads bytes of one stream, remembering whether a read went past its end.
class ByteReader {
  public:
    ByteReader(const unsigned char* c, std::size_t n, std::size_t pos) : c_(c), n_(n), pos_(pos) {}
    std::uint64_t next() {
        if (pos_ >= n_) {
            overrun_ = true;
            return 0;
        }
        return c_[pos_++];
    }
    bool overrun() const noexcept { return overrun_; }

  private:
    const unsigned char* c_;
    std::size_t n_;
    std::size_t pos_;
    bool overrun_ = false;
};

std::uint64_t lowBits(int n) {
    return (std::uint64_t(1) << n) - 1;
}

}  // namespace

bool riceStreamComplete(const unsigned char* c, std::size_t clen, std::size_t nx, int bytePix,
                        int blockSize) {
    if (nx == 0) return true;
    if (blockSize < 1) return false;
    const RiceParams p = riceParams(bytePix);
    // The first pixel verbatim, then the first byte of the bit stream: read unconditionally.
    if (clen < p.firstBytes + 1) return false;
    ByteReader in(c, clen, p.firstBytes);
    std::uint64_t b = in.next();  // bit buffer: its low `nbits` bits are unread
    int nbits = 8;
    for (std::size_t i = 0; i < nx;) {
        // The block's code option in the next fsBits bits.
        nbits -= p.fsBits;
        while (nbits < 0) {
            b = (b << 8) | in.next();
            nbits += 8;
        }
        const int fs = int(b >> nbits) - 1;
        b &= lowBits(nbits);
        const std::size_t end = std::min(nx, i + std::size_t(blockSize));
        if (fs < 0) {
            i = end;  // all differences zero: nothing more is read
        } else if (fs == p.fsMax) {
            for (; i < end; ++i) {  // verbatim pixels of bBits bits
                for (int k = p.bBits - nbits - 8; k >= 0; k -= 8) b = in.next();
                b = nbits > 0 ? in.next() & lowBits(nbits) : 0;
            }
        } else {
            for (; i < end; ++i) {
                // A run of zero bits ended by a one, then fs bits.
                while (b == 0) {
                    nbits += 8;
                    b = in.next();
                    if (in.overrun()) return false;
                }
                nbits = std::bit_width(b) - 1;
                b ^= std::uint64_t(1) << nbits;
                nbits -= fs;
                while (nbits < 0) {
                    b = (b << 8) | in.next();
                    nbits += 8;
                }
                b &= lowBits(nbits);
            }
        }
        if (in.overrun()) return false;
    }
    return true;
}

std::optional<std::uint64_t> gzipInflatedSize(const GzipInput& input, std::uint64_t inBytes,
                                              std::uint64_t maxBytes) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;  // gzip only, as cfitsio asks
    std::vector<unsigned char> in(std::size_t(std::min<std::uint64_t>(inBytes, 65536)));
    std::vector<unsigned char> out(65536);
    std::optional<std::uint64_t> size;
    std::uint64_t left = inBytes;
    for (;;) {
        if (z.avail_in == 0 && left > 0) {
            const std::size_t n = std::size_t(std::min<std::uint64_t>(left, in.size()));
            if (input(in.data(), n) != n) break;
            left -= n;
            z.next_in = in.data();
            z.avail_in = uInt(n);
        }
        z.next_out = out.data();
        z.avail_out = uInt(out.size());
        const int rc = inflate(&z, Z_NO_FLUSH);
        if (z.total_out > maxBytes) break;
        if (rc == Z_STREAM_END) {  // bytes after the member are ignored, as cfitsio does
            size = z.total_out;
            break;
        }
        // Z_BUF_ERROR with all input used: the stream ends early (cfitsio would grow its buffer
        // for ever); any other error: damaged.
        if (rc != Z_OK && !(rc == Z_BUF_ERROR && left > 0)) break;
    }
    inflateEnd(&z);
    return size;
}

std::optional<std::uint64_t> gzipInflatedSize(const unsigned char* c, std::size_t clen,
                                              std::uint64_t maxBytes) {
    return gzipInflatedSize(
        [&](unsigned char* to, std::size_t n) {
            std::copy_n(c, n, to);
            c += n;
            return n;
        },
        clen, maxBytes);
}

FitsTileGuard::FitsTileGuard(std::string path, std::string uri, int hdu,
                             std::shared_ptr<const FitsTileLayout> layout)
    : path_(std::move(path)),
      uri_(std::move(uri)),
      hdu_(hdu),
      layout_(std::move(layout)),
      checked_(std::max(layout_->offsets.size(), layout_->floatOffsets.size()), 0) {}

std::size_t FitsTileGuard::tilePixels(std::size_t index) const {
    const FitsTileLayout& l = *layout_;
    std::size_t pixels = 1;
    for (std::size_t a = 0; a < l.naxes.size(); ++a) {
        const long long t = l.tile[a], n = l.naxes[a];
        const long long count = (n + t - 1) / t;
        const long long at = (long long)(index % std::size_t(count));
        index /= std::size_t(count);
        pixels *= std::size_t(std::min(t, n - at * t));
    }
    return pixels;
}

void FitsTileGuard::check(const std::vector<long>& first, const std::vector<long>& last) const {
    const FitsTileLayout& l = *layout_;
    const std::size_t axes = l.naxes.size();
    std::vector<long long> lo(axes), hi(axes), count(axes);
    for (std::size_t a = 0; a < axes; ++a) {
        const long long t = l.tile[a], n = l.naxes[a];
        count[a] = (n + t - 1) / t;
        const long long f = a < first.size() ? std::clamp<long long>(first[a], 1, n) : 1;
        const long long e = a < last.size() ? std::clamp<long long>(last[a], 1, n) : n;
        lo[a] = (f - 1) / t;
        hi[a] = (std::max(f, e) - 1) / t;
    }
    std::vector<std::size_t> wanted;
    {
        std::lock_guard lock(mutex_);
        std::vector<long long> at = lo;
        for (;;) {
            std::size_t index = 0;
            for (std::size_t a = axes; a-- > 0;)
                index = index * std::size_t(count[a]) + std::size_t(at[a]);
            if (index < checked_.size() && checked_[index] != 1) wanted.push_back(index);
            std::size_t a = 0;
            while (a < axes && ++at[a] > hi[a]) {
                at[a] = lo[a];
                ++a;
            }
            if (a == axes) break;
        }
    }
    if (!wanted.empty()) checkTiles(wanted);
}

void FitsTileGuard::checkAll() const {
    std::vector<std::size_t> wanted;
    {
        std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < checked_.size(); ++i)
            if (checked_[i] != 1) wanted.push_back(i);
    }
    if (!wanted.empty()) checkTiles(wanted);
}

std::string FitsTileGuard::tileProblem(void* file, std::size_t t,
                                       std::vector<unsigned char>& buf) const {
    const FitsTileLayout& l = *layout_;
    auto* fp = static_cast<VSILFILE*>(file);
    const std::size_t nx = tilePixels(t);
    const auto seek = [&](std::uint64_t offset) {
        if (VSIFSeekL(fp, l.heapOffset + offset, SEEK_SET) != 0)
            fail(ErrorKind::IO, trf("FitsSource", "%1: tile %2 of HDU %3 could not be read.", uri_,
                                    std::to_string(t + 1), std::to_string(hdu_)));
    };
    // cfitsio accepts an inflated tile of one of these pixel widths, and inflates no further.
    // The tile's bytes are streamed (a descriptor may count up to 2^31 of them).
    const auto gzipProblem = [&](std::uint64_t offset, std::uint64_t bytes,
                                 std::initializer_list<std::uint64_t> widths) -> std::string {
        seek(offset);
        const auto size = gzipInflatedSize(
            [&](unsigned char* to, std::size_t n) {
                checkCancelled();
                return std::size_t(VSIFReadL(to, 1, n, fp));
            },
            bytes, std::max(widths) * nx);
        if (!size) return trf("FitsSource", "its gzip data are damaged or end early");
        for (const std::uint64_t w : widths)
            if (*size == w * nx) return {};
        return trf("FitsSource", "its gzip data inflate to %1 bytes, not a whole tile of pixels",
                   std::to_string(*size));
    };
    const std::uint64_t size = t < l.sizes.size() ? l.sizes[t] : 0;
    if (size > 0 && l.codec == FitsTileCodec::Rice) {
        // No stream of nx pixels is longer than this: cfitsio's decoder would not read beyond it
        // (more bytes are ignored, as cfitsio ignores them).
        const RiceParams p = riceParams(l.bytePix);
        const std::uint64_t blocks = (nx + std::size_t(l.blockSize) - 1) / std::size_t(l.blockSize);
        const std::uint64_t bound =
            p.firstBytes +
            (blocks * std::uint64_t(p.fsBits) + std::uint64_t(nx) * std::uint64_t(p.bBits)) / 8 + 2;
        seek(l.offsets[t]);
        buf.resize(std::size_t(std::min(size, bound)));
        if (VSIFReadL(buf.data(), 1, buf.size(), fp) != buf.size())
            return trf("FitsSource", "its RICE_1 data lie beyond the end of the file");
        if (!riceStreamComplete(buf.data(), buf.size(), nx, l.bytePix, l.blockSize))
            return trf("FitsSource", "its RICE_1 data end before its pixels do");
        return {};
    }
    if (size > 0 && l.codec == FitsTileCodec::Gzip) {
        return gzipProblem(l.offsets[t], size, {1, 2, 4, 8});
    }
    // An empty COMPRESSED_DATA cell: cfitsio reads GZIP_COMPRESSED_DATA (float or double).
    const std::uint64_t floatSize = t < l.floatSizes.size() ? l.floatSizes[t] : 0;
    if (size == 0 && floatSize > 0) {
        return gzipProblem(l.floatOffsets[t], floatSize, {4, 8});
    }
    return {};
}

void FitsTileGuard::checkTiles(const std::vector<std::size_t>& tiles) const {
    const FitsTileLayout& l = *layout_;
    const std::string vsiPath = l.gzip ? "/vsigzip/" + path_ : path_;
    VSILFILE* fp = VSIFOpenL(vsiPath.c_str(), "rb");
    if (!fp) fail(ErrorKind::IO, trf("FitsSource", "Cannot open %1.", uri_));
    std::vector<unsigned char> buf;
    try {
        for (const std::size_t t : tiles) {
            checkCancelled();
            const std::string problem = tileProblem(fp, t, buf);
            {
                std::lock_guard lock(mutex_);
                checked_[t] = problem.empty() ? 1 : 2;
            }
            if (!problem.empty())
                fail(ErrorKind::BadRequest,
                     trf("FitsSource", "%1: tile %2 of HDU %3 is damaged: %4.", uri_,
                         std::to_string(t + 1), std::to_string(hdu_), problem));
        }
    } catch (...) {
        VSIFCloseL(fp);
        throw;
    }
    VSIFCloseL(fp);
}

}  // namespace tessera
