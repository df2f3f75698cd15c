// `tessera serve PATH_OR_URL... [--port N] [--bind ADDR] [--token T] [--library [--db P]]
// [--cors-origin O]... [--allow-host H]... [--limit NAME=VALUE]...`: the embedded tile server over
// the given images (ids 1..N, also their base names) and the image library (/api/library) until
// SIGINT/SIGTERM, which drain the requests in flight (drain-timeout-ms) and stop.
#include <sys/resource.h>
#include <unistd.h>
#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>
#include <QSocketNotifier>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "http/api_state.h"
#include "http/server.h"
#include "http/server_limits.h"
#include "library/library_db.h"
#include "library/library_store.h"
#include "service/engine.h"
#include "util/error.h"

namespace tessera::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Cli", text);
}

int signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char c = 1;
    [[maybe_unused]] auto n = ::write(signalPipe[1], &c, 1);
}

}  // namespace

int cmdServe(Engine& engine, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Serve images over HTTP (django-large-image compatible API, "
           "CesiumJS and pixel viewers, Swagger UI at /docs)."));
    p.addPositionalArgument(QStringLiteral("paths"), tr("Image files or http(s)://, s3:// URLs."),
                            QStringLiteral("PATH_OR_URL..."));
    p.addOption({QStringLiteral("port"), tr("TCP port (default 8000; 0 = any free port)."),
                 QStringLiteral("n"), QStringLiteral("8000")});
    p.addOption({QStringLiteral("bind"),
                 tr("Address to listen on (default 127.0.0.1). Any other address requires the "
                    "access token."),
                 QStringLiteral("addr"), QStringLiteral("127.0.0.1")});
    p.addOption({QStringLiteral("token"),
                 tr("Access token, then required for every request (default: one generated per "
                    "run, required for POST/PUT/DELETE, and for reads off loopback)."),
                 QStringLiteral("t")});
    p.addOption(
        {QStringLiteral("require-token"), tr("Require the token for reads on loopback too.")});
    p.addOption({QStringLiteral("cors-origin"),
                 tr("Send CORS headers for this origin (repeatable; \"*\" = any). Default: none."),
                 QStringLiteral("origin")});
    p.addOption({QStringLiteral("allow-host"),
                 tr("Accept this Host name besides loopback names on a loopback bind (repeatable; "
                    "e.g. a reverse proxy's name)."),
                 QStringLiteral("host")});
    p.addOption({QStringLiteral("limit"),
                 tr("Set a limit (repeatable; sizes take k/M/G). Limits and defaults:\n%1")
                     .arg(QString::fromStdString(http::describeLimits())),
                 QStringLiteral("name=value")});
    p.addOption({QStringLiteral("library"),
                 tr("Serve the image library too: /api/library, and each library image under "
                    "/api/library/{id or base name}/.")});
    p.addOption({QStringLiteral("db"), tr("Library file for --library."), QStringLiteral("path")});
    const QStringList paths = parseOrThrow(p, args, 0, 100000);
    const bool library = p.isSet(QStringLiteral("library")) || p.isSet(QStringLiteral("db"));
    if (paths.isEmpty() && !library)
        throw UsageError{tr("give images to serve, or --library").toStdString()};

    bool portOk = false;
    const int port = p.value(QStringLiteral("port")).toInt(&portOk);
    if (!portOk || port < 0 || port > 65535) throw UsageError{tr("invalid --port").toStdString()};
    QHostAddress address;
    const QString bind = p.value(QStringLiteral("bind"));
    if (bind == QStringLiteral("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(bind))
        throw UsageError{tr("invalid --bind address").toStdString()};

    http::ServerLimits limits;
    for (const QString& l : p.values(QStringLiteral("limit")))
        if (const std::string err = http::applyLimit(limits, l.toStdString()); !err.empty())
            throw UsageError{"--limit: " + err};
    if (p.isSet(QStringLiteral("token")) && p.value(QStringLiteral("token")).trimmed().isEmpty())
        throw UsageError{tr("--token must not be empty").toStdString()};

    // Each connection is a file descriptor: allow as many as the hard limit permits.
    if (rlimit nofile{};
        getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
        nofile.rlim_cur = nofile.rlim_max;
        setrlimit(RLIMIT_NOFILE, &nofile);
    }

    // The engine outlives the server (both end with this function).
    http::Server server(std::shared_ptr<Engine>(&engine, [](Engine*) {}));
    server.setLimits(limits);
    if (p.isSet(QStringLiteral("token"))) server.setToken(p.value(QStringLiteral("token")));
    server.setRequireToken(p.isSet(QStringLiteral("require-token")));
    server.setCorsOrigins(p.values(QStringLiteral("cors-origin")));
    server.setAllowedHosts(p.values(QStringLiteral("allow-host")));
    std::shared_ptr<LibraryStore> store;
    if (library) {
        store = std::make_shared<LibraryStore>(p.isSet(QStringLiteral("db"))
                                                   ? p.value(QStringLiteral("db")).toStdString()
                                                   : LibraryDb::defaultPath());
        server.api().setLibrary(store);
        std::fprintf(stderr, "%s\n",
                     qPrintable(tr("library %1: %2 images")
                                    .arg(QString::fromStdString(store->path()))
                                    .arg(store->count())));
    }
    std::vector<std::pair<std::string, std::string>> ids;  // id, name
    for (const QString& path : paths) {
        ImageRef ref;
        ref.uri = path.toStdString();
        if (!path.contains(QStringLiteral("://")) && !path.startsWith(QStringLiteral("/vsi")))
            ref.uri = QFileInfo(path).absoluteFilePath().toStdString();
        const nlohmann::json meta = engine.metadata(ref);  // fails early for unreadable images
        const std::string id = server.registry().add(ref);
        ids.emplace_back(id, server.registry().find(id)->name);
        std::fprintf(
            stderr, "%s\n",
            qPrintable(tr("image %1: %2 (%3 x %4%5)")
                           .arg(QString::fromStdString(id), QString::fromStdString(ref.uri))
                           .arg(meta.value("sizeX", 0))
                           .arg(meta.value("sizeY", 0))
                           .arg(meta.value("geospatial", false) ? tr(", geospatial") : QString())));
    }
    if (!server.start(address, quint16(port)))
        fail(ErrorKind::IO, tr("cannot listen on %1:%2: %3")
                                .arg(bind)
                                .arg(port)
                                .arg(server.errorString())
                                .toStdString());

    std::printf("%s\n", qPrintable(tr("Serving on %1").arg(server.url().toString())));
    std::printf("%s\n",
                qPrintable((server.tokenRequired() ? tr("Access token (required): %1")
                                                   : tr("Access token (for POST/PUT/DELETE): %1"))
                               .arg(server.token())));
    for (const auto& [id, name] : ids) {
        std::printf("  %s (%s)\n", id.c_str(), name.c_str());
        std::printf("    %s\n",
                    qPrintable(server.pageUrl(id, QStringLiteral("cesium")).toString()));
        std::printf("    %s\n",
                    qPrintable(server.pageUrl(id, QStringLiteral("viewer")).toString()));
        std::printf("    %s\n",
                    qPrintable(server.pageUrl(id, QStringLiteral("info/metadata")).toString()));
    }
    if (store) {
        QUrl lib = server.url();
        lib.setPath(QStringLiteral("/api/library"));
        std::printf("%s\n", qPrintable(tr("Library: %1").arg(lib.toString())));
    }
    QUrl docs = server.url();
    docs.setPath(QStringLiteral("/docs"));
    std::printf("%s\n", qPrintable(tr("API documentation: %1").arg(docs.toString())));
    std::fflush(stdout);

    // SIGINT/SIGTERM → quit the event loop through a self-pipe (async-signal-safe).
    if (::pipe(signalPipe) != 0) fail(ErrorKind::Internal, "pipe() failed");
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, [] { QCoreApplication::quit(); });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    QCoreApplication::exec();
    std::fprintf(stderr, "%s\n", qPrintable(tr("Shutting down.")));
    if (!server.drain(int(limits.drainTimeoutMs)))
        std::fprintf(stderr, "%s\n",
                     qPrintable(tr("Requests still running after %1 ms were cancelled.")
                                    .arg(limits.drainTimeoutMs)));
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    ::close(signalPipe[0]);
    ::close(signalPipe[1]);
    return 0;
}

}  // namespace tessera::cli
