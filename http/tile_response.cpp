#include "http/tile_response.h"

#include <QHash>
#include <algorithm>
#include <cstring>

#include "encode/encoder.h"
#include "tiling/tile_grid.h"

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

namespace {

void blit(Image& dst, const Image& src, int ox, int oy) {
    const std::size_t px = std::size_t(src.channels) * sampleSize(src.type);
    const int w = std::min(src.width, dst.width - ox);
    for (int y = 0; y < src.height && oy + y < dst.height; ++y)
        std::memcpy(dst.row(oy + y) + std::size_t(ox) * px, src.row(y), std::size_t(w) * px);
}

Image doubled(const Image& src) {
    Image out(src.width * 2, src.height * 2, src.channels, src.type);
    const std::size_t px = std::size_t(src.channels) * sampleSize(src.type);
    for (int y = 0; y < out.height; ++y) {
        const std::uint8_t* s = src.row(y / 2);
        std::uint8_t* d = out.row(y);
        for (int x = 0; x < out.width; ++x) std::memcpy(d + x * px, s + (x / 2) * px, px);
    }
    return out;
}

}  // namespace

Encoded tile2x(Engine& engine, const TileRequest& r) {
    auto view = engine.view(r.image);
    const TileGrid& grid = view->grid();
    grid.checkTile(r.z, r.x, r.y);
    const std::string key = view->key() + "|t2x" + std::to_string(r.z) + "/" + std::to_string(r.x) +
                            "/" + std::to_string(r.y) + "|" + r.style.styleJson + "|f" +
                            std::to_string(r.style.frame) + "|" + encodingName(r.encoding) + ":" +
                            std::to_string(r.encodeOptions.jpegQuality) + ":" +
                            std::to_string(r.encodeOptions.webpQuality);
    if (auto hit = engine.tileCache().get(key)) return {hit, mimeType(r.encoding)};

    const int size = grid.tileWidth();  // native tile size for TIFF sources, else 256
    const int sizeH = grid.tileHeight();
    Image out;
    if (!grid.isProjected() && r.z + 1 >= grid.levels()) {
        TileRequest t = r;
        t.edgeCrop = false;
        out = doubled(engine.tileImage(t));
    } else {
        for (int dy = 0; dy < 2; ++dy) {
            for (int dx = 0; dx < 2; ++dx) {
                TileRequest c = r;
                c.z = r.z + 1;
                c.x = 2 * r.x + dx;
                c.y = 2 * r.y + dy;
                c.edgeCrop = false;
                if (!grid.isProjected() && (c.x >= grid.tilesX(c.z) || c.y >= grid.tilesY(c.z)))
                    continue;  // outside the image: stays transparent
                Image child = engine.tileImage(c);
                if (out.empty()) out = Image(2 * size, 2 * sizeH, child.channels, child.type);
                if (child.channels != out.channels || child.type != out.type) continue;
                blit(out, child, dx * size, dy * sizeH);
            }
        }
    }
    auto bytes = std::make_shared<const Bytes>(encodeImage(out, r.encoding, r.encodeOptions));
    engine.tileCache().put(key, bytes);
    return {bytes, mimeType(r.encoding)};
}

}  // namespace tessera::http
