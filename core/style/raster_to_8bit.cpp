// Unstyled conversion of raw source samples to an 8-bit display image (large-image-compat.md
// §3.2, large_image _imageToPIL): uint16 //256, uint32 //2^24, int8 +128, int16
// (v+32768)//256, int32 (v+2^31)//2^24, floats clipped to [0, 255] and truncated (NaN -> 0).
// 1..4 bands map to L, LA, RGB, RGBA; more than 4 bands keep the first 3.
#include <cstdint>
#include <type_traits>

#include "style/style.h"

namespace tessera {

namespace {

template <typename T>
inline std::uint8_t to8(T v) {
    if constexpr (std::is_same_v<T, std::uint8_t>) {
        return v;
    } else if constexpr (std::is_same_v<T, std::int8_t>) {
        return static_cast<std::uint8_t>(static_cast<int>(v) + 128);
    } else if constexpr (std::is_same_v<T, std::uint16_t>) {
        return static_cast<std::uint8_t>(v >> 8);
    } else if constexpr (std::is_same_v<T, std::int16_t>) {
        return static_cast<std::uint8_t>((static_cast<int>(v) + 32768) >> 8);
    } else if constexpr (std::is_same_v<T, std::uint32_t>) {
        return static_cast<std::uint8_t>(v >> 24);
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
        return static_cast<std::uint8_t>((static_cast<std::int64_t>(v) + 2147483648LL) >> 24);
    } else {
        if (v >= T(255)) return 255;
        if (v > T(0)) return static_cast<std::uint8_t>(v);
        return 0;  // negative and NaN
    }
}

}  // namespace

Image rasterTo8Bit(const Raster& r) {
    const int channels = r.bands() > 4 ? 3 : r.bands();
    Image img(r.width(), r.height(), channels);
    if (r.empty() || channels == 0) return img;
    const std::size_t n = r.pixelCount();
    dispatchType(r.type(), [&](auto tag) {
        using T = decltype(tag);
        for (int c = 0; c < channels; ++c) {
            const T* src = r.band<T>(c);
            std::uint8_t* dst = img.pixels.data() + c;
            for (std::size_t i = 0; i < n; ++i) dst[i * channels] = to8<T>(src[i]);
        }
    });
    return img;
}

}  // namespace tessera
