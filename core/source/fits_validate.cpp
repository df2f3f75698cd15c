#include "source/fits_validate.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>

#include "source/fits_cards.h"
#include "source/fits_stream.h"
#include "source/fits_tile_check.h"
#include "util/c_locale.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

namespace {

constexpr std::size_t kBlock = 2880;
// Rows of a compressed image's tile table read at once when checking heap descriptors.
constexpr std::size_t kTableChunkBytes = std::size_t(4) << 20;
constexpr int kMaxCompressDims = 6;  // cfitsio's MAX_COMPRESS_DIM

std::string str(std::uint64_t v) {
    return std::to_string(v);
}

std::string mib(std::uint64_t bytes) {
    return fitsMiB(bytes);
}

// Thrown inside the walk for one HDU; turned into an Error naming the file and HDU.
struct HduProblem {
    ErrorKind kind;
    std::string message;
};

[[noreturn]] void problem(ErrorKind kind, std::string message) {
    throw HduProblem{kind, std::move(message)};
}

class Walker {
  public:
    Walker(FitsStream& in, const std::string& uri, const FitsLimits& limits)
        : in_(in), uri_(uri), limits_(limits) {}

    FitsStructure run() {
        FitsStructure out;
        out.gzip = in_.gzip();
        for (int hdu = 1;; ++hdu) {
            if (hdu > limits_.maxHdus) {
                out.stopped =
                    Error(ErrorKind::Unsupported,
                          trf("FitsSource", "%1 has more than %2 HDUs; the rest are not read.",
                              uri_, std::to_string(limits_.maxHdus)));
                break;
            }
            hdu_ = hdu;
            try {
                std::optional<FitsHduCheck> h = walkOne();
                if (!h) break;
                out.hdus.push_back(std::move(*h));
            } catch (const HduProblem& p) {
                Error e(p.kind, p.message);
                if (hdu == 1) throw e;
                out.stopped = std::move(e);
                break;
            }
        }
        out.fileBytes = in_.size().value_or(in_.position());
        return out;
    }

  private:
    [[noreturn]] void malformed(const std::string& detail) const {
        problem(ErrorKind::BadRequest,
                trf("FitsSource", "%1: the header of HDU %2 is malformed: %3", uri_,
                    std::to_string(hdu_), detail));
    }

    // Reads the header cards up to END; nullopt at a clean end of file (or trailing padding).
    std::optional<FitsHeader> readHeader() {
        FitsHeader h;
        std::vector<char> block(kBlock);
        bool first = true;
        for (;;) {
            const std::size_t got = in_.read(block.data(), kBlock);
            if (first) {
                if (got == 0) return std::nullopt;
                // Trailing zeros or blanks after the last HDU are not an HDU.
                const char* start = hdu_ == 1 ? "SIMPLE  =" : "XTENSION=";
                if (hdu_ > 1 && (got < 9 || std::memcmp(block.data(), start, 9) != 0))
                    return std::nullopt;
            }
            if (got < kBlock && first && hdu_ == 1)
                problem(ErrorKind::Unsupported,
                        trf("FitsSource",
                            "%1 is not a FITS file Tessera can read: it is shorter than one "
                            "header block (2880 bytes).",
                            uri_));
            if (got < kBlock)
                problem(ErrorKind::BadRequest,
                        trf("FitsSource",
                            "%1: the header of HDU %2 is cut short (the file ends at byte %3).",
                            uri_, std::to_string(hdu_), str(in_.position())));
            for (std::size_t c = 0; c < kBlock; c += kFitsCardBytes) {
                FitsCard card = parseFitsCard(block.data() + c);
                if (card.key == "END") return h;
                if (++cards_ > limits_.maxHeaderCards)
                    problem(ErrorKind::Unsupported,
                            trf("FitsSource",
                                "%1: the headers hold more than %2 cards; Tessera reads no more.",
                                uri_, str(limits_.maxHeaderCards)));
                h.first.emplace(card.key, h.cards.size());
                h.cards.push_back(std::move(card));
            }
            first = false;
            checkCancelled();
        }
    }

