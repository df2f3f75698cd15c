// The HTTP transport under load and abuse, over real sockets against an in-process server:
// 32 concurrent keep-alive clients on mixed routes (every answer 200, the server alive after),
// pipelined answers in request order, request-line/header/body limits (414/431/413), header,
// idle and body time-outs, the connection cap with idle eviction, backpressure, HEAD and
// HTTP/1.0, a full work queue answered 503 + Retry-After, cancelled requests, graceful drain,
// and the security defaults (CORS off, Host check, token on writes, nosniff, private caching,
// no server paths in errors).
#include <QElapsedTimer>
#include <QtTest>
#include <atomic>
#include <thread>

#include "http/api_state.h"
#include "http/dispatcher.h"
#include "http/server.h"
#include "support/engine_fixtures.h"
#include "support/raw_http.h"

using namespace tessera;
using namespace tessera::test;
using nlohmann::json;

class TestTransport : public QObject {
    Q_OBJECT

    std::string dir_, geo_;
    std::shared_ptr<Engine> engine_ = std::make_shared<Engine>();

    std::unique_ptr<http::Server> makeServer(const http::ServerLimits& limits = {}) {
        auto s = std::make_unique<http::Server>(engine_);
        s->setLimits(limits);
        s->registry().add({geo_, "", ""});
        s->registry().add({dir_ + "/missing/gone.tif", "", ""});
        if (!s->start(QHostAddress(QHostAddress::LocalHost), 0)) return nullptr;
        return s;
    }
    static std::string tile(int z, int x, int y) {
        return "/api/image/1/tiles/" + std::to_string(z) + "/" + std::to_string(x) + "/" +
               std::to_string(y) + ".png";
    }
    static bool alive(unsigned short port) {
        QElapsedTimer t;
        t.start();
        const RawAnswer a = RawHttp::fetch(port, tile(0, 0, 0));
        // Generous: under ASan beside other tests a first tile may take a while.
        return a.ok && a.status == 200 && t.elapsed() < 10000;
    }

  private Q_SLOTS:
    void initTestCase() {
        dir_ = tempDir();
        FixtureSpec s;  // 1024×768 RGB, EPSG:4326
        s.interpretations = {"red", "green", "blue"};
        s.value = blockPattern;
        geo_ = writeFixture(dir_ + "/geo.tif", s);
    }

    void concurrentLoad() {
        auto server = makeServer();
        QVERIFY(server);
        const unsigned short port = server->port();
        const std::vector<std::string> targets = {
            tile(0, 0, 0),
            tile(1, 1, 0),
            tile(2, 3, 2),
            "/api/image/1/info/metadata",
            "/api/image/1/tiles/metadata",
            "/api/image/1/data/thumbnail.png?max_width=128",
            "/api/image/1/tiles/1/0/"
            "1.png?style=%7B%22band%22%3A2%2C%22palette%22%3A%22viridis%22%7D",
            "/api/image/1/data/pixel?left=10&top=10",
        };
        std::atomic<long> ok{0}, bad{0};
        std::vector<std::thread> clients;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        for (int c = 0; c < 32; ++c) {
            clients.emplace_back([&, c] {
                RawHttp conn(port);
                std::size_t i = std::size_t(c);
                while (std::chrono::steady_clock::now() < until) {
                    const std::string& t = targets[i++ % targets.size()];
                    if (!conn.send(RawHttp::get(t))) {
                        ++bad;
                        return;
                    }
                    const RawAnswer a = conn.read();
                    if (a.ok && a.status == 200)
                        ++ok;
                    else {
                        ++bad;
                        return;
                    }
                }
            });
        }
        for (auto& t : clients) t.join();
        qInfo("32 clients for 3 s: %ld answers 200, %ld failures", ok.load(), bad.load());
        QCOMPARE(bad.load(), 0L);
        QVERIFY(ok.load() > 32);
        QVERIFY(alive(port));
    }

