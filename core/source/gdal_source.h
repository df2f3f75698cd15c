// GdalSource: any raster GDAL can open (GeoTIFF/COG, PNG, JPEG, FITS, NetCDF, ...), local or
// remote, read through a pool of dataset handles. Reads pick overviews as GDAL RasterIO does;
// projected reads warp like large_image's gdal.Warp(VRT, nearest, dstAlpha=True).
//
// Thread safety: all const members may be called from any number of threads at once (each read
// borrows its own GDAL dataset handle from the pool; statistics are cached under a mutex).
//
// Warp alpha: readProjected() appends one band after the requested ones, computed by GDAL's
// warper (dstAlpha): 0 where there is no source data (outside the image, source nodata, source
// alpha/mask 0) and GDAL's default alpha maximum inside: 65535 for UInt16, 32767 for Int16, 127
// for Int8, and 255 for every other type (UInt8, 32-bit integers and floats).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "source/gdal_handle_pool.h"
#include "source/source.h"

namespace tessera {

class GdalSource final : public Source {
  public:
    // Opens gdalPath (a GDAL path: local, /vsicurl/..., /vsis3/...) and reads its SourceInfo.
    // uri is what the user gave. Throws Error(Unsupported) when GDAL cannot open it as a raster,
    // Error(IO) when a remote read fails.
    static std::shared_ptr<GdalSource> open(const std::string& uri, const std::string& gdalPath,
                                            bool remote);

    GdalSource(std::string uri, std::string gdalPath, bool remote, GdalDatasetPtr probe);
    ~GdalSource() override;

    const SourceInfo& info() const override { return info_; }
    const std::string& uri() const override { return uri_; }
    nlohmann::json internalMetadata() const override;

    Raster read(const ReadWindow& window) const override;
    Raster readProjected(const ProjectedWindow& window) const override;
    BandStats statistics(int band, int frame, bool approximate) const override;

    // The GDAL path actually opened, and the number of idle pooled handles (for tests).
    const std::string& gdalPath() const noexcept { return gdalPath_; }
    std::size_t idleHandles() const { return pool_->idleCount(); }

  private:
    std::vector<int> checkedBands(const std::vector<int>& bands, int frame) const;
    // Overview (0-based; -1 = full resolution) GDAL would read for this window and output size.
    int chooseReadLevel(double winW, double winH, int bufW, int bufH, Resample r) const;

    std::string uri_;
    std::string gdalPath_;
    bool remote_ = false;
    SourceInfo info_;
    int gdalType_ = 0;           // GDALDataType used for RasterIO buffers
    bool srcAlphaLast_ = false;  // last band is an alpha band (used as warp source alpha)
    std::unique_ptr<GdalHandlePool> pool_;

    mutable std::mutex statsMutex_;
    mutable std::map<std::pair<int, bool>, BandStats> stats_;
    mutable std::mutex metaMutex_;
    mutable std::optional<nlohmann::json> internal_;
};

}  // namespace tessera
