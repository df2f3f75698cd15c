// GDAL dataset handles for one file: GDAL datasets are not thread-safe, so each read borrows a
// GdalHandle (the dataset, its overview datasets and warp transformers) from a HandlePool for
// its duration and returns it.
//
// Thread safety: GdalHandlePool as HandlePool's; a GdalHandle belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "util/handle_pool.h"

class GDALDataset;

namespace tessera {

struct GdalDatasetCloser {
    void operator()(GDALDataset* ds) const noexcept;
};
using GdalDatasetPtr = std::unique_ptr<GDALDataset, GdalDatasetCloser>;

// Opens a GDAL raster read-only with Tessera's settings (remote settings for network paths).
// overviewLevel ≥ 0 opens that overview level as a dataset (OVERVIEW_LEVEL=n, or "n only" with
// thisLevelOnly so GDAL reads never descend further); overviewLevel -1 with thisLevelOnly opens
// the full resolution with implicit overview use disabled (OVERVIEW_LEVEL=NONE).
// Returns null on failure; gdalLastError() then holds GDAL's message.
GdalDatasetPtr openGdalDataset(const std::string& gdalPath, bool remote, int overviewLevel = -1,
                               bool thisLevelOnly = false);

// One open dataset plus the overview-level datasets warps read from (opened lazily).
class GdalHandle {
  public:
    GdalHandle(std::string gdalPath, bool remote, GdalDatasetPtr dataset);
    ~GdalHandle();
    GdalHandle(const GdalHandle&) = delete;
    GdalHandle& operator=(const GdalHandle&) = delete;
    GDALDataset* dataset() const noexcept { return dataset_.get(); }
    // A GDAL GenImgProj transformer from this dataset's full-resolution pixels to coordinates
    // of dstWkt, kept per handle (creating one costs PROJ set-up time); callers set the
    // destination geotransform before use. Null if GDAL cannot create it.
    void* warpTransformer(const std::string& dstWkt);
    // The dataset of overview level `level` (0 = first overview) as its own dataset, as gdalwarp
    // uses it (thisLevelOnly false), or restricted to that level (-1: full resolution without
    // implicit overviews). Opened on first use and kept; null if it cannot be opened.
    GDALDataset* overviewDataset(int level, bool thisLevelOnly = false);

  private:
    std::string path_;
    bool remote_;
    GdalDatasetPtr dataset_;
    std::map<std::pair<int, bool>, GdalDatasetPtr> overviews_;
    std::map<std::string, void*> transformers_;
};

// Handles of one GDAL raster (util/handle_pool.h); a lease's handle is a GdalHandle.
class GdalHandlePool : public HandlePool<std::unique_ptr<GdalHandle>> {
  public:
    // Throws Error(IO) from acquire when the file cannot be reopened.
    GdalHandlePool(std::string gdalPath, bool remote, GdalDatasetPtr first,
                   std::size_t maxIdle = 8);
};

}  // namespace tessera
