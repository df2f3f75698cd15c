// Style: large_image style JSON (a single band definition or {"bands": [...], "dtype", "axis"})
// parsed and validated, resolved against a source (min/max numbers, band indices), and applied
// to rasters to make a display image. The algorithm follows large-image-compat.md §3.2 exactly.
//
// Flow: parseStyle(bytes) -> Style -> resolveStyle(style, provider, projected) -> ResolvedStyle
//       -> service reads ResolvedStyle::needs() -> applyStyle(resolved, rasters) -> Image.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "raster/image.h"
#include "raster/raster.h"
#include "source/source_info.h"
#include "stats/histogram.h"
#include "style/color.h"

namespace tessera {

// One band entry, as written by the user (before resolution).
struct BandStyle {
    // Band: 1-based index, or an interpretation name ("red", "gray", "palette", ...).
    std::variant<std::monostate, int, std::string> band;
    std::optional<int> frame;
    std::optional<int> framedelta;
    // min/max: a number, or a mode string ("auto", "min", "max", "full", "min:0.02", ...).
    std::variant<std::monostate, double, std::string> min;
    std::variant<std::monostate, double, std::string> max;
    std::optional<Palette> palette;  // resolved colours
    nlohmann::json paletteSource;    // what the user wrote, for round-tripping
    std::string scheme = "linear";   // "linear" | "discrete"
    std::optional<double> nodata;
    std::optional<std::string> composite;  // "lighten" | "multiply"
    bool clamp = true;
    std::optional<std::string> dtype;
    std::optional<int> axis;
};

struct Style {
    std::vector<BandStyle> bands;      // empty with raw=true: no styling
    bool raw = false;                  // "{}": source samples converted to 8-bit
    bool singleEntry = false;          // written as a single band definition
    std::optional<std::string> dtype;  // "uint8" | "uint16" | "float" | "source"
    std::optional<int> axis;
    nlohmann::json json;  // normalised JSON, also the cache key text
};

// Bounds on style text, checked on the raw bytes before any JSON parser (or recursive dump) sees
// them. The defaults are the server's (ServerLimits::maxStyleBytes, maxStyleDepth); the CLI uses
// them as they are. Depth counts '[' and '{' outside JSON strings.
struct StyleLimits {
    std::size_t maxBytes = 64 * 1024;
    int maxDepth = 32;
    // From configured values (negative counts as 0), never above kHardStyleLimits.
    static StyleLimits of(long long maxBytes, long long maxDepth);
};
// What parseStyle(text) always enforces, whatever a caller configured: no real style is larger
// or deeper, and deeper nesting would put recursive JSON code at risk of the stack.
inline constexpr StyleLimits kHardStyleLimits{4 * 1024 * 1024, 64};

// True when `text` nests '[' / '{' (outside JSON strings) at most maxDepth deep. One pass over
// the bytes; stops at the first level too deep.
bool jsonNestingWithin(std::string_view text, int maxDepth) noexcept;
// Throws Error(BadRequest) when the text is longer than limits.maxBytes or nested deeper than
// limits.maxDepth (each clamped to kHardStyleLimits). Never parses.
void checkStyleText(std::string_view text, const StyleLimits& limits = {});
// checkStyleText, then the JSON value; Error(BadRequest) "Style is not a valid json object." when
// it does not parse. The one entry for style text from outside (presets, request bodies).
nlohmann::json parseStyleJson(std::string_view text, const StyleLimits& limits = {});

// Parses style JSON text. Throws Error(BadRequest) with a message naming the key and the value
// for anything invalid ("Style is not a valid json object.", unknown keys, bad palettes, bad
// min/max strings, bad band values...). Never crashes on any input bytes: the text is checked
// against kHardStyleLimits before it is parsed.
Style parseStyle(std::string_view jsonText);
Style parseStyle(const std::string& jsonText);  // text (std::string would be ambiguous)
Style parseStyle(const char* jsonText);         // text
Style parseStyle(const nlohmann::json& value);

// Supplies what min/max resolution needs; implemented by the service over a source.
class StyleDataProvider {
  public:
    virtual ~StyleDataProvider() = default;
    virtual const SourceInfo& info() const = 0;
    // Band statistics (stored or approximate) or nullopt when the source has none.
    virtual std::optional<BandStats> bandStats(int band, int frame) = 0;
    // Histogram of one band with `bins` bins, over the image downsampled to ~1024 px.
    virtual BandHistogram histogram(int band, int frame, int bins) = 0;
};

// What applyStyle needs read: bands (1-based; bandCount+1 = warp alpha on projected reads)
// of one frame. applyStyle receives one Raster per need, in this order.
struct RasterNeed {
    int frame = 0;
    std::vector<int> bands;
};

// Immutable once resolveStyle returns: applyStyle may use one ResolvedStyle from many threads.
class ResolvedStyle {
  public:
    struct Entry;
    ResolvedStyle();
    ~ResolvedStyle();
    ResolvedStyle(ResolvedStyle&&) noexcept;
    ResolvedStyle& operator=(ResolvedStyle&&) noexcept;
    ResolvedStyle(const ResolvedStyle&);
    ResolvedStyle& operator=(const ResolvedStyle&);

    const std::vector<RasterNeed>& needs() const;
    // The numbers chosen for each entry (min, max), e.g. to show what "min:0.02" became.
    nlohmann::json describe() const;

    struct Impl;
    std::unique_ptr<Impl> impl;
};

// Resolves min/max modes and band names against a source. `projected` adds large_image's warp
// alpha entry (band bandCount+1, composite multiply) when the style has no alpha entry.
// `frame` is the requested frame (framedelta is relative to it). Throws Error(BadRequest)
// for bands the source lacks.
ResolvedStyle resolveStyle(const Style& style, StyleDataProvider& provider, bool projected,
                           int frame = 0);

// Applies a resolved style; rasters match needs() one to one and have the same size.
Image applyStyle(const ResolvedStyle& style, const std::vector<Raster>& rasters);

// large_image's default style for a source (§3.4), or nullopt when none applies (raw output).
std::optional<Style> defaultStyle(const SourceInfo& info, bool projected);

}  // namespace tessera
