#include "util/bounded_pool.h"

#include <pthread.h>

namespace tessera {

BoundedPool::BoundedPool(std::string name, int threads, std::size_t maxQueued)
    : name_(std::move(name)), maxQueued_(maxQueued), size_(std::size_t(threads < 1 ? 1 : threads)) {
    const int n = int(size_);
    threads_.reserve(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        threads_.emplace_back([this] { work(); });
        // Thread names show in gdb, top -H and perf (15 characters at most).
        pthread_setname_np(threads_.back().native_handle(), name_.substr(0, 15).c_str());
    }
}

BoundedPool::~BoundedPool() {
    stop();
}

bool BoundedPool::trySubmit(std::function<void()> task, std::function<void()> dropped) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return false;
        // Waiting tasks beyond the threads not running a task count against the queue bound.
        // Threads still starting or on their way back to wait count as free: they will take
        // the task, so a fresh pool does not refuse work it is about to be able to do.
        const std::size_t free = size_ - running_;
        const std::size_t waiting = queue_.size() + 1;
        if (waiting > free && waiting - free > maxQueued_) return false;
        queue_.push_back({std::move(task), std::move(dropped)});
    }
    wake_.notify_one();
    return true;
}

void BoundedPool::stop() {
    std::deque<Task> drop;
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
        drop.swap(queue_);
    }
    wake_.notify_all();
    for (Task& t : drop) {
        if (!t.dropped) continue;
        try {
            t.dropped();
        } catch (...) {
        }
    }
    for (std::thread& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

std::size_t BoundedPool::queued() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

std::size_t BoundedPool::running() const {
    std::lock_guard lock(mutex_);
    return running_;
}

void BoundedPool::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        Task task = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        lock.unlock();
        try {
            task.run();
        } catch (...) {
        }
        task = {};  // release captures outside the lock
        lock.lock();
        --running_;
    }
}

}  // namespace tessera
