#include "http/server.h"

#include <QAbstractHttpServer>
#include <QFuture>
#include <QHttpServerRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include "http/api_state.h"
#include "http/library_routes.h"
#include "http/route_context.h"
#include "source/open_source.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

struct Server::Impl {
    std::shared_ptr<ApiState> api;
    std::unique_ptr<Listener> listener;
    QThreadPool localPool;
    QThreadPool remotePool;
    QHostAddress address;
    quint16 port = 0;
    QString token;
    bool forceToken = false;
    bool tokenRequired = false;
    QString error;
};

namespace {

QByteArray methodName(QHttpServerRequest::Method m) {
    switch (m) {
        case QHttpServerRequest::Method::Get:
            return "GET";
        case QHttpServerRequest::Method::Put:
            return "PUT";
        case QHttpServerRequest::Method::Delete:
            return "DELETE";
        case QHttpServerRequest::Method::Post:
            return "POST";
        case QHttpServerRequest::Method::Head:
            return "HEAD";
        case QHttpServerRequest::Method::Options:
            return "OPTIONS";
        case QHttpServerRequest::Method::Patch:
            return "PATCH";
        default:
            return "UNKNOWN";
    }
}

bool constantTimeEqual(const QByteArray& a, const QByteArray& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// Runs a handler, turning every exception into a JSON error: a request never crashes the server.
HttpResponse runHandler(const Route& route, RouteContext& ctx) {
    try {
        return route.handler(ctx);
    } catch (const Error& e) {
        return HttpResponse::error(httpStatusFor(e.kind()), e.what());
    } catch (const std::bad_alloc&) {
        return HttpResponse::error(500, trc("Http", "Out of memory."));
    } catch (const std::exception& e) {
        return HttpResponse::error(500, e.what());
    } catch (...) {
        return HttpResponse::error(500, trc("Http", "Internal error."));
    }
}

void addCors(HttpResponse& r) {
    r.setHeader("Access-Control-Allow-Origin", "*");
    r.setHeader("Access-Control-Expose-Headers", "ETag, Content-Length");
}

void writeResponse(QTcpSocket* socket, const HttpResponse& r, bool head, bool close) {
    const bool noBody = r.status == 304 || r.status == 204 || (r.status >= 100 && r.status < 200);
    QByteArray out;
    out.reserve(r.body.size() + 512);
    out += "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
    if (!r.contentType.isEmpty() && !noBody) out += "Content-Type: " + r.contentType + "\r\n";
    if (!noBody) out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    for (const auto& [k, v] : r.headers) out += k + ": " + v + "\r\n";
    if (close) out += "Connection: close\r\n";
    out += "\r\n";
    if (!head && !noBody) out += r.body;
    socket->write(out);
    if (close) socket->disconnectFromHost();
}

}  // namespace

// The QAbstractHttpServer that parses requests (on the Server's thread), dispatches them
// through the route table and writes the responses itself, so a response finishing after its
// client went away is simply dropped (the socket is tracked with a QPointer).
class Listener final : public QAbstractHttpServer {
  public:
    explicit Listener(Server::Impl& d) : d_(d) {}

  protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override {
        auto req = std::make_shared<HttpRequest>();
        req->method = methodName(request.method());
        req->path = request.url().path();
        req->query = HttpRequest::parseQuery(request.url().query(QUrl::FullyEncoded).toUtf8());
        for (const auto& [k, v] : request.headers()) req->headers.emplace_back(k.toLower(), v);
        req->body = request.body();
        req->remoteAddress = request.remoteAddress();
        const bool head = req->method == "HEAD";
        const bool close = req->header("connection").toLower().contains("close");
        dispatch(req, socket, head, close);
        return true;
    }

    void missingHandler(const QHttpServerRequest&, QTcpSocket* socket) override {
        HttpResponse r = HttpResponse::error(404, trc("Http", "Not found."));
        addCors(r);
        writeResponse(socket, r, false, false);
    }

  private:
    // The token the request carries, and whether it came in the query (then a cookie is set).
    QByteArray requestToken(const HttpRequest& req, bool* fromQuery) const {
        *fromQuery = false;
        const QByteArray auth = req.header("authorization");
        if (auth.toLower().startsWith("bearer ")) return auth.mid(7).trimmed();
        if (QByteArray h = req.header("x-tessera-token"); !h.isEmpty()) return h.trimmed();
        if (auto q = req.queryValue("token")) {
            *fromQuery = true;
            return QByteArray::fromStdString(*q);
        }
        for (QByteArray c : req.header("cookie").split(';')) {
            c = c.trimmed();
            if (c.startsWith("tessera_token=")) return c.mid(14);
        }
        return {};
    }

