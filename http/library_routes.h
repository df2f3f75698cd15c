// The image library over HTTP: GET /api/library (list with search and filters),
// /api/library/folders, /api/library/{id_or_name} (one record), /api/library/{id_or_name}/
// thumbnail.{fmt}?width=&height=&label= (as the LCO archive thumbnail service), and the
// per-image API under /api/library/{id_or_name}/ (tiles, info, data, ...). Only files recorded
// in the library are ever opened: a request names an id or a base name, never a path.
// Thread safety: stateless functions; the store in ApiState is thread-safe.
#pragma once

#include <optional>
#include <string>

#include "http/image_registry.h"
#include "http/route_table.h"

namespace tessera::http {

class ApiState;

// The library image named by a library id or a file base name (or file name), as a
// RegisteredImage for the per-image routes; nullopt when no library is attached, the image is
// unknown or it could not be read at its last sync.
std::optional<RegisteredImage> findLibraryImage(ApiState& api, const std::string& idOrName);

// True for request paths under the library's per-image prefix (/api/library/{id}/...).
bool isLibraryImagePath(const QString& path);

}  // namespace tessera::http
