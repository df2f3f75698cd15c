#include "style/palette_tables.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <unordered_map>

#include "util/error.h"
#include "util/i18n.h"

// The resource is compiled into tessera_core (see core/CMakeLists.txt); registering it again is
// harmless and makes sure the static library's resource object is linked in.
static void initStyleDataResources() {
    Q_INIT_RESOURCE(tessera_style_data);
}

namespace tessera::palette_tables {

namespace {

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

using Rgb8 = std::array<std::uint8_t, 3>;
template <typename V>
using NameMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

nlohmann::json loadTable(const QString& fileName) {
    static const bool registered = (initStyleDataResources(), true);
    (void)registered;
    QFile file(QStringLiteral(":/tessera/style/") + fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(ErrorKind::Internal, trf("PaletteTables", "The built-in colour table %1 is missing.",
                                      fileName.toStdString()));
    }
    const QByteArray bytes = file.readAll();
    try {
        return nlohmann::json::parse(bytes.begin(), bytes.end());
    } catch (const nlohmann::json::exception&) {
        fail(ErrorKind::Internal, trf("PaletteTables", "The built-in colour table %1 is damaged.",
                                      fileName.toStdString()));
    }
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// "rrggbb" (optionally after '#') -> bytes. The tables are generated, so a bad entry is a bug.
Rgb8 decodeRgb(std::string_view hex) {
    if (!hex.empty() && hex.front() == '#') hex.remove_prefix(1);
    Rgb8 out{};
    bool ok = hex.size() == 6;
    for (std::size_t i = 0; ok && i < 3; ++i) {
        const int hi = hexDigit(hex[2 * i]);
        const int lo = hexDigit(hex[2 * i + 1]);
        ok = hi >= 0 && lo >= 0;
        out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    if (!ok) {
        fail(ErrorKind::Internal,
             trf("PaletteTables", "Bad colour %1 in a built-in table.", std::string(hex)));
    }
    return out;
}

Rgba toRgba(const Rgb8& c) {
    return {double(c[0]), double(c[1]), double(c[2]), 255.0};
}

struct ColorTables {
    NameMap<Rgb8> pil;
    NameMap<Rgb8> matplotlib;
    std::vector<Rgb8> cycle;
};

NameMap<Rgb8> readColorEntries(const nlohmann::json& table) {
    NameMap<Rgb8> map;
    for (const auto& [name, value] : table.at("entries").items()) {
        map.emplace(name, decodeRgb(value.get<std::string>()));
    }
    return map;
}

const ColorTables& colorTables() {
    static const ColorTables tables = [] {
        ColorTables t;
        t.pil = readColorEntries(loadTable(QStringLiteral("colors_pil.json")));
        const nlohmann::json mpl = loadTable(QStringLiteral("colors_matplotlib.json"));
        t.matplotlib = readColorEntries(mpl);
        for (const auto& c : mpl.at("cycle")) t.cycle.push_back(decodeRgb(c.get<std::string>()));
        if (t.cycle.empty()) t.cycle.push_back({0, 0, 0});
        return t;
    }();
    return tables;
}

// Palette tables: name -> decoded colours ("~NAME" references resolved).
struct PaletteTable {
    NameMap<std::vector<Rgb8>> colors;
    std::vector<std::string> names;  // sorted
};

std::string reversedHex(const std::string& hex) {
    std::string out;
    out.reserve(hex.size());
    for (std::size_t i = hex.size(); i >= 6; i -= 6) out.append(hex, i - 6, 6);
    return out;
}

void addPaletteEntries(const nlohmann::json& table, PaletteTable& into) {
    const auto& entries = table.at("entries");
    for (const auto& [name, value] : entries.items()) {
        std::string hex = value.get<std::string>();
        if (!hex.empty() && hex.front() == '~') {
            const auto base = entries.find(hex.substr(1));
            if (base == entries.end() || !base->is_string() ||
                base->get_ref<const std::string&>().starts_with('~')) {
                fail(ErrorKind::Internal,
                     trf("PaletteTables", "Bad palette reference %1 in a built-in table.", hex));
            }
            hex = reversedHex(base->get<std::string>());
        }
        if (hex.empty() || hex.size() % 6 != 0) {
            fail(ErrorKind::Internal,
                 trf("PaletteTables", "Bad palette %1 in a built-in table.", std::string(name)));
        }
        std::vector<Rgb8> colors;
        colors.reserve(hex.size() / 6);
        for (std::size_t i = 0; i < hex.size(); i += 6) {
            colors.push_back(decodeRgb(std::string_view(hex).substr(i, 6)));
        }
        into.names.push_back(name);
        into.colors.emplace(name, std::move(colors));
    }
}

void finish(PaletteTable& table) {
    std::sort(table.names.begin(), table.names.end());
}

const PaletteTable& colormapTable() {
    static const PaletteTable table = [] {
        PaletteTable t;
        addPaletteEntries(loadTable(QStringLiteral("colormaps_matplotlib.json")), t);
        finish(t);
        return t;
    }();
    return table;
}

const PaletteTable& palettableTable() {
    static const PaletteTable table = [] {
        PaletteTable t;
        // Make sure the resource is registered before listing its directory.
        loadTable(QStringLiteral("colors_pil.json"));
        const QStringList files =
            QDir(QStringLiteral(":/tessera/style"))
                .entryList({QStringLiteral("palettable_*.json")}, QDir::Files, QDir::Name);
        for (const QString& file : files) addPaletteEntries(loadTable(file), t);
        finish(t);
        return t;
    }();
    return table;
}

std::optional<Palette> lookupPalette(const PaletteTable& table, std::string_view name) {
    const auto it = table.colors.find(name);
    if (it == table.colors.end()) return std::nullopt;
    Palette palette;
    palette.reserve(it->second.size());
    for (const Rgb8& c : it->second) palette.push_back(toRgba(c));
    return palette;
}

}  // namespace

std::optional<Rgba> pilNamedColor(std::string_view lowerName) {
    const auto& map = colorTables().pil;
    const auto it = map.find(lowerName);
    if (it == map.end()) return std::nullopt;
    return toRgba(it->second);
}

std::optional<Rgba> matplotlibNamedColor(std::string_view name) {
    const auto& map = colorTables().matplotlib;
    const auto it = map.find(name);
    if (it == map.end()) return std::nullopt;
    return toRgba(it->second);
}

Rgba matplotlibCycleColor(unsigned long long n) {
    const auto& cycle = colorTables().cycle;
    return toRgba(cycle[static_cast<std::size_t>(n % cycle.size())]);
}

std::size_t matplotlibCycleLength() {
    return colorTables().cycle.size();
}

std::optional<Palette> matplotlibColormap(std::string_view name) {
    return lookupPalette(colormapTable(), name);
}

std::optional<Palette> palettablePalette(std::string_view name) {
    return lookupPalette(palettableTable(), name);
}

const std::vector<std::string>& matplotlibColormapNames() {
    return colormapTable().names;
}

const std::vector<std::string>& palettableNames() {
    return palettableTable().names;
}

}  // namespace tessera::palette_tables
