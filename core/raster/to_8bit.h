// large_image's conversion of raw samples to 8 bits (large-image-compat.md §3.2, _imageToPIL):
// uint16 //256, uint32 //2^24, int8 +128, int16 (v+32768)//256, int32 (v+2^31)//2^24, floats
// clipped to [0, 255] and truncated (NaN → 0). The one copy of these rules: unstyled rasters,
// the encoders of 8-bit formats, RGBA pictures and the viewer's images all use it.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <type_traits>
#include <vector>

#include "raster/image.h"
#include "raster/raster.h"

namespace tessera {

template <typename T>
constexpr std::uint8_t sampleTo8Bit(T v) noexcept {
    if constexpr (std::is_same_v<T, std::uint8_t>) {
        return v;
    } else if constexpr (std::is_same_v<T, std::int8_t>) {
        return std::uint8_t(int(v) + 128);
    } else if constexpr (std::is_same_v<T, std::uint16_t>) {
        return std::uint8_t(v >> 8);
    } else if constexpr (std::is_same_v<T, std::int16_t>) {
        return std::uint8_t((int(v) + 32768) >> 8);
    } else if constexpr (std::is_same_v<T, std::uint32_t>) {
        return std::uint8_t(v >> 24);
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        return std::uint8_t((std::int64_t(v) + 2147483648LL) >> 24);
    } else {
        static_assert(std::is_floating_point_v<T>);
        if (!(v > T(0))) return 0;  // also NaN
        if (v >= T(255)) return 255;
        return std::uint8_t(v);
    }
}

// The samples of img as 8 bits: a UInt8 image's own pixels (no copy), else converted into
// scratch (which the result then points into).
const std::uint8_t* imageTo8Bit(const Image& img, std::vector<std::uint8_t>& scratch);

// An unstyled raster as an 8-bit display image: 1..4 bands map to L, LA, RGB, RGBA; more than 4
// bands keep the first 3.
Image rasterTo8Bit(const Raster& r);

}  // namespace tessera
