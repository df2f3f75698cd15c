// large_image's default style (large-image-compat.md §3.4; GDAL _styleBands/_setDefaultStyle):
// one entry per red/green/blue band (or a single gray or palette band), an alpha band
// multiplied in, and on projected reads the warp alpha (band bandCount + 1). Other sources get
// no default style (raw output).
#include <cctype>
#include <cstdio>

#include "style/style_internal.h"
#include "util/text.h"

namespace tessera {

namespace {

// '#%02X%02X%02X%02X' as large_image's getHexColors writes palettes.
std::string hexOf(const Rgba& c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X%02X", static_cast<int>(c[0]) & 0xff,
                  static_cast<int>(c[1]) & 0xff, static_cast<int>(c[2]) & 0xff,
                  static_cast<int>(c[3]) & 0xff);
    return buf;
}

nlohmann::json hexList(const Palette& p) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : p) list.push_back(hexOf(c));
    return list;
}

Palette twoColours(const Rgba& a, const Rgba& b) {
    return Palette{a, b};
}

BandStyle paletteEntry(int band, Palette palette, bool alpha, std::optional<double> nodata,
                       nlohmann::json& json) {
    BandStyle b;
    b.band = band;
    b.min = std::string("auto");
    b.max = std::string("auto");
    b.paletteSource = hexList(palette);
    b.palette = std::move(palette);
    b.composite = alpha ? "multiply" : "lighten";
    b.nodata = nodata;
    json = {{"band", band},
            {"palette", b.paletteSource},
            {"min", "auto"},
            {"max", "auto"},
            {"composite", *b.composite}};
    if (nodata) json["nodata"] = *nodata;
    return b;
}

bool isGdalLikeSource(const SourceInfo& info) {
    // FITS: the cfitsio reader keeps the default GDAL's FITS driver gave (gray, min/max auto).
    return info.sourceName == "gdal" || info.sourceName == "rasterio" || info.sourceName == "fits";
}

}  // namespace

std::optional<Style> defaultStyleUnprojected(const SourceInfo& info) {
    if (!isGdalLikeSource(info)) return std::nullopt;
    Style style;
    nlohmann::json bands = nlohmann::json::array();
    const int n = std::min<int>(info.bandCount, static_cast<int>(info.bands.size()));
    auto bandOf = [&](const char* interp) {
        for (int k = 0; k < n; ++k)
            if (asciiLower(info.bands[k].interpretation) == interp) return k + 1;
        return 0;
    };
    const Rgba black{0, 0, 0, 255};
    for (const char* interp : {"red", "green", "blue", "gray", "palette", "alpha"}) {
        const int band = bandOf(interp);
        const std::string name = interp;
        if (band == 0 || (name == "alpha" && style.bands.empty()) ||
            ((name == "gray" || name == "palette") && !style.bands.empty()))
            continue;
        const BandInfo& bi = info.bands[band - 1];
        nlohmann::json j;
        if (name == "palette" && !bi.colortable.empty()) {
            BandStyle b;
            b.band = band;
            Palette p;
            for (const auto& e : bi.colortable)
                p.push_back(Rgba{double(e[0]), double(e[1]), double(e[2]), double(e[3])});
            b.min = 0.0;
            b.max = static_cast<double>(p.size() - 1);
            b.paletteSource = hexList(p);
            b.palette = std::move(p);
            j = {{"band", band},
                 {"palette", b.paletteSource},
                 {"min", 0},
                 {"max", static_cast<int>(bi.colortable.size()) - 1}};
            style.bands.push_back(std::move(b));
        } else if (name == "red") {
            style.bands.push_back(
                paletteEntry(band, twoColours(black, {255, 0, 0, 255}), false, bi.nodata, j));
        } else if (name == "green") {
            style.bands.push_back(
                paletteEntry(band, twoColours(black, {0, 255, 0, 255}), false, bi.nodata, j));
        } else if (name == "blue") {
            style.bands.push_back(
                paletteEntry(band, twoColours(black, {0, 0, 255, 255}), false, bi.nodata, j));
        } else if (name == "alpha") {
            style.bands.push_back(paletteEntry(
                band, twoColours({255, 255, 255, 0}, {255, 255, 255, 255}), true, bi.nodata, j));
        } else {  // gray, or a palette band without a colour table
            style.bands.push_back(
                paletteEntry(band, twoColours(black, {255, 255, 255, 255}), false, bi.nodata, j));
        }
        bands.push_back(std::move(j));
    }
    if (style.bands.empty()) return std::nullopt;
    style.json = {{"bands", std::move(bands)}};
    return style;
}

std::optional<Style> defaultStyle(const SourceInfo& info, bool projected) {
    auto style = defaultStyleUnprojected(info);
    if (!style || !projected) return style;
    bool hasAlpha = false;
    for (int k = 0; k < info.bandCount && k < static_cast<int>(info.bands.size()); ++k)
        if (asciiLower(info.bands[k].interpretation) == "alpha") hasAlpha = true;
    if (hasAlpha) return style;  // the alpha band already has an entry
    BandStyle b;
    b.band = info.bandCount + 1;
    b.min = 0.0;
    b.max = std::string("auto");
    b.composite = "multiply";
    b.palette = Palette{Rgba{255, 255, 255, 0}, Rgba{255, 255, 255, 255}};
    b.paletteSource = nlohmann::json::array({"#ffffff00", "#ffffffff"});
    style->json["bands"].push_back({{"band", info.bandCount + 1},
                                    {"min", 0},
                                    {"max", "auto"},
                                    {"composite", "multiply"},
                                    {"palette", b.paletteSource}});
    style->bands.push_back(std::move(b));
    return style;
}

}  // namespace tessera
