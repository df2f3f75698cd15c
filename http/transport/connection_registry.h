// ConnectionRegistry: the open connections of one server — counted in total and per client
// address — and the policy at the caps: close the oldest idle connection to make room (as
// nginx reuses idle keep-alive connections), else refuse the new one.
//
// Thread safety: all members may be called from any thread (one mutex).
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/server_limits.h"

namespace tessera::http::transport {

class Connection;

class ConnectionRegistry {
  public:
    explicit ConnectionRegistry(const ServerLimits& limits) : limits_(limits) {}

    // Registers a new connection; false when a cap is reached and no idle connection could be
    // closed to make room (the caller then answers 503 and closes it).
    bool admit(const std::shared_ptr<Connection>& connection);
    // Called by a registered connection's destructor.
    void remove(Connection& connection);

    std::size_t size() const;
    std::vector<std::shared_ptr<Connection>> all() const;

  private:
    // Evicts the oldest idle connection (of `client`, or of anyone when empty); false if none.
    // The connections looked at are kept alive in `keep` (released after the lock).
    bool evictOldestIdle(const std::string& client, std::vector<std::shared_ptr<Connection>>& keep);

    const ServerLimits& limits_;
    mutable std::mutex mutex_;
    std::list<std::weak_ptr<Connection>> list_;  // oldest first
    std::unordered_map<std::string, long long> perClient_;
};

}  // namespace tessera::http::transport
