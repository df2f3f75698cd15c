// TiffSource: pyramidal and plain TIFFs read directly with libtiff, as large_image's "tiff"
// source reads them: Aperio SVS, Philips-style and generic tiled pyramids (multi-IFD or
// SubIFD, classic or BigTIFF), JPEG/LZW/DEFLATE/ZSTD/WEBP tiles, 8/16/32-bit samples. Levels are
// the native tiled IFDs; the tile grid uses the native tile size; missing pyramid levels are
// made from the next finer native level. Orientation is honoured. JPEG tiles can be served
// as stored (rawTile). Label, macro and thumbnail IFDs are associated images.
//
// Thread safety: all const members may be called from any thread at once; each read borrows
// its own libtiff handle from a pool. Statistics and metadata are cached under a mutex.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "source/source.h"
#include "source/tiff_handle.h"
#include "source/tiff_layout.h"

namespace tessera {

class TiffSource final : public Source {
  public:
    // What open() accepts: files large_image would give its tiff source (non-georeferenced
    // tiled TIFFs, any TIFF with Orientation ≠ 1, Aperio SVS), or any TIFF when forced.
    enum class Accept { LargeImageRules, AnyTiff };

    // Opens gdalPath (local or a GDAL /vsi path). Throws Error(Unsupported) for files it does not
    // take (so the next reader may), Error(NotFound) when the file cannot be opened.
    static std::shared_ptr<TiffSource> open(const std::string& uri, const std::string& gdalPath,
                                            Accept accept);

    TiffSource(std::string uri, std::string gdalPath, std::unique_ptr<TiffHandle> handle,
               TiffLayout layout);
    ~TiffSource() override;

    const SourceInfo& info() const override { return info_; }
    const std::string& uri() const override { return uri_; }
    nlohmann::json internalMetadata() const override;

    Raster read(const ReadWindow& window) const override;
    BandStats statistics(int band, int frame, bool approximate) const override;
    std::optional<std::vector<std::uint8_t>> rawTile(int level, int tx, int ty,
                                                     int frame) const override;

    std::vector<std::string> associatedImageNames() const override;
    Raster associatedImage(const std::string& name) const override;

    const TiffLayout& layout() const noexcept { return layout_; }
    std::size_t idleHandles() const { return pool_->idleCount(); }

  private:
    struct Level;
    std::vector<int> checkedBands(const std::vector<int>& bands, int frame) const;
    // Decodes block (bx, by) of a level into buf (interleaved samples, tileW × tileH).
    void decodeBlock(TiffHandle& h, const Level& level, int bx, int by,
                     std::vector<std::uint8_t>& buf) const;

    std::string uri_;
    std::string gdalPath_;
    TiffLayout layout_;
    SourceInfo info_;
    std::vector<Level> levels_;
    int orientation_ = 1;
    std::unique_ptr<TiffHandlePool> pool_;

    mutable std::mutex statsMutex_;
    mutable std::map<int, BandStats> stats_;
};

}  // namespace tessera
