// Parsing and validation of large_image style JSON (large-image-compat.md §3.1).
//
// Tessera validates more strictly than large_image in a few places, always with a BadRequest
// that names the key and the value instead of a silent fallback:
//  - unknown keys are rejected (large_image ignores them);
//  - min/max strings that are not a number, auto/min/max/full or min:T/max:T/auto:T with T in
//    [0, 1] are rejected (large_image logs a warning and treats them as "auto");
//  - scheme, composite, clamp, dtype and axis must be one of their documented values
//    (large_image treats anything else as the default);
//  - "function" (python style functions) is reported as Unsupported.
// A JSON null value counts as an absent key.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "style/style.h"
#include "util/c_locale.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

constexpr int kMaxDepth = kHardStyleLimits.maxDepth;

[[noreturn]] void badStyle(const std::string& msg) {
    fail(ErrorKind::BadRequest, msg);
}

// A short printable form of a JSON value for messages.
std::string shown(const nlohmann::json& v) {
    std::string s;
    try {
        s = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } catch (...) {
        s = "?";
    }
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
}

[[noreturn]] void badValue(const std::string& key, const nlohmann::json& value) {
    badStyle(trf("Style", "Style key \"%1\" has an invalid value: %2.", key, shown(value)));
}

// Parses a number the way Python's float() does (surrounding spaces allowed, nan/inf too).
std::optional<double> parseNumber(std::string_view text) {
    std::string t = trimmed(text);
    if (t.empty()) return std::nullopt;
    // Python accepts underscores between digits; strtod does not: keep strict, refuse them.
    for (char c : t)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+'))
            return std::nullopt;
    // Refuse hexadecimal forms strtod would accept but Python does not.
    if (t.find('x') != std::string::npos || t.find('X') != std::string::npos) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    double v = strtodC(t.c_str(), &end);  // '.' whatever the locale
    if (end != t.c_str() + t.size()) return std::nullopt;
    return v;
}

bool jsonDepthWithin(const nlohmann::json& v, int limit) {
    if (limit < 0) return false;
    if (v.is_array() || v.is_object()) {
        for (const auto& item : v)
            if (!jsonDepthWithin(item, limit - 1)) return false;
    }
    return true;
}

// An integer from a JSON number (integral floats allowed, as Python's `1.0 in bands`).
std::optional<long long> integerOf(const nlohmann::json& v) {
    if (v.is_number_integer()) return v.get<long long>();
    if (v.is_number_unsigned()) {
        auto u = v.get<unsigned long long>();
        if (u > static_cast<unsigned long long>(1LL << 62)) return std::nullopt;
        return static_cast<long long>(u);
    }
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 1e15)
            return static_cast<long long>(d);
    }
    return std::nullopt;
}

std::variant<std::monostate, int, std::string> parseBand(const nlohmann::json& v) {
    const std::string bandMessage =
        trc("Style",
            "Band has to be a positive integer, -1, or a band interpretation found in the "
            "source.");
    auto bad = [&]() -> std::variant<std::monostate, int, std::string> {
        badStyle(bandMessage + " " + trf("Style", "(band: %1)", shown(v)));
    };
    if (v.is_boolean()) return bad();
    if (v.is_number()) {
        auto i = integerOf(v);
        if (!i || *i < -1000000 || *i > 1000000) return bad();
        return static_cast<int>(*i);
    }
    if (v.is_string()) {
        std::string s = trimmed(v.get<std::string>());
        if (s.empty() || s.size() > 64) return bad();
        bool digits = true;
        for (char c : s) digits = digits && std::isdigit(static_cast<unsigned char>(c));
        if (digits) {
            if (s.size() > 7) return bad();
            return std::stoi(s);
        }
        for (char c : s)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' '))
                return bad();
        return s;
    }
    return bad();
}

std::variant<std::monostate, double, std::string> parseMinMax(const std::string& key,
                                                              const nlohmann::json& v) {
    if (v.is_number()) {
        double d = v.get<double>();
        if (!std::isfinite(d)) badValue(key, v);
        return d;
    }
    if (!v.is_string()) badValue(key, v);
    const std::string s = v.get<std::string>();
    if (s == "auto" || s == "min" || s == "max" || s == "full") return s;
    auto colon = s.find(':');
    if (colon != std::string::npos) {
        std::string mode = s.substr(0, colon);
        if (mode == "min" || mode == "max" || mode == "auto") {
            auto t = parseNumber(std::string_view(s).substr(colon + 1));
            if (!t || !(*t >= 0.0 && *t <= 1.0))
                badStyle(trf("Style",
                             "Style key \"%1\" has an invalid value %2: the threshold after "
                             "\"%3:\" must be a number from 0 to 1.",
                             key, shown(v), mode));
            // Normalise the text so equal styles make equal cache keys.
            nlohmann::json tj = *t;
            return mode + ":" + tj.dump();
        }
    }
    auto n = parseNumber(s);
    if (!n || !std::isfinite(*n))
        badStyle(trf("Style",
                     "Style key \"%1\" has an invalid value %2: use a number, \"auto\", \"min\", "
                     "\"max\", \"full\", or \"min:T\", \"max:T\", \"auto:T\" with T from 0 to 1.",
                     key, shown(v)));
    return *n;
}

