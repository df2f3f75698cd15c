// Listener: the listening socket of the server. Accepts connections on its own strand, admits
// them through the ConnectionRegistry (caps in total and per client address) and starts a
// Connection for each; survives EMFILE and other accept errors by pausing briefly.
//
// Thread safety: listen() before the I/O threads run; the other members from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>

#include "http/server_limits.h"
#include "http/transport/connection_registry.h"

namespace tessera::http {
class Dispatcher;
}

namespace tessera::http::transport {

class Listener : public std::enable_shared_from_this<Listener> {
  public:
    Listener(boost::asio::io_context& io, Dispatcher& dispatcher, const ServerLimits& limits);

    // Binds and listens; false with *error set when the address cannot be used.
    bool listen(const boost::asio::ip::tcp::endpoint& endpoint, std::string* error);
    unsigned short port() const;
    void start();

    // Stops accepting (the port is released).
    void stopAccepting();
    // Every connection: finish what is in flight, then close.
    void drainConnections();
    // Every connection: close now.
    void closeConnections();
    std::size_t connections() const { return registry_->size(); }

  private:
    void accept();

    boost::asio::io_context& io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_;
    Dispatcher& dispatcher_;
    const ServerLimits& limits_;
    std::shared_ptr<ConnectionRegistry> registry_;
    unsigned short port_ = 0;
};

}  // namespace tessera::http::transport
