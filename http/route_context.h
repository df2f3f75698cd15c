// RouteContext: one matched request as a handler sees it — the request, its route, path
// parameters and (per-image routes) the registered image — with typed parameter access that
// takes defaults from the route table, and the §1.2 parameters turned into request values.
//
// Parse errors throw Error(BadRequest) (mapped to 400). Not shared between threads.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "http/api_state.h"
#include "http/http_types.h"
#include "http/image_registry.h"
#include "http/route_table.h"
#include "service/requests.h"

namespace tessera::http {

class RouteContext {
  public:
    RouteContext(ApiState& api, const HttpRequest& request, const Route& route,
                 std::map<std::string, std::string> pathParams,
                 std::optional<RegisteredImage> image);

    ApiState& api;
    const HttpRequest& request;
    const Route& route;
    const std::map<std::string, std::string> pathParams;
    const std::optional<RegisteredImage> image;

    // The path parameter, else the first query value; nullopt when absent.
    std::optional<std::string> raw(const std::string& name) const;
    // Value or the route's default; throws BadRequest for a missing required parameter or a
    // value of the wrong type.
    std::string string(const std::string& name) const;
    int integer(const std::string& name) const;
    double number(const std::string& name) const;
    bool boolean(const std::string& name) const;
    // Nully (absent, '', 'none', 'null', ...) = nullopt.
    std::optional<double> optionalNumber(const std::string& name) const;

    // The registered image with the request's projection and source (source checked against
    // the readers of this build: 400 "'x' is not a valid source. Try one of: [...]").
    ImageRef imageRef() const;
    // Style from style / band / min / max / palette (cmap) / nodata / scheme, frame.
    StyleSpec style() const;
    // True when the request names a style (style JSON or band).
    bool styleGiven() const;
    // The encoding of the {fmt} path parameter (404 when unknown, as no route would match).
    Encoding encoding() const;

    // "http://host:port" as the client addressed the server (Host header).
    std::string origin() const;
    // The access token the request carried in its query ("" when none), to forward in URLs.
    std::string queryToken() const;
};

// The shared parameter lists of the route table.
std::vector<ParamSpec> imageParams();  // projection, source
std::vector<ParamSpec>
styleParams();  // style, band, min, max, palette, cmap, nodata, scheme, frame
// The {fmt} path parameter with the formats Tessera encodes.
ParamSpec formatParam(const std::string& description);

}  // namespace tessera::http
