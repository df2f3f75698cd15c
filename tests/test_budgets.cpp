// Per-request memory budgets and safe style parsing (issue 12, items 3 and 5), driven through the
// route handlers exactly as the server runs them (a RequestScope with the request budget):
// regions, thumbnails, WMS and WCS over budget → 413 naming the region job, which then renders
// the same region; WMS LAYERS cap; job queue cap (429 + Retry-After); job results pruned by count
// and bytes (410, files deleted); the private job directory; style preset count, size and name
// caps; style size and nesting checked on the raw bytes before any parse, and the raw text passed
// on unchanged.
#include <gdal.h>
#include <sys/stat.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QtTest>
#include <future>

#include "http/api_state.h"
#include "http/route_context.h"
#include "service/style_params.h"
#include "style/style.h"
#include "support/engine_fixtures.h"
#include "util/error.h"
#include "util/request_context.h"

using namespace tessera;
using namespace tessera::http;
using namespace tessera::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

struct Reply {
    int status = 0;
    QByteArray body;
    std::vector<std::pair<QByteArray, QByteArray>> headers;

    json js() const { return json::parse(body.toStdString(), nullptr, false); }
    std::string detail() const { return js().value("detail", std::string()); }
    QByteArray header(const QByteArray& name) const {
        for (const auto& [k, v] : headers)
            if (k.compare(name, Qt::CaseInsensitive) == 0) return v;
        return {};
    }
};

// One request through the route table, as http/dispatcher.cpp runs it: the image looked up, a
// RequestScope with the server's per-request budget, errors turned into {"detail": ...}.
Reply call(ApiState& api, const QByteArray& method, const QString& path, const Query& query = {},
           const QByteArray& body = {}) {
    HttpRequest req;
    req.method = method;
    req.path = path;
    req.query = query;
    req.body = body;
    req.headers = {{"host", "127.0.0.1:8000"}};
    auto m = api.routes().match(method, path);
    if (!m) return {404, {}, {}};
    std::optional<RegisteredImage> image;
    if (m->route->perImage) {
        image = api.registry().find(m->pathParams["id"]);
        if (!image) return {404, {}, {}};
    }
    RequestScope scope({CancelToken(), std::size_t(api.limits().requestMemoryBytes)});
    RouteContext ctx(api, req, *m->route, m->pathParams, image);
    HttpResponse r;
    try {
        r = m->route->handler(ctx);
    } catch (const Error& e) {
        r = HttpResponse::error(httpStatusFor(e.kind()), e.what());
    }
    return {r.status, r.body, r.headers};
}

Reply call(ApiState& api, const QByteArray& method, const char* path, const Query& query = {},
           const QByteArray& body = {}) {
    return call(api, method, QString::fromUtf8(path), query, body);
}

Query parse(const char* q) {
    return HttpRequest::parseQuery(QByteArray(q));
}

// Small limits: a 1 MiB answer budget (the 1024 × 768 RGB fixture at full size is ~5 MiB raw).
ServerLimits smallLimits() {
    ServerLimits l;
    l.requestMemoryBytes = 1 << 20;
    l.wmsMaxLayers = 2;
    l.maxStylePresets = 3;
    l.maxStyleBytes = 400;
    return l;
}

std::string nested(int depth) {
    return std::string(std::size_t(depth), '[') + "1" + std::string(std::size_t(depth), ']');
}

// Size and first pixel of a GeoTIFF's bands, read back with GDAL.
struct TiffInfo {
    int width = 0, height = 0, bands = 0;
    std::vector<double> first;
};
TiffInfo readTiff(const QByteArray& bytes) {
    static int n = 0;
    const std::string path = "/vsimem/test_budgets_" + std::to_string(++n) + ".tif";
    VSIFCloseL(VSIFileFromMemBuffer(path.c_str(),
                                    reinterpret_cast<GByte*>(const_cast<char*>(bytes.constData())),
                                    vsi_l_offset(bytes.size()), FALSE));
    TiffInfo t;
    if (GDALDatasetH ds = GDALOpen(path.c_str(), GA_ReadOnly)) {
        t.width = GDALGetRasterXSize(ds);
        t.height = GDALGetRasterYSize(ds);
        t.bands = GDALGetRasterCount(ds);
        for (int b = 1; b <= t.bands; ++b) {
            double v = 0;
            if (GDALRasterIO(GDALGetRasterBand(ds, b), GF_Read, 5, 7, 1, 1, &v, 1, 1, GDT_Float64,
                             0, 0) == CE_None)
                t.first.push_back(v);
        }
        GDALClose(ds);
    }
    VSIUnlink(path.c_str());
    return t;
}

}  // namespace