    void pipelinedInOrder() {
        auto server = makeServer();
        QVERIFY(server);
        const unsigned short port = server->port();
        // Answers of very different sizes and costs, fetched one by one first.
        std::vector<std::string> targets;
        for (int i = 0; i < 100; ++i) {
            switch (i % 5) {
                case 0:
                    targets.push_back(tile(2, i % 4, (i / 4) % 3));
                    break;
                case 1:
                    targets.push_back("/api/image/1/tiles/metadata");
                    break;
                case 2:
                    targets.push_back("/api/image/1/data/thumbnail.png?max_width=" +
                                      std::to_string(32 + i));
                    break;
                case 3:
                    targets.push_back("/api/image/1/data/pixel?left=" + std::to_string(i) +
                                      "&top=3");
                    break;
                default:
                    targets.push_back(tile(0, 0, 0) + "?style=%7B%22band%22%3A" +
                                      std::to_string(1 + i % 3) + "%7D");
            }
        }
        std::map<std::string, std::string> expected;
        for (const auto& t : targets) {
            if (expected.count(t)) continue;
            const RawAnswer a = RawHttp::fetch(port, t);
            QVERIFY2(a.ok && a.status == 200, t.c_str());
            expected[t] = a.body;
        }
        RawHttp conn(port);
        std::string all;
        for (const auto& t : targets) all += RawHttp::get(t);
        QVERIFY(conn.send(all));
        for (std::size_t i = 0; i < targets.size(); ++i) {
            const RawAnswer a = conn.read();
            QVERIFY2(a.ok, a.error.c_str());
            QCOMPARE(a.status, 200);
            QVERIFY2(a.body == expected[targets[i]],
                     qPrintable(QStringLiteral("answer %1 out of order").arg(i)));
        }
        QVERIFY(alive(port));
    }

    void backpressureResumes() {
        http::ServerLimits limits;
        limits.maxPipelined = 2;
        limits.maxUnsentBytes = 4096;
        auto server = makeServer(limits);
        QVERIFY(server);
        RawHttp conn(server->port());
        std::string all;
        for (int i = 0; i < 60; ++i) all += RawHttp::get(tile(2, i % 4, i % 3));
        QVERIFY(conn.send(all));  // the server reads them a few at a time
        for (int i = 0; i < 60; ++i) {
            const RawAnswer a = conn.read();
            QVERIFY2(a.ok && a.status == 200, a.error.c_str());
        }
    }

