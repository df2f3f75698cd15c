// A pool of cfitsio file handles for one FITS file: a fitsfile* must not be used by two threads
// at once (cfitsio is built reentrant, but a handle keeps a current HDU and buffers), so each
// read borrows a handle for its duration and gives it back. Handles are opened on demand.
//
// Thread safety: FitsHandlePool may be used from any number of threads. A lease (and the handle
// it holds) belongs to the one thread that acquired it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <fitsio.h>

namespace tessera {

// Text for a cfitsio status code plus the messages cfitsio queued for this thread (cleared).
std::string fitsErrorText(int status);

struct FitsFileCloser {
    void operator()(fitsfile* f) const noexcept;
};
using FitsFilePtr = std::unique_ptr<fitsfile, FitsFileCloser>;

// Opens path read-only with fits_open_diskfile (no extended-filename syntax, so brackets in
// names are literal). Throws Error(Unsupported) with cfitsio's reason when it cannot.
FitsFilePtr openFitsFile(const std::string& path);

class FitsHandlePool {
  public:
    // `first` is the handle opened to probe the file; it becomes the first idle handle.
    // maxOpen > 0 bounds the handles open at once (acquire waits for one to come back): cfitsio
    // inflates a whole .fits.gz into memory for every handle.
    FitsHandlePool(std::string path, FitsFilePtr first, std::size_t maxIdle = 8,
                   std::size_t maxOpen = 0);
    ~FitsHandlePool();
    FitsHandlePool(const FitsHandlePool&) = delete;
    FitsHandlePool& operator=(const FitsHandlePool&) = delete;

    class Lease {
      public:
        Lease(FitsHandlePool* pool, FitsFilePtr handle) : pool_(pool), handle_(std::move(handle)) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        fitsfile* get() const noexcept { return handle_.get(); }

      private:
        FitsHandlePool* pool_;
        FitsFilePtr handle_;
    };

    // Borrows an idle handle or opens a new one (throws Error as openFitsFile does).
    Lease acquire();
    std::size_t idleCount() const;

  private:
    void release(FitsFilePtr handle);

    std::string path_;
    std::size_t maxIdle_;
    std::size_t maxOpen_;
    mutable std::mutex mutex_;
    std::condition_variable returned_;
    std::size_t open_ = 0;  // idle + leased
    std::vector<FitsFilePtr> idle_;
};

}  // namespace tessera
