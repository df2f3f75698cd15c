// Private to core/style: the resolved form of a style (ResolvedStyle::Impl) shared by
// style_resolve.cpp (which fills it) and style_apply.cpp (which renders with it).
// Immutable once resolveStyle returns, so applyStyle may read it from many threads at once.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "style/style.h"

namespace tessera {

// What one output channel of one entry does (large_image _applyStyle, per channel).
enum class ChannelOp : unsigned char {
    Skip,      // palette constant 0 (lighten) or 255 (multiply) in this channel: no effect
    Constant,  // palette constant in this channel
    Linear2,   // 2-colour palette starting at 0: v * P[1][c], no clipping
    Interp,    // np.interp over evenly spaced stops (ends clamp)
    Discrete,  // P[clip(floor(v * N), 0, N - 1)][c]
};

// Per channel, what the renderer does given what earlier entries left in the channel.
enum class ChannelPlan : unsigned char {
    Normal,  // compose as large_image does
    Skip,    // no effect (e.g. max with a constant the channel already holds)
    Fill,    // the channel becomes the constant fillValue
    Write,   // lighten over a channel known to be 0 with non-negative colours: plain write
};

struct ResolvedStyle::Entry {
    int frame = 0;
    int band = 0;       // 1-based band read from the source; 0 = constant 255 (alpha absent)
    int need = -1;      // index into needs(); -1 when band == 0
    int needBand = -1;  // 0-based band of that need's raster
    bool warpAlpha = false;
    double min = 0, max = 255;
    double delta = 255;            // max - min, or 1 when equal
    std::string minSpec, maxSpec;  // what the style asked for (for describe())
    Palette palette;
    std::vector<double> stops;                       // numpy.linspace(0, 1, N)
    std::array<std::vector<double>, 4> slopes;       // per channel, between stops (np.interp), + 0
    std::array<std::vector<double>, 4> stopColours;  // palette[j][c] per channel
    bool discrete = false;
    std::optional<double> nodata;
    bool clamp = true;
    bool multiply = false;
    std::array<ChannelOp, 4> ops{};
    std::array<ChannelPlan, 4> plan{};
    std::array<double, 4> fillValue{};
    // 8-bit sources: the composed contribution per byte value (index = raw byte), per channel.
    // lighten: colour or 0 where masked; multiply: colour / 255 or 1 where masked.
    bool hasLut = false;
    std::array<std::vector<float>, 4> lutLighten;
    std::array<std::vector<double>, 4> lutMultiply;
};

struct DirectBytes;  // style_direct.h

struct ResolvedStyle::Impl {
    bool raw = false;  // no styling: rasterTo8Bit of needs()[0]
    std::vector<RasterNeed> needs;
    std::vector<Entry> entries;
    int outChannels = 4;               // 1 for large_image's single-band L special case
    std::optional<std::string> dtype;  // resolved: "uint8", "uint16", "float", "source"
    std::optional<int> axis;
    DataType sourceType = DataType::UInt8;
    int mainFrame = 0;
    // Direct byte tables, built on first use and shared by copies (style_direct.h).
    std::shared_ptr<DirectBytes> direct;
};

// Builds the per-channel ops and the 8-bit lookup tables of an entry whose min/max/palette
// are set (style_apply.cpp).
void prepareEntry(ResolvedStyle::Entry& e, int outChannels, DataType sourceType);

// Sets Entry::plan for every entry (style_apply.cpp); call after every prepareEntry.
void planChannels(ResolvedStyle::Impl& impl);

// large_image's default style without the projected warp-alpha entry (default_style.cpp);
// nullopt when the source gets none. resolveStyle adds the alpha entry itself.
std::optional<Style> defaultStyleUnprojected(const SourceInfo& info);

}  // namespace tessera
