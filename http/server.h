// Server: Tessera's embedded tile server, the C++ API the viewer and `tessera serve` use. The
// transport is Boost.Beast (http/transport/): it enforces ServerLimits — request sizes, time-outs,
// connection caps, in-order pipelined answers, backpressure — and hands each request to the
// Dispatcher (security policy, route table, bounded worker pools).
//
//   Server server(engine);                        // share the viewer's Engine (and its caches)
//   const std::string id = server.registry().add(ref, "name");   // only these are readable
//   server.start(QHostAddress::LocalHost, 0);      // 0 = a free port; false + errorString()
//   server.url();                                  // "http://127.0.0.1:PORT/"
//   server.pageUrl(id, "cesium");                  // the globe page, with ?token=
//   server.drain(4000); / server.stop();           // graceful / immediate (also the destructor)
//
// Routes: django-large-image's per-image API under /api/image/{id}/ (also /api/image-file/{id}/),
// standalone /api/large-image/{sources,colormaps,formats,settings}, /api/images, TileJSON,
// /openapi.json, /docs (Swagger UI), /api/image/{id}/cesium and /viewer pages. Errors are JSON
// {"detail": "..."} with no server file paths in them.
//
// Security: every server has an access token (setToken, else generated per start). Routes that
// change state (POST/PUT/DELETE) always need it; reads need it when the bind is not loopback, a
// token was given explicitly or setRequireToken(true). Accepted as "Authorization: Bearer <t>",
// "X-Tessera-Token: <t>", "?token=<t>" or the tessera_token cookie that a valid ?token= request
// sets (pages opened with ?token= load tiles and change styles with it). On loopback, requests
// whose Host is not a loopback name are refused (DNS rebinding). CORS headers only for
// setCorsOrigins(). Static vendored files, /docs and /openapi.json are public.
//
// Threads: start/stop/drain and the setters from the thread that owns the Server (the GUI
// thread in the viewer). I/O runs on the server's own threads; handlers that open, read or
// render images run on bounded pools (local files / remote URLs). registry() may be used from
// any thread.
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <memory>
#include <string>

#include "http/image_registry.h"
#include "http/server_limits.h"

namespace tessera {
class Engine;
}

namespace tessera::http {

class ApiState;

class Server : public QObject {
    Q_OBJECT

  public:
    // engine null = a private Engine with default limits.
    explicit Server(std::shared_ptr<Engine> engine = nullptr, QObject* parent = nullptr);
    ~Server() override;

    // Listens on address:port (0 = a free port). Returns false (see errorString()) when the
    // port cannot be bound. Restarts when already running.
    bool start(const QHostAddress& address = QHostAddress(QHostAddress::LocalHost),
               quint16 port = 0);
    void stop();
    // Graceful stop: no new connections, requests in flight may finish for up to timeoutMs,
    // then everything is closed. Returns true when all finished in time.
    bool drain(int timeoutMs);
    bool isRunning() const noexcept;
    quint16 port() const noexcept;
    QHostAddress address() const;
    // Base URL, e.g. "http://127.0.0.1:8000/" (a wildcard bind is shown as 127.0.0.1).
    QUrl url() const;
    // URL of a page of an image ("cesium", "viewer", "info/metadata", ...), with the token
    // in the query (so the page can also change styles and submit jobs).
    QUrl pageUrl(const std::string& id, const QString& page = QStringLiteral("cesium")) const;
    QString errorString() const;

    ImageRegistry& registry();
    Engine& engine();
    ApiState& api();

    // The access token (generated at start() unless set; never empty while running).
    // setToken before start(); a token given explicitly is required for reads too.
    QString token() const;
    void setToken(const QString& token);
    // Whether reads (GET/HEAD) need the token; writes always do.
    bool tokenRequired() const noexcept;
    // Requires the token for reads even on loopback addresses (tests, shared machines).
    void setRequireToken(bool require);

    // Origins allowed by CORS ("*" = any); none = no CORS headers (the default).
    void setCorsOrigins(const QStringList& origins);
    // Host names accepted besides loopback names when bound to loopback (e.g. a reverse proxy's).
    void setAllowedHosts(const QStringList& hosts);

    // Limits and budgets (before start()).
    void setLimits(const ServerLimits& limits);
    const ServerLimits& limits() const noexcept;
    // Worker pool sizes (before start()); defaults: max(2, cores) local, 16 remote.
    void setThreadCounts(int local, int remote);
    // Open connections now (for tests and the status line).
    std::size_t connectionCount() const;

  Q_SIGNALS:
    void started(const QUrl& url);
    void stopped();

  private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace tessera::http
