#include "image_to_qimage.h"

#include <cstring>

#include "raster/rgba.h"

namespace tessera::ui {

QImage toQImage(const Image& img) {
    if (img.empty() || img.channels < 1 || img.channels > 4) return {};
    const std::size_t need =
        std::size_t(img.width) * img.height * img.channels * sampleSize(img.type);
    if (img.pixels.size() != need) return {};
    // 8-bit RGBA (every rendered tile) is copied once; anything else goes through toRgba
    // (large_image's 8-bit rules, as in the server's pictures).
    const bool direct = img.type == DataType::UInt8 && img.channels == 4;
    Image converted;
    if (!direct) converted = toRgba(img);
    const Image& rgba = direct ? img : converted;
    QImage out(rgba.width, rgba.height, QImage::Format_RGBA8888);
    for (int y = 0; y < rgba.height; ++y)
        std::memcpy(out.scanLine(y), rgba.row(y), std::size_t(rgba.width) * 4);
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