class TestBudgets : public QObject {
    Q_OBJECT

    std::string fixture_;
    std::shared_ptr<Engine> engine_;

    std::unique_ptr<ApiState> makeApi(const ServerLimits& limits) {
        auto api = std::make_unique<ApiState>(engine_);
        api->setLimits(limits);
        api->registry().add(ImageRef{fixture_, "", ""}, "fixture");
        return api;
    }

    // Submits a region job and waits for it; returns its id.
    JobId regionJob(ApiState& api, const char* query) {
        const Reply r = call(api, "POST", "/api/image/1/jobs/region", parse(query));
        if (r.status != 202) qWarning() << r.status << r.body;
        const JobId id = r.js().value("id", JobId(0));
        const auto done = api.jobs().wait(id, 60s);
        if (!done || done->state != JobState::Done)
            qWarning() << "job" << id << "did not finish:" << (done ? done->error.c_str() : "?");
        return id;
    }

  private Q_SLOTS:
    void initTestCase() {
        // Presets go to a private config dir (StylePresets::shared() reads it on first use).
        qputenv("TESSERA_CONFIG_DIR", QByteArray::fromStdString(tempDir() + "/config"));
        GDALAllRegister();
        fixture_ = writeFixture(tempDir() + "/budget.tif", FixtureSpec{});
        engine_ = std::make_shared<Engine>();
    }

    void regionOverBudgetGoesToAJob() {
        auto api = makeApi(smallLimits());
        const char* full = "left=0&top=0&right=1024&bottom=768&units=pixels";
        // Raw TIFF of 1024 × 768 × 3 bytes, read and encoded: ~4.5 MiB > 1 MiB.
        Reply r = call(*api, "GET", "/api/image/1/data/region.tiff", parse(full));
        QCOMPARE(r.status, 413);
        const std::string detail = r.detail();
        qInfo("413 detail: %s", detail.c_str());
        QVERIFY(detail.find("1024 × 768") != std::string::npos);
        QVERIFY(detail.find("POST /api/image/1/jobs/region?fmt=tiff&left=0&top=0&right=1024") !=
                std::string::npos);
        QVERIFY(detail.find("MiB") != std::string::npos);
        // A small region is answered.
        r = call(*api, "GET", "/api/image/1/data/region.tiff",
                 parse("left=0&top=0&right=128&bottom=96&units=pixels"));
        QCOMPARE(r.status, 200);
        TiffInfo t = readTiff(r.body);
        QCOMPARE(t.width, 128);
        QCOMPARE(t.height, 96);
        // Downscaled to a small output the whole image fits too (the budget is the answer's).
        r = call(*api, "GET", "/api/image/1/data/region.png",
                 parse("left=0&top=0&right=1024&bottom=768&units=pixels&width=256&height=256"));
        QCOMPARE(r.status, 200);
        // The same region as a job (jobs run without a budget) renders every pixel.
        const JobId id = regionJob(*api, full);
        QCOMPARE(api->jobs().job(id)->state, JobState::Done);
        r = call(*api, "GET", QStringLiteral("/api/jobs/%1/result").arg(id));
        QCOMPARE(r.status, 200);
        t = readTiff(r.body);
        QCOMPARE(t.width, 1024);
        QCOMPARE(t.height, 768);
        QCOMPARE(t.bands, 3);
        QCOMPARE(t.first.size(), std::size_t(3));
        for (int b = 0; b < 3; ++b)
            QCOMPARE(t.first[std::size_t(b)], defaultPattern(5, 7, b, DataType::UInt8));
        // Without a budget (CLI, viewer) the engine renders it directly.
        RegionRequest rr;
        rr.image = ImageRef{fixture_, "", ""};
        rr.right = 1024, rr.bottom = 768, rr.units = "pixels";
        const Encoded e = engine_->region(rr);
        QCOMPARE(readTiff(QByteArray(reinterpret_cast<const char*>(e.bytes->data()),
                                     qsizetype(e.bytes->size())))
                     .width,
                 1024);
    }

