#include "geo/fits_wcs.h"

#include <wcslib/wcs.h>
#include <wcslib/wcsfix.h>
#include <wcslib/wcshdr.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <vector>

namespace tessera {

namespace {

std::mutex& parseMutex() {
    static std::mutex m;
    return m;
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '-')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    return s;
}

std::string card(const std::string& key, const nlohmann::json& v) {
    std::string value;
    if (v.is_string()) {
        std::string s = v.get<std::string>();
        std::string quoted = "'";
        for (char c : s) {
            quoted += c;
            if (c == '\'') quoted += '\'';
        }
        while (quoted.size() < 9) quoted += ' ';
        value = quoted + "'";
    } else if (v.is_boolean()) {
        value = std::string(19, ' ') + (v.get<bool>() ? "T" : "F");
    } else if (v.is_number_integer()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%20lld", v.get<long long>());
        value = buf;
    } else if (v.is_number()) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%20.15G", v.get<double>());
        value = buf;
        if (value.find_first_of(".E") == std::string::npos) value += ".";
    } else {
        return {};
    }
    std::string k = key.substr(0, 8);
    k.resize(8, ' ');
    std::string c = k + "= " + value;
    if (c.size() > 80) return {};
    c.resize(80, ' ');
    return c;
}

}  // namespace

std::string fitsCardsFromKeywords(const nlohmann::json& keywords) {
    std::string out;
    if (!keywords.is_object()) return out;
    for (const auto& [k, v] : keywords.items())
        if (k.size() <= 8) out += card(k, v);
    return out;
}

struct FitsWcs::Impl {
    mutable std::mutex mutex;
    int nwcs = 0;
    wcsprm* all = nullptr;
    wcsprm* wcs = nullptr;
    int height = 0;
    std::string lngName, latName, system, projection;

    ~Impl() {
        if (all) wcsvfree(&nwcs, &all);
    }
};

std::optional<FitsWcs> FitsWcs::fromHeader(const std::string& cards) {
    if (cards.size() < 80) return std::nullopt;
    auto impl = std::make_shared<Impl>();
    std::string header = cards.substr(0, cards.size() / 80 * 80);
    const int nkeys = int(header.size() / 80);
    // NAXIS2 for the display flip.
    for (int i = 0; i < nkeys; ++i)
        if (header.compare(std::size_t(i) * 80, 8, "NAXIS2  ") == 0) {
            const std::string v = header.substr(std::size_t(i) * 80 + 10, 70);
            impl->height = std::atoi(v.c_str());
        }
    int nreject = 0;
    {
        std::lock_guard lock(parseMutex());
        if (wcspih(header.data(), nkeys, WCSHDR_all, 0, &nreject, &impl->nwcs, &impl->all) != 0 ||
            impl->nwcs < 1 || !impl->all)
            return std::nullopt;
    }
    impl->wcs = &impl->all[0];  // the primary description (alternate ' ')
    wcsprm* w = impl->wcs;
    std::vector<int> stat(NWCSFIX, 0);
    wcsfix(1, nullptr, w, stat.data());  // translate non-standard keywords (CROTA, dates, ...)
    if (wcsset(w) != 0) return std::nullopt;
    if (w->lng < 0 || w->lat < 0 || w->lng > 1 || w->lat > 1) return std::nullopt;
    const std::string c1 = w->ctype[w->lng], c2 = w->ctype[w->lat];
    impl->lngName = trim(c1.substr(0, 4));
    impl->latName = trim(c2.substr(0, 4));
    impl->projection = c1.size() > 5 ? trim(c1.substr(5, 3)) : std::string();
    if (impl->lngName == "RA") {
        impl->latName = "Dec";
        std::string r = trim(w->radesys);
        impl->system = r.empty() ? std::string("ICRS") : r;
    } else if (impl->lngName == "GLON") {
        impl->system = "galactic";
    } else if (impl->lngName == "ELON") {
        impl->system = "ecliptic";
    } else if (impl->lngName == "SLON") {
        impl->system = "supergalactic";
    } else {
        impl->system = impl->lngName;
    }
    return FitsWcs(std::move(impl));
}

std::optional<FitsWcs> FitsWcs::fromKeywords(const nlohmann::json& keywords) {
    if (!keywords.is_object()) return std::nullopt;
    return fromHeader(fitsCardsFromKeywords(keywords));
}

std::optional<FitsWcs> FitsWcs::fromSourceInfo(const SourceInfo& info) {
    auto it = info.extra.find("wcs");
    if (it == info.extra.end() || !it->is_object() || !it->contains("keywords"))
        return std::nullopt;
    auto wcs = fromKeywords((*it)["keywords"]);
    if (wcs && wcs->impl_->height == 0) wcs->impl_->height = info.sizeY;
    return wcs;
}