BandStyle parseBandEntry(const nlohmann::json& obj, bool topLevel, nlohmann::json& normalised) {
    if (!obj.is_object())
        badStyle(trf("Style", "Each entry of \"bands\" must be an object, not %1.", shown(obj)));
    BandStyle b;
    normalised = nlohmann::json::object();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string& key = it.key();
        const nlohmann::json& v = it.value();
        if (v.is_null()) continue;
        if (key == "band") {
            b.band = parseBand(v);
            if (auto* i = std::get_if<int>(&b.band))
                normalised[key] = *i;
            else
                normalised[key] = std::get<std::string>(b.band);
            continue;
        } else if (key == "frame" || key == "framedelta") {
            if (v.is_boolean()) badValue(key, v);
            auto i = integerOf(v);
            if (!i || *i < -1000000000 || *i > 1000000000) badValue(key, v);
            if (key == "frame" && *i < 0) badValue(key, v);
            if (key == "frame")
                b.frame = static_cast<int>(*i);
            else
                b.framedelta = static_cast<int>(*i);
            normalised[key] = static_cast<int>(*i);
            continue;
        } else if (key == "min" || key == "max") {
            auto mm = parseMinMax(key, v);
            (key == "min" ? b.min : b.max) = mm;
            if (auto* d = std::get_if<double>(&mm))
                normalised[key] = *d;
            else
                normalised[key] = std::get<std::string>(mm);
            continue;
        } else if (key == "palette") {
            std::optional<Palette> p;
            try {
                p = parsePalette(v);
            } catch (const Error&) {
                p.reset();
            } catch (const std::exception&) {
                p.reset();
            }
            if (!p || p->empty())
                badStyle(trf("Style",
                             "Style key \"palette\": %1 cannot be used as a color palette.",
                             shown(v)));
            b.palette = std::move(*p);
            b.paletteSource = v;
        } else if (key == "scheme") {
            if (!v.is_string() || (v != "linear" && v != "discrete")) badValue(key, v);
            b.scheme = v.get<std::string>();
        } else if (key == "nodata") {
            if (v.is_number() && !v.is_boolean()) {
                b.nodata = v.get<double>();
            } else if (v.is_string()) {
                auto n = parseNumber(v.get<std::string>());
                if (!n) badValue(key, v);
                b.nodata = *n;
            } else {
                badValue(key, v);
            }
            if (std::isfinite(*b.nodata))
                normalised[key] = *b.nodata;
            else
                normalised[key] = v;  // "nan", "inf": kept as written
            continue;
        } else if (key == "composite") {
            if (!v.is_string() || (v != "lighten" && v != "multiply")) badValue(key, v);
            b.composite = v.get<std::string>();
        } else if (key == "clamp") {
            if (!v.is_boolean()) badValue(key, v);
            b.clamp = v.get<bool>();
        } else if (key == "dtype") {
            if (!v.is_string() || (v != "uint8" && v != "uint16" && v != "float" && v != "source"))
                badValue(key, v);
            b.dtype = v.get<std::string>();
        } else if (key == "axis") {
            auto i = v.is_boolean() ? std::nullopt : integerOf(v);
            if (!i || *i < 0 || *i > 3) badValue(key, v);
            b.axis = static_cast<int>(*i);
            normalised[key] = static_cast<int>(*i);
            continue;
        } else if (key == "icc") {
            // ICC correction toggle / rendering intent: accepted, no effect on styled output.
            if (!v.is_boolean() && !v.is_string()) badValue(key, v);
        } else if (key == "function") {
            fail(ErrorKind::Unsupported,
                 trc("Style", "Style functions (\"function\") are not supported by Tessera."));
        } else if (topLevel && key == "bands") {
            continue;  // handled by the caller
        } else {
            badStyle(trf("Style", "Unknown style key \"%1\" (value %2).", key, shown(v)));
        }
        normalised[key] = v;
    }
    return b;
}

}  // namespace

