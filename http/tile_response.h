// Cacheable image responses: the ETag (a hash of the bytes), Cache-Control and the 304 answer
// to a matching If-None-Match.
#pragma once

#include "http/http_types.h"
#include "service/engine.h"

namespace tessera::http {

// 200 with the bytes, ETag and "Cache-Control: public, max-age=3600"; 304 when the request's
// If-None-Match names that ETag.
HttpResponse cacheableImage(const HttpRequest& request, const Encoded& encoded);

// The ETag of a body: "<64-bit hash hex>-<size>", quoted.
QByteArray etagFor(const QByteArray& body);

}  // namespace tessera::http