    void requestSizeLimits() {
        http::ServerLimits limits;
        limits.maxBodyBytes = 1024;
        auto server = makeServer(limits);
        QVERIFY(server);
        const unsigned short port = server->port();

        RawAnswer a =
            RawHttp::fetch(port, "/api/image/1/tiles/metadata?x=" + std::string(9000, 'a'));
        QCOMPARE(a.status, 414);
        QVERIFY(json::parse(a.body).contains("detail"));

        a = RawHttp::fetch(port, "/api/image/1/tiles/metadata",
                           "X-Big: " + std::string(50000, 'b') + "\r\n");
        QCOMPARE(a.status, 431);

        {  // A 64 MiB header: refused after the limit, not read to the end.
            RawHttp c(port);
            QVERIFY(
                c.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Huge: " + std::string(200000, 'h')));
            a = c.read();
            QCOMPARE(a.status, 431);
        }
        {  // A body declared as 50 GB is refused before any of it is read.
            RawHttp c(port);
            QElapsedTimer t;
            t.start();
            QVERIFY(
                c.send("PUT /api/large-image/settings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/json\r\nContent-Length: 50000000000\r\n\r\n"));
            a = c.read();
            QCOMPARE(a.status, 413);
            QVERIFY(t.elapsed() < 5000);
        }
        {  // A chunked body that grows past the limit.
            RawHttp c(port);
            std::string req =
                "PUT /api/large-image/settings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Transfer-Encoding: chunked\r\n\r\n";
            for (int i = 0; i < 4; ++i) req += "400\r\n" + std::string(1024, ' ') + "\r\n";
            QVERIFY(c.send(req));
            a = c.read();
            QCOMPARE(a.status, 413);
        }
        a = RawHttp::fetch(port, "/", {}, "BREW");
        QVERIFY(a.status == 404 || a.status == 405 || a.status == 400);
        {  // Garbage instead of HTTP.
            RawHttp c(port);
            QVERIFY(c.send("\x16\x03\x01 not http at all\r\n\r\n"));
            a = c.read();
            QCOMPARE(a.status, 400);
        }
        QVERIFY(alive(port));
    }

    void timeouts() {
        http::ServerLimits limits;
        limits.idleTimeoutMs = 300;
        limits.headerTimeoutMs = 400;
        limits.bodyTimeoutMs = 400;
        auto server = makeServer(limits);
        QVERIFY(server);
        const unsigned short port = server->port();
        {  // Idle keep-alive connection closed after its time-out.
            RawHttp c(port);
            QVERIFY(c.send(RawHttp::get("/api/image/1/tiles/metadata")));
            QCOMPARE(c.read().status, 200);
            QElapsedTimer t;
            t.start();
            QVERIFY(c.closedByServer(5000));
            QVERIFY(t.elapsed() >= 200);
        }
        {  // Slowloris: a header that never ends.
            RawHttp c(port);
            QVERIFY(c.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            QVERIFY(c.closedByServer(5000));
        }
        {  // A body that stops arriving.
            RawHttp c(port);
            QVERIFY(
                c.send("PUT /api/large-image/settings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Length: 100\r\n\r\n{"));
            QVERIFY(c.closedByServer(5000));
        }
        {  // Connecting and sending nothing.
            RawHttp c(port);
            QVERIFY(c.closedByServer(5000));
        }
        QVERIFY(alive(port));
    }

    void connectionCap() {
        http::ServerLimits limits;
        limits.maxConnectionsPerClient = 8;
        limits.maxConnections = 10;
        auto server = makeServer(limits);
        QVERIFY(server);
        const unsigned short port = server->port();
        std::vector<std::unique_ptr<RawHttp>> idle;
        for (int i = 0; i < 40; ++i) {
            idle.push_back(std::make_unique<RawHttp>(port));
            QVERIFY(idle.back()->connected());
        }
        QTRY_VERIFY2_WITH_TIMEOUT(server->connectionCount() <= 10,
                                  qPrintable(QString::number(server->connectionCount())), 5000);
        // Idle connections make room: a real request still gets its answer.
        QVERIFY(alive(port));
        int closed = 0;
        for (auto& c : idle) closed += c->closedByServer(300) ? 1 : 0;
        QVERIFY(closed >= 30);
    }

    void headAndHttp10() {
        auto server = makeServer();
        QVERIFY(server);
        const unsigned short port = server->port();
        const RawAnswer full = RawHttp::fetch(port, tile(0, 0, 0));
        QCOMPARE(full.status, 200);
        RawHttp c(port);
        QVERIFY(c.send(RawHttp::get(tile(0, 0, 0), {}, "HEAD") + RawHttp::get(tile(0, 0, 0))));
        RawAnswer head = c.read(20000, true);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("content-length"), std::to_string(full.body.size()));
        QVERIFY(head.body.empty());
        const RawAnswer after = c.read();  // the next answer starts right after the head
        QCOMPARE(after.body, full.body);

        RawHttp old(port);
        QVERIFY(old.send("GET /api/image/1/tiles/metadata HTTP/1.0\r\n\r\n"));
        const RawAnswer a = old.read();
        QCOMPARE(a.status, 200);
        QCOMPARE(a.version, 10u);
        QVERIFY(json::parse(a.body).contains("levels"));
        QVERIFY(old.closedByServer(2000));
    }

    void fullQueueIs503() {
        auto api = std::make_shared<http::ApiState>(engine_);
        api->registry().add({geo_, "", ""});
        http::ServerLimits limits;
        limits.localThreads = 1;
        limits.localQueue = 0;
        limits.retryAfterSeconds = 7;
        http::SecurityPolicy policy;
        policy.token = "t";
        http::Dispatcher d(api, policy, limits);
        // Occupy the worker and fill its queue: submit blockers until the pool refuses one.
        std::atomic<bool> release{false};
        int accepted = 0;
        while (accepted < 10 && d.localPool().trySubmit([&] {
            while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }))
            ++accepted;
        // A fresh pool takes one task per thread at once, even before its threads are waiting
        // (CI once saw a pool refuse its first task because the thread had not started yet).
        QCOMPARE(accepted, 1);
        QTest::qWait(50);
        auto req = std::make_shared<http::HttpRequest>();
        req->method = "GET";
        req->path = QStringLiteral("/api/image/1/tiles/0/0/0.png");
        req->headers.emplace_back("host", "127.0.0.1");
        http::HttpResponse got;
        d.dispatch(req, {}, [&](http::HttpResponse r) { got = std::move(r); });
        QCOMPARE(got.status, 503);
        bool hasRetry = false;
        for (const auto& [k, v] : got.headers) hasRetry |= k == "Retry-After" && v == "7";
        QVERIFY(hasRetry);
        release = true;
        QTRY_COMPARE(d.localPool().running(), std::size_t(0));
        // A request whose client went away before it ran is not rendered.
        CancelToken gone;
        gone.cancel();
        std::atomic<int> status{0};
        d.dispatch(req, gone, [&](http::HttpResponse r) { status = r.status; });
        QTRY_COMPARE(status.load(), 499);
        d.stop();
    }

    void drainFinishesInFlight() {
        auto server = makeServer();
        QVERIFY(server);
        const unsigned short port = server->port();
        RawHttp c(port);
        QVERIFY(c.send(RawHttp::get("/api/image/1/data/thumbnail.png?max_width=200")));
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            server->drain(3000);
        });
        const RawAnswer a = c.read();
        stopper.join();
        QVERIFY2(a.ok, a.error.c_str());
        QCOMPARE(a.status, 200);
        QVERIFY(!server->isRunning());
        QVERIFY(!RawHttp(port).connected() || RawHttp::fetch(port, tile(0, 0, 0)).status == 0);
    }

    void securityDefaults() {
        auto server = makeServer();
        QVERIFY(server);
        const unsigned short port = server->port();
        const std::string token = server->token().toStdString();
        QVERIFY(token.size() >= 16);
        QVERIFY(!server->tokenRequired());
        // No CORS headers unless configured; nosniff everywhere.
        RawAnswer a = RawHttp::fetch(port, tile(0, 0, 0), "Origin: http://evil.example\r\n");
        QCOMPARE(a.status, 200);
        QVERIFY(a.header("access-control-allow-origin").empty());
        QCOMPARE(a.header("x-content-type-options"), std::string("nosniff"));
        // DNS rebinding: a loopback server answers only loopback Host names.
        RawHttp r(port);
        QVERIFY(
            r.send("GET /api/image/1/tiles/metadata HTTP/1.1\r\nHost: evil.example:8000\r\n\r\n"));
        QCOMPARE(r.read().status, 403);
        for (const char* host : {"localhost:1", "127.0.0.1", "[::1]:80", "LOCALHOST"}) {
            RawHttp ok(port);
            QVERIFY(ok.send(std::string("GET /api/image/1/tiles/metadata HTTP/1.1\r\nHost: ") +
                            host + "\r\n\r\n"));
            QCOMPARE(ok.read().status, 200);
        }
        // Writes need the token even on loopback.
        const std::string put =
            "PUT /api/large-image/settings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/json\r\nContent-Length: 29\r\n";
        const std::string body = R"({"max_small_image_size":2048})";
        RawHttp w(port);
        QVERIFY(w.send(put + "\r\n" + body));
        QCOMPARE(w.read().status, 401);
        QVERIFY(w.send(put + "X-Tessera-Token: " + token + "\r\n\r\n" + body));
        a = w.read();
        QCOMPARE(a.status, 200);
        QCOMPARE(json::parse(a.body)["max_small_image_size"], json(2048));
        QVERIFY(server->pageUrl("1").query().contains(QStringLiteral("token=")));
        // Errors never show where the server keeps its files.
        a = RawHttp::fetch(port, "/api/image/2/info/metadata");
        QVERIFY(a.status >= 400);
        QVERIFY2(a.body.find(dir_) == std::string::npos, a.body.c_str());
        QVERIFY2(a.body.find("/missing/") == std::string::npos, a.body.c_str());
    }

    void corsTokenAndCaching() {
        auto s = std::make_unique<http::Server>(engine_);
        s->registry().add({geo_, "", ""});
        s->setCorsOrigins({QStringLiteral("http://maps.example")});
        s->setToken(QStringLiteral("sekrit-token-123"));  // given explicitly: enforced for reads
        QVERIFY(s->start(QHostAddress(QHostAddress::LocalHost), 0));
        QVERIFY(s->tokenRequired());
        const unsigned short port = s->port();
        QCOMPARE(RawHttp::fetch(port, tile(0, 0, 0)).status, 401);
        RawAnswer a = RawHttp::fetch(port, tile(0, 0, 0),
                                     "Authorization: Bearer sekrit-token-123\r\n"
                                     "Origin: http://maps.example\r\n");
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("access-control-allow-origin"), std::string("http://maps.example"));
        QVERIFY(a.header("vary").find("Origin") != std::string::npos);
        QVERIFY2(a.header("cache-control").find("private") != std::string::npos,
                 a.header("cache-control").c_str());
        a = RawHttp::fetch(port, tile(0, 0, 0),
                           "X-Tessera-Token: sekrit-token-123\r\nOrigin: http://other.example\r\n");
        QCOMPARE(a.status, 200);
        QVERIFY(a.header("access-control-allow-origin").empty());
        // Public routes stay public.
        QCOMPARE(RawHttp::fetch(port, "/openapi.json").status, 200);
    }

    void hostileStyleAndServerAlive() {
        auto server = makeServer();
        QVERIFY(server);
        const unsigned short port = server->port();
        // A million '[' (URL-encoded) is beyond the URL limit: 414, never a parse.
        RawAnswer a = RawHttp::fetch(port, tile(0, 0, 0) + "?style=" + std::string(1000000, '['));
        QCOMPARE(a.status, 414);
        // Deep nesting inside the limits is refused by the style guard.
        a = RawHttp::fetch(port, tile(0, 0, 0) + "?style=" + std::string(4000, '['));
        QCOMPARE(a.status, 400);
        QVERIFY(alive(port));
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "test_transport.moc"
