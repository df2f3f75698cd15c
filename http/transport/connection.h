// Connection: one client's TCP connection, on its own strand. Reads requests with Boost.Beast's
// parser under the limits (request line 414, header block 431, body 413 refused as soon as the
// declared length is too big), with time-outs for headers, bodies, idle keep-alive and slow
// readers; hands each request to the Dispatcher and writes the answers strictly in request
// order (pipelining, RFC 9112 §9.3.2). It stops reading while too many requests are in flight
// or too many response bytes wait to be sent (backpressure). When the client goes away, the
// cancellation tokens of its unanswered requests are set.
//
// Thread safety: all state lives on the strand; evict()/drain() may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <string>

#include "http/http_types.h"
#include "http/server_limits.h"
#include "util/request_context.h"

namespace tessera::http {

class Dispatcher;

namespace transport {

class ConnectionRegistry;

class Connection : public std::enable_shared_from_this<Connection> {
  public:
    Connection(boost::asio::ip::tcp::socket socket, Dispatcher& dispatcher,
               const ServerLimits& limits, std::string client);
    ~Connection();

    // Called once the registry admitted it: the destructor then removes it from there.
    void attach(std::shared_ptr<ConnectionRegistry> registry) { registry_ = std::move(registry); }

    // Starts reading requests.
    void start();
    // Answers 503 (connection cap reached) and closes.
    void reject();
    // Closes the connection if it is idle (no request in flight); used to make room.
    void evict();
    // Stops reading; closes once the answers in flight are written.
    void drain();
    // Closes at once, cancelling the requests in flight.
    void close();

    // Nothing in flight: safe to close to make room (read from other threads).
    bool idle() const noexcept { return idle_.load(std::memory_order_relaxed); }
    // evict() was called (so a registry does not pick it twice).
    bool evicting() const noexcept { return evicting_.load(std::memory_order_relaxed); }
    const std::string& client() const noexcept { return client_; }

    // Where this connection sits in its registry's list (set by the registry).
    std::list<std::weak_ptr<Connection>>::iterator registryEntry;

  private:
    struct Slot;
    void readHeader();
    void onHeader(boost::system::error_code ec);
    void readBody();
    void onBody(boost::system::error_code ec);
    void onReadError(boost::system::error_code ec);
    void requestReady();
    void answerNow(int status, const std::string& detail, bool closeAfter);
    void complete(std::uint64_t seq, HttpResponse response);
    void writeNext();
    void onWrite(boost::system::error_code ec);
    void armReadTimer(long long ms);
    void armWriteTimer(long long ms);
    void terminate();
    void lingerThenClose();
    void discardInput();
    bool mayRead() const;
    void updateIdle();

    boost::asio::ip::tcp::socket socket_;
    boost::asio::steady_timer readTimer_;
    boost::asio::steady_timer writeTimer_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    Dispatcher& dispatcher_;
    const ServerLimits& limits_;
    std::shared_ptr<ConnectionRegistry> registry_;
    std::string client_;

    std::deque<Slot> slots_;
    std::uint64_t nextSeq_ = 0;
    std::size_t unsent_ = 0;
    std::shared_ptr<void> writing_;  // the message being written (null = none)
    std::size_t writingBytes_ = 0;
    bool reading_ = false;
    bool readPaused_ = false;
    bool noMoreRequests_ = false;  // client said close, sent EOF, or we are draining
    bool draining_ = false;
    bool closed_ = false;
    bool firstRequest_ = true;
    bool sentContinue_ = false;
    std::shared_ptr<std::array<char, 16384>> discard_;  // lingering close: input thrown away
    std::atomic<bool> idle_{true};
    std::atomic<bool> evicting_{false};
};

}  // namespace transport
}  // namespace tessera::http
