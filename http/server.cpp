#include "http/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "http/api_state.h"
#include "http/dispatcher.h"
#include "http/transport/listener.h"

namespace tessera::http {

namespace net = boost::asio;

struct Server::Impl {
    std::shared_ptr<ApiState> api;
    ServerLimits limits;
    SecurityPolicy policy;  // as configured; completed at start()
    QByteArray token;
    bool tokenExplicit = false;
    bool forceToken = false;
    bool tokenForReads = false;
    QHostAddress address;
    quint16 port = 0;
    QString error;

    // Running state (null when stopped). Destroyed in reverse order by stopNow().
    std::unique_ptr<net::io_context> io;
    std::unique_ptr<net::executor_work_guard<net::io_context::executor_type>> work;
    std::unique_ptr<Dispatcher> dispatcher;
    std::shared_ptr<transport::Listener> listener;
    std::vector<std::thread> threads;

    void stopNow() {
        if (!io) return;
        listener->stopAccepting();
        listener->closeConnections();  // cancels the requests in flight
        dispatcher->stop();            // drops queued work, waits for running handlers
        work.reset();
        io->stop();
        for (auto& t : threads)
            if (t.joinable()) t.join();
        threads.clear();
        listener.reset();
        io.reset();  // destroys pending handlers (and the connections they hold)
        dispatcher.reset();
    }
};

Server::Server(std::shared_ptr<Engine> engine, QObject* parent)
    : QObject(parent), d_(std::make_unique<Impl>()) {
    d_->api = std::make_shared<ApiState>(std::move(engine));
}

Server::~Server() {
    stop();
}

bool Server::start(const QHostAddress& address, quint16 port) {
    if (isRunning()) stop();
    d_->error.clear();
    if (d_->token.isEmpty()) d_->token = randomToken();
    d_->tokenForReads = d_->forceToken || d_->tokenExplicit || !address.isLoopback();
    SecurityPolicy policy = d_->policy;
    policy.token = d_->token;
    policy.tokenForReads = d_->tokenForReads;
    policy.checkHost = address.isLoopback();
    d_->api->setLimits(d_->limits);

    boost::system::error_code ec;
    const auto ip = net::ip::make_address(address.toString().toStdString(), ec);
    if (ec) {
        d_->error = QString::fromStdString(ec.message());
        return false;
    }
    d_->io = std::make_unique<net::io_context>();
    d_->dispatcher = std::make_unique<Dispatcher>(d_->api, std::move(policy), d_->limits);
    d_->listener =
        std::make_shared<transport::Listener>(*d_->io, *d_->dispatcher, d_->api->limits());
    std::string error;
    if (!d_->listener->listen({ip, port}, &error)) {
        d_->error = QString::fromStdString(error);
        d_->listener.reset();
        d_->dispatcher.reset();
        d_->io.reset();
        return false;
    }
    d_->work = std::make_unique<net::executor_work_guard<net::io_context::executor_type>>(
        d_->io->get_executor());
    d_->listener->start();
    // Two I/O threads: parsing and writing stay off the workers, and one slow TLS-less client
    // can never stall the others (each connection is a strand).
    for (int i = 0; i < 2; ++i) d_->threads.emplace_back([io = d_->io.get()] { io->run(); });
    d_->address = address;
    d_->port = d_->listener->port();
    Q_EMIT started(url());
    return true;
}

void Server::stop() {
    if (!isRunning()) return;
    d_->stopNow();
    d_->port = 0;
    Q_EMIT stopped();
}

bool Server::drain(int timeoutMs) {
    if (!isRunning()) return true;
    d_->listener->stopAccepting();
    d_->listener->drainConnections();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    bool clean = true;
    while (d_->listener->connections() > 0) {
        if (std::chrono::steady_clock::now() >= deadline) {
            clean = false;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop();
    return clean;
}

bool Server::isRunning() const noexcept {
    return d_->io != nullptr;
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
    u.setQuery(QStringLiteral("token=") + QString::fromLatin1(d_->token));
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
    return QString::fromLatin1(d_->token);
}
void Server::setToken(const QString& token) {
    d_->token = token.toUtf8();
    d_->tokenExplicit = !token.isEmpty();
}
bool Server::tokenRequired() const noexcept {
    return isRunning() ? d_->tokenForReads : (d_->forceToken || d_->tokenExplicit);
}
void Server::setRequireToken(bool require) {
    d_->forceToken = require;
}
void Server::setCorsOrigins(const QStringList& origins) {
    d_->policy.corsOrigins.clear();
    for (const QString& o : origins) d_->policy.corsOrigins.push_back(o.trimmed().toUtf8());
}
void Server::setAllowedHosts(const QStringList& hosts) {
    d_->policy.allowedHosts.clear();
    for (const QString& h : hosts) d_->policy.allowedHosts.push_back(h.trimmed().toUtf8());
}
void Server::setLimits(const ServerLimits& limits) {
    d_->limits = limits;
}
const ServerLimits& Server::limits() const noexcept {
    return d_->limits;
}
void Server::setThreadCounts(int local, int remote) {
    d_->limits.localThreads = std::max(1, local);
    d_->limits.remoteThreads = std::max(1, remote);
}
std::size_t Server::connectionCount() const {
    return isRunning() ? d_->listener->connections() : 0;
}

}  // namespace tessera::http
