// TileKey: the one key of every cached tile-shaped answer — map tiles, @2x tiles, Deep Zoom and
// WMTS tiles, WMS maps, thumbnails — for both the decoded-pixel and the encoded-byte tier. Every
// field that changes the pixels or the bytes is a field here (the file's identity, level, x, y,
// frame, canonical style, encoding and every encoder option), so no path can leave one out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "encode/encoding.h"

namespace tessera {

enum class TileKind : std::uint8_t {
    Tile,        // z/x/y of the view's grid
    Tile2x,      // a tile of twice the size made from the four children (z+1)
    DeepZoom,    // Deep Zoom level/col/row (254 px + 1 px overlap)
    Crs84,       // WMTS WorldCRS84Quad z/row/col
    Map,         // an arbitrary rendering (WMS GetMap): `extra` holds CRS, bounds and size
    Thumbnail,   // `extra` holds size, stretch, gamma, label
    Associated,  // associated slide image: `extra` holds its name and size
};

// An encoder and every option that changes its bytes.
struct EncoderKey {
    Encoding encoding = Encoding::PNG;
    EncodeOptions options;
    // Only the options the encoding reads take part (a PNG tile does not vary by JPEG quality).
    bool operator==(const EncoderKey& o) const { return text() == o.text(); }
    std::string text() const;
};

struct TileKey {
    TileKind kind = TileKind::Tile;
    std::string view;  // ImageView::key(): file identity + reader + projection
    int z = 0, x = 0, y = 0;
    int frame = 0;
    std::string style;  // canonicalStyle(): "" = default style, "{}" = raw
    bool edgeCrop = false;
    std::string extra;                  // kind-specific parameters (see TileKind)
    std::optional<EncoderKey> encoder;  // nullopt = decoded pixels

    // The same tile before encoding (the decoded tier's key).
    TileKey decoded() const {
        TileKey k = *this;
        k.encoder.reset();
        return k;
    }
    // Unambiguous text of every field: variable-length fields carry their length. What the
    // byte-keyed backends (memory, memcached) store under.
    std::string str() const;
    std::size_t hash() const;
    bool operator==(const TileKey& o) const = default;
};

// The style text in one canonical form: JSON re-serialised with sorted keys and no whitespace,
// so `{"min":0,"max":1}` and `{ "max": 1, "min": 0 }` share cache entries. "" stays "";
// unparsable text is returned as given (rendering it reports the error).
std::string canonicalStyle(const std::string& styleJson);

}  // namespace tessera

template <>
struct std::hash<tessera::TileKey> {
    std::size_t operator()(const tessera::TileKey& k) const { return k.hash(); }
};