    void thumbnailWmsWcsOverBudget() {
        auto api = makeApi(smallLimits());
        Reply r = call(*api, "GET", "/api/image/1/data/thumbnail.png",
                       parse("max_width=4096&max_height=4096"));
        QCOMPARE(r.status, 413);
        QVERIFY(r.detail().find("thumbnail of 1024 × 768") != std::string::npos);
        r = call(*api, "GET", "/api/image/1/data/thumbnail.png");
        QCOMPARE(r.status, 200);
        QCOMPARE(decodeImage(Bytes(r.body.begin(), r.body.end())).width, 256);
        // WMS: the ServiceExceptionReport with HTTP 413, even with EXCEPTIONS=BLANK.
        const std::string map =
            "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=1&STYLES=&CRS=CRS:84&"
            "BBOX=-10,-5,10,10&FORMAT=image/png&";
        for (const char* extra : {"", "&EXCEPTIONS=BLANK"}) {
            r = call(*api, "GET", "/wms", parse((map + "WIDTH=1024&HEIGHT=1024" + extra).c_str()));
            QCOMPARE(r.status, 413);
            QVERIFY(r.body.contains("ServiceExceptionReport"));
            QVERIFY(r.body.contains("A map of 1024 × 1024 pixels"));
        }
        r = call(*api, "GET", "/wms", parse((map + "WIDTH=64&HEIGHT=48").c_str()));
        QCOMPARE(r.status, 200);
        const Image img = decodeImage(Bytes(r.body.begin(), r.body.end()));
        QCOMPARE(img.width, 64);
        QCOMPARE(img.height, 48);
        // WCS GetCoverage of the whole raw coverage: OWS 2.0 report, 413, the job named.
        r = call(*api, "GET", "/wcs",
                 parse("SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&COVERAGEID=image_1"));
        QCOMPARE(r.status, 413);
        QVERIFY(r.body.contains("ows:ExceptionReport"));
        QVERIFY(r.body.contains("NoApplicableCode"));
        QVERIFY(r.body.contains("/api/image/1/jobs/region?fmt="));
        r = call(*api, "GET", "/wcs",
                 parse("SERVICE=WCS&VERSION=2.0.1&REQUEST=GetCoverage&COVERAGEID=image_1&"
                       "SUBSET=Long(-10,-9)&SUBSET=Lat(9,10)&FORMAT=image/tiff"));
        QCOMPARE(r.status, 200);
        QCOMPARE(readTiff(r.body).width, 50);
    }