Style parseStyle(const nlohmann::json& value) {
    if (!value.is_object()) badStyle(trc("Style", "Style is not a valid json object."));
    if (!jsonDepthWithin(value, kMaxDepth)) badStyle(trc("Style", "Style is nested too deeply."));
    Style style;
    nlohmann::json norm = nlohmann::json::object();

    bool onlyIcc = true;
    bool any = false;
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (it.value().is_null()) continue;
        any = true;
        if (it.key() != "icc") onlyIcc = false;
    }
    if (!any) {
        style.raw = true;
        style.json = norm;
        return style;
    }
    if (onlyIcc) {
        // {"icc": ...} alone: the default style (ICC handling is the source's business).
        const auto& v = value.at("icc");
        if (!v.is_boolean() && !v.is_string()) badValue("icc", v);
        norm["icc"] = v;
        style.json = norm;
        return style;
    }

    auto bandsIt = value.find("bands");
    if (bandsIt != value.end() && !bandsIt->is_null()) {
        if (!bandsIt->is_array())
            badStyle(trf("Style", "Style key \"bands\" must be a list, not %1.", shown(*bandsIt)));
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string& key = it.key();
            const auto& v = it.value();
            if (v.is_null() || key == "bands") continue;
            if (key == "dtype") {
                if (!v.is_string() ||
                    (v != "uint8" && v != "uint16" && v != "float" && v != "source"))
                    badValue(key, v);
                style.dtype = v.get<std::string>();
                norm[key] = v;
            } else if (key == "axis") {
                auto i = v.is_boolean() ? std::nullopt : integerOf(v);
                if (!i || *i < 0 || *i > 3) badValue(key, v);
                style.axis = static_cast<int>(*i);
                norm[key] = static_cast<int>(*i);
            } else if (key == "icc") {
                if (!v.is_boolean() && !v.is_string()) badValue(key, v);
                norm[key] = v;
            } else if (key == "function") {
                fail(ErrorKind::Unsupported,
                     trc("Style", "Style functions (\"function\") are not supported by Tessera."));
            } else {
                badStyle(trf("Style", "Unknown style key \"%1\" (value %2).", key, shown(v)));
            }
        }
        if (bandsIt->size() > 256)
            badStyle(trc("Style", "Style key \"bands\" has more than 256 entries."));
        nlohmann::json list = nlohmann::json::array();
        for (const auto& entry : *bandsIt) {
            nlohmann::json n;
            style.bands.push_back(parseBandEntry(entry, false, n));
            list.push_back(std::move(n));
        }
        norm["bands"] = std::move(list);
    } else {
        nlohmann::json n;
        BandStyle b = parseBandEntry(value, true, n);
        style.dtype = b.dtype;
        style.axis = b.axis;
        style.singleEntry = true;
        style.bands.push_back(std::move(b));
        norm = std::move(n);
    }
    style.json = std::move(norm);
    return style;
}

Style parseStyle(std::string_view jsonText) {
    return parseStyle(parseStyleJson(jsonText, kHardStyleLimits));
}

Style parseStyle(const std::string& jsonText) {
    return parseStyle(std::string_view(jsonText));
}

Style parseStyle(const char* jsonText) {
    return parseStyle(jsonText ? std::string_view(jsonText) : std::string_view());
}

StyleLimits StyleLimits::of(long long maxBytes, long long maxDepth) {
    StyleLimits l;
    l.maxBytes = std::size_t(std::clamp<long long>(maxBytes, 0, kHardStyleLimits.maxBytes));
    l.maxDepth = int(std::clamp<long long>(maxDepth, 0, kHardStyleLimits.maxDepth));
    return l;
}

bool jsonNestingWithin(std::string_view text, int maxDepth) noexcept {
    int depth = 0;
    bool inString = false, escape = false;
    for (char c : text) {
        if (inString) {
            if (escape)
                escape = false;
            else if (c == '\\')
                escape = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth) return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

void checkStyleText(std::string_view text, const StyleLimits& limits) {
    const std::size_t maxBytes = std::min(limits.maxBytes, kHardStyleLimits.maxBytes);
    const int maxDepth = std::clamp(limits.maxDepth, 0, kHardStyleLimits.maxDepth);
    if (text.size() > maxBytes)
        badStyle(trf("Style", "The style is %1 bytes long; at most %2 bytes are accepted.",
                     std::to_string(text.size()), std::to_string(maxBytes)));
    if (!jsonNestingWithin(text, maxDepth))
        badStyle(trf("Style",
                     "The style nests lists and objects more than %1 levels deep; no style needs "
                     "that many.",
                     std::to_string(maxDepth)));
}

nlohmann::json parseStyleJson(std::string_view text, const StyleLimits& limits) {
    checkStyleText(text, limits);
    // Iterative parser (no recursion), on text whose depth is now bounded.
    nlohmann::json value = nlohmann::json::parse(text.begin(), text.end(), nullptr, false, false);
    if (value.is_discarded()) badStyle(trc("Style", "Style is not a valid json object."));
    return value;
}

}  // namespace tessera
