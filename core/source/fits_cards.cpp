#include "source/fits_cards.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "util/c_locale.h"

namespace tessera {

std::string fitsTrim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && s[b] == ' ') ++b;
    return s.substr(b);
}

FitsCard parseFitsCard(const char* c) {
    FitsCard card;
    card.key = fitsTrim(std::string(c, 8));
    if (c[8] != '=' || c[9] != ' ') return card;
    const std::string field(c + 10, kFitsCardBytes - 10);
    std::size_t i = 0;
    while (i < field.size() && field[i] == ' ') ++i;
    if (i < field.size() && field[i] == '\'') {
        std::size_t j = i + 1;
        while (j < field.size()) {
            if (field[j] == '\'') {
                if (j + 1 < field.size() && field[j + 1] == '\'') {
                    j += 2;
                    continue;
                }
                break;
            }
            ++j;
        }
        card.value = field.substr(i, std::min(field.size(), j + 1) - i);
    } else {
        const std::size_t slash = field.find('/', i);
        card.value =
            fitsTrim(field.substr(i, slash == std::string::npos ? std::string::npos : slash - i));
    }
    card.hasValue = true;
    return card;
}

std::string fitsUnquote(const std::string& v) {
    if (v.size() < 2 || v.front() != '\'') return v;
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
        out += v[i];
        if (v[i] == '\'' && v[i + 1] == '\'') ++i;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::optional<long long> fitsIntegerValue(const std::string& v) {
    if (v.empty()) return std::nullopt;
    const char* b = v.data();
    const char* e = v.data() + v.size();
    if (*b == '+') ++b;
    long long out = 0;
    auto [p, ec] = std::from_chars(b, e, out);
    if (ec == std::errc() && p == e) return out;
    std::string d = v;
    std::replace(d.begin(), d.end(), 'D', 'E');
    std::replace(d.begin(), d.end(), 'd', 'e');
    const std::optional<double> x = parseDoubleC(d);
    if (!x || !std::isfinite(*x) || *x != std::floor(*x) || std::abs(*x) >= 9.2e18)
        return std::nullopt;
    return static_cast<long long>(*x);
}

}  // namespace tessera
