// The route table: every HTTP route once — method, path pattern, summary, parameters (name, in,
// type, default, description), response content types and handler. Both the router (match())
// and the OpenAPI 3 document (openapi.h) are generated from it, so they never disagree.
//
// Patterns: literal text with {name} placeholders, e.g. "tiles/{z}/{x}/{y}.{fmt}". A
// placeholder matches by its path parameter's type: integer → digits, a string with enum
// values → one of them, type "path" → the rest of the path, else one segment. Per-image routes
// are written relative to the image and served under every prefix of kImagePrefixes.
//
// Thread safety: build the table on one thread, then match() from any thread (const).
#pragma once

#include <QRegularExpression>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/http_types.h"

namespace tessera::http {

class RouteContext;

enum class ParamIn { Path, Query };
enum class ParamType { Integer, Number, String, Boolean, Path };

struct ParamSpec {
    std::string name;
    ParamIn in = ParamIn::Query;
    ParamType type = ParamType::String;
    std::string defaultValue;  // "" = no default
    std::string description{};
    bool required = false;
    std::vector<std::string> enumValues{};
};

// Where a handler runs: on the server thread (cheap answers) or on a worker pool (anything that
// opens, reads or renders an image, or reads files).
enum class Work { Inline, Pool };

using RouteHandler = std::function<HttpResponse(RouteContext&)>;

struct Route {
    std::string method = "GET";
    std::string pattern{};  // absolute ("/api/large-image/sources") or per-image relative
    bool perImage = false;
    std::string summary{};
    std::string description{};
    std::string tag{};
    std::vector<ParamSpec> params{};      // without the {id} parameter of per-image routes
    std::vector<std::string> produces{};  // response content types
    Work work = Work::Pool;
    bool isPublic = false;  // served without the access token (static assets, docs)
    bool inOpenApi = true;  // false for the static-file and page helper routes
    bool hasBody = false;   // PUT/POST JSON body
    RouteHandler handler{};

    const ParamSpec* param(const std::string& name) const;
};

// The per-image URL prefixes: the documented one first, then django-large-image's example.
// The third serves library images by library id or file base name (http/library_routes.h).
inline const std::vector<std::string> kImagePrefixes = {"/api/image/{id}/", "/api/image-file/{id}/",
                                                        "/api/library/{id}/"};

class RouteTable {
  public:
    void add(Route route);
    const std::vector<Route>& routes() const noexcept { return routes_; }

    struct Match {
        const Route* route = nullptr;
        std::map<std::string, std::string> pathParams;
    };
    // The route for method and path. When the path matches only under other methods,
    // methodMismatch is set (405) and nullopt returned. HEAD matches GET routes.
    std::optional<Match> match(const QByteArray& method, const QString& path,
                               bool* methodMismatch = nullptr) const;

    // The full patterns a route is served under ("/api/image/{id}/tiles/metadata", ...).
    static std::vector<std::string> fullPatterns(const Route& route);

  private:
    struct Compiled {
        std::size_t route;
        QRegularExpression regex;
        std::vector<std::string> names;
    };
    std::vector<Route> routes_;
    std::vector<Compiled> compiled_;
};

}  // namespace tessera::http
