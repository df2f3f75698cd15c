#include "raster/to_8bit.h"

#include <cstring>

namespace tessera {

const std::uint8_t* imageTo8Bit(const Image& img, std::vector<std::uint8_t>& scratch) {
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
            dst[i] = sampleTo8Bit(v);
        }
    });
    return scratch.data();
}

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
            for (std::size_t i = 0; i < n; ++i) dst[i * channels] = sampleTo8Bit<T>(src[i]);
        }
    });
    return img;
}

}  // namespace tessera
