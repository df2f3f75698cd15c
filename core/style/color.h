// Colours and palettes as large_image understands them: every colour syntax (#RGB[A],
// #RRGGBB[AA], rgb()/rgba()/hsl()/hsla(), CSS and xkcd names, [r,g,b(,a)] floats in 0..1) and
// every palette form (lists, single colours, matplotlib colormaps, palettable names).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tessera {

// RGBA, each channel 0..255 (floating point, as large_image keeps it before truncation).
using Rgba = std::array<double, 4>;
using Palette = std::vector<Rgba>;

// Parses one colour; nullopt if it is not a colour.
std::optional<Rgba> parseColor(std::string_view text);
std::optional<Rgba> parseColor(const nlohmann::json& value);
// Text overloads, so that string literals and std::string are not ambiguous between the two above.
inline std::optional<Rgba> parseColor(const char* text) {
    return parseColor(std::string_view(text));
}
inline std::optional<Rgba> parseColor(const std::string& text) {
    return parseColor(std::string_view(text));
}

// Resolves a palette value (string or list) as large_image's getPaletteColors does.
// Returns nullopt when the value "cannot be used as a color palette".
std::optional<Palette> parsePalette(const nlohmann::json& value);

// Names the `colormaps` endpoint lists: {"matplotlib": [...], "simple": [...]} plus the
// palettable families Tessera knows, under "palettable".
nlohmann::json colormapListing();

// An RGBA8 swatch (width × height × 4 bytes) of a palette, left = first colour, for the editor.
std::vector<unsigned char> paletteSwatch(const Palette& palette, int width, int height,
                                         bool discrete = false);

}  // namespace tessera
