// Colour and palette parsing as large_image does it (large_image/tilesource/utilities.py:
// getPaletteColors, _arrayToPalette and its `colormap` of upper-case primaries), on top of
// PIL.ImageColor.getcolor(..., 'RGBA') and matplotlib.colors.to_hex for what PIL rejects.
#include "style/color.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "style/palette_tables.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

constexpr Rgba kBlack{0, 0, 0, 255};
constexpr Rgba kTransparentBlack{0, 0, 0, 0};

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
// large_image's `colormap`: exact (case-sensitive) names it maps before asking PIL, so that
// "G"/"GREEN" mean pure green although CSS green is #008000.
std::string_view largeImageAlias(std::string_view s) {
    if (s == "R" || s == "RED") return "#ff0000";
    if (s == "G" || s == "GREEN") return "#00ff00";
    if (s == "B" || s == "BLUE") return "#0000ff";
    return s;
}

// What Python's float() gives for a decimal string that overflows or underflows a double.
double outOfRangeValue(std::string_view text) {
    const std::size_t e = text.find_first_of("eE");
    if (e != std::string_view::npos) {
        return (e + 1 < text.size() && text[e + 1] == '-')
                   ? 0.0
                   : std::numeric_limits<double>::infinity();
    }
    const std::string_view integerPart = text.substr(0, text.find('.'));
    return integerPart.find_first_not_of('0') == std::string_view::npos
               ? 0.0
               : std::numeric_limits<double>::infinity();
}

// An unsigned decimal number (digits, optional fraction and exponent) as Python parses it.
std::optional<double> parseNumber(std::string_view text) {
    double value = 0;
    const auto [end, ec] =
        std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
    if (end != text.data() + text.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range) return outOfRangeValue(text);
    if (ec != std::errc()) return std::nullopt;
    return value;
}

// A small matcher for the regular expressions of PIL.ImageColor.getrgb, applied to the
// lower-cased text. `atEnd` is Python's `$`: the end, or just before a final newline.
class Matcher {
  public:
    explicit Matcher(std::string_view text) : s_(text) {}

    bool literal(std::string_view lit) {
        if (s_.substr(pos_, lit.size()) != lit) return false;
        pos_ += lit.size();
        return true;
    }
    void spaces() {
        while (pos_ < s_.size() && isSpace(s_[pos_])) ++pos_;
    }
    // (\d+)
    bool integer(double& value) {
        const std::size_t start = pos_;
        while (pos_ < s_.size() && isDigit(s_[pos_])) ++pos_;
        if (pos_ == start) return false;
        value = parseNumber(s_.substr(start, pos_ - start)).value_or(0.0);
        return true;
    }
    // (\d+\.?\d*)
    bool decimal(double& value) {
        const std::size_t start = pos_;
        while (pos_ < s_.size() && isDigit(s_[pos_])) ++pos_;
        if (pos_ == start) return false;
        if (pos_ < s_.size() && s_[pos_] == '.') {
            ++pos_;
            while (pos_ < s_.size() && isDigit(s_[pos_])) ++pos_;
        }
        std::string number(s_.substr(start, pos_ - start));
        if (number.back() == '.') number.push_back('0');
        value = parseNumber(number).value_or(0.0);
        return true;
    }
    bool atEnd() const { return pos_ == s_.size() || (pos_ + 1 == s_.size() && s_[pos_] == '\n'); }

    // "name(" ws a ws "," ws b ws "," ... ws ")" $ with `count` numbers, each followed by '%'
    // where `percent[i]`, each an integer or a decimal per `decimals[i]`.
    bool call(std::string_view name, int count, const bool* percent, const bool* decimals,
              double* out) {
        pos_ = 0;
        if (!literal(name) || !literal("(")) return false;
        for (int i = 0; i < count; ++i) {
            if (i > 0 && !literal(",")) return false;
            spaces();
            if (!(decimals[i] ? decimal(out[i]) : integer(out[i]))) return false;
            if (percent[i] && !literal("%")) return false;
            spaces();
        }
        return literal(")") && atEnd();
    }

