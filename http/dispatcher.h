// Dispatcher: one parsed HTTP request in, one response out — independent of the transport.
// It applies the security policy (Host check, access token, CORS), matches the route table,
// runs cheap routes at once and everything else on a bounded worker pool (local files, or
// remote sources so a slow store never stalls local images), answers 503 + Retry-After when
// that pool's queue is full, installs the request's cancellation token and memory budget for
// the core, and turns every exception into a JSON error with no server paths in it.
//
// Thread safety: dispatch() may be called from any number of transport threads at once; the
// completion runs on the calling thread (cheap routes) or a worker thread.
#pragma once

#include <functional>
#include <memory>

#include "http/http_types.h"
#include "http/security.h"
#include "http/server_limits.h"
#include "util/bounded_pool.h"
#include "util/request_context.h"

namespace tessera::http {

class ApiState;

class Dispatcher {
  public:
    using Done = std::function<void(HttpResponse)>;

    Dispatcher(std::shared_ptr<ApiState> api, SecurityPolicy policy, const ServerLimits& limits);
    ~Dispatcher();

    // Answers `request`; `done` is called exactly once (with a response that is dropped when
    // the request was cancelled meanwhile). Never blocks.
    void dispatch(std::shared_ptr<const HttpRequest> request, CancelToken cancel, Done done);

    // Stops the worker pools: queued requests are answered 503, running ones are waited for.
    void stop();

    const SecurityPolicy& policy() const noexcept { return policy_; }
    BoundedPool& localPool() noexcept { return local_; }
    BoundedPool& remotePool() noexcept { return remote_; }

  private:
    void finish(const HttpRequest& req, bool publicRoute, HttpResponse& r,
                const QByteArray& cookie) const;

    std::shared_ptr<ApiState> api_;
    SecurityPolicy policy_;
    ServerLimits limits_;
    BoundedPool local_;
    BoundedPool remote_;
};

}  // namespace tessera::http