    // The integer value of the card at `index`, which must be `key` (mandatory keywords are
    // read by position, as cfitsio does).
    long long positional(const FitsHeader& h, std::size_t index, const std::string& key) const {
        if (index >= h.cards.size() || h.cards[index].key != key || !h.cards[index].hasValue)
            malformed(trf("FitsSource", "keyword %1 is missing or out of place", key));
        const auto v = fitsIntegerValue(h.cards[index].value);
        if (!v)
            malformed(
                trf("FitsSource", "%1 = %2 is not a whole number", key, h.cards[index].value));
        return *v;
    }

    std::optional<long long> named(const FitsHeader& h, const std::string& key) const {
        const FitsCard* c = h.find(key);
        if (!c || !c->hasValue) return std::nullopt;
        const auto v = fitsIntegerValue(c->value);
        if (!v) malformed(trf("FitsSource", "%1 = %2 is not a whole number", key, c->value));
        return v;
    }

    static bool validBitpix(long long b) {
        return b == 8 || b == 16 || b == 32 || b == 64 || b == -32 || b == -64;
    }

    std::optional<FitsHduCheck> walkOne() {
        FitsHduCheck r;
        r.hdu = hdu_;
        r.headerOffset = in_.position();
        std::optional<FitsHeader> hdr = readHeader();
        if (!hdr && hdu_ == 1) malformed(trc("FitsSource", "the file is empty"));
        if (!hdr) return std::nullopt;
        const FitsHeader& h = *hdr;
        r.dataOffset = in_.position();

        const bool primary = hdu_ == 1;
        std::string xtension;
        if (primary) {
            if (h.cards.empty() || h.cards[0].key != "SIMPLE")
                malformed(trc("FitsSource", "it does not start with SIMPLE"));
        } else {
            xtension = fitsUnquote(h.cards.empty() ? std::string() : h.cards[0].value);
        }
        const long long bitpix = positional(h, 1, "BITPIX");
        if (!validBitpix(bitpix))
            malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)", std::string("BITPIX"),
                          std::to_string(bitpix), std::string("8, 16, 32, 64, -32, -64")));
        const long long naxis = positional(h, 2, "NAXIS");
        if (naxis < 0 || naxis > 999)
            malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)", std::string("NAXIS"),
                          std::to_string(naxis), std::string("0 … 999")));
        std::vector<long long> naxes;
        for (long long a = 1; a <= naxis; ++a) {
            const std::string key = "NAXIS" + std::to_string(a);
            const long long n = positional(h, std::size_t(2 + a), key);
            if (n < 0)
                malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)", key, std::to_string(n),
                              std::string("≥ 0")));
            naxes.push_back(n);
        }
        long long pcount = 0, gcount = 1;
        bool groups = false;
        if (const FitsCard* g = h.find("GROUPS"); primary && g && g->value == "T") groups = true;
        if (!primary || groups) {
            pcount = named(h, "PCOUNT").value_or(0);
            gcount = named(h, "GCOUNT").value_or(1);
            if (pcount < 0 || gcount < 0)
                malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)",
                              std::string(pcount < 0 ? "PCOUNT" : "GCOUNT"),
                              std::to_string(pcount < 0 ? pcount : gcount), std::string("≥ 0")));
        }

        // Data size: |BITPIX|/8 × GCOUNT × (PCOUNT + NAXIS1 × … × NAXISn), as the standard has it
        // (random groups leave NAXIS1 = 0 out of the product). Computed in long double first so a
        // lie cannot overflow.
        long double product = naxis == 0 ? 0.0L : 1.0L;
        for (long long a = 0; a < naxis; ++a)
            if (!(groups && a == 0 && naxes[0] == 0)) product *= (long double)naxes[std::size_t(a)];
        const long double bytes = (long double)(std::abs(bitpix) / 8) * (long double)gcount *
                                  ((long double)pcount + product);
        std::string claim;
        for (long long a = 0; a < naxis && a < 4; ++a)
            claim += (a ? ", NAXIS" : "NAXIS") + std::to_string(a + 1) + " = " +
                     std::to_string(naxes[std::size_t(a)]);
        if (naxis > 4) claim += ", …";
        if (pcount) claim += ", PCOUNT = " + std::to_string(pcount);
        claim += (claim.empty() ? "BITPIX = " : ", BITPIX = ") + std::to_string(bitpix);
        checkDataSize(bytes, r.dataOffset, claim);
        r.dataBytes = std::uint64_t(bytes);
        r.bitpix = int(bitpix);
        r.naxes = naxes;
        r.image = primary ? !groups : xtension == "IMAGE";

        const FitsCard* zimage = h.find("ZIMAGE");
        if (xtension == "BINTABLE" && zimage && zimage->value == "T") {
            r.compressed = true;
            r.image = true;
            checkCompressed(h, naxes, pcount, r);  // reads the tile table
        }
        // On to the next HDU (the last one may lack its padding).
        const std::uint64_t end = r.dataOffset + (r.dataBytes + kBlock - 1) / kBlock * kBlock;
        if (in_.position() < end) in_.skip(end - in_.position());
        if (in_.position() < r.dataOffset + r.dataBytes)
            truncated(r.dataBytes, r.dataOffset, in_.position());
        return r;
    }

    // The data must lie within the file (and, for gzip, within the inflate limit).
    void checkDataSize(long double bytes, std::uint64_t offset, const std::string& claim) {
        const auto size = in_.size();
        const long double limit = size ? (long double)*size : (long double)limits_.maxInflatedBytes;
        const std::uint64_t shown = size ? *size : in_.position();
        if (bytes > limit) {
            if (!size) in_.guard(std::uint64_t(std::min<long double>(bytes, 1e18L)));
            problem(ErrorKind::BadRequest,
                    trf("FitsSource",
                        "%1: the header of HDU %2 says %3, which needs %4 bytes of data, but the "
                        "file has %5 bytes.",
                        uri_, std::to_string(hdu_), claim,
                        bytes < 1e19L ? str(std::uint64_t(bytes)) : formatDoubleC(double(bytes)),
                        str(shown)));
        }
        // gzip streams: checked once the data was read through (walkOne).
        const auto need = std::uint64_t(bytes);
        if (size && offset + need > *size) truncated(need, offset, *size);
    }

    [[noreturn]] void truncated(std::uint64_t need, std::uint64_t offset, std::uint64_t end) {
        problem(ErrorKind::BadRequest,
                trf("FitsSource",
                    "%1: HDU %2 is cut short: its data need %3 bytes from byte %4, but the file "
                    "ends at byte %5.",
                    uri_, std::to_string(hdu_), str(need), str(offset), str(end)));
    }

    // Width in bytes of a binary table column format, and for P/Q (variable-length) columns the
    // size of one array element (bits for X are rounded per array).
    struct Format {
        std::uint64_t width = 0;
        char varType = 0;  // 'P' or 'Q' for descriptors
        char elem = 0;     // array element type of a descriptor column
    };

    std::optional<Format> parseTform(const std::string& text) const {
        std::size_t i = 0;
        std::uint64_t repeat = 1;
        if (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            repeat = 0;
            while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
                repeat = repeat * 10 + std::uint64_t(text[i] - '0');
                if (repeat > (std::uint64_t(1) << 40)) return std::nullopt;
                ++i;
            }
        }
        if (i >= text.size()) return std::nullopt;
        const char t = char(std::toupper(static_cast<unsigned char>(text[i])));
        Format f;
        if (t == 'P' || t == 'Q') {
            if (repeat > 1 || i + 1 >= text.size()) return std::nullopt;
            f.varType = t;
            f.elem = char(std::toupper(static_cast<unsigned char>(text[i + 1])));
            if (f.elem != 'X' && typeBytes(f.elem) == 0) return std::nullopt;
            f.width = repeat * (t == 'P' ? 8 : 16);
            return f;
        }
        if (t == 'X') {
            f.width = (repeat + 7) / 8;
            return f;
        }
        const std::uint64_t s = typeBytes(t);
        if (s == 0) return std::nullopt;
        f.width = repeat * s;
        return f;
    }

    void checkCompressed(const FitsHeader& h, const std::vector<long long>& naxes, long long pcount,
                         FitsHduCheck& r) {
        if (naxes.size() != 2) malformed(trc("FitsSource", "a binary table must have NAXIS = 2"));
        const std::uint64_t rowBytes = std::uint64_t(naxes[0]), rows = std::uint64_t(naxes[1]);
        const std::uint64_t table = rowBytes * rows;  // both bounded by the file size
        auto zkey = [&](const std::string& key) -> long long {
            const auto v = named(h, key);
            if (!v) malformed(trf("FitsSource", "keyword %1 is missing", key));
            return *v;
        };
        const long long zbitpix = zkey("ZBITPIX");
        if (!validBitpix(zbitpix))
            malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)", std::string("ZBITPIX"),
                          std::to_string(zbitpix), std::string("8, 16, 32, 64, -32, -64")));
        const long long znaxis = zkey("ZNAXIS");
        if (znaxis < 1 || znaxis > kMaxCompressDims)
            problem(ErrorKind::Unsupported,
                    trf("FitsSource",
                        "%1: HDU %2 is a compressed image with ZNAXIS = %3; Tessera reads 1 to %4 "
                        "axes.",
                        uri_, std::to_string(hdu_), std::to_string(znaxis),
                        std::to_string(kMaxCompressDims)));
        const FitsCard* type = h.find("ZCMPTYPE");
        const std::string cmp = type ? fitsUnquote(type->value) : std::string();
        static const char* known[] = {"RICE_1",      "RICE_ONE", "GZIP_1",    "GZIP_2",
                                      "HCOMPRESS_1", "PLIO_1",   "NOCOMPRESS"};
        if (std::none_of(std::begin(known), std::end(known),
                         [&](const char* k) { return cmp == k; }))
            problem(ErrorKind::Unsupported,
                    trf("FitsSource", "%1: HDU %2 uses the unknown tile compression '%3'.", uri_,
                        std::to_string(hdu_), cmp));
        // cfitsio reads the Rice parameters by position — ZVAL1 the block size it divides by,
        // ZVAL2 the bytes per pixel choosing its decoder — and swaps them when written the other
        // way round.
        const bool rice = cmp == "RICE_1" || cmp == "RICE_ONE";
        long long riceBlock = 32, ricePix = 4;
        if (rice) {
            riceBlock = named(h, "ZVAL1").value_or(32);
            if (h.find("ZVAL1")) ricePix = named(h, "ZVAL2").value_or(4);
            if (riceBlock < 16 && ricePix > 8) std::swap(riceBlock, ricePix);
            if (riceBlock != 16 && riceBlock != 32)
                malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)",
                              std::string("ZVAL1 (BLOCKSIZE)"), std::to_string(riceBlock),
                              std::string("16, 32")));
            if (ricePix != 1 && ricePix != 2 && ricePix != 4 && ricePix != 8)
                malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)",
                              std::string("ZVAL2 (BYTEPIX)"), std::to_string(ricePix),
                              std::string("1, 2, 4, 8")));
        }
        std::vector<long long> zn, tile;
        long double tiles = 1, tilePixels = 1;
        for (long long a = 1; a <= znaxis; ++a) {
            const std::string k = std::to_string(a);
            const long long n = zkey("ZNAXIS" + k);
            if (n < 1)
                malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)", "ZNAXIS" + k,
                              std::to_string(n), std::string("≥ 1")));
            const long long t = named(h, "ZTILE" + k).value_or(a == 1 ? n : 1);
            if (t < 1 || t > n)
                malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)", "ZTILE" + k,
                              std::to_string(t), "1 … ZNAXIS" + k + " = " + std::to_string(n)));
            zn.push_back(n);
            tile.push_back(t);
            tiles *= (long double)((n + t - 1) / t);
            tilePixels *= (long double)t;
        }
        if (tiles > (long double)rows)
            malformed(trf("FitsSource",
                          "the image has %1 tiles but the table only %2 rows (NAXIS2)",
                          formatDoubleC(double(tiles)), str(rows)));
        const long double tileBytes = tilePixels * 8.0L;
        if (tileBytes > (long double)limits_.maxTileBytes)
            problem(ErrorKind::Unsupported,
                    trf("FitsSource",
                        "%1: HDU %2 has tiles of %3 pixels (%4 MiB decoded), more than the %5 "
                        "MiB Tessera decodes at once.",
                        uri_, std::to_string(hdu_), formatDoubleC(double(tilePixels)),
                        mib(std::uint64_t(tileBytes)), mib(limits_.maxTileBytes)));

        // Heap: THEAP within the data, every descriptor within the heap.
        const auto theapKey = named(h, "THEAP");
        const long long theap = theapKey ? *theapKey : (long long)table;
        if (theap < (long long)table || std::uint64_t(theap) > table + std::uint64_t(pcount))
            malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)", std::string("THEAP"),
                          std::to_string(theap),
                          str(table) + " … " + str(table + std::uint64_t(pcount))));
        const std::uint64_t heapBytes = table + std::uint64_t(pcount) - std::uint64_t(theap);
        const long long tfields = named(h, "TFIELDS").value_or(0);
        if (tfields < 0 || tfields > 999)
            malformed(trf("FitsSource", "%1 = %2 is not allowed (%3)", std::string("TFIELDS"),
                          std::to_string(tfields), std::string("0 … 999")));
        struct VarColumn {
            int column;
            std::uint64_t offset;
            Format format;
        };
        std::vector<VarColumn> vars;
        // Of vars: where cfitsio finds the tiles it decodes as Rice or gzip streams.
        const FitsTileCodec codec = rice                                   ? FitsTileCodec::Rice
                                    : (cmp == "GZIP_1" || cmp == "GZIP_2") ? FitsTileCodec::Gzip
                                                                           : FitsTileCodec::Other;
        std::optional<std::size_t> dataColumn, floatColumn;
        std::uint64_t offset = 0;
        for (long long c = 1; c <= tfields; ++c) {
            const std::string key = "TFORM" + std::to_string(c);
            const FitsCard* card = h.find(key);
            const std::string text = card ? fitsUnquote(card->value) : std::string();
            const auto f = parseTform(text);
            if (!f)
                malformed(
                    trf("FitsSource", "%1 = '%2' is not a binary table column format", key, text));
            if (f->varType) {
                const FitsCard* ttype = h.find("TTYPE" + std::to_string(c));
                const std::string name = ttype ? fitsUnquote(ttype->value) : std::string();
                const bool checked = (name == "COMPRESSED_DATA" && codec != FitsTileCodec::Other) ||
                                     name == "GZIP_COMPRESSED_DATA";
                // cfitsio reads these cells as bytes whatever their type says: only a byte
                // column holds what its decoders are given.
                if (checked && f->elem != 'B')
                    malformed(
                        trf("FitsSource", "its %1 column is '%2', not a byte array", name, text));
                if (checked) (name == "COMPRESSED_DATA" ? dataColumn : floatColumn) = vars.size();
                vars.push_back({int(c), offset, *f});
            }
            offset += f->width;
        }
        if (offset > rowBytes)
            malformed(trf("FitsSource", "its columns take %1 bytes but a row (NAXIS1) has %2",
                          str(offset), str(rowBytes)));
        if (rowBytes > kTableChunkBytes)
            problem(ErrorKind::Unsupported,
                    trf("FitsSource",
                        "%1: HDU %2 has table rows of %3 bytes; Tessera reads "
                        "compressed images with rows up to %4 bytes.",
                        uri_, std::to_string(hdu_), str(rowBytes), str(kTableChunkBytes)));

        std::shared_ptr<FitsTileLayout> layout;
        if (dataColumn || floatColumn) {
            layout = std::make_shared<FitsTileLayout>();
            layout->heapOffset = r.dataOffset + std::uint64_t(theap);
            layout->gzip = in_.gzip();
            layout->codec = dataColumn ? codec : FitsTileCodec::Other;
            layout->blockSize = int(riceBlock);
            layout->bytePix = int(ricePix);
            layout->naxes = zn;
            layout->tile = tile;
        }

        // Read the table in chunks of rows and check each descriptor.
        const std::size_t perChunk =
            std::max<std::size_t>(1, kTableChunkBytes / std::max<std::uint64_t>(rowBytes, 1));
        std::vector<unsigned char> buf;
        for (std::uint64_t row = 0; row < rows && !vars.empty() && rowBytes > 0;) {
            checkCancelled();
            const std::size_t n = std::size_t(std::min<std::uint64_t>(perChunk, rows - row));
            buf.resize(n * rowBytes);
            if (in_.read(buf.data(), buf.size()) < buf.size())
                truncated(r.dataBytes, r.dataOffset, in_.position());
            for (std::size_t i = 0; i < n; ++i) {
                const unsigned char* p = buf.data() + i * rowBytes;
                for (std::size_t vi = 0; vi < vars.size(); ++vi) {
                    const VarColumn& v = vars[vi];
                    const unsigned char* d = p + v.offset;
                    long long count = 0, at = 0;
                    if (v.format.varType == 'P') {
                        count = std::int32_t(readBe(d, 4));
                        at = std::int32_t(readBe(d + 4, 4));
                    } else {
                        count = (long long)readBe(d, 8);
                        at = (long long)readBe(d + 8, 8);
                    }
                    long double len = 0;
                    if (count >= 0 && at >= 0)
                        len = v.format.elem == 'X'
                                  ? (long double)((count + 7) / 8)
                                  : (long double)count * (long double)typeBytes(v.format.elem);
                    if (count < 0 || at < 0 || (long double)at + len > (long double)heapBytes)
                        malformed(trf("FitsSource",
                                      "row %1 of column %2 points at %3 heap bytes from byte %4, "
                                      "but the heap has %5 bytes",
                                      str(row + i + 1), std::to_string(v.column),
                                      std::to_string(count), std::to_string(at), str(heapBytes)));
                    // cfitsio hands the decoder `count` bytes from there.
                    if (dataColumn == vi) {
                        layout->offsets.push_back(std::uint64_t(at));
                        layout->sizes.push_back(std::uint64_t(count));
                    } else if (floatColumn == vi) {
                        layout->floatOffsets.push_back(std::uint64_t(at));
                        layout->floatSizes.push_back(std::uint64_t(count));
                    }
                }
            }
            row += n;
        }
        r.bitpix = int(zbitpix);
        r.naxes = zn;
        r.tile = tile;
        // Rows beyond the tile count are not tiles.
        if (layout) {
            for (auto* v :
                 {&layout->offsets, &layout->sizes, &layout->floatOffsets, &layout->floatSizes})
                if (v->size() == rows) v->resize(std::size_t(tiles));
            r.tiles = std::move(layout);
        }
    }

    static std::uint64_t readBe(const unsigned char* p, int n) {
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i) v = (v << 8) | p[i];
        return v;
    }

    // Bytes of one binary table element of type t (0: not a type).
    static std::uint64_t typeBytes(char t) {
        switch (t) {
            case 'L':
            case 'B':
            case 'A':
                return 1;
            case 'I':
                return 2;
            case 'J':
            case 'E':
                return 4;
            case 'K':
            case 'D':
            case 'C':
                return 8;
            case 'M':
                return 16;
            default:
                return 0;
        }
    }

    FitsStream& in_;
    std::string uri_;
    FitsLimits limits_;
    int hdu_ = 1;
    std::uint64_t cards_ = 0;
};

}  // namespace

FitsStructure checkFitsStructure(const std::string& path, const std::string& uri,
                                 const FitsLimits& limits) {
    FitsStream in(path, uri, limits.maxInflatedBytes);
    Walker walker(in, uri, limits);
    return walker.run();
}

}  // namespace tessera