std::optional<FitsWcs::World> FitsWcs::pixelToWorld(double p1, double p2) const {
    if (!std::isfinite(p1) || !std::isfinite(p2)) return std::nullopt;
    std::lock_guard lock(impl_->mutex);
    wcsprm* w = impl_->wcs;
    const auto n = std::size_t(w->naxis);
    std::vector<double> pix(n, 1.0), img(n, 0.0), world(n, 0.0);
    pix[0] = p1;
    if (n > 1) pix[1] = p2;
    double phi = 0, theta = 0;
    int stat = 0;
    if (wcsp2s(w, 1, int(n), pix.data(), img.data(), &phi, &theta, world.data(), &stat) != 0 ||
        stat != 0)
        return std::nullopt;
    World out{world[std::size_t(w->lng)], world[std::size_t(w->lat)]};
    if (!std::isfinite(out.lng) || !std::isfinite(out.lat)) return std::nullopt;
    out.lng = std::fmod(out.lng, 360.0);
    if (out.lng < 0) out.lng += 360.0;
    return out;
}

std::optional<FitsWcs::Pixel> FitsWcs::worldToPixel(double lng, double lat) const {
    if (!std::isfinite(lng) || !std::isfinite(lat)) return std::nullopt;
    std::lock_guard lock(impl_->mutex);
    wcsprm* w = impl_->wcs;
    const auto n = std::size_t(w->naxis);
    std::vector<double> world(n, 0.0), img(n, 0.0), pix(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) world[i] = w->crval[i];
    world[std::size_t(w->lng)] = lng;
    world[std::size_t(w->lat)] = lat;
    double phi = 0, theta = 0;
    int stat = 0;
    if (wcss2p(w, 1, int(n), world.data(), &phi, &theta, img.data(), pix.data(), &stat) != 0 ||
        stat != 0)
        return std::nullopt;
    return Pixel{pix[0], n > 1 ? pix[1] : 1.0};
}

std::optional<FitsWcs::World> FitsWcs::displayToWorld(double x, double y) const {
    // Display (0,0) is the top-left corner; FITS pixel centres are integers, row 1 at the bottom.
    return pixelToWorld(x + 0.5, double(impl_->height) - y + 0.5);
}

std::optional<FitsWcs::Pixel> FitsWcs::worldToDisplay(double lng, double lat) const {
    auto p = worldToPixel(lng, lat);
    if (!p) return std::nullopt;
    return Pixel{p->x - 0.5, double(impl_->height) + 0.5 - p->y};
}

const std::string& FitsWcs::lngName() const {
    return impl_->lngName;
}
const std::string& FitsWcs::latName() const {
    return impl_->latName;
}
const std::string& FitsWcs::system() const {
    return impl_->system;
}
const std::string& FitsWcs::projection() const {
    return impl_->projection;
}
bool FitsWcs::equatorial() const {
    return impl_->lngName == "RA";
}
int FitsWcs::imageHeight() const {
    return impl_->height;
}

std::string FitsWcs::formatHours(double degrees, int decimals) {
    double h = std::fmod(degrees / 15.0, 24.0);
    if (h < 0) h += 24.0;
    const double scale = std::pow(10.0, decimals);
    // Round the seconds first so 59.999 carries into the minutes.
    long long total = std::llround(h * 3600.0 * scale);
    const long long day = 24LL * 3600 * (long long)scale;
    total %= day;
    const long long unitsPerMinute = 60LL * (long long)scale;
    const long long hh = total / (60 * unitsPerMinute);
    const long long mm = (total / unitsPerMinute) % 60;
    const double ss = double(total % unitsPerMinute) / scale;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%0*.*f", hh, mm, decimals + 3, decimals, ss);
    return buf;
}

std::string FitsWcs::formatDegrees(double degrees, int decimals) {
    const char sign = degrees < 0 ? '-' : '+';
    const double scale = std::pow(10.0, decimals);
    const long long total = std::llround(std::abs(degrees) * 3600.0 * scale);
    const long long unitsPerMinute = 60LL * (long long)scale;
    const long long dd = total / (60 * unitsPerMinute);
    const long long mm = (total / unitsPerMinute) % 60;
    const double ss = double(total % unitsPerMinute) / scale;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%c%02lld:%02lld:%0*.*f", sign, dd, mm,
                  decimals + (decimals > 0 ? 3 : 2), decimals, ss);
    return buf;
}

}  // namespace tessera
