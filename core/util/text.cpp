#include "util/text.h"

namespace tessera {

std::string asciiLower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = asciiLower(c);
    return out;
}

std::string asciiUpper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = asciiUpper(c);
    return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (asciiLower(a[i]) != asciiLower(b[i])) return false;
    return true;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string_view trimmedView(std::string_view s) noexcept {
    while (!s.empty() && asciiSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && asciiSpace(s.back())) s.remove_suffix(1);
    return s;
}

std::string trimmed(std::string_view s) {
    return std::string(trimmedView(s));
}

}  // namespace tessera
