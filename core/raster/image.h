// Image: a styled, display-ready picture, pixel-interleaved, 1 to 4 channels (L, LA, RGB, RGBA),
// 8-bit by default; 16-bit and float exist for style dtype "uint16"/"float" and raw exports.
#pragma once

#include <cstdint>
#include <vector>

#include "raster/datatype.h"

namespace tessera {

struct Image {
    int width = 0;
    int height = 0;
    int channels = 0;  // 1 = L, 2 = LA, 3 = RGB, 4 = RGBA
    DataType type = DataType::UInt8;
    std::vector<std::uint8_t> pixels;  // row-major, interleaved, width * channels samples a row

    Image() = default;
    Image(int w, int h, int c, DataType t = DataType::UInt8)
        : width(w),
          height(h),
          channels(c),
          type(t),
          pixels(std::size_t(w) * h * c * sampleSize(t), 0) {}

    bool empty() const noexcept { return width == 0 || height == 0; }
    std::size_t rowBytes() const noexcept {
        return std::size_t(width) * channels * sampleSize(type);
    }
    std::uint8_t* row(int y) noexcept { return pixels.data() + rowBytes() * y; }
    const std::uint8_t* row(int y) const noexcept { return pixels.data() + rowBytes() * y; }
    bool hasAlpha() const noexcept { return channels == 2 || channels == 4; }
};

}  // namespace tessera