    void dispatch(std::shared_ptr<HttpRequest> req, QTcpSocket* socket, bool head, bool close) {
        auto finish = [head, close](QTcpSocket* s, HttpResponse r, QByteArray cookie) {
            addCors(r);
            if (!cookie.isEmpty())
                r.setHeader("Set-Cookie",
                            "tessera_token=" + cookie + "; Path=/; HttpOnly; SameSite=Strict");
            writeResponse(s, r, head, close);
        };
        if (req->method == "OPTIONS") {
            HttpResponse r;
            r.status = 204;
            r.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, OPTIONS");
            r.setHeader("Access-Control-Allow-Headers",
                        "Authorization, X-Tessera-Token, Content-Type, If-None-Match");
            r.setHeader("Access-Control-Max-Age", "86400");
            finish(socket, std::move(r), {});
            return;
        }
        ApiState& api = *d_.api;
        bool mismatch = false;
        auto m = api.routes().match(req->method, req->path, &mismatch);
        if (!m) {
            finish(socket,
                   mismatch ? HttpResponse::error(405, trf("Http", "Method \"%1\" not allowed.",
                                                           req->method.toStdString()))
                            : HttpResponse::error(404, trc("Http", "Not found.")),
                   {});
            return;
        }
        QByteArray cookie;
        if (d_.tokenRequired && !m->route->isPublic) {
            bool fromQuery = false;
            const QByteArray given = requestToken(*req, &fromQuery);
            if (given.isEmpty()) {
                finish(socket,
                       HttpResponse::error(
                           401, trc("Http", "Authentication credentials were not provided.")),
                       {});
                return;
            }
            if (!constantTimeEqual(given, d_.token.toUtf8())) {
                finish(socket, HttpResponse::error(401, trc("Http", "Invalid token.")), {});
                return;
            }
            if (fromQuery) cookie = given;
        }
        std::optional<RegisteredImage> image;
        if (m->route->perImage) {
            image = isLibraryImagePath(req->path) ? findLibraryImage(api, m->pathParams["id"])
                                                  : api.registry().find(m->pathParams["id"]);
            if (!image) {
                finish(socket, HttpResponse::error(404, trc("Http", "Not found.")), cookie);
                return;
            }
        }
        auto apiPtr = d_.api;
        const Route* route = m->route;
        auto job = [apiPtr, req, route, params = m->pathParams, image]() {
            RouteContext ctx(*apiPtr, *req, *route, params, image);
            return runHandler(*route, ctx);
        };
        if (route->work == Work::Inline) {
            finish(socket, job(), cookie);
            return;
        }
        QThreadPool* pool = image && isRemoteUri(image->ref.uri) ? &d_.remotePool : &d_.localPool;
        QPointer<QTcpSocket> guard(socket);
        QtConcurrent::run(pool, job).then(this, [guard, finish, cookie](HttpResponse r) {
            if (guard && guard->state() == QAbstractSocket::ConnectedState)
                finish(guard.data(), std::move(r), cookie);
        });
    }

    Server::Impl& d_;
};

Server::Server(std::shared_ptr<Engine> engine, QObject* parent)
    : QObject(parent), d_(std::make_unique<Impl>()) {
    d_->api = std::make_shared<ApiState>(std::move(engine));
    d_->localPool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    d_->remotePool.setMaxThreadCount(16);
}

Server::~Server() {
    stop();
}

bool Server::start(const QHostAddress& address, quint16 port) {
    if (isRunning()) stop();
    d_->error.clear();
    auto listener = std::make_unique<Listener>(*d_);
    auto* tcp = new QTcpServer(listener.get());
    if (!tcp->listen(address, port)) {
        d_->error = tcp->errorString();
        return false;
    }
    listener->bind(tcp);
    d_->listener = std::move(listener);
    d_->address = address;
    d_->port = tcp->serverPort();
    d_->tokenRequired = d_->forceToken || !address.isLoopback();
    if (d_->tokenRequired && d_->token.isEmpty()) {
        QByteArray raw(24, '\0');
        QRandomGenerator::system()->generate(raw.begin(), raw.end());
        d_->token = QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    Q_EMIT started(url());
    return true;
}

void Server::stop() {
    if (!d_->listener) return;
    d_->listener.reset();  // closes the listening socket and every connection
    d_->port = 0;
    Q_EMIT stopped();
}

bool Server::isRunning() const noexcept {
    return d_->listener != nullptr;
}
quint16 Server::port() const noexcept {
    return d_->port;
}
QHostAddress Server::address() const {
    return d_->address;
}

QUrl Server::url() const {
    if (!isRunning()) return {};
    QHostAddress host = d_->address;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4) host = QHostAddress::LocalHost;
    if (host == QHostAddress::AnyIPv6) host = QHostAddress::LocalHostIPv6;
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(host.toString());
    u.setPort(d_->port);
    u.setPath(QStringLiteral("/"));
    return u;
}

QUrl Server::pageUrl(const std::string& id, const QString& page) const {
    QUrl u = url();
    if (u.isEmpty()) return u;
    u.setPath(QStringLiteral("/api/image/") + QString::fromStdString(id) + QLatin1Char('/') + page);
    if (d_->tokenRequired) u.setQuery(QStringLiteral("token=") + d_->token);
    return u;
}

QString Server::errorString() const {
    return d_->error;
}
ImageRegistry& Server::registry() {
    return d_->api->registry();
}
Engine& Server::engine() {
    return d_->api->engine();
}
ApiState& Server::api() {
    return *d_->api;
}
QString Server::token() const {
    return d_->tokenRequired || d_->forceToken ? d_->token : QString();
}
void Server::setToken(const QString& token) {
    d_->token = token;
}
bool Server::tokenRequired() const noexcept {
    return d_->tokenRequired;
}
void Server::setRequireToken(bool require) {
    d_->forceToken = require;
    if (isRunning()) d_->tokenRequired = require || !d_->address.isLoopback();
    if (d_->tokenRequired && d_->token.isEmpty()) {
        QByteArray raw(24, '\0');
        QRandomGenerator::system()->generate(raw.begin(), raw.end());
        d_->token = QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
}

void Server::setThreadCounts(int local, int remote) {
    d_->localPool.setMaxThreadCount(std::max(1, local));
    d_->remotePool.setMaxThreadCount(std::max(1, remote));
}

}  // namespace tessera::http
