// FitsSource: FITS images read with cfitsio. Every image HDU with data (the primary array, IMAGE
// extensions, and tile-compressed images stored in BINTABLEs — RICE, GZIP, HCOMPRESS, PLIO —
// which cfitsio decompresses) is a frame; each plane of a cube (NAXIS3…) is a frame of its own.
// Samples are physical values: BSCALE/BZERO are applied once by cfitsio, so scaled integers
// read as float, the unsigned conventions (BITPIX 16 + BZERO 32768, 32 + 2^31) as UInt16/UInt32;
// BLANK and NaN pixels are nodata (NaN for floats, the physical BLANK value for integers).
// Display orientation: row 0 is the last FITS row (FITS row 1 is the bottom), as GDAL shows it.
// FITS has no pyramid: reduced reads resample full-resolution rows (frames of at most 64 MB
// are kept decoded in memory, larger ones are read row span by row span). The header cards of
// every HDU are the internal metadata; a celestial WCS is published in info().extra["wcs"].
// Headers are checked before cfitsio reads them (fits_validate.h): a damaged or lying HDU ends
// the file there (internal metadata "damaged" says why), or fails the open when it is the first.
//
// Thread safety: all const members may be called from any number of threads at once (each read
// borrows its own fitsfile handle from a pool; caches are guarded by mutexes).
#pragma once

#include <atomic>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cache/single_flight.h"
#include "source/source.h"

namespace tessera {

class FitsHandlePool;
class FitsTileGuard;

class FitsSource final : public Source {
  public:
    // True when the first bytes of the file are a FITS primary header ("SIMPLE  =") or a
    // gzip stream in a file named like FITS (.fits.gz, .fit.gz, .fts.gz).
    static bool looksLikeFits(const std::string& path);

    // Opens a local FITS file. Throws Error(Unsupported) when it is not FITS or holds no image,
    // Error(NotFound) when it does not exist.
    static std::shared_ptr<FitsSource> open(const std::string& uri, const std::string& path);

    FitsSource(std::string uri, std::string path);
    ~FitsSource() override;

    const SourceInfo& info() const override { return info_; }
    const std::string& uri() const override { return uri_; }
    nlohmann::json internalMetadata() const override;

    Raster read(const ReadWindow& window) const override;
    BandStats statistics(int band, int frame, bool approximate) const override;

    // Where frame f lives: HDU number (1-based, as cfitsio counts) and plane (0-based).
    struct FrameRef {
        int hdu = 1;
        long long plane = 0;
        std::string name;  // EXTNAME, or "PRIMARY"
    };
    const std::vector<FrameRef>& frameRefs() const noexcept { return frames_; }
    // Frames whose decoded samples are currently cached in memory (for tests).
    std::size_t cachedFrames() const;

    // Frames up to this many bytes are decoded whole and kept (LRU, kFrameCacheBytes in all);
    // larger ones are read row span by row span. Settable (e.g. 0 in tests, to exercise the
    // streaming path).
    static constexpr std::size_t kMaxCachedFrameBytes = std::size_t(64) << 20;
    static constexpr std::size_t kFrameCacheBytes = std::size_t(192) << 20;
    void setMaxCachedFrameBytes(std::size_t bytes) noexcept { maxCachedFrameBytes_ = bytes; }

  private:
    struct HduSummary {
        int hdu = 1;
        std::string type;  // "IMAGE", "COMPRESSED_IMAGE", "BINTABLE", "TABLE"
        int bitpix = 0;
        int equivalentBitpix = 0;
        std::vector<long long> naxes;
        std::vector<std::string> cards;
        bool used = false;  // its planes are frames of this source
        // RICE_1 and gzip tiles are checked before cfitsio decodes them (fits_tile_check.h).
        std::shared_ptr<const FitsTileGuard> tiles;
    };

    void checkFrame(int frame) const;
    // The whole frame decoded in display orientation, when it is small enough (else null).
    std::shared_ptr<const Raster> cachedFrame(int frame) const;
    Raster readFrameRows(int frame, int firstRow, int rowCount, int firstCol, int colCount) const;
    std::vector<std::uint8_t> readFitsBlock(int frame, int firstRow, int rowCount, int firstCol,
                                            int colCount) const;
    void readInto(const ReadWindow& w, int frame, Raster& out, int ox0, int ox1, int oy0,
                  int oy1) const;

    std::string uri_;
    std::string path_;
    SourceInfo info_;
    std::vector<FrameRef> frames_;
    std::vector<HduSummary> hdus_;
    std::unique_ptr<FitsHandlePool> pool_;
    // Why HDUs after the readable ones were left unread (a damaged or lying HDU), else empty.
    std::string damaged_;

    std::atomic<std::size_t> maxCachedFrameBytes_{kMaxCachedFrameBytes};
    mutable std::mutex cacheMutex_;
    mutable std::list<std::pair<int, std::shared_ptr<const Raster>>> frameCache_;  // front = recent
    mutable std::size_t frameCacheBytes_ = 0;
    mutable SingleFlight<std::shared_ptr<const Raster>> frameLoads_;

    mutable std::mutex statsMutex_;
    mutable std::map<std::pair<int, bool>, BandStats> stats_;  // (frame, exact)
};

}  // namespace tessera
