#include "util/c_locale.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace tessera {

namespace {

// The "C" locale object (numeric category only matters), made once; never freed.
locale_t cLocale() {
    static const locale_t loc = newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
    return loc;
}

}  // namespace

double strtodC(const char* text, char** end) {
    return strtod_l(text, end, cLocale());
}

std::optional<double> parseDoubleC(std::string_view text) {
    std::size_t b = 0, e = text.size();
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (b < e && space(text[b])) ++b;
    while (e > b && space(text[e - 1])) --e;
    if (b == e) return std::nullopt;
    const std::string t(text.substr(b, e - b));
    char* end = nullptr;
    const double v = strtodC(t.c_str(), &end);
    if (end != t.c_str() + t.size()) return std::nullopt;
    return v;
}

std::string formatDoubleC(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc()) return "0";
    return std::string(buf, end);
}

std::string formatFixedC(double v, int decimals) {
    if (!std::isfinite(v)) return formatDoubleC(v);
    char buf[400];
    const auto [end, ec] =
        std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    if (ec != std::errc()) return formatDoubleC(v);
    return std::string(buf, end);
}

CNumericScope::CNumericScope() : previous_(uselocale(cLocale())) {}

CNumericScope::~CNumericScope() {
    uselocale(previous_);
}

}  // namespace tessera
