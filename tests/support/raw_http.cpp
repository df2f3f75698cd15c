#include "support/raw_http.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

namespace tessera::test {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;

std::string RawAnswer::header(const std::string& lowerName) const {
    auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

RawHttp::RawHttp(unsigned short port, const std::string& host) : socket_(io_) {
    boost::system::error_code ec;
    socket_.connect({net::ip::make_address(host), port}, ec);
    connected_ = !ec;
}

void RawHttp::setTimeout(int ms) {
    // Only sends are blocking; a send that cannot go on for this long fails.
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

bool RawHttp::send(const std::string& bytes) {
    if (!connected_) return false;
    setTimeout(20000);
    boost::system::error_code ec;
    net::write(socket_, net::buffer(bytes), ec);
    return !ec;
}

RawAnswer RawHttp::read(int timeoutMs, bool head) {
    RawAnswer a;
    if (!connected_) {
        a.error = "not connected";
        return a;
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(std::uint64_t(1) << 32);
    parser.skip(head);
    boost::system::error_code ec;
    bool done = false;
    bhttp::async_read(socket_, buffer_, parser, [&](boost::system::error_code e, std::size_t) {
        ec = e;
        done = true;
    });
    if (!runFor(timeoutMs, done)) {
        a.error = "timed out";
        return a;
    }
    if (ec) {
        a.error = ec.message();
        return a;
    }
    const auto& m = parser.get();
    a.ok = true;
    a.status = int(m.result_int());
    a.version = m.version();
    for (const auto& f : m) {
        std::string name(f.name_string());
        for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
        a.headers[name] = std::string(f.value());
    }
    a.body = m.body();
    return a;
}

bool RawHttp::closedByServer(int timeoutMs) {
    if (!connected_) return true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        char c[4096];
        boost::system::error_code ec;
        bool done = false;
        socket_.async_read_some(net::buffer(c), [&](boost::system::error_code e, std::size_t) {
            ec = e;
            done = true;
        });
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (!runFor(int(std::max<long long>(1, left.count())), done)) return false;
        if (ec == net::error::eof || ec == net::error::connection_reset) return true;
        if (ec) return false;
        // Bytes of an answer: keep reading until the close or the deadline.
    }
}

// Runs the client's I/O until `done` or timeoutMs; on time-out cancels the pending operation.
bool RawHttp::runFor(int timeoutMs, const bool& done) {
    io_.restart();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!done && std::chrono::steady_clock::now() < deadline) io_.run_one_until(deadline);
    if (done) return true;
    boost::system::error_code ignored;
    socket_.cancel(ignored);
    io_.restart();
    io_.run();  // the cancelled operation completes
    return false;
}

void RawHttp::close() {
    boost::system::error_code ec;
    socket_.close(ec);
    connected_ = false;
}

std::string RawHttp::get(const std::string& target, const std::string& extraHeaders,
                         const std::string& method) {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
}

RawAnswer RawHttp::fetch(unsigned short port, const std::string& target,
                         const std::string& extraHeaders, const std::string& method) {
    RawHttp c(port);
    if (!c.send(get(target, extraHeaders, method))) return {};
    return c.read(20000, method == "HEAD");
}

}  // namespace tessera::test
