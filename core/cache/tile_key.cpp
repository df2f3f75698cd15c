#include "cache/tile_key.h"

#include <algorithm>
#include <functional>

#include <nlohmann/json.hpp>

namespace tessera {

namespace {

constexpr std::size_t kMaxCanonicalBytes = 1 << 20;
constexpr int kMaxCanonicalDepth = 32;

void field(std::string& out, char tag, const std::string& value) {
    out += tag;
    out += std::to_string(value.size());
    out += ':';
    out += value;
}

void field(std::string& out, char tag, long long value) {
    out += tag;
    out += std::to_string(value);
    out += ';';
}

}  // namespace

std::string EncoderKey::text() const {
    std::string k = encodingName(encoding);
    switch (encoding) {
        case Encoding::JPEG:
            k += ":q" + std::to_string(options.jpegQuality) + "s" +
                 std::to_string(options.jpegSubsampling);
            break;
        case Encoding::WebP:
            k += ":q" + std::to_string(options.webpQuality) + (options.webpLossless ? "l" : "");
            break;
        case Encoding::PNG:
            k += ":z" + std::to_string(options.pngLevel);
            break;
        case Encoding::TIFF:
            k += ":c" + options.tiffCompression;
            break;
    }
    return k;
}

std::string TileKey::str() const {
    std::string s;
    s.reserve(view.size() + style.size() + extra.size() + 64);
    field(s, 'k', int(kind));
    field(s, 'v', view);
    field(s, 'z', z);
    field(s, 'x', x);
    field(s, 'y', y);
    field(s, 'f', frame);
    field(s, 's', style);
    field(s, 'c', edgeCrop ? 1 : 0);
    field(s, 'e', extra);
    field(s, 'n', encoder ? encoder->text() : std::string());
    return s;
}

std::size_t TileKey::hash() const {
    return std::hash<std::string>{}(str());
}

std::string canonicalStyle(const std::string& styleJson) {
    if (styleJson.empty() || styleJson.size() > kMaxCanonicalBytes) return styleJson;
    // Hostile text must not reach the parser's recursion: deep nesting stays as given (the
    // style parser rejects it with its own limits when the tile is rendered).
    int depth = 0, deepest = 0;
    for (char c : styleJson) {
        if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
        if (c == ']' || c == '}') --depth;
    }
    if (deepest > kMaxCanonicalDepth) return styleJson;
    try {
        nlohmann::json j = nlohmann::json::parse(styleJson, nullptr, false);
        return j.is_discarded() ? styleJson : j.dump();
    } catch (...) {
        return styleJson;
    }
}

}  // namespace tessera
