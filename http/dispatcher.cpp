#include "http/dispatcher.h"

#include <QThread>

#include "http/api_state.h"
#include "http/library_routes.h"
#include "http/route_context.h"
#include "source/open_source.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

int poolThreads(long long configured) {
    return configured > 0 ? int(configured) : std::max(2, QThread::idealThreadCount());
}

// Runs a handler, turning every exception into a JSON error: a request never crashes the server.
HttpResponse runHandler(const Route& route, RouteContext& ctx) {
    try {
        return route.handler(ctx);
    } catch (const Error& e) {
        return HttpResponse::error(httpStatusFor(e.kind()), scrubPaths(e.what()));
    } catch (const std::bad_alloc&) {
        return HttpResponse::error(507, trc("Http",
                                            "The server ran out of memory for this "
                                            "request; ask for a smaller answer."));
    } catch (const std::exception& e) {
        return HttpResponse::error(500, scrubPaths(e.what()));
    } catch (...) {
        return HttpResponse::error(500, trc("Http", "Internal error."));
    }
}

HttpResponse busy(const ServerLimits& limits) {
    HttpResponse r =
        HttpResponse::error(503, trc("Http", "The server is busy; try again in a moment."));
    r.setHeader("Retry-After", QByteArray::number(limits.retryAfterSeconds));
    return r;
}

HttpResponse cancelled() {
    return HttpResponse::error(499, trc("Http", "The request was cancelled."));
}

}  // namespace

Dispatcher::Dispatcher(std::shared_ptr<ApiState> api, SecurityPolicy policy,
                       const ServerLimits& limits)
    : api_(std::move(api)),
      policy_(std::move(policy)),
      limits_(limits),
      local_("tessera-local", poolThreads(limits.localThreads),
             std::size_t(std::max(0LL, limits.localQueue))),
      remote_("tessera-remote", poolThreads(limits.remoteThreads),
              std::size_t(std::max(0LL, limits.remoteQueue))) {}

Dispatcher::~Dispatcher() {
    stop();
}

void Dispatcher::stop() {
    local_.stop();
    remote_.stop();
}

void Dispatcher::finish(const HttpRequest& req, bool publicRoute, HttpResponse& r,
                        const QByteArray& cookie) const {
    if (const QByteArray origin = policy_.allowOrigin(req); !origin.isEmpty()) {
        r.setHeader("Access-Control-Allow-Origin", origin);
        r.setHeader("Access-Control-Expose-Headers", "ETag, Content-Length, Retry-After");
        if (origin != "*") r.setHeader("Vary", "Origin");
    }
    r.setHeader("X-Content-Type-Options", "nosniff");
    if (!publicRoute && policy_.tokenForReads) {
        // Answers behind a token must not be kept by shared caches (proxies, CDNs).
        bool found = false;
        for (auto& [k, v] : r.headers) {
            if (k.compare("Cache-Control", Qt::CaseInsensitive) == 0) {
                v.replace("public", "private");
                found = true;
            }
        }
        if (!found) r.setHeader("Cache-Control", "private");
    }
    if (!cookie.isEmpty())
        r.setHeader("Set-Cookie",
                    "tessera_token=" + cookie + "; Path=/; HttpOnly; SameSite=Strict");
}

void Dispatcher::dispatch(std::shared_ptr<const HttpRequest> reqPtr, CancelToken cancel,
                          Done done) {
    const HttpRequest& req = *reqPtr;
    auto answer = [&](HttpResponse r, bool publicRoute = false, const QByteArray& cookie = {}) {
        finish(req, publicRoute, r, cookie);
        done(std::move(r));
    };
    if (!policy_.hostAllowed(req)) {
        answer(HttpResponse::error(
            403, trc("Http", "This server only answers requests addressed to localhost.")));
        return;
    }
    if (req.method == "OPTIONS") {
        HttpResponse r;
        r.status = 204;
        r.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        if (!policy_.allowOrigin(req).isEmpty()) {
            r.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            r.setHeader("Access-Control-Allow-Headers",
                        "Authorization, X-Tessera-Token, Content-Type, If-None-Match");
            r.setHeader("Access-Control-Max-Age", "86400");
        }
        answer(std::move(r), true);
        return;
    }
    ApiState& api = *api_;
    bool mismatch = false;
    auto m = api.routes().match(req.method, req.path, &mismatch);
    if (!m) {
        answer(mismatch ? HttpResponse::error(405, trf("Http", "Method \"%1\" not allowed.",
                                                       req.method.left(16).toStdString()))
                        : HttpResponse::error(404, trc("Http", "Not found.")));
        return;
    }
    const Route* route = m->route;
    QByteArray cookie;
    const bool needToken = !route->isPublic && (policy_.tokenForReads || isWriteMethod(req.method));
    if (needToken) {
        bool fromQuery = false;
        const QByteArray given = SecurityPolicy::requestToken(req, &fromQuery);
        if (given.isEmpty()) {
            answer(HttpResponse::error(
                401, isWriteMethod(req.method) && !policy_.tokenForReads
                         ? trc("Http", "Changing the server's state needs the access token.")
                         : trc("Http", "Authentication credentials were not provided.")));
            return;
        }
        if (!constantTimeEqual(given, policy_.token)) {
            answer(HttpResponse::error(401, trc("Http", "Invalid token.")));
            return;
        }
        if (fromQuery) cookie = given;
    } else if (!route->isPublic) {
        // A valid ?token= on a public-read server still sets the cookie, so a page opened with
        // it can change styles and submit jobs.
        bool fromQuery = false;
        const QByteArray given = SecurityPolicy::requestToken(req, &fromQuery);
        if (fromQuery && constantTimeEqual(given, policy_.token)) cookie = given;
    }
    const bool library = route->perImage && isLibraryImagePath(req.path);
    std::optional<RegisteredImage> image;
    if (route->perImage && !library) {
        image = api.registry().find(m->pathParams["id"]);
        if (!image) {
            answer(HttpResponse::error(404, trc("Http", "Not found.")), false, cookie);
            return;
        }
    }
    const bool publicRoute = route->isPublic;
    const long long budget = limits_.requestMemoryBytes;
    auto job = [this, reqPtr, route, params = std::move(m->pathParams), image, library, cancel,
                budget, publicRoute, cookie, done]() mutable {
        HttpResponse r;
        if (cancel.cancelled()) {
            r = cancelled();
        } else {
            RequestScope scope({cancel, std::size_t(std::max(0LL, budget))});
            if (library) image = findLibraryImage(*api_, params["id"]);  // SQLite: never inline
            if (route->perImage && !image) {
                r = HttpResponse::error(404, trc("Http", "Not found."));
            } else {
                RouteContext ctx(*api_, *reqPtr, *route, std::move(params), image);
                r = runHandler(*route, ctx);
            }
        }
        finish(*reqPtr, publicRoute, r, cookie);
        done(std::move(r));
    };
    if (route->work == Work::Inline && !library) {
        job();
        return;
    }
    const bool remote = image && isRemoteUri(image->ref.uri);
    BoundedPool& pool = remote ? remote_ : local_;
    auto job_ptr = std::make_shared<decltype(job)>(std::move(job));
    auto dropped = [this, reqPtr, publicRoute, done]() {
        HttpResponse r = busy(limits_);
        finish(*reqPtr, publicRoute, r, {});
        done(std::move(r));
    };
    if (!pool.trySubmit([job_ptr] { (*job_ptr)(); }, dropped)) {
        HttpResponse r = busy(limits_);
        finish(req, publicRoute, r, {});
        done(std::move(r));
    }
}

}  // namespace tessera::http
