#include "encode/raster_output.h"

#include <cstring>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

RasterOutput imageToRasterOutput(const Image& img) {
    RasterOutput out;
    out.raster = Raster(img.width, img.height, img.channels, img.type);
    const std::size_t s = sampleSize(img.type);
    for (int b = 0; b < img.channels; ++b) {
        std::uint8_t* dst = out.raster.bandData(b);
        for (int y = 0; y < img.height; ++y) {
            const std::uint8_t* src = img.row(y) + s * std::size_t(b);
            for (int x = 0; x < img.width; ++x, dst += s)
                std::memcpy(dst, src + s * std::size_t(img.channels) * std::size_t(x), s);
        }
    }
    out.rgb = img.channels >= 3;
    out.alpha = img.hasAlpha();
    return out;
}

Image rasterOutputToImage(const RasterOutput& out) {
    const Raster& r = out.raster;
    if (r.bands() < 1 || r.bands() > 4)
        fail(ErrorKind::Unsupported,
             trf("Encoder", "%1 bands cannot be written as an image (1 to 4 are possible).",
                 std::to_string(r.bands())));
    Image img(r.width(), r.height(), r.bands(), r.type());
    const std::size_t s = sampleSize(r.type());
    for (int b = 0; b < r.bands(); ++b) {
        const std::uint8_t* src = r.bandData(b);
        for (int y = 0; y < r.height(); ++y) {
            std::uint8_t* dst = img.row(y) + s * std::size_t(b);
            for (int x = 0; x < r.width(); ++x, src += s)
                std::memcpy(dst + s * std::size_t(r.bands()) * std::size_t(x), src, s);
        }
    }
    return img;
}

}  // namespace tessera
