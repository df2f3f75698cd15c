#include "http/transport/connection.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/http/write.hpp>

#include "http/dispatcher.h"
#include "http/transport/connection_registry.h"
#include "util/i18n.h"

namespace tessera::http::transport {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;

struct Connection::Slot {
    std::uint64_t seq = 0;
    bool ready = false;
    bool keepAlive = true;
    bool head = false;
    unsigned version = 11;
    CancelToken cancel;
    HttpResponse response;
};

namespace {

// An answer being written: the body bytes stay alive with the message that points at them.
struct Outgoing {
    QByteArray body;
    bhttp::response<bhttp::span_body<const char>> message;
};

// Header values from handlers never carry CR/LF into the response (header injection).
std::string headerValue(const QByteArray& v) {
    std::string s = v.toStdString();
    for (char& c : s)
        if (c == '\r' || c == '\n') c = ' ';
    return s;
}

}  // namespace

Connection::Connection(net::ip::tcp::socket socket, Dispatcher& dispatcher,
                       const ServerLimits& limits, std::string client)
    : socket_(std::move(socket)),
      readTimer_(socket_.get_executor()),
      writeTimer_(socket_.get_executor()),
      // Room for the header block and one read ahead; the parser's own limits answer first.
      buffer_(std::size_t(limits.maxRequestLine + limits.maxHeaderBytes + 65536)),
      dispatcher_(dispatcher),
      limits_(limits),
      client_(std::move(client)) {}

Connection::~Connection() {
    for (Slot& s : slots_) s.cancel.cancel();
    if (registry_) registry_->remove(*this);
}

void Connection::start() {
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->readHeader(); });
}

void Connection::reject() {
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
        self->noMoreRequests_ = true;
        self->answerNow(503, trc("Http", "The server has too many connections; try again."), true);
    });
}

void Connection::evict() {
    evicting_.store(true, std::memory_order_relaxed);
    net::post(socket_.get_executor(), [self = shared_from_this()] {
        if (self->slots_.empty() && !self->writing_)
            self->terminate();
        else
            self->evicting_.store(false, std::memory_order_relaxed);
    });
}

void Connection::drain() {
    net::post(socket_.get_executor(), [self = shared_from_this()] {
        self->draining_ = true;
        self->noMoreRequests_ = true;
        if (self->slots_.empty() && !self->writing_)
            self->terminate();
        else if (self->reading_) {
            // Wake the pending read (it sees EOF and, draining, keeps the answers in flight).
            error_code ignored;
            self->socket_.shutdown(net::socket_base::shutdown_receive, ignored);
        }
    });
}

void Connection::close() {
    net::post(socket_.get_executor(), [self = shared_from_this()] { self->terminate(); });
}

bool Connection::mayRead() const {
    return !closed_ && !noMoreRequests_ && !reading_ &&
           slots_.size() < std::size_t(std::max(1LL, limits_.maxPipelined)) &&
           unsent_ <= std::size_t(limits_.maxUnsentBytes);
}

void Connection::updateIdle() {
    idle_.store(slots_.empty() && !writing_, std::memory_order_relaxed);
}

void Connection::armReadTimer(long long ms) {
    readTimer_.expires_after(std::chrono::milliseconds(ms));
    readTimer_.async_wait([self = shared_from_this()](error_code ec) {
        if (ec || self->closed_ || !self->reading_) return;
        // Waiting for the next request while answers to this client are still being made or
        // written is not idleness: look again later.
        if (!self->slots_.empty() || self->writing_) {
            self->armReadTimer(self->limits_.idleTimeoutMs);
            return;
        }
        self->terminate();
    });
}

void Connection::armWriteTimer(long long ms) {
    writeTimer_.expires_after(std::chrono::milliseconds(ms));
    writeTimer_.async_wait([self = shared_from_this()](error_code ec) {
        if (ec || self->closed_ || !self->writing_) return;
        self->terminate();  // the client does not read its answers
    });
}

void Connection::readHeader() {
    if (!mayRead()) {
        readPaused_ = !closed_ && !noMoreRequests_ && !reading_;
        return;
    }
    readPaused_ = false;
    parser_.emplace();
    parser_->header_limit(std::uint32_t(limits_.maxRequestLine + limits_.maxHeaderBytes));
    parser_->body_limit(std::uint64_t(limits_.maxBodyBytes));
    reading_ = true;
    sentContinue_ = false;
    const bool idleWait = !firstRequest_ && buffer_.size() == 0;
    armReadTimer(idleWait ? limits_.idleTimeoutMs : limits_.headerTimeoutMs);
    bhttp::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](error_code ec, std::size_t) { self->onHeader(ec); });
}

