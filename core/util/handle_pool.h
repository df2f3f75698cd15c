// HandlePool: open handles to one file that a thread borrows for one read and gives back, for
// libraries whose handles must not be shared between threads (GDAL datasets, libtiff's TIFF*,
// cfitsio's fitsfile*). Handles are opened on demand by the pool's opener; up to maxIdle are
// kept, and with maxOpen > 0 no more than maxOpen are open at once (acquire waits for one to
// come back). The model is OpenImageIO's ImageCache: one owner, per-thread use of file handles.
//
// Thread safety: a pool may be used from any number of threads; a Lease (and its handle) belongs
// to the thread that acquired it. The pool must outlive its leases.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace tessera {

template <typename Ptr>  // an owning pointer, e.g. std::unique_ptr<T, Closer>
class HandlePool {
  public:
    using Handle = typename Ptr::element_type;
    // Opens one more handle; throws Error when it cannot (never returns null).
    using Opener = std::function<Ptr()>;

    // `first` (the handle opened to read the file's layout) becomes the first idle handle.
    HandlePool(Opener open, Ptr first, std::size_t maxIdle = 8, std::size_t maxOpen = 0)
        : open_(std::move(open)), maxIdle_(maxIdle), maxOpen_(maxOpen) {
        if (first) {
            idle_.push_back(std::move(first));
            opened_ = 1;
        }
    }
    HandlePool(const HandlePool&) = delete;
    HandlePool& operator=(const HandlePool&) = delete;

    // A borrowed handle, given back when the lease ends.
    class Lease {
      public:
        Lease(const HandlePool* pool, Ptr handle) : pool_(pool), handle_(std::move(handle)) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        ~Lease() {
            if (pool_ && handle_) pool_->release(std::move(handle_));
        }
        Handle& operator*() const noexcept { return *handle_; }
        Handle* operator->() const noexcept { return handle_.get(); }
        Handle* get() const noexcept { return handle_.get(); }

      private:
        const HandlePool* pool_;
        Ptr handle_;
    };

    // Borrows an idle handle — one for which `prefer` holds when there is one — or opens a new
    // one (the opener's Error passes through).
    Lease acquire(const std::function<bool(const Handle&)>& prefer = {}) const {
        {
            std::unique_lock lock(mutex_);
            if (maxOpen_ > 0)
                returned_.wait(lock, [&] { return !idle_.empty() || opened_ < maxOpen_; });
            if (!idle_.empty()) {
                std::size_t pick = idle_.size() - 1;
                if (prefer)
                    for (std::size_t i = 0; i < idle_.size(); ++i)
                        if (prefer(*idle_[i])) pick = i;
                Ptr h = std::move(idle_[pick]);
                idle_.erase(idle_.begin() + std::ptrdiff_t(pick));
                return Lease(this, std::move(h));
            }
            ++opened_;
        }
        try {
            return Lease(this, open_());  // outside the lock: a remote open can take a while
        } catch (...) {
            std::lock_guard lock(mutex_);
            --opened_;
            returned_.notify_one();
            throw;
        }
    }

    std::size_t idleCount() const {
        std::lock_guard lock(mutex_);
        return idle_.size();
    }

  private:
    void release(Ptr handle) const {
        {
            std::lock_guard lock(mutex_);
            if (idle_.size() < maxIdle_)
                idle_.push_back(std::move(handle));
            else
                --opened_;
        }
        returned_.notify_one();
        // A handle not kept closes here, outside the lock.
    }

    Opener open_;
    std::size_t maxIdle_;
    std::size_t maxOpen_;
    mutable std::mutex mutex_;
    mutable std::condition_variable returned_;
    mutable std::size_t opened_ = 0;  // idle + leased
    mutable std::vector<Ptr> idle_;
};

}  // namespace tessera
