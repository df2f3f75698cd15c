#include "http/transport/connection_registry.h"

#include "http/transport/connection.h"

namespace tessera::http::transport {

bool ConnectionRegistry::evictOldestIdle(const std::string& client,
                                         std::vector<std::shared_ptr<Connection>>& keep) {
    for (const auto& weak : list_) {
        // Held until the caller released the lock: the last reference may run the connection's
        // destructor, which removes it from this registry.
        keep.push_back(weak.lock());
        const auto& c = keep.back();
        if (!c || !c->idle() || c->evicting()) continue;
        if (!client.empty() && c->client() != client) continue;
        c->evict();
        return true;
    }
    return false;
}

bool ConnectionRegistry::admit(const std::shared_ptr<Connection>& connection) {
    std::vector<std::shared_ptr<Connection>> keep;  // destroyed after the lock is released
    std::lock_guard lock(mutex_);
    const std::string& client = connection->client();
    long long& mine = perClient_[client];
    if (mine >= limits_.maxConnectionsPerClient && !evictOldestIdle(client, keep)) {
        if (mine == 0) perClient_.erase(client);
        return false;
    }
    if (static_cast<long long>(list_.size()) >= limits_.maxConnections &&
        !evictOldestIdle({}, keep)) {
        if (mine == 0) perClient_.erase(client);
        return false;
    }
    ++mine;
    list_.push_back(connection);
    connection->registryEntry = std::prev(list_.end());
    return true;
}

void ConnectionRegistry::remove(Connection& connection) {
    std::lock_guard lock(mutex_);
    list_.erase(connection.registryEntry);
    auto it = perClient_.find(connection.client());
    if (it != perClient_.end() && --it->second <= 0) perClient_.erase(it);
}

std::size_t ConnectionRegistry::size() const {
    std::lock_guard lock(mutex_);
    return list_.size();
}

std::vector<std::shared_ptr<Connection>> ConnectionRegistry::all() const {
    std::vector<std::shared_ptr<Connection>> out;
    std::lock_guard lock(mutex_);
    out.reserve(list_.size());
    for (const auto& weak : list_)
        if (auto c = weak.lock()) out.push_back(std::move(c));
    return out;
}

}  // namespace tessera::http::transport