void Connection::onHeader(error_code ec) {
    reading_ = false;
    readTimer_.cancel();
    if (ec) {
        onReadError(ec);
        return;
    }
    firstRequest_ = false;
    const auto& msg = parser_->get();
    if (std::int64_t(msg.target().size()) > limits_.maxRequestLine) {
        noMoreRequests_ = true;
        answerNow(414, trc("Http", "The request URL is too long."), true);
        return;
    }
    if (msg.version() != 10 && msg.version() != 11) {
        noMoreRequests_ = true;
        answerNow(505, trc("Http", "Only HTTP/1.0 and HTTP/1.1 are supported."), true);
        return;
    }
    if (parser_->is_done()) {
        requestReady();
        return;
    }
    // A body follows: "Expect: 100-continue" clients wait for a go-ahead before sending it.
    const auto expect = msg[bhttp::field::expect];
    if (!sentContinue_ && beast::iequals(expect, "100-continue") && slots_.empty() && !writing_) {
        sentContinue_ = true;
        static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
        writing_ = std::make_shared<int>(0);
        writingBytes_ = 0;
        armWriteTimer(limits_.writeTimeoutMs);
        net::async_write(socket_, net::buffer(kContinue, sizeof(kContinue) - 1),
                         [self = shared_from_this()](error_code wec, std::size_t) {
                             self->writing_.reset();
                             self->writeTimer_.cancel();
                             if (wec || self->closed_) {
                                 self->terminate();
                                 return;
                             }
                             self->readBody();
                         });
        return;
    }
    readBody();
}

void Connection::readBody() {
    reading_ = true;
    armReadTimer(limits_.bodyTimeoutMs);
    bhttp::async_read(socket_, buffer_, *parser_,
                      [self = shared_from_this()](error_code ec, std::size_t) {
                          self->reading_ = false;
                          self->readTimer_.cancel();
                          if (ec)
                              self->onReadError(ec);
                          else
                              self->requestReady();
                      });
}

void Connection::onReadError(error_code ec) {
    if (closed_) return;
    if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
        // The parser consumes the start line as soon as it is complete: no target yet means
        // the request line alone is over the limit (414); otherwise the header block is (431).
        const bool lineTooLong = parser_->get().target().empty();
        noMoreRequests_ = true;
        answerNow(lineTooLong ? 414 : 431,
                  lineTooLong ? trc("Http", "The request URL is too long.")
                              : trc("Http", "The request headers are too large."),
                  true);
        return;
    }
    if (ec == bhttp::error::body_limit) {
        noMoreRequests_ = true;
        answerNow(413,
                  trf("Http", "The request body is larger than this server accepts (%1 bytes).",
                      std::to_string(limits_.maxBodyBytes)),
                  true);
        return;
    }
    const bool gone = ec == bhttp::error::end_of_stream || ec == net::error::eof ||
                      ec == net::error::connection_reset || ec == net::error::operation_aborted ||
                      ec == net::error::bad_descriptor || ec == bhttp::error::partial_message;
    if (gone) {
        noMoreRequests_ = true;
        // Like nginx: a client that closed its side while waiting has gone; stop its work —
        // unless we are draining (then our own shutdown caused the EOF).
        if (!draining_)
            for (Slot& s : slots_) s.cancel.cancel();
        if ((slots_.empty() && !writing_) || !draining_) terminate();
        return;
    }
    // Anything else is a malformed request: 400 and close (the stream cannot be resynchronised).
    noMoreRequests_ = true;
    answerNow(400, trf("Http", "Malformed HTTP request: %1", ec.message()), true);
}

void Connection::requestReady() {
    auto msg = parser_->release();
    parser_.reset();
    auto req = std::make_shared<HttpRequest>();
    req->method = QByteArray(msg.method_string().data(), qsizetype(msg.method_string().size()));
    const std::string_view target(msg.target().data(), msg.target().size());
    const auto q = target.find('?');
    const std::string_view path = target.substr(0, q);
    req->path = QString::fromUtf8(
        QByteArray::fromPercentEncoding(QByteArray(path.data(), qsizetype(path.size()))));
    if (q != std::string_view::npos) {
        const std::string_view query = target.substr(q + 1);
        req->query = HttpRequest::parseQuery(QByteArray(query.data(), qsizetype(query.size())));
    }
    for (const auto& field : msg) {
        QByteArray name(field.name_string().data(), qsizetype(field.name_string().size()));
        req->headers.emplace_back(
            name.toLower(), QByteArray(field.value().data(), qsizetype(field.value().size())));
    }
    req->body = QByteArray::fromStdString(msg.body());
    error_code ignored;
    const auto remote = socket_.remote_endpoint(ignored);
    req->remoteAddress = QHostAddress(QString::fromStdString(remote.address().to_string()));

    Slot slot;
    slot.seq = nextSeq_++;
    slot.keepAlive = msg.keep_alive() && !draining_;
    slot.head = msg.method() == bhttp::verb::head;
    slot.version = msg.version();
    CancelToken cancel = slot.cancel;
    const std::uint64_t seq = slot.seq;
    if (!slot.keepAlive) noMoreRequests_ = true;
    slots_.push_back(std::move(slot));
    updateIdle();

    // The completion keeps the connection alive: while reading is paused (pipelining or
    // backpressure) the requests in flight are all that refer to it.
    auto executor = socket_.get_executor();
    dispatcher_.dispatch(std::move(req), cancel,
                         [self = shared_from_this(), executor, seq](HttpResponse r) {
                             net::post(executor, [self, seq, r = std::move(r)]() mutable {
                                 self->complete(seq, std::move(r));
                             });
                         });
    readHeader();  // pipelining: the next request may already be here
}

