#include "http/transport/listener.h"

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <cstdio>

#include "http/transport/connection.h"

namespace tessera::http::transport {

namespace net = boost::asio;
using boost::system::error_code;

Listener::Listener(net::io_context& io, Dispatcher& dispatcher, const ServerLimits& limits)
    : io_(io),
      acceptor_(net::make_strand(io)),
      retry_(acceptor_.get_executor()),
      dispatcher_(dispatcher),
      limits_(limits),
      registry_(std::make_shared<ConnectionRegistry>(limits)) {}

bool Listener::listen(const net::ip::tcp::endpoint& endpoint, std::string* error) {
    error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec && endpoint.address().is_v6()) acceptor_.set_option(net::ip::v6_only(false), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        if (error) *error = ec.message();
        error_code ignored;
        acceptor_.close(ignored);
        return false;
    }
    port_ = acceptor_.local_endpoint(ec).port();
    return true;
}

unsigned short Listener::port() const {
    return port_;
}

void Listener::start() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] { self->accept(); });
}

void Listener::accept() {
    acceptor_.async_accept(net::make_strand(io_), [self = shared_from_this()](
                                                      error_code ec, net::ip::tcp::socket socket) {
        if (!self->acceptor_.is_open()) return;
        if (ec) {
            if (ec == net::error::operation_aborted) return;
            // Out of file descriptors or memory: wait a little instead of spinning.
            self->retry_.expires_after(std::chrono::milliseconds(50));
            self->retry_.async_wait([self](error_code wec) {
                if (!wec) self->accept();
            });
            return;
        }
        error_code ignored;
        socket.set_option(net::ip::tcp::no_delay(true), ignored);
        const auto remote = socket.remote_endpoint(ignored);
        auto c = std::make_shared<Connection>(std::move(socket), self->dispatcher_, self->limits_,
                                              remote.address().to_string());
        if (self->registry_->admit(c)) {
            c->attach(self->registry_);
            c->start();
        } else {
            c->reject();
        }
        self->accept();
    });
}

void Listener::stopAccepting() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        error_code ignored;
        self->retry_.cancel();
        self->acceptor_.close(ignored);
    });
}

void Listener::drainConnections() {
    for (auto& c : registry_->all()) c->drain();
}

void Listener::closeConnections() {
    for (auto& c : registry_->all()) c->close();
}

}  // namespace tessera::http::transport
