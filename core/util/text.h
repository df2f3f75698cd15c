// ASCII text helpers shared by core and http: case mapping, trimming and case-insensitive
// comparison. ASCII only and independent of the C locale on purpose: keywords, file extensions,
// option names, OGC parameters and URI schemes are ASCII, and the C library's tolower/isspace
// follow the locale the application sets.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace tessera {

constexpr char asciiLower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}
constexpr char asciiUpper(char c) noexcept {
    return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
}
constexpr bool asciiSpace(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string asciiLower(std::string_view s);
std::string asciiUpper(std::string_view s);
// Equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b) noexcept;
// s begins with prefix, ignoring ASCII case.
bool startsWithNoCase(std::string_view s, std::string_view prefix) noexcept;
// s without leading and trailing white space (space, \t, \n, \v, \f, \r).
std::string_view trimmedView(std::string_view s) noexcept;
std::string trimmed(std::string_view s);

}  // namespace tessera
