// JSON views of the service configuration shared by the CLI (`tessera formats`, `tessera crs`)
// and the server's formats endpoint. Pure functions of an immutable snapshot; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "formats/service_config.h"

namespace tessera {

// {"file", "formats": [{driver, mimeType, writable, extension}], "native": {src: driver},
//  "problems": [{file, line, message}]}
nlohmann::json formatsJson(const ServiceConfig& config);
// {"file", "epsg": [4326, ...], "crs": ["EPSG:4326", ...], "problems": [...]}
nlohmann::json crsJson(const ServiceConfig& config);
nlohmann::json problemsJson(const std::vector<ConfigProblem>& problems);

}  // namespace tessera
