#include "service/style_params.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

bool isNully(const std::string& value) {
    std::string v = value;
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    return v.empty() || v == "none" || v == "undefined" || v == "null" || v == "false";
}

std::string styleJsonFromParams(const SimpleStyleParams& p, const StyleLimits& limits) {
    if (p.style && !p.style->empty()) {
        const std::string& text = *p.style;
        checkStyleText(text, limits);  // size and depth on the raw bytes, before any parser
        // Syntax only (an iterative SAX pass, no DOM); the text itself is what the style parser
        // and the cache keys see.
        if (!nlohmann::json::accept(text))
            fail(ErrorKind::BadRequest,
                 trf("StyleParams",
                     "`style` query parameter is malformed and likely not properly URL encoded: %1",
                     text.size() > 200 ? text.substr(0, 197) + "..." : text));
        return text;
    }
    if (!p.band || p.band->empty()) return {};
    int band = 0;
    const std::string& b = *p.band;
    auto [ptr, ec] = std::from_chars(b.data(), b.data() + b.size(), band);
    if (ec != std::errc() || ptr != b.data() + b.size())
        fail(ErrorKind::BadRequest,
             trf("StyleParams", "The band parameter must be an integer, not \"%1\".", b));
    if (band == 0) return {};
    nlohmann::json style = {{"band", band}};
    // django-large-image copies these as strings; numeric strings are accepted by the style.
    auto copy = [&](const char* key, const std::optional<std::string>& v) {
        if (v && !isNully(*v)) style[key] = *v;
    };
    copy("min", p.min);
    copy("max", p.max);
    copy("palette", p.palette);
    copy("nodata", p.nodata);
    copy("scheme", p.scheme);
    // Query values are bytes: invalid UTF-8 becomes U+FFFD (the style parser then names the bad
    // value) instead of an exception from the JSON writer.
    return style.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tessera
