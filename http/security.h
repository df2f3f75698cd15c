// Security policy of the HTTP server: who may call what. The access token (required for every
// non-public route when bound beyond loopback or when given explicitly, and always for routes
// that change state), the Host check that defeats DNS rebinding on loopback servers, and CORS
// (off unless origins are configured).
//
// Thread safety: a value; set before the server starts, then only read.
#pragma once

#include <QByteArray>
#include <QString>
#include <string>
#include <vector>

#include "http/http_types.h"

namespace tessera::http {

struct SecurityPolicy {
    QByteArray token;            // never empty once the server started
    bool tokenForReads = false;  // GET/HEAD need the token too
    bool checkHost = false;      // loopback bind: only loopback Host names (plus allowedHosts)
    std::vector<QByteArray> allowedHosts;  // extra Host names (without port) accepted
    std::vector<QByteArray> corsOrigins;   // "*" = any origin; empty = no CORS headers

    // The token the request carries ("Authorization: Bearer", "X-Tessera-Token", "?token=" —
    // then *fromQuery is set — or the tessera_token cookie); empty when none.
    static QByteArray requestToken(const HttpRequest& req, bool* fromQuery);
    // True when the Host header names this server (see checkHost).
    bool hostAllowed(const HttpRequest& req) const;
    // The Access-Control-Allow-Origin value for the request's Origin ("" = send none).
    QByteArray allowOrigin(const HttpRequest& req) const;
};

// True for methods that change state (everything but GET, HEAD and OPTIONS).
bool isWriteMethod(const QByteArray& method) noexcept;

// Compares without leaking the position of the first difference through timing.
bool constantTimeEqual(const QByteArray& a, const QByteArray& b) noexcept;

// A random URL-safe token (24 bytes of the system's CSPRNG, base64url).
QByteArray randomToken();

// Replaces absolute file system paths in an error message by their file names, so error
// bodies never reveal where the server keeps its files. API paths ("/api/...") are kept.
std::string scrubPaths(const std::string& message);

}  // namespace tessera::http