  private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

// Python's float `%` 1.0.
double pyMod1(double x) {
    double m = std::fmod(x, 1.0);
    if (m != 0 && m < 0) m += 1.0;
    return m;
}

// colorsys.hls_to_rgb.
std::array<double, 3> hlsToRgb(double h, double l, double s) {
    if (s == 0.0) return {l, l, l};
    const double m2 = l <= 0.5 ? l * (1.0 + s) : l + s - (l * s);
    const double m1 = 2.0 * l - m2;
    const auto v = [&](double hue) {
        hue = pyMod1(hue);
        if (hue < 1.0 / 6.0) return m1 + (m2 - m1) * hue * 6.0;
        if (hue < 0.5) return m2;
        if (hue < 2.0 / 3.0) return m1 + (m2 - m1) * (2.0 / 3.0 - hue) * 6.0;
        return m1;
    };
    return {v(h + 1.0 / 3.0), v(h), v(h - 1.0 / 3.0)};
}

// colorsys.hsv_to_rgb.
std::array<double, 3> hsvToRgb(double h, double s, double v) {
    if (s == 0.0) return {v, v, v};
    const double i = std::trunc(h * 6.0);
    const double f = (h * 6.0) - i;
    const double p = v * (1.0 - s);
    const double q = v * (1.0 - s * f);
    const double t = v * (1.0 - s * (1.0 - f));
    const double sector = std::fmod(i, 6.0);  // input is at most 100 characters: finite
    switch (std::isfinite(sector) ? static_cast<int>(sector) : 5) {
        case 0:
            return {v, t, p};
        case 1:
            return {q, v, p};
        case 2:
            return {p, v, t};
        case 3:
            return {p, q, v};
        case 4:
            return {t, p, v};
        default:
            return {v, p, q};
    }
}

// Python's int(x * 255 + 0.5): truncation toward zero.
double to255(double x) {
    return std::trunc(x * 255.0 + 0.5);
}

// PIL.ImageColor.getcolor(text, 'RGBA').
std::optional<Rgba> pilColor(std::string_view text) {
    if (text.size() > 100) return std::nullopt;
    const std::string color = asciiLower(text);
    if (auto named = palette_tables::pilNamedColor(color)) return named;

    Matcher m(color);
    if (!color.empty() && color.front() == '#') {
        std::size_t n = 1;
        while (n < color.size() && (isDigit(color[n]) || (color[n] >= 'a' && color[n] <= 'f'))) {
            ++n;
        }
        const std::size_t digits = n - 1;
        const bool end = n == color.size() || (n + 1 == color.size() && color[n] == '\n');
        if (end && (digits == 3 || digits == 4 || digits == 6 || digits == 8)) {
            const auto nibble = [&](std::size_t i) {
                const char c = color[i];
                return isDigit(c) ? c - '0' : c - 'a' + 10;
            };
            Rgba out{0, 0, 0, 255};
            const std::size_t channels = (digits == 3 || digits == 6) ? 3 : 4;
            for (std::size_t c = 0; c < channels; ++c) {
                out[c] =
                    (digits <= 4) ? nibble(1 + c) * 17 : nibble(1 + 2 * c) * 16 + nibble(2 + 2 * c);
            }
            return out;
        }
        return std::nullopt;
    }

    double v[4] = {0, 0, 0, 0};
    static constexpr bool kNone[4] = {false, false, false, false};
    static constexpr bool kAll[4] = {true, true, true, true};
    static constexpr bool kHsl[3] = {false, true, true};
    if (m.call("rgb", 3, kNone, kNone, v)) return Rgba{v[0], v[1], v[2], 255};
    if (m.call("rgb", 3, kAll, kNone, v)) {
        return Rgba{std::trunc(v[0] * 255 / 100.0 + 0.5), std::trunc(v[1] * 255 / 100.0 + 0.5),
                    std::trunc(v[2] * 255 / 100.0 + 0.5), 255};
    }
    if (m.call("hsl", 3, kHsl, kAll, v)) {
        const auto rgb = hlsToRgb(v[0] / 360.0, v[2] / 100.0, v[1] / 100.0);
        return Rgba{to255(rgb[0]), to255(rgb[1]), to255(rgb[2]), 255};
    }
    if (m.call("hsb", 3, kHsl, kAll, v) || m.call("hsv", 3, kHsl, kAll, v)) {
        const auto rgb = hsvToRgb(v[0] / 360.0, v[1] / 100.0, v[2] / 100.0);
        return Rgba{to255(rgb[0]), to255(rgb[1]), to255(rgb[2]), 255};
    }
    if (m.call("rgba", 4, kNone, kNone, v)) return Rgba{v[0], v[1], v[2], v[3]};
    return std::nullopt;
}

// Python float() of a string, for matplotlib's "string gray" colours. Accepts surrounding
// whitespace, a sign, digits with single underscores between them, a fraction and an exponent.
std::optional<double> pythonFloat(std::string_view text) {
    while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
    std::string clean;
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            if (i == 0 || i + 1 == text.size() || !isDigit(text[i - 1]) || !isDigit(text[i + 1])) {
                return std::nullopt;
            }
            continue;
        }
        if (!isDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
            return std::nullopt;  // also rules out inf/nan, which fail the 0..1 check anyway
        }
        clean.push_back(c);
    }
    if (clean.empty() || clean.front() == '+' || clean.front() == '-') return std::nullopt;
    const auto value = parseNumber(clean);
    if (!value) return std::nullopt;
    return negative ? -*value : *value;
}

