#include "thumb/rgb_thumbnail.h"

#include "service/area.h"
#include "thumb/fits_stretch.h"
#include "thumb/lco_thumbnail.h"
#include "thumb/zscale.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

Image rgbThumbnailImage(const std::array<std::shared_ptr<ImageView>, 3>& views, int maxWidth,
                        int maxHeight, int frame, double gamma) {
    checkGamma(gamma);
    for (const auto& v : views)
        if (!v) fail(ErrorKind::Internal, "rgbThumbnailImage: missing view");
    auto size = [](const ImageView& v) {
        return std::to_string(v.info().sizeX) + "×" + std::to_string(v.info().sizeY);
    };
    for (int c = 1; c < 3; ++c)
        if (views[std::size_t(c)]->info().sizeX != views[0]->info().sizeX ||
            views[std::size_t(c)]->info().sizeY != views[0]->info().sizeY)
            fail(ErrorKind::BadRequest,
                 trf("Thumbnail",
                     "The red, green and blue images must have the same size in pixels (they are "
                     "%1, %2 and %3).",
                     size(*views[0]), size(*views[1]), size(*views[2])));
    for (const auto& v : views)
        if (v->projected())
            fail(ErrorKind::BadRequest,
                 trc("Thumbnail", "Colour thumbnails are made in image pixels, not a projection."));
    const ReadArea area = thumbnailArea(*views[0], maxWidth, maxHeight);
    Image img(area.outWidth, area.outHeight, 3);
    for (std::size_t c = 0; c < 3; ++c) {
        const ImageView& v = *views[c];
        const Raster raw = thumbnailRaster(v, area, frame, {1});
        const StretchRange limits = zscaleLimits(v.source(), 1, frame);
        stretchBandInto(raw, 0, limits, gamma, v.info().bands.at(0).nodata, img, int(c));
    }
    return img;
}

}  // namespace tessera
