// BoundedPool: a fixed set of worker threads and a bounded FIFO of waiting tasks. trySubmit()
// refuses work when the queue is full instead of letting it grow, so a server under overload
// answers "busy" (503) at once rather than queueing requests nobody will wait for.
//
// Thread safety: every member may be called from any thread. Tasks must not throw (exceptions
// escaping a task are caught and dropped). The destructor stops the pool: queued tasks are
// dropped (their `dropped` callbacks run), running tasks are waited for.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tessera {

class BoundedPool {
  public:
    // threads ≥ 1; maxQueued = tasks that may wait for a thread (0 = only idle threads take work).
    BoundedPool(std::string name, int threads, std::size_t maxQueued);
    ~BoundedPool();
    BoundedPool(const BoundedPool&) = delete;
    BoundedPool& operator=(const BoundedPool&) = delete;

    // Queues a task; false when the queue is full or the pool is stopping. `dropped` (optional)
    // runs instead of `task` if the pool stops before the task started.
    bool trySubmit(std::function<void()> task, std::function<void()> dropped = {});

    // Stops taking work, drops queued tasks and joins the threads (idempotent).
    void stop();

    const std::string& name() const noexcept { return name_; }
    int threads() const noexcept { return int(size_); }
    std::size_t maxQueued() const noexcept { return maxQueued_; }
    std::size_t queued() const;
    std::size_t running() const;

  private:
    struct Task {
        std::function<void()> run;
        std::function<void()> dropped;
    };
    void work();

    const std::string name_;
    const std::size_t maxQueued_;
    const std::size_t size_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Task> queue_;
    std::size_t running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace tessera
