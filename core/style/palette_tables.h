// Lookup of the generated colour and palette tables (core/style/data/*.json, made once by
// scripts/gen_palettes.py from Pillow, matplotlib and palettable, embedded as Qt resources).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "style/color.h"

// Thread-safety: every function may be called from any thread; each table is parsed once, on
// first use (thread-safe static initialisation), into immutable hash maps. A missing or damaged
// embedded table throws Error(Internal).
namespace tessera::palette_tables {

// PIL.ImageColor.colormap: CSS colour names; `lowerName` must already be lower-case.
std::optional<Rgba> pilNamedColor(std::string_view lowerName);

// matplotlib.colors.get_named_colors_mapping() (CSS4, "xkcd:...", "tab:...", "b", "g", ...),
// as matplotlib.colors.to_hex gives them (opaque). The key is matched exactly (case-sensitive).
std::optional<Rgba> matplotlibNamedColor(std::string_view name);

// matplotlib's default colour cycle entry for "C<n>" (n wraps around the cycle length).
Rgba matplotlibCycleColor(unsigned long long n);
std::size_t matplotlibCycleLength();

// A matplotlib colormap by exact name ("viridis", "coolwarm_r"): cmap.N colours, opaque.
std::optional<Palette> matplotlibColormap(std::string_view name);

// A palettable palette by its dotted name below `palettable.` ("matplotlib.Plasma_6",
// "colorbrewer.sequential.Blues_9_r"): its hex_colors, opaque.
std::optional<Palette> palettablePalette(std::string_view name);

// Sorted names, for listings.
const std::vector<std::string>& matplotlibColormapNames();
const std::vector<std::string>& palettableNames();

}  // namespace tessera::palette_tables
