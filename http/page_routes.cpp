// Pages and files: the OpenAPI document and Swagger UI (/docs), the per-image viewers (CesiumJS
// globe for geospatial images, a flat pixel viewer otherwise), a small index page, our own
// scripts (embedded :/tessera/web/) and the vendored CesiumJS / Swagger UI files.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QRegularExpression>

#include "http/openapi.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

QByteArray htmlEscape(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped().toUtf8();
}

QByteArray resource(const QString& name) {
    QFile f(QStringLiteral(":/tessera/web/") + name);
    if (!f.open(QIODevice::ReadOnly)) fail(ErrorKind::NotFound, trc("Http", "Not found."));
    return f.readAll();
}

QByteArray mimeFor(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("js") || suffix == QStringLiteral("mjs")) return "text/javascript";
    if (suffix == QStringLiteral("css")) return "text/css";
    if (suffix == QStringLiteral("html")) return "text/html; charset=utf-8";
    if (suffix == QStringLiteral("json")) return "application/json";
    if (suffix == QStringLiteral("wasm")) return "application/wasm";
    static const QMimeDatabase db;
    return db.mimeTypeForFile(path, QMimeDatabase::MatchExtension).name().toUtf8();
}

// Fills a page template: {{IMAGE_ID}}, {{IMAGE_NAME}}, {{API_BASE}}, {{LARGE_IMAGE_BASE}}.
HttpResponse page(const QString& name, const RegisteredImage& img) {
    QByteArray html = resource(name);
    html.replace("{{IMAGE_ID}}", htmlEscape(img.id));
    html.replace("{{IMAGE_NAME}}", htmlEscape(img.name));
    html.replace(
        "{{API_BASE}}",
        QByteArray::fromStdString(img.urlPrefix) +
            QByteArray::fromPercentEncoding(QByteArray::fromStdString(img.id)).toPercentEncoding());
    html.replace("{{LARGE_IMAGE_BASE}}", "/api/large-image");
    HttpResponse r = HttpResponse::bytes(html, "text/html; charset=utf-8");
    r.setHeader("Cache-Control", "no-cache");
    return r;
}

HttpResponse staticFile(const QString& root, const QString& rel) {
    static const QRegularExpression okPath(
        QStringLiteral("^[A-Za-z0-9_.@+-]+(/[A-Za-z0-9_.@+-]+)*$"));
    if (root.isEmpty() || !okPath.match(rel).hasMatch() || rel.contains(QStringLiteral("..")))
        fail(ErrorKind::NotFound, trc("Http", "Not found."));
    const QString rootCanon = QDir(root).canonicalPath();
    const QFileInfo fi(rootCanon + QLatin1Char('/') + rel);
    const QString canon = fi.canonicalFilePath();
    if (canon.isEmpty() || !canon.startsWith(rootCanon + QLatin1Char('/')) || !fi.isFile())
        fail(ErrorKind::NotFound, trc("Http", "Not found."));
    QFile f(canon);
    if (!f.open(QIODevice::ReadOnly)) fail(ErrorKind::NotFound, trc("Http", "Not found."));
    HttpResponse r = HttpResponse::bytes(f.readAll(), mimeFor(canon));
    r.setHeader("Cache-Control", "public, max-age=86400");
    return r;
}

const std::vector<std::string> kHtml = {"text/html"};

}  // namespace

void addPageRoutes(RouteTable& t) {
    t.add({.pattern = "/openapi.json",
           .summary = "This OpenAPI document",
           .tag = "docs",
           .produces = {"application/json"},
           .work = Work::Inline,
           .isPublic = true,
           .handler = [](RouteContext& c) {
               return HttpResponse::json(openApiDocument(c.api.routes(), TESSERA_VERSION));
           }});
    t.add({.pattern = "/docs",
           .summary = "Swagger UI",
           .tag = "docs",
           .produces = kHtml,
           .work = Work::Inline,
           .isPublic = true,
           .handler = [](RouteContext&) {
               return HttpResponse::bytes(resource(QStringLiteral("swagger.html")),
                                          "text/html; charset=utf-8");
           }});
    t.add({.pattern = "/",
           .summary = "Index of the served images",
           .tag = "docs",
           .produces = kHtml,
           .work = Work::Inline,
           .handler = [](RouteContext& c) {
               QByteArray rows;
               for (const auto& img : c.api.registry().list()) {
                   const QByteArray base = "/api/image/" + htmlEscape(img.id);
                   rows += "<li><b>" + htmlEscape(img.name) + "</b> (id " + htmlEscape(img.id) +
                           "): <a href=\"" + base + "/cesium\">globe</a> · <a href=\"" + base +
                           "/viewer\">viewer</a> · <a href=\"" + base +
                           "/info/metadata\">metadata</a> · <a href=\"" + base +
                           "/data/thumbnail.png\">thumbnail</a></li>\n";
               }
               QByteArray html = resource(QStringLiteral("index.html"));
               html.replace("{{IMAGES}}", rows);
               return HttpResponse::bytes(html, "text/html; charset=utf-8");
           }});
    t.add({.pattern = "cesium",
           .perImage = true,
           .summary = "CesiumJS globe viewer",
           .description = "EPSG:3857 tiles on the globe with opacity and a style builder; the "
                          "page's query string (style, band, palette, ...) is forwarded to the "
                          "tile URLs. Images that are not georeferenced get the pixel viewer.",
           .tag = "viewers",
           .produces = kHtml,
           .handler = [](RouteContext& c) {
               const bool geo = c.api.engine().metadata(c.image->ref).value("geospatial", false);
               return page(geo ? QStringLiteral("cesium.html") : QStringLiteral("viewer.html"),
                           *c.image);
           }});
    t.add(
        {.pattern = "viewer",
         .perImage = true,
         .summary = "Pixel-space tile viewer",
         .description = "A canvas tile viewer over the native pixel tiles, with the style builder.",
         .tag = "viewers",
         .produces = kHtml,
         .work = Work::Inline,
         .handler = [](RouteContext& c) { return page(QStringLiteral("viewer.html"), *c.image); }});
    t.add({.pattern = "/web/app/{file}",
           .summary = "Tessera's page scripts and styles",
           .tag = "files",
           .params = {{"file", ParamIn::Path, ParamType::String, "", "File name.", true, {}}},
           .work = Work::Inline,
           .isPublic = true,
           .inOpenApi = false,
           .handler = [](RouteContext& c) {
               const QString name = QString::fromStdString(c.string("file"));
               static const QRegularExpression ok(
                   QStringLiteral("^[A-Za-z0-9_-]+\\.(js|css|html|png|svg)$"));
               if (!ok.match(name).hasMatch()) fail(ErrorKind::NotFound, trc("Http", "Not found."));
               HttpResponse r = HttpResponse::bytes(resource(name), mimeFor(name));
               r.setHeader("Cache-Control", "no-cache");
               return r;
           }});
    t.add({.pattern = "/web/{path}",
           .summary = "Vendored browser libraries (CesiumJS, Swagger UI)",
           .tag = "files",
           .params = {{"path", ParamIn::Path, ParamType::Path, "", "File path.", true, {}}},
           .isPublic = true,
           .inOpenApi = false,
           .handler = [](RouteContext& c) {
               return staticFile(c.api.assetsDir(), QString::fromStdString(c.string("path")));
           }});
}

}  // namespace tessera::http
