#include "http/security.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace tessera::http {

QByteArray SecurityPolicy::requestToken(const HttpRequest& req, bool* fromQuery) {
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

namespace {

// "host:port", "[::1]:port", "host" → the host name in lower case, without brackets.
QByteArray hostName(QByteArray host) {
    host = host.trimmed().toLower();
    if (host.startsWith('[')) {
        const qsizetype end = host.indexOf(']');
        return end < 0 ? QByteArray() : host.mid(1, end - 1);
    }
    const qsizetype colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(':') == colon) host.truncate(colon);
    if (host.endsWith('.')) host.chop(1);
    return host;
}

}  // namespace

bool SecurityPolicy::hostAllowed(const HttpRequest& req) const {
    if (!checkHost) return true;
    const QByteArray host = hostName(req.header("host"));
    // No Host at all (HTTP/1.0 tools): not a browser, so not a rebinding page (browsers always
    // send the name they resolved).
    if (host.isEmpty()) return req.header("host").isEmpty();
    if (host == "localhost" || host.endsWith(".localhost")) return true;
    QHostAddress addr;
    if (addr.setAddress(QString::fromLatin1(host)) && addr.isLoopback()) return true;
    for (const QByteArray& h : allowedHosts)
        if (h.toLower() == host) return true;
    return false;
}

QByteArray SecurityPolicy::allowOrigin(const HttpRequest& req) const {
    if (corsOrigins.empty()) return {};
    const QByteArray origin = req.header("origin");
    for (const QByteArray& o : corsOrigins) {
        if (o == "*") return "*";
        if (!origin.isEmpty() && o == origin) return origin;
    }
    return {};
}

bool isWriteMethod(const QByteArray& method) noexcept {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool constantTimeEqual(const QByteArray& a, const QByteArray& b) noexcept {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QByteArray randomToken() {
    QByteArray raw(24, '\0');
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::string scrubPaths(const std::string& message) {
    // An absolute path: "/" + at least two components, starting a word or after a quote,
    // bracket, colon or '='. Its first component must exist on this machine (so "/api/..."
    // and "/wms" stay) — the path itself need not.
    static const QRegularExpression re(
        QStringLiteral(R"((^|[\s'"`(\[:=])(/[^\s'"`/)\]]+(?:/[^\s'"`/)\]]+)+))"));
    const QString in = QString::fromStdString(message);
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(in);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString path = m.captured(2);
        const QString first = path.section(QLatin1Char('/'), 1, 1);
        out += in.mid(last, m.capturedStart(2) - last);
        const bool onDisk = !first.isEmpty() && first != QLatin1String("api") &&
                            QFileInfo::exists(QLatin1Char('/') + first);
        out += onDisk ? QFileInfo(path).fileName() : path;
        last = m.capturedEnd(2);
    }
    out += in.mid(last);
    return out.toStdString();
}

}  // namespace tessera::http
