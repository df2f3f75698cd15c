#include "service/associated_image.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

Image fitImage(const Raster& raster, int maxWidth, int maxHeight) {
    if (raster.type() != DataType::UInt8 || raster.bands() < 1 || raster.bands() > 4 ||
        raster.empty())
        fail(ErrorKind::Unsupported,
             trc("AssociatedImage", "The associated image is not an 8-bit picture."));
    const int w = raster.width(), h = raster.height(), c = raster.bands();
    double scale = 1.0;
    if (maxWidth > 0) scale = std::min(scale, double(maxWidth) / w);
    if (maxHeight > 0) scale = std::min(scale, double(maxHeight) / h);
    const int ow = std::max(1, int(std::lround(w * scale)));
    const int oh = std::max(1, int(std::lround(h * scale)));
    Image out(ow, oh, c);
    for (int y = 0; y < oh; ++y) {
        const int y0 = int(std::floor(double(y) * h / oh));
        const int y1 = std::max(y0 + 1, int(std::floor(double(y + 1) * h / oh)));
        for (int x = 0; x < ow; ++x) {
            const int x0 = int(std::floor(double(x) * w / ow));
            const int x1 = std::max(x0 + 1, int(std::floor(double(x + 1) * w / ow)));
            for (int b = 0; b < c; ++b) {
                const std::uint8_t* p = raster.bandData(b);
                unsigned sum = 0;
                for (int yy = y0; yy < y1; ++yy)
                    for (int xx = x0; xx < x1; ++xx) sum += p[std::size_t(yy) * w + xx];
                const unsigned n = unsigned((y1 - y0) * (x1 - x0));
                out.row(y)[std::size_t(x) * c + b] = std::uint8_t((sum + n / 2) / n);
            }
        }
    }
    return out;
}

}  // namespace tessera
