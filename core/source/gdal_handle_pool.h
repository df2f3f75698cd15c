// A small pool of GDAL dataset handles for one file: GDAL datasets are not thread-safe, so each
// read borrows a handle for its duration and returns it. Handles are opened on demand.
//
// Thread safety: GdalHandlePool is safe to use from any number of threads. A GdalHandle (and the
// lease holding it) belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

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

class GdalHandlePool {
  public:
    // `first` is the handle opened to probe the file; it becomes the first idle handle.
    GdalHandlePool(std::string gdalPath, bool remote, GdalDatasetPtr first,
                   std::size_t maxIdle = 8);
    ~GdalHandlePool();
    GdalHandlePool(const GdalHandlePool&) = delete;
    GdalHandlePool& operator=(const GdalHandlePool&) = delete;

    // A borrowed handle, returned to the pool when the lease ends.
    class Lease {
      public:
        Lease(const GdalHandlePool* pool, std::unique_ptr<GdalHandle> handle)
            : pool_(pool), handle_(std::move(handle)) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        ~Lease();
        GdalHandle& handle() const noexcept { return *handle_; }
        GDALDataset* operator->() const noexcept { return handle_->dataset(); }
        GDALDataset* get() const noexcept { return handle_->dataset(); }

      private:
        const GdalHandlePool* pool_;
        std::unique_ptr<GdalHandle> handle_;
    };

    // Borrows an idle handle or opens a new one. Throws Error(IO) if the file cannot be reopened.
    Lease acquire() const;

    const std::string& gdalPath() const noexcept { return path_; }
    bool remote() const noexcept { return remote_; }
    std::size_t idleCount() const;

  private:
    void release(std::unique_ptr<GdalHandle> handle) const;

    std::string path_;
    bool remote_;
    std::size_t maxIdle_;
    mutable std::mutex mutex_;
    mutable std::vector<std::unique_ptr<GdalHandle>> idle_;
};

}  // namespace tessera
