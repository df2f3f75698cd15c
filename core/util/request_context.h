// What a request carries down into the core without changing every signature: a cancellation
// flag (set when the HTTP client went away, a job was cancelled or the viewer moved on) and a
// memory budget for the answer. The caller installs a RequestScope on the worker thread that
// runs the request; long loops in the core call checkCancelled() at tile/strip boundaries and
// checkBudget() before allocating an answer.
//
// Thread safety: a CancelToken may be cancelled from any thread; the scope is thread-local.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

namespace tessera {

class CancelToken {
  public:
    CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const noexcept { flag_->store(true, std::memory_order_relaxed); }
    bool cancelled() const noexcept { return flag_->load(std::memory_order_relaxed); }

  private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

struct RequestContext {
    CancelToken cancel;
    // Largest answer (decoded pixels or encoded bytes) the request may build; 0 = no limit.
    std::size_t memoryBudget = 0;
};

// Installs a context for the current thread until destroyed (the previous one is restored).
class RequestScope {
  public:
    explicit RequestScope(RequestContext context);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;

  private:
    RequestContext context_;
    const RequestContext* previous_;
};

// The context of the current thread; null when none is installed.
const RequestContext* currentRequest() noexcept;
bool isCancelled() noexcept;
// Throws Error(Cancelled) when the current request was cancelled.
void checkCancelled();
// The current request's memory budget in bytes (0 = no limit).
std::size_t requestMemoryBudget() noexcept;
// Throws Error(TooLarge) naming `what` when `bytes` exceeds the current budget.
void checkBudget(std::size_t bytes, const std::string& what);
// A GDALProgressFunc that stops GDAL (warps, RasterIO, translate) when the current request was
// cancelled: pass it with a null progress argument on the thread that installed the scope.
int cancelProgress(double complete, const char* message, void* data);

}  // namespace tessera