// matplotlib.colors.to_hex(text) followed by PIL: always opaque (to_hex drops alpha).
std::optional<Rgba> matplotlibColor(std::string_view text) {
    // "C<n>": the n-th colour of the default property cycle.
    if (text.size() >= 2 && text.front() == 'C' &&
        std::all_of(text.begin() + 1, text.end(), isDigit)) {
        const unsigned long long len = palette_tables::matplotlibCycleLength();
        unsigned long long n = 0;
        for (char c : text.substr(1)) n = (n * 10 + static_cast<unsigned>(c - '0')) % len;
        return palette_tables::matplotlibCycleColor(n);
    }
    const std::string lower = asciiLower(text);
    if (lower == "none") return kBlack;  // to_rgba gives (0,0,0,0); to_hex drops the alpha
    if (auto named = palette_tables::matplotlibNamedColor(text)) return named;
    if (text.size() != 1) {
        if (auto named = palette_tables::matplotlibNamedColor(lower)) return named;
    }
    // Hex forms are all accepted by PIL before we get here; what remains is "string gray".
    if (const auto gray = pythonFloat(text)) {
        if (!(*gray >= 0 && *gray <= 1)) return std::nullopt;
        const double level = std::nearbyint(*gray * 255);  // Python round(): half to even
        return Rgba{level, level, level, 255};
    }
    return std::nullopt;
}

// One palette entry given as a string: _arrayToPalette's PIL-then-matplotlib resolution.
std::optional<Rgba> colorFromString(std::string_view text) {
    if (auto c = pilColor(largeImageAlias(text))) return c;
    return matplotlibColor(text);
}

}  // namespace

std::optional<Rgba> parseColor(std::string_view text) {
    return colorFromString(text);
}

std::optional<Rgba> parseColor(const nlohmann::json& value) {
    if (value.is_string()) return colorFromString(value.get_ref<const std::string&>());
    if (!value.is_array() || value.empty()) return std::nullopt;
    // (list(clr) + [1, 1, 1])[:4] * 255: missing channels are 1, extra ones ignored.
    Rgba out{255, 255, 255, 255};
    for (std::size_t i = 0; i < value.size(); ++i) {
        const auto& v = value[i];
        double x = 0;
        if (v.is_number()) {
            x = v.get<double>();
        } else if (v.is_boolean()) {
            x = v.get<bool>() ? 1 : 0;
        } else {
            return std::nullopt;
        }
        if (i < 4) out[i] = x * 255;
    }
    return out;
}

std::optional<Palette> parsePalette(const nlohmann::json& value) {
    if (value.is_array()) {
        if (value.empty()) return std::nullopt;
        Palette palette;
        palette.reserve(value.size());
        for (const auto& entry : value) {
            auto color = parseColor(entry);
            if (!color) return std::nullopt;
            palette.push_back(*color);
        }
        return palette;
    }
    if (!value.is_string()) return std::nullopt;
    const std::string& text = value.get_ref<const std::string&>();
    // A single colour C is ['#000', C].
    if (auto color = pilColor(largeImageAlias(text))) return Palette{kBlack, *color};
    if (auto palette = palette_tables::palettablePalette(text)) return palette;
    // A matplotlib named colour is ['#0000', to_hex(C)].
    if (auto named = palette_tables::matplotlibNamedColor(text)) {
        return Palette{kTransparentBlack, *named};
    }
    return palette_tables::matplotlibColormap(text);
}

nlohmann::json colormapListing() {
    return nlohmann::json{
        {"matplotlib", palette_tables::matplotlibColormapNames()},
        {"simple", {"red", "green", "blue"}},
        {"palettable", palette_tables::palettableNames()},
    };
}

std::vector<unsigned char> paletteSwatch(const Palette& palette, int width, int height,
                                         bool discrete) {
    constexpr long long kMaxPixels = 1LL << 26;
    if (width < 0 || height < 0 || static_cast<long long>(width) * height > kMaxPixels) {
        fail(ErrorKind::BadRequest,
             trf("Palette", "A palette swatch of %1×%2 pixels cannot be made.",
                 std::to_string(width), std::to_string(height)));
    }
    if (palette.empty()) {
        fail(ErrorKind::BadRequest, trc("Palette", "An empty palette has no swatch."));
    }
    const auto toByte = [](double v) {
        if (!(v > 0)) return static_cast<unsigned char>(0);  // also NaN
        return static_cast<unsigned char>(std::min(v, 255.0));
    };
    const std::size_t n = palette.size();
    std::vector<unsigned char> row(static_cast<std::size_t>(width) * 4);
    for (int x = 0; x < width; ++x) {
        Rgba c{};
        if (n == 1) {
            c = palette[0];
        } else if (discrete) {
            const std::size_t i = std::min(static_cast<std::size_t>(x) * n / width, n - 1);
            c = palette[i];
        } else {
            const double v = width > 1 ? double(x) / (width - 1) : 0.0;
            const double pos = v * double(n - 1);
            const std::size_t j = std::min(static_cast<std::size_t>(pos), n - 2);
            const double f = pos - double(j);
            for (int k = 0; k < 4; ++k)
                c[k] = palette[j][k] + (palette[j + 1][k] - palette[j][k]) * f;
        }
        for (int k = 0; k < 4; ++k) row[static_cast<std::size_t>(x) * 4 + k] = toByte(c[k]);
    }
    std::vector<unsigned char> out;
    out.reserve(row.size() * static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) out.insert(out.end(), row.begin(), row.end());
    return out;
}

}  // namespace tessera
