#include "image_to_qimage.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tessera::ui {

namespace {

// One sample as 0..255.
std::uint8_t sample8(const Image& img, std::size_t index) {
    const std::uint8_t* p = img.pixels.data();
    switch (img.type) {
        case DataType::UInt8:
            return p[index];
        case DataType::UInt16: {
            std::uint16_t v;
            std::memcpy(&v, p + index * 2, 2);
            return std::uint8_t(v >> 8);
        }
        case DataType::Float32: {
            float v;
            std::memcpy(&v, p + index * 4, 4);
            if (!std::isfinite(v)) return 0;
            return std::uint8_t(std::clamp(v, 0.0f, 255.0f));
        }
        case DataType::Float64: {
            double v;
            std::memcpy(&v, p + index * 8, 8);
            if (!std::isfinite(v)) return 0;
            return std::uint8_t(std::clamp(v, 0.0, 255.0));
        }
        default: {
            // Other integer types: keep the top byte of the sample's magnitude.
            const std::size_t size = sampleSize(img.type);
            return p[index * size + size - 1];
        }
    }
}

}  // namespace

QImage toQImage(const Image& img) {
    if (img.empty() || img.channels < 1 || img.channels > 4) return {};
    const std::size_t need =
        std::size_t(img.width) * img.height * img.channels * sampleSize(img.type);
    if (img.pixels.size() < need) return {};
    QImage out(img.width, img.height, QImage::Format_RGBA8888);
    const int c = img.channels;
    for (int y = 0; y < img.height; ++y) {
        uchar* dst = out.scanLine(y);
        const std::size_t base = std::size_t(y) * img.width * c;
        if (img.type == DataType::UInt8 && c == 4) {
            std::memcpy(dst, img.row(y), std::size_t(img.width) * 4);
            continue;
        }
        for (int x = 0; x < img.width; ++x) {
            const std::size_t i = base + std::size_t(x) * c;
            std::uint8_t r, g, b, a = 255;
            if (c <= 2) {
                r = g = b = sample8(img, i);
                if (c == 2) a = sample8(img, i + 1);
            } else {
                r = sample8(img, i);
                g = sample8(img, i + 1);
                b = sample8(img, i + 2);
                if (c == 4) a = sample8(img, i + 3);
            }
            dst[x * 4 + 0] = r;
            dst[x * 4 + 1] = g;
            dst[x * 4 + 2] = b;
            dst[x * 4 + 3] = a;
        }
    }
    return out;
}

Image fromQImage(const QImage& image) {
    if (image.isNull()) return {};
    const QImage rgba = image.convertToFormat(QImage::Format_RGBA8888);
    Image out(rgba.width(), rgba.height(), 4);
    for (int y = 0; y < rgba.height(); ++y)
        std::memcpy(out.row(y), rgba.constScanLine(y), out.rowBytes());
    return out;
}

}  // namespace tessera::ui
