// libtiff handles for one file: a TIFF* opened through GDAL's VSI layer (so local, /vsicurl/
// and /vsis3/ paths all work), with libtiff's errors captured per handle instead of printed,
// and a pool of them, because a libtiff handle must only be used by one thread at a time.
//
// Thread safety: TiffHandlePool is safe to use from any thread. A TiffHandle (and the lease
// holding it) belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "util/handle_pool.h"

typedef struct tiff TIFF;

namespace tessera {

class TiffHandle {
  public:
    // Largest single allocation libtiff may make for this handle.
    static constexpr std::size_t kMaxLibtiffAlloc = std::size_t(512) << 20;

    // Opens gdalPath read-only. Throws Error(NotFound) if it cannot be opened, Error(Unsupported)
    // if it is not a TIFF.
    explicit TiffHandle(const std::string& gdalPath);
    ~TiffHandle();
    TiffHandle(const TiffHandle&) = delete;
    TiffHandle& operator=(const TiffHandle&) = delete;

    TIFF* tif() const noexcept { return tif_; }
    // Size of the file in bytes, as it was when opened.
    std::uint64_t fileSize() const noexcept { return fileSize_; }
    // Makes the IFD at this file offset current (no-op when it already is). For JPEG IFDs with
    // YCbCr photometric, libtiff is asked to convert to RGB. Returns false on failure.
    bool select(std::uint64_t ifdOffset);
    // Forgets which IFD is current (after the TIFF* was moved to another directory directly).
    void invalidate() noexcept { haveCurrent_ = false; }
    // True when the IFD at ifdOffset is the current one.
    bool isCurrent(std::uint64_t ifdOffset) const noexcept {
        return haveCurrent_ && current_ == ifdOffset;
    }
    // The last libtiff error message on this handle (cleared by clearError()).
    const std::string& lastError() const noexcept { return error_; }
    void clearError() noexcept { error_.clear(); }
    // Called by the libtiff error handler.
    void recordError(std::string message) { error_ = std::move(message); }

  private:
    TIFF* tif_ = nullptr;
    std::uint64_t fileSize_ = 0;
    std::uint64_t current_ = 0;
    bool haveCurrent_ = false;
    std::string error_;
};

// libtiff handles of one file (util/handle_pool.h).
class TiffHandlePool : public HandlePool<std::unique_ptr<TiffHandle>> {
  public:
    // `first` (the handle used to read the layout) becomes the first idle handle. acquire
    // throws Error(IO) when the file cannot be reopened.
    TiffHandlePool(std::string gdalPath, std::unique_ptr<TiffHandle> first,
                   std::size_t maxIdle = 8);

    // Borrows a handle, one already on the IFD at ifdOffset when there is one.
    Lease acquireOn(std::uint64_t ifdOffset) const {
        return acquire([ifdOffset](const TiffHandle& h) { return h.isCurrent(ifdOffset); });
    }
};

}  // namespace tessera