void Connection::answerNow(int status, const std::string& detail, bool closeAfter) {
    Slot slot;
    slot.seq = nextSeq_++;
    slot.keepAlive = !closeAfter;
    slot.ready = true;
    slot.response = HttpResponse::error(status, detail);
    slot.response.setHeader("X-Content-Type-Options", "nosniff");
    if (status == 503) slot.response.setHeader("Retry-After", "1");
    unsent_ += std::size_t(slot.response.body.size());
    slots_.push_back(std::move(slot));
    updateIdle();
    writeNext();
}

void Connection::complete(std::uint64_t seq, HttpResponse response) {
    if (closed_) return;
    for (Slot& s : slots_) {
        if (s.seq != seq) continue;
        s.response = std::move(response);
        s.ready = true;
        unsent_ += std::size_t(s.response.body.size());
        break;
    }
    writeNext();
}

void Connection::writeNext() {
    if (closed_ || writing_ || slots_.empty() || !slots_.front().ready) return;
    Slot& slot = slots_.front();
    const HttpResponse& r = slot.response;
    auto out = std::make_shared<Outgoing>();
    out->body = r.body;
    auto& m = out->message;
    m.version(slot.version);
    m.result(unsigned(r.status));
    m.reason(reasonPhrase(r.status));
    m.set(bhttp::field::server, "Tessera");
    const bool noBody = r.status == 304 || r.status == 204 || (r.status >= 100 && r.status < 200);
    if (!r.contentType.isEmpty() && !noBody)
        m.set(bhttp::field::content_type, headerValue(r.contentType));
    for (const auto& [k, v] : r.headers) m.insert(k.toStdString(), headerValue(v));
    const bool keepAlive = slot.keepAlive && !draining_ && r.status != 499;
    m.keep_alive(keepAlive);
    if (!noBody) m.content_length(std::uint64_t(out->body.size()));
    if (!noBody && !slot.head) m.body() = {out->body.constData(), std::size_t(out->body.size())};
    writingBytes_ = std::size_t(out->body.size());
    writing_ = out;
    armWriteTimer(limits_.writeTimeoutMs);
    bhttp::async_write(
        socket_, m, [self = shared_from_this()](error_code ec, std::size_t) { self->onWrite(ec); });
}

void Connection::onWrite(error_code ec) {
    writeTimer_.cancel();
    writing_.reset();
    unsent_ -= std::min(unsent_, writingBytes_);
    writingBytes_ = 0;
    const bool keepAlive = !slots_.empty() && slots_.front().keepAlive && !draining_ &&
                           slots_.front().response.status != 499;
    if (!slots_.empty()) slots_.pop_front();
    updateIdle();
    if (ec || closed_) {
        terminate();
        return;
    }
    if (!keepAlive) {
        lingerThenClose();
        return;
    }
    if (draining_ && slots_.empty()) {
        terminate();
        return;
    }
    writeNext();
    if (readPaused_ || (!reading_ && !noMoreRequests_)) readHeader();
}

// After a final answer: half-close, then read and discard what the client still sends for a
// short while (as nginx's lingering close does), so closing a socket with unread input does not
// reset the connection before the client has read the answer (413 while a body is uploading).
void Connection::lingerThenClose() {
    noMoreRequests_ = true;
    error_code ignored;
    socket_.shutdown(net::socket_base::shutdown_send, ignored);
    if (reading_ || closed_) {
        terminate();
        return;
    }
    discard_ = std::make_shared<std::array<char, 16384>>();
    readTimer_.expires_after(std::chrono::seconds(2));
    readTimer_.async_wait([self = shared_from_this()](error_code ec) {
        if (!ec) self->terminate();
    });
    discardInput();
}

void Connection::discardInput() {
    socket_.async_read_some(net::buffer(*discard_),
                            [self = shared_from_this()](error_code ec, std::size_t) {
                                if (ec || self->closed_) {
                                    self->terminate();
                                    return;
                                }
                                self->discardInput();
                            });
}

void Connection::terminate() {
    if (closed_) return;
    closed_ = true;
    for (Slot& s : slots_) s.cancel.cancel();
    error_code ignored;
    readTimer_.cancel();
    writeTimer_.cancel();
    socket_.close(ignored);
    idle_.store(false, std::memory_order_relaxed);
}

}  // namespace tessera::http::transport
