// RawHttp: a blocking HTTP/1.1 test client on Boost.Beast for transport tests. It sends raw
// bytes (so tests can pipeline, lie about lengths or never finish a header) and reads answers
// one at a time with a time-out on every read. One per thread; not thread-safe.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <map>
#include <string>

namespace tessera::test {

struct RawAnswer {
    bool ok = false;    // a whole answer was read
    std::string error;  // why not, when !ok ("end of stream", "timed out", ...)
    int status = 0;
    unsigned version = 11;                       // 10 or 11
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string header(const std::string& lowerName) const;
};

class RawHttp {
  public:
    explicit RawHttp(unsigned short port, const std::string& host = "127.0.0.1");
    bool connected() const noexcept { return connected_; }

    // Writes bytes; false when the connection is gone.
    bool send(const std::string& bytes);
    // Reads one answer (head = the request was HEAD: no body follows).
    RawAnswer read(int timeoutMs = 20000, bool head = false);
    // True when the server closes the connection within timeoutMs (EOF or reset).
    bool closedByServer(int timeoutMs);
    void close();

    // "GET target HTTP/1.1" with Host 127.0.0.1 and the extra header lines ("Name: v\r\n").
    static std::string get(const std::string& target, const std::string& extraHeaders = {},
                           const std::string& method = "GET");
    // One request on a fresh connection.
    static RawAnswer fetch(unsigned short port, const std::string& target,
                           const std::string& extraHeaders = {}, const std::string& method = "GET");

  private:
    void setTimeout(int ms);
    bool runFor(int timeoutMs, const bool& done);

    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
    bool connected_ = false;
};

}  // namespace tessera::test
