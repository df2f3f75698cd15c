#include "http/tile_response.h"

#include <QHash>

namespace tessera::http {

QByteArray etagFor(const QByteArray& body) {
    const size_t h = qHash(QByteArrayView(body), size_t(0x7e55e7a));
    return '"' + QByteArray::number(quint64(h), 16) + '-' + QByteArray::number(body.size()) + '"';
}

HttpResponse cacheableImage(const HttpRequest& request, const Encoded& encoded) {
    const auto& bytes = *encoded.bytes;
    QByteArray body(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
    const QByteArray etag = etagFor(body);
    HttpResponse r;
    const QByteArray inm = request.header("if-none-match");
    bool notModified = false;
    for (QByteArray tag : inm.split(',')) {
        tag = tag.trimmed();
        if (tag.startsWith("W/")) tag = tag.mid(2);
        notModified = notModified || tag == etag || tag == "*";
    }
    if (notModified) {
        r.status = 304;
    } else {
        r.contentType = QByteArray::fromStdString(encoded.mimeType);
        r.body = std::move(body);
    }
    r.setHeader("ETag", etag);
    r.setHeader("Cache-Control", "public, max-age=3600");
    return r;
}

}  // namespace tessera::http
