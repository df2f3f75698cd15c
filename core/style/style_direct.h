// Private to core/style: direct byte tables. When exactly one entry of a style writes an output
// channel (a palette on one band, large_image's per-band default stretch), that channel's final
// 8-bit value depends on one sample alone, so it is looked up instead of computed: per raw
// value for 8- and 16-bit integer sources, per 1/65536 bin of the normalised value v for the
// others (a bin whose bytes are not all equal, where a stop or a byte boundary falls inside it,
// says so and its samples are computed exactly). Bit-identical to the chunked renderer.
//
// Thread safety: tables are built once per resolved style (std::call_once) and read-only after.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include "raster/raster.h"
#include "style/style_internal.h"

namespace tessera {

struct DirectBytes {
    std::once_flag once;
    bool active = false;                            // some channel is direct
    std::array<int, 4> writer{-1, -1, -1, -1};      // the entry writing each direct channel
    std::array<std::vector<std::uint8_t>, 4> raw;   // 8/16-bit integers: byte per raw value
    std::array<std::vector<std::int16_t>, 4> bins;  // while building: byte per bin, -1: compute
    // Other sources, per entry: the bytes of its direct channels (0-2) per bin of v (byte c is
    // channel c), bit 31 set where they must be computed.
    std::vector<std::vector<std::uint32_t>> packed;
    // 8/16-bit integers, per entry: the bytes of all its direct channels per raw value (byte c
    // is channel c), so a sample costs one load whatever the channel count.
    std::vector<std::vector<std::uint32_t>> rawPacked;
    std::vector<ResolvedStyle::Entry> residual;  // the entries without the direct channels
};

// The direct tables of a style for rendering `rasters` (8-bit output, all channels kept), built
// on first use; nullptr when no channel qualifies or the rasters are not all of the style's
// source type.
const DirectBytes* directBytes(const ResolvedStyle::Impl& impl, const std::vector<Raster>& rasters);

// Writes the bytes of every direct channel c into out[c] for samples start .. start + n - 1.
void directChannels(const DirectBytes& d, const ResolvedStyle::Impl& impl,
                    const std::vector<Raster>& rasters, std::size_t start, std::size_t n,
                    std::uint8_t* const* out);

}  // namespace tessera
