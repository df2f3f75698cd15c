#include "raster/rgba.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "encode/image_convert.h"
#include "raster/to_8bit.h"

namespace tessera {

Image toRgba(const Image& img) {
    encode_detail::checkImage(img, "RGBA");
    if (img.type == DataType::UInt8 && img.channels == 4) return img;
    std::vector<std::uint8_t> scratch;
    const std::uint8_t* s = imageTo8Bit(img, scratch);
    Image out(img.width, img.height, 4);
    const std::size_t n = std::size_t(img.width) * img.height;
    const int ch = img.channels;
    std::uint8_t* d = out.pixels.data();
    for (std::size_t i = 0; i < n; ++i, s += ch, d += 4) {
        if (ch <= 2) {
            d[0] = d[1] = d[2] = s[0];
            d[3] = ch == 2 ? s[1] : 255;
        } else {
            d[0] = s[0];
            d[1] = s[1];
            d[2] = s[2];
            d[3] = ch == 4 ? s[3] : 255;
        }
    }
    return out;
}

void compositeOver(Image& dst, const Image& src) {
    const std::size_t n = std::size_t(dst.width) * dst.height;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* s = src.pixels.data() + i * 4;
        std::uint8_t* d = dst.pixels.data() + i * 4;
        const int sa = s[3];
        if (sa == 0) continue;
        if (sa == 255) {
            std::memcpy(d, s, 4);
            continue;
        }
        const int da = d[3];
        const int oa = sa + da * (255 - sa) / 255;
        for (int c = 0; c < 3; ++c)
            d[c] = std::uint8_t((s[c] * sa + d[c] * da * (255 - sa) / 255) / std::max(1, oa));
        d[3] = std::uint8_t(oa);
    }
}

Image flatten(const Image& rgba, unsigned rgb) {
    Image out(rgba.width, rgba.height, 3);
    const int bg[3] = {int((rgb >> 16) & 255), int((rgb >> 8) & 255), int(rgb & 255)};
    const std::size_t n = std::size_t(rgba.width) * rgba.height;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* s = rgba.pixels.data() + i * 4;
        const int a = s[3];
        for (int c = 0; c < 3; ++c)
            out.pixels[i * 3 + c] = std::uint8_t((s[c] * a + bg[c] * (255 - a) + 127) / 255);
    }
    return out;
}

}  // namespace tessera
