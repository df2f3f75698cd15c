#include "http/http_types.h"

#include <QUrl>

namespace tessera::http {

std::optional<std::string> HttpRequest::queryValue(const std::string& name) const {
    for (const auto& [k, v] : query)
        if (k == name) return v;
    return std::nullopt;
}

QByteArray HttpRequest::header(const QByteArray& lowerName) const {
    for (const auto& [k, v] : headers)
        if (k == lowerName) return v;
    return {};
}

std::vector<std::pair<std::string, std::string>> HttpRequest::parseQuery(const QByteArray& raw) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const QByteArray& item : raw.split('&')) {
        if (item.isEmpty()) continue;
        const qsizetype eq = item.indexOf('=');
        QByteArray k = eq < 0 ? item : item.left(eq);
        QByteArray v = eq < 0 ? QByteArray() : item.mid(eq + 1);
        k.replace('+', ' ');
        v.replace('+', ' ');
        out.emplace_back(QByteArray::fromPercentEncoding(k).toStdString(),
                         QByteArray::fromPercentEncoding(v).toStdString());
    }
    return out;
}

void HttpResponse::setHeader(const QByteArray& name, const QByteArray& value) {
    for (auto& [k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0) {
            v = value;
            return;
        }
    }
    headers.emplace_back(name, value);
}

HttpResponse HttpResponse::json(const nlohmann::json& value, int status) {
    HttpResponse r;
    r.status = status;
    r.contentType = "application/json";
    // Invalid UTF-8 in metadata strings must not throw: replace it.
    r.body = QByteArray::fromStdString(
        value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return r;
}

HttpResponse HttpResponse::error(int status, const std::string& detail) {
    return json(nlohmann::json{{"detail", detail}}, status);
}

HttpResponse HttpResponse::bytes(QByteArray data, QByteArray contentType, int status) {
    HttpResponse r;
    r.status = status;
    r.contentType = std::move(contentType);
    r.body = std::move(data);
    return r;
}

const char* reasonPhrase(int status) noexcept {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 302:
            return "Found";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 413:
            return "Content Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 499:
            return "Client Closed Request";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 505:
            return "HTTP Version Not Supported";
        case 507:
            return "Insufficient Storage";
        default:
            return "Unknown";
    }
}

}  // namespace tessera::http
