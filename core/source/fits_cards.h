// A small, bounded parser of FITS header cards (80-character records) for the structure checks
// made before cfitsio reads a file: key, value field and the integer reading cfitsio applies.
//
// Thread safety: pure functions and plain values.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

constexpr std::size_t kFitsCardBytes = 80;

struct FitsCard {
    std::string key;
    std::string value;  // the value field without comment; strings keep their quotes
    bool hasValue = false;
};

// One header: its cards in order and the first card of each key.
struct FitsHeader {
    std::vector<FitsCard> cards;
    std::map<std::string, std::size_t> first;  // key → index of its first card

    const FitsCard* find(const std::string& key) const {
        auto it = first.find(key);
        return it == first.end() ? nullptr : &cards[it->second];
    }
};

// Trailing blanks and NULs and leading blanks removed.
std::string fitsTrim(std::string s);
// Parses the kFitsCardBytes characters at c.
FitsCard parseFitsCard(const char* c);
// A string value without quotes and trailing blanks.
std::string fitsUnquote(const std::string& v);
// An integer keyword as cfitsio reads it: an integer literal, or a real with an integral value.
std::optional<long long> fitsIntegerValue(const std::string& v);

}  // namespace tessera
