#include "encode/image_convert.h"

#include <cmath>
#include <cstring>
#include <string>
#include <type_traits>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera::encode_detail {

void checkImage(const Image& img, const char* format) {
    if (img.width <= 0 || img.height <= 0)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "Cannot encode an empty image as %1.", std::string(format)));
    if (img.channels < 1 || img.channels > 4)
        fail(ErrorKind::Unsupported,
             trf("Encoder", "Cannot encode an image with %1 channels as %2 (1 to 4 are supported).",
                 std::to_string(img.channels), std::string(format)));
    const std::size_t expected = std::size_t(img.width) * std::size_t(img.height) *
                                 std::size_t(img.channels) * sampleSize(img.type);
    if (img.pixels.size() != expected)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "The image's pixel buffer holds %1 bytes where %2 are expected.",
                 std::to_string(img.pixels.size()), std::to_string(expected)));
}

namespace {

template <typename T>
std::uint8_t sampleToUInt8(T v) noexcept {
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
        // Floats: clip to [0, 255] then truncate (numpy astype); NaN becomes 0.
        if (!(v > T(0))) return 0;  // also NaN
        if (v >= T(255)) return 255;
        return std::uint8_t(v);
    }
}

}  // namespace

const std::uint8_t* toUInt8(const Image& img, std::vector<std::uint8_t>& scratch) {
    if (img.type == DataType::UInt8) return img.pixels.data();
    const std::size_t n =
        std::size_t(img.width) * std::size_t(img.height) * std::size_t(img.channels);
    scratch.resize(n);
    dispatchType(img.type, [&](auto tag) {
        using T = decltype(tag);
        const std::uint8_t* src = img.pixels.data();
        std::uint8_t* dst = scratch.data();
        for (std::size_t i = 0; i < n; ++i) {
            T v;
            std::memcpy(&v, src + i * sizeof(T), sizeof(T));
            dst[i] = sampleToUInt8(v);
        }
    });
    return scratch.data();
}

}  // namespace tessera::encode_detail
