// Cacheable image responses: the ETag (a hash of the bytes), Cache-Control and the 304 answer
// to a matching If-None-Match; and the @2x (512²) tile assembled from the four z+1 children.
#pragma once

#include "http/http_types.h"
#include "service/engine.h"

namespace tessera::http {

// 200 with the bytes, ETag and "Cache-Control: public, max-age=3600"; 304 when the request's
// If-None-Match names that ETag.
HttpResponse cacheableImage(const HttpRequest& request, const Encoded& encoded);

// The ETag of a body: "<64-bit hash hex>-<size>", quoted.
QByteArray etagFor(const QByteArray& body);

// A 512² tile covering tile z/x/y: the four children at z + 1 rendered and assembled (below the
// deepest level of a pixel grid, the tile itself doubled by pixel replication). Children
// outside a pixel grid stay transparent. Cached in the engine's tile cache.
Encoded tile2x(Engine& engine, const TileRequest& request);

}  // namespace tessera::http
