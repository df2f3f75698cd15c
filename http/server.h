// Server: Tessera's embedded tile server (QHttpServer 6.4), the C++ API the viewer and the
// `tessera serve` command use.
//
//   Server server(engine);                        // share the viewer's Engine (and its caches)
//   const std::string id = server.registry().add(ref, "name");   // only these are readable
//   server.start(QHostAddress::LocalHost, 0);      // 0 = a free port; false + errorString()
//   server.url();                                  // "http://127.0.0.1:PORT/"
//   server.pageUrl(id, "cesium");                  // the globe page (with ?token= if needed)
//   server.stop();                                 // also done by the destructor
//
// Routes: django-large-image's per-image API under /api/image/{id}/ (also /api/image-file/{id}/),
// standalone /api/large-image/{sources,colormaps,formats,settings}, /api/images, TileJSON,
// /openapi.json, /docs (Swagger UI), /api/image/{id}/cesium and /viewer pages. Errors are JSON
// {"detail": "..."}; every response carries CORS headers; OPTIONS preflights are answered.
//
// Access token: binding to anything but a loopback address requires a token (generated at
// random unless setToken() gave one; setRequireToken(true) forces it on loopback too). Accepted
// as "Authorization: Bearer <t>", "X-Tessera-Token: <t>", "?token=<t>" or the tessera_token
// cookie that a ?token= request sets (so pages opened with ?token= load their tiles).
// Static vendored files, /docs and /openapi.json are public.
//
// Threads: the Server lives in (and must be started, stopped and queried from) the thread
// that created it — usually the GUI thread, which only parses requests and writes responses.
// Handlers that open, read or render images run on worker pools: one for local files, one
// (more threads) for remote URLs, so a slow remote source never stalls local images.
// registry() may be used from any thread.
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QUrl>
#include <memory>
#include <string>

#include "http/image_registry.h"

class QThreadPool;

namespace tessera {
class Engine;
}

namespace tessera::http {

class ApiState;
class Listener;

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
    bool isRunning() const noexcept;
    quint16 port() const noexcept;
    QHostAddress address() const;
    // Base URL, e.g. "http://127.0.0.1:8000/" (a wildcard bind is shown as 127.0.0.1).
    QUrl url() const;
    // URL of a page of an image ("cesium", "viewer", "info/metadata", ...), with the token
    // in the query when one is required.
    QUrl pageUrl(const std::string& id, const QString& page = QStringLiteral("cesium")) const;
    QString errorString() const;

    ImageRegistry& registry();
    Engine& engine();
    ApiState& api();

    // The access token ("" when none is required). setToken before start(); "" = generate.
    QString token() const;
    void setToken(const QString& token);
    bool tokenRequired() const noexcept;
    // Requires the token even on loopback addresses (for tests and shared machines).
    void setRequireToken(bool require);

    // Worker pool sizes (before start()); defaults: max(2, cores) local, 16 remote.
    void setThreadCounts(int local, int remote);

  Q_SIGNALS:
    void started(const QUrl& url);
    void stopped();

  private:
    friend class Listener;
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace tessera::http
