// Plain HTTP request and response values the route handlers see. They hold no network objects,
// so handlers can run on any worker thread and be called directly by tests.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace tessera::http {

struct HttpRequest {
    QByteArray method;  // "GET", "POST", ... (upper case)
    QString path;       // percent-decoded path, e.g. "/api/image/1/tiles/0/0/0.png"
    // Query items in order, '+' and %XX decoded as HTML forms and Django do.
    std::vector<std::pair<std::string, std::string>> query;
    std::vector<std::pair<QByteArray, QByteArray>> headers;  // names lower-cased
    QByteArray body;
    QHostAddress remoteAddress;

    // First value of a query item; nullopt when absent.
    std::optional<std::string> queryValue(const std::string& name) const;
    // First value of a header (name in lower case); empty when absent.
    QByteArray header(const QByteArray& lowerName) const;
    // Parses "a=1&b=x+y" into query (used by the listener and tests).
    static std::vector<std::pair<std::string, std::string>> parseQuery(const QByteArray& raw);
};

struct HttpResponse {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    std::vector<std::pair<QByteArray, QByteArray>> headers;  // extra headers

    void setHeader(const QByteArray& name, const QByteArray& value);

    static HttpResponse json(const nlohmann::json& value, int status = 200);
    // django-large-image / DRF error shape: {"detail": "..."}.
    static HttpResponse error(int status, const std::string& detail);
    static HttpResponse bytes(QByteArray data, QByteArray contentType, int status = 200);
};

// Reason phrase of a status code ("OK", "Not Found", ...).
const char* reasonPhrase(int status) noexcept;

}  // namespace tessera::http
