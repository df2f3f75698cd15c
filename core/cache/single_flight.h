// SingleFlight: runs one computation per key at a time; callers asking for a key that is being
// computed wait for that result instead of computing it again (no tile is decoded twice).
// An exception thrown by the computation is rethrown to every waiter. Thread-safe.
#pragma once

#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tessera {

template <typename V>
class SingleFlight {
  public:
    V run(const std::string& key, const std::function<V()>& compute) {
        std::shared_future<V> future;
        std::promise<V> promise;
        bool leader = false;
        {
            std::lock_guard lock(mutex_);
            auto it = inflight_.find(key);
            if (it != inflight_.end()) {
                future = it->second;
            } else {
                future = promise.get_future().share();
                inflight_.emplace(key, future);
                leader = true;
            }
        }
        if (!leader) return future.get();
        try {
            promise.set_value(compute());
        } catch (...) {
            promise.set_exception(std::current_exception());
        }
        {
            std::lock_guard lock(mutex_);
            inflight_.erase(key);
        }
        return future.get();
    }

    std::size_t inflight() const {
        std::lock_guard lock(mutex_);
        return inflight_.size();
    }

  private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_future<V>> inflight_;
};

}  // namespace tessera
