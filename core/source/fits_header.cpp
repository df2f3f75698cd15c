#include "source/fits_header.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <regex>

#include "util/c_locale.h"
#include "util/text.h"

namespace tessera {

namespace {

constexpr std::size_t kCardLength = 80;

std::string trimRight(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
    return s;
}

// A FITS string value ('text' with '' for a quote) without its quotes and trailing blanks.
std::string unquote(const std::string& v) {
    std::size_t a = v.find('\'');
    std::size_t b = v.rfind('\'');
    if (a == std::string::npos || b <= a) return trimRight(v);
    std::string out;
    for (std::size_t i = a + 1; i < b; ++i) {
        out += v[i];
        if (v[i] == '\'' && i + 1 < b && v[i + 1] == '\'') ++i;
    }
    return trimRight(out);
}

std::string cardKeyName(const std::string& card) {
    char name[FLEN_KEYWORD] = {0};
    int len = 0, status = 0;
    std::string c = card.substr(0, kCardLength);
    if (ffgknm(c.data(), name, &len, &status) != 0) return trimRight(card.substr(0, 8));
    return name;
}

}  // namespace

std::vector<std::string> readHeaderCards(fitsfile* f, bool compressedImage) {
    std::vector<std::string> cards;
    char* header = nullptr;
    int nkeys = 0, status = 0;
    const CNumericScope cNumbers;  // the compressed-image conversion rewrites numeric cards
    if (compressedImage)
        fits_convert_hdr2str(f, 0, nullptr, 0, &header, &nkeys, &status);
    else
        fits_hdr2str(f, 0, nullptr, 0, &header, &nkeys, &status);
    if (status != 0 || !header) {
        if (header) fits_free_memory(header, &status);
        fits_clear_errmsg();
        return cards;
    }
    const std::string all(header);
    int ignored = 0;
    fits_free_memory(header, &ignored);
    for (std::size_t pos = 0; pos + 1 <= all.size(); pos += kCardLength) {
        std::string card = all.substr(pos, kCardLength);
        card.resize(kCardLength, ' ');
        if (card.compare(0, 8, "END     ") == 0) break;
        cards.push_back(std::move(card));
    }
    return cards;
}

nlohmann::json fitsCardValue(const std::string& card) {
    std::string c = card.substr(0, kCardLength);
    char value[FLEN_VALUE] = {0};
    char comment[FLEN_COMMENT] = {0};
    int status = 0;
    if (ffpsvc(c.data(), value, comment, &status) != 0) {
        fits_clear_errmsg();
        return nullptr;
    }
    std::string v = value;
    while (!v.empty() && v.front() == ' ') v.erase(v.begin());
    v = trimRight(v);
    if (v.empty()) return nullptr;
    char type = 0;
    status = 0;
    if (ffdtyp(v.c_str(), &type, &status) != 0) {
        fits_clear_errmsg();
        return v;
    }
    switch (type) {
        case 'C':
            return unquote(v);
        case 'L':
            return v == "T";
        case 'I': {
            char* end = nullptr;
            const long long i = std::strtoll(v.c_str(), &end, 10);
            if (end && *end == '\0') return i;
            return strtodC(v.c_str(), nullptr);  // too large for 64 bits
        }
        case 'F': {
            std::string d = v;
            std::replace(d.begin(), d.end(), 'D', 'E');
            std::replace(d.begin(), d.end(), 'd', 'e');
            char* end = nullptr;
            const double x = strtodC(d.c_str(), &end);
            if (end && *end == '\0') return x;
            return v;
        }
        default:
            return v;  // complex values stay as written
    }
}

nlohmann::json fitsHeaderKeywords(const std::vector<std::string>& cards) {
    nlohmann::json out = nlohmann::json::object();
    for (const std::string& card : cards) {
        const std::string key = cardKeyName(card);
        if (key.empty()) continue;
        if (key == "COMMENT" || key == "HISTORY") {
            nlohmann::json& list = out[key];
            if (!list.is_array()) list = nlohmann::json::array();
            list.push_back(trimRight(card.size() > 8 ? card.substr(8) : std::string()));
            continue;
        }
        nlohmann::json v = fitsCardValue(card);
        if (v.is_null() && card.find('=') == std::string::npos) continue;
        out[key] = std::move(v);
    }
    return out;
}

nlohmann::json fitsWcsKeywords(const nlohmann::json& keywords) {
    static const std::regex pattern(
        R"(^(NAXIS\d*|WCSAXES|WCSNAME|(CTYPE|CRVAL|CRPIX|CDELT|CUNIT|CROTA|CNAME|CRDER|CSYER)\d+|)"
        R"(CD\d+_\d+|PC\d+_\d+|PV\d+_\d+|PS\d+_\d+|LONPOLE|LATPOLE|RADESYS|RADECSYS|EQUINOX|)"
        R"(EPOCH|MJD-OBS|DATE-OBS|MJDREF|RESTFRQ|RESTWAV|SPECSYS|)"
        R"((A|B|AP|BP)_ORDER|(A|B|AP|BP)_\d+_\d+|A_DMAX|B_DMAX)$)");
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : keywords.items())
        if (!v.is_array() && std::regex_match(k, pattern)) out[k] = v;
    return out;
}

bool hasCelestialWcs(const nlohmann::json& keywords) {
    auto ctype = [&](const char* k) {
        auto it = keywords.find(k);
        return it != keywords.end() && it->is_string() ? asciiUpper(it->get<std::string>())
                                                       : std::string();
    };
    const std::string c1 = ctype("CTYPE1"), c2 = ctype("CTYPE2");
    if (c1.size() < 8 || c2.size() < 8) return false;
    auto celestial = [](const std::string& c) {
        static const char* prefixes[] = {"RA--", "DEC-", "GLON", "GLAT", "ELON",
                                         "ELAT", "SLON", "SLAT", "HLON", "HLAT"};
        for (const char* p : prefixes)
            if (c.compare(0, 4, p) == 0) return true;
        // Generic xxLN/xxLT pairs (e.g. "TLON", "PLAT"): any "??LN"/"??LT".
        return c.compare(2, 2, "LN") == 0 || c.compare(2, 2, "LT") == 0;
    };
    return celestial(c1) && celestial(c2) && c1[4] == '-' && c2[4] == '-';
}

}  // namespace tessera