    void wmsLayerCap() {
        auto api = makeApi(smallLimits());  // wmsMaxLayers = 2
        const std::string map =
            "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&CRS=CRS:84&BBOX=-10,-5,10,10&"
            "FORMAT=image/png&WIDTH=32&HEIGHT=32&";
        Reply r = call(*api, "GET", "/wms", parse((map + "LAYERS=1,1,1").c_str()));
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("InvalidParameterValue"));
        QVERIFY(r.body.contains("locator=\"LAYERS\""));
        QVERIFY(r.body.contains("at most 2"));
        r = call(*api, "GET", "/wms", parse((map + "LAYERS=1,1").c_str()));
        QCOMPARE(r.status, 200);
    }

    void jobQueueCap() {
        auto api = makeApi(ServerLimits{});  // maxJobs = 16
        QCOMPARE(api->limits().maxJobs, 16LL);
        // Two jobs hold the queue's two workers, so the region jobs stay queued.
        std::promise<void> gate;
        std::shared_future<void> open = gate.get_future().share();
        std::vector<JobId> ids;
        for (int i = 0; i < 2; ++i)
            ids.push_back(api->jobs().submit({"hold", "test", [open](JobContext&) {
                                                  open.wait();
                                                  return std::string();
                                              }}));
        const Query small = parse("left=0&top=0&right=64&bottom=64&units=pixels");
        for (int i = 0; i < 14; ++i) {
            const Reply r = call(*api, "POST", "/api/image/1/jobs/region", small);
            QCOMPARE(r.status, 202);
            ids.push_back(r.js()["id"].get<JobId>());
        }
        QCOMPARE(api->jobs().activeCount(), std::size_t(16));
        // The 17th: 429 with Retry-After, and nothing queued.
        const Reply full = call(*api, "POST", "/api/image/1/jobs/region", small);
        QCOMPARE(full.status, 429);
        QVERIFY(full.header("Retry-After").toInt() >= 1);
        QVERIFY(full.detail().find("16 jobs") != std::string::npos);
        QCOMPARE(api->jobs().activeCount(), std::size_t(16));
        gate.set_value();
        for (JobId id : ids) QCOMPARE(api->jobs().wait(id, 60s)->state, JobState::Done);
        QCOMPARE(call(*api, "POST", "/api/image/1/jobs/region", small).status, 202);
    }

    void jobResultsPruned() {
        ServerLimits limits;
        limits.maxJobResults = 3;
        auto api = makeApi(limits);
        std::vector<JobId> ids;
        std::map<JobId, QString> files;  // each result file, noted before it may expire
        auto job = [&] {
            const JobId id = regionJob(*api, "left=0&top=0&right=200&bottom=100&units=pixels");
            files[id] = QString::fromStdString(api->jobs().job(id)->resultPath);
            return id;
        };
        for (int i = 0; i < 5; ++i) ids.push_back(job());
        const std::string dir = api->jobs().resultDirectory();
        auto file = [&](JobId id) { return files[id]; };
        for (JobId id : ids)
            QVERIFY(file(id).startsWith(QString::fromStdString(dir) + QLatin1Char('/')));
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const Reply status = call(*api, "GET", QStringLiteral("/api/jobs/%1").arg(ids[i]));
            QCOMPARE(status.status, 200);
            const Reply result =
                call(*api, "GET", QStringLiteral("/api/jobs/%1/result").arg(ids[i]));
            if (i < 2) {  // the oldest two expired: listed, result gone (410), file deleted
                QCOMPARE(status.js()["state"], json("expired"));
                QVERIFY(!status.js().contains("result"));
                QCOMPARE(result.status, 410);
                QVERIFY(!QFile::exists(file(ids[i])));
            } else {
                QCOMPARE(status.js()["state"], json("done"));
                QCOMPARE(result.status, 200);
                QCOMPARE(readTiff(result.body).width, 200);
                QVERIFY(QFile::exists(file(ids[i])));
            }
        }
        // By bytes: room for one result only; the next job leaves just itself.
        const auto last = api->jobs().job(ids.back());
        QVERIFY(last->resultBytes > 0);
        limits.maxJobResultBytes = (long long)(last->resultBytes) + 100;
        api->setLimits(limits);
        const JobId newest = job();
        for (JobId id : ids) QVERIFY(api->jobs().job(id)->expired);
        QCOMPARE(call(*api, "GET", QStringLiteral("/api/jobs/%1/result").arg(newest)).status, 200);
        QVERIFY(QFile::exists(file(newest)));
        QCOMPARE(QDir(QString::fromStdString(dir)).entryList(QDir::Files).size(), 1);
    }

    void jobDirectoryIsPrivate() {
        QString dir;
        {
            auto api = makeApi(ServerLimits{});
            const JobId id = regionJob(*api, "left=0&top=0&right=64&bottom=64&units=pixels");
            QCOMPARE(api->jobs().job(id)->state, JobState::Done);
            dir = QString::fromStdString(api->jobs().resultDirectory());
            struct stat st {};
            QCOMPARE(::stat(dir.toLocal8Bit().constData(), &st), 0);
            QVERIFY(S_ISDIR(st.st_mode));
            QCOMPARE(int(st.st_mode & 0777), 0700);
            QCOMPARE(QFileInfo(dir).absolutePath(), QFileInfo(QDir::tempPath()).absoluteFilePath());
            QVERIFY(dir != QDir::tempPath() + QStringLiteral("/tessera-jobs-") +
                               QString::number(QCoreApplication::applicationPid()));
            QVERIFY(QFileInfo(dir).fileName().startsWith(QStringLiteral("tessera-jobs-")));
            QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 1);
            // Another ApiState has its own directory.
            auto other = makeApi(ServerLimits{});
            QVERIFY(QString::fromStdString(other->jobs().resultDirectory()) != dir);
        }
        QVERIFY(!QFileInfo::exists(dir));  // removed with its ApiState
    }

    void stylePresetCaps() {
        auto api = makeApi(smallLimits());  // 3 presets, 400 bytes each
        for (const char* name : {"a", "b", "c"})
            QCOMPARE(call(*api, "PUT", QStringLiteral("/api/styles/%1").arg(QLatin1String(name)),
                          {}, R"({"band": 1, "palette": "viridis"})")
                         .status,
                     200);
        Reply r = call(*api, "PUT", "/api/styles/d", {}, R"({"band": 2})");
        QCOMPARE(r.status, 409);
        QVERIFY(r.detail().find("3 style presets") != std::string::npos);
        // Replacing one is not a new preset.
        QCOMPARE(call(*api, "PUT", "/api/styles/a", {}, R"({"band": 2})").status, 200);
        QCOMPARE(call(*api, "GET", "/api/styles/a").js()["band"], json(2));
        // Size: over max-style-bytes → 413 (a valid style padded with spaces).
        const QByteArray big = QByteArray(R"({"band": 1)") + QByteArray(500, ' ') + "}";
        r = call(*api, "PUT", "/api/styles/a", {}, big);
        QCOMPARE(r.status, 413);
        QVERIFY(r.detail().find("at most 400 bytes") != std::string::npos);
        // Nesting: 400 before parsing.
        r = call(*api, "PUT", "/api/styles/a", {},
                 QByteArray::fromStdString(R"({"palette": )" + nested(40) + "}"));
        QCOMPARE(r.status, 400);
        QVERIFY(r.detail().find("more than 32 levels") != std::string::npos);
        // Names: bounded, no control characters.
        QCOMPARE(call(*api, "PUT", QStringLiteral("/api/styles/x%1y").arg(QChar(1)), {},
                      R"({"band": 1})")
                     .status,
                 400);
        QCOMPARE(call(*api, "PUT", QStringLiteral("/api/styles/") + QString(65, QLatin1Char('n')),
                      {}, R"({"band": 1})")
                     .status,
                 400);
        QCOMPARE(call(*api, "PUT", "/api/styles/default", {}, R"({"band": 1})").status, 400);
        // WMS STYLES= reads presets through the same guard: a server with a 20-byte style limit
        // refuses the stored preset "b" (30 bytes) with a 400 report.
        ServerLimits tiny = smallLimits();
        tiny.maxStyleBytes = 20;
        auto strict = makeApi(tiny);
        r = call(*strict, "GET", "/wms",
                 parse("SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=1&STYLES=b&CRS=CRS:84&"
                       "BBOX=-10,-5,10,10&FORMAT=image/png&WIDTH=32&HEIGHT=32"));
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("bytes long"));
        r = call(*api, "GET", "/wms",
                 parse("SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=1&STYLES=b&CRS=CRS:84&"
                       "BBOX=-10,-5,10,10&FORMAT=image/png&WIDTH=32&HEIGHT=32"));
        QCOMPARE(r.status, 200);
        for (const char* name : {"a", "b", "c"})
            QCOMPARE(call(*api, "DELETE", QStringLiteral("/api/styles/%1").arg(QLatin1String(name)))
                         .status,
                     200);
    }

    void hostileStyles() {
        auto api = makeApi(ServerLimits{});  // 64 KiB, depth 32
        const QString tile = QStringLiteral("/api/image/1/tiles/0/0/0.png");
        // A million '[': refused on its size alone, at once.
        const std::string million(1000000, '[');
        QElapsedTimer t;
        t.start();
        Reply r = call(*api, "GET", tile, {{"style", million}});
        qInfo("million-'[' style: HTTP %d in %.3f ms", r.status, t.nsecsElapsed() / 1e6);
        QCOMPARE(r.status, 400);
        QVERIFY(r.detail().find("1000000 bytes") != std::string::npos);
        // With the size limit raised to the hard maximum the depth check refuses it, as fast.
        ServerLimits roomy;
        roomy.maxStyleBytes = 4 << 20;
        auto api2 = makeApi(roomy);
        t.restart();
        r = call(*api2, "GET", tile, {{"style", million}});
        qInfo("million-'[' style under a 4 MiB size limit: HTTP %d in %.3f ms", r.status,
              t.nsecsElapsed() / 1e6);
        QCOMPARE(r.status, 400);
        QVERIFY(r.detail().find("more than 32 levels") != std::string::npos);
        // Balanced, so a parser would accept it: the guard still runs first.
        t.restart();
        r = call(*api2, "GET", tile, {{"style", nested(500000)}});
        qInfo("balanced 500000-deep style: HTTP %d in %.3f ms", r.status, t.nsecsElapsed() / 1e6);
        QCOMPARE(r.status, 400);
        // Depth 33 → 400 from the guard; 32 passes it (and the style parser then names the bad
        // palette); brackets inside strings do not count.
        r = call(*api, "GET", tile, {{"style", R"({"palette": )" + nested(32) + "}"}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.detail().find("more than 32 levels") != std::string::npos);
        r = call(*api, "GET", tile, {{"style", R"({"palette": )" + nested(31) + "}"}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.detail().find("palette") != std::string::npos);
        QVERIFY(r.detail().find("levels") == std::string::npos);
        QVERIFY_THROWS_NO_EXCEPTION(checkStyleText(nested(10)));
        QVERIFY_THROWS_NO_EXCEPTION(checkStyleText(nested(32)));
        QVERIFY_THROWS_EXCEPTION(Error, checkStyleText(nested(33)));
        QVERIFY_THROWS_NO_EXCEPTION(checkStyleText("{\"a\": \"" + std::string(100, '[') + "\"}"));
        QVERIFY_THROWS_NO_EXCEPTION(checkStyleText("{\"a\": \"\\\"[[[[\", \"b\": 1}", {64, 1}));
        // The deepest real styles (bands → entry → palette → colour, depth 4) render: 200.
        const std::string deep = R"({"bands": [{"band": 1, "palette": [[0, 0, 0], [255, 0, 0]]}, )"
                                 R"({"band": 2, "palette": [[0, 0, 0], [0, 255, 0]]}]})";
        r = call(*api, "GET", tile, {{"style", deep}});
        QCOMPARE(r.status, 200);
        // The server is fine afterwards.
        QCOMPARE(call(*api, "GET", tile).status, 200);
        // The CLI's --style and every caller of styleJsonFromParams get the same guard.
        SimpleStyleParams p;
        p.style = million;
        QVERIFY_THROWS_EXCEPTION(Error, styleJsonFromParams(p));
        p.style = nested(33);
        QVERIFY_THROWS_EXCEPTION(Error, styleJsonFromParams(p));
    }

    void rawStyleTextPassedOn() {
        auto api = makeApi(ServerLimits{});
        // Key order, spacing and number spelling as the client wrote them.
        const std::string raw = R"({ "max": 2.0e2,  "band": 1, "min": 10 })";
        SimpleStyleParams p;
        p.style = raw;
        QCOMPARE(styleJsonFromParams(p), raw);
        HttpRequest req;
        req.method = "GET";
        req.path = QStringLiteral("/api/image/1/tiles/0/0/0.png");
        req.query = {{"style", raw}};
        auto m = api->routes().match(req.method, req.path);
        QVERIFY(m);
        RouteContext ctx(*api, req, *m->route, m->pathParams, api->registry().find("1"));
        QCOMPARE(ctx.style().styleJson, raw);
        // Malformed JSON keeps django-large-image's message.
        p.style = "{bad";
        try {
            styleJsonFromParams(p);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("`style` query parameter is malformed and likely not properly "
                                 "URL encoded: {bad"));
        }
        // It renders as the canonical form does.
        const Reply a = call(*api, "GET", "/api/image/1/tiles/0/0/0.png", {{"style", raw}});
        const Reply b = call(*api, "GET", "/api/image/1/tiles/0/0/0.png",
                             {{"style", R"({"band":1,"max":200,"min":10})"}});
        QCOMPARE(a.status, 200);
        QCOMPARE(b.status, 200);
        const Image ia = decodeImage(Bytes(a.body.begin(), a.body.end()));
        const Image ib = decodeImage(Bytes(b.body.begin(), b.body.end()));
        QCOMPARE(ia.width, ib.width);
        QVERIFY(ia.pixels == ib.pixels);
        QVERIFY(std::any_of(ia.pixels.begin(), ia.pixels.end(), [](auto v) { return v > 0; }));
    }
};

QTEST_GUILESS_MAIN(TestBudgets)
#include "test_budgets.moc"
