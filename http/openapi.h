// The OpenAPI 3.0 document of the route table: one operation per route (per-image routes under
// the documented prefix /api/image/{id}/), parameters with type, default and enum, response
// content types, and the token security schemes.
#pragma once

#include <nlohmann/json.hpp>

#include "http/route_table.h"

namespace tessera::http {

nlohmann::json openApiDocument(const RouteTable& table, const std::string& version);

}  // namespace tessera::http
