// Checks of the RICE_1 and gzip tiles of tile-compressed FITS images, made before cfitsio decodes
// them. cfitsio's Rice decoders (fits_rdecomp, _short, _byte) only notice the end of a tile's
// bytes after a whole block, so a damaged tile (an all-zero one looks for a one bit forever)
// makes them read past the buffer: each Rice tile is walked once, bit for bit as cfitsio
// consumes it but with every byte read checked. cfitsio's gzip path grows its buffer without
// bound while a stream asks for more, and leaks the compressed bytes when the inflated size is
// not a whole number of pixels: each gzip tile (GZIP_1/GZIP_2 and the losslessly gzipped float
// tiles of any compression) is inflated once, as cfitsio inflates it, and must end with exactly
// the tile's pixels.
//
// Thread safety: the free functions are pure; a FitsTileGuard may be shared by threads (its
// record of checked tiles is guarded by a mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

// How the COMPRESSED_DATA tiles of an image are coded, for the checks here.
enum class FitsTileCodec { Other, Rice, Gzip };

// Where the checked tiles of one HDU are, as the structure walk found them.
struct FitsTileLayout {
    std::uint64_t heapOffset = 0;  // offset of the heap in the file (inflated, for gzip)
    bool gzip = false;             // the file itself is gzip-compressed (.fits.gz)
    FitsTileCodec codec = FitsTileCodec::Other;  // of the COMPRESSED_DATA column
    int blockSize = 32;                          // Rice: ZVAL1, as cfitsio reads it
    int bytePix = 4;               // Rice: ZVAL2: 1 → 8-bit decoder, 2 → 16-bit, else 32-bit
    std::vector<long long> naxes;  // ZNAXISn
    std::vector<long long> tile;   // ZTILEn
    // Per tile (table row), the COMPRESSED_DATA bytes' offset in the heap and their count
    // (0: stored another way); empty when the codec is Other.
    std::vector<std::uint64_t> offsets;
    std::vector<std::uint64_t> sizes;
    // The same for GZIP_COMPRESSED_DATA (losslessly gzipped float tiles, read by cfitsio where
    // COMPRESSED_DATA is empty); empty when the table has no such column.
    std::vector<std::uint64_t> floatOffsets;
    std::vector<std::uint64_t> floatSizes;
};

// True when `clen` bytes of a Rice stream hold all `nx` pixels without a read past their end,
// with cfitsio's parameters for `bytePix` and a block size of `blockSize` pixels (≥ 1).
bool riceStreamComplete(const unsigned char* c, std::size_t clen, std::size_t nx, int bytePix,
                        int blockSize);

// The size of what `clen` bytes of one gzip member inflate to (as zlib inflates it for cfitsio:
// bytes after the member are ignored), or nullopt when the stream is damaged, ends early or
// would inflate to more than `maxBytes`. Inflates through small buffers: nothing of the
// inflated size is allocated.
std::optional<std::uint64_t> gzipInflatedSize(const unsigned char* c, std::size_t clen,
                                              std::uint64_t maxBytes);
// The same for `inBytes` bytes pulled from `input` (it fills n bytes and returns how many it
// could; fewer ends the check as a stream that ends early).
using GzipInput = std::function<std::size_t(unsigned char* to, std::size_t n)>;
std::optional<std::uint64_t> gzipInflatedSize(const GzipInput& input, std::uint64_t inBytes,
                                              std::uint64_t maxBytes);

class FitsTileGuard {
  public:
    FitsTileGuard(std::string path, std::string uri, int hdu,
                  std::shared_ptr<const FitsTileLayout> layout);

    // Checks the tiles holding pixels first..last (1-based, inclusive, one entry per axis; axes
    // beyond the given ones are taken whole) that were not checked before. Throws
    // Error(BadRequest) naming the first damaged tile, Error(IO) when the file cannot be read.
    void check(const std::vector<long>& first, const std::vector<long>& last) const;
    // Checks every tile.
    void checkAll() const;

  private:
    void checkTiles(const std::vector<std::size_t>& tiles) const;
    // Why tile t cannot be given to cfitsio, or empty when it can; `file` is the open VSILFILE.
    std::string tileProblem(void* file, std::size_t t, std::vector<unsigned char>& buf) const;
    std::size_t tilePixels(std::size_t index) const;

    std::string path_;
    std::string uri_;
    int hdu_;
    std::shared_ptr<const FitsTileLayout> layout_;
    mutable std::mutex mutex_;
    mutable std::vector<std::uint8_t> checked_;  // per tile: 0 not yet, 1 good, 2 damaged
};

}  // namespace tessera
