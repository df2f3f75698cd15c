#include "thumb/lco_thumbnail.h"

#include <algorithm>

#include "service/area.h"
#include "thumb/fits_stretch.h"
#include "thumb/zscale.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

constexpr double kAverageLimitBytes = 256.0 * 1024 * 1024;

}  // namespace

ThumbnailStretch parseThumbnailStretch(const std::string& name) {
    if (name.empty() || name == "auto") return ThumbnailStretch::Auto;
    if (name == "style") return ThumbnailStretch::Style;
    if (name == "zscale" || name == "lco") return ThumbnailStretch::ZScale;
    fail(ErrorKind::BadRequest,
         trf("Thumbnail", "Unknown stretch \"%1\"; use auto, style or zscale.", name));
}

const char* thumbnailStretchName(ThumbnailStretch s) noexcept {
    switch (s) {
        case ThumbnailStretch::Auto:
            return "auto";
        case ThumbnailStretch::Style:
            return "style";
        case ThumbnailStretch::ZScale:
            return "zscale";
    }
    return "auto";
}

bool usesLcoStretch(const ImageView& view, const ThumbnailRequest& r) {
    switch (r.stretch) {
        case ThumbnailStretch::ZScale:
            return true;
        case ThumbnailStretch::Style:
            return false;
        case ThumbnailStretch::Auto:
            return r.style.styleJson.empty() && view.info().sourceName == "fits";
    }
    return false;
}

Raster thumbnailRaster(const ImageView& view, const ReadArea& area, int frame,
                       const std::vector<int>& bands) {
    const SourceInfo& info = view.info();
    if (area.projected) {
        // The warp reads overviews itself; the raw read brings the warp alpha last.
        std::vector<Raster> raw = view.readFor(nullptr, area, frame);
        return raw.at(0);
    }
    const double frameBytes =
        double(info.sizeX) * double(info.sizeY) * double(sampleSize(info.dtype));
    ReadWindow w;
    w.x0 = area.x0;
    w.y0 = area.y0;
    w.x1 = area.x1;
    w.y1 = area.y1;
    w.outWidth = area.outWidth;
    w.outHeight = area.outHeight;
    w.bands = bands;
    w.frame = frame;
    w.resample = info.levels.size() > 1 || frameBytes <= kAverageLimitBytes ? Resample::Average
                                                                            : Resample::Nearest;
    return view.source().read(w);
}

Image lcoThumbnailImage(const ImageView& view, int maxWidth, int maxHeight, int frame,
                        double gamma) {
    checkGamma(gamma);
    const SourceInfo& info = view.info();
    const ReadArea area = thumbnailArea(view, maxWidth, maxHeight);
    const int colours = info.bandCount >= 3 ? 3 : 1;
    std::vector<int> bands;
    for (int b = 1; b <= colours; ++b) bands.push_back(b);
    Raster raw = thumbnailRaster(view, area, frame, bands);
    const bool alpha = area.projected;  // the warp alpha is the last band of a projected read
    Image img(raw.width(), raw.height(), colours + (alpha ? 1 : 0));
    for (int c = 0; c < colours; ++c) {
        const StretchRange limits = zscaleLimits(view.source(), c + 1, frame);
        stretchBandInto(raw, c, limits, gamma, info.bands.at(std::size_t(c)).nodata, img, c);
    }
    if (alpha) {
        const int a = raw.bands() - 1;
        dispatchType(raw.type(), [&](auto tag) {
            using T = decltype(tag);
            const T* p = raw.band<T>(a);
            for (std::size_t i = 0; i < raw.pixelCount(); ++i)
                img.pixels[i * std::size_t(img.channels) + std::size_t(colours)] =
                    p[i] > T(0) ? 255 : 0;
        });
    }
    return img;
}

}  // namespace tessera
