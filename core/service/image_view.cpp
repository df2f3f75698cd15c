#include "service/image_view.h"

#include <algorithm>
#include <cmath>

#include "geo/crs.h"
#include "geo/footprint.h"
#include "raster/to_8bit.h"
#include "stats/histogram.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

// Supplies band statistics and low-resolution histograms to style resolution.
class ImageView::Provider final : public StyleDataProvider {
  public:
    explicit Provider(const ImageView& view) : view_(view) {}
    const SourceInfo& info() const override { return view_.info(); }

    std::optional<BandStats> bandStats(int band, int frame) override {
        return view_.bandStats(band, frame);
    }

    BandHistogram histogram(int band, int frame, int bins) override {
        const int n = view_.info().bandCount;
        if (band == n + 1 && view_.projected()) {
            BandHistogram h;  // the warp alpha: 0 outside, 255 inside
            h.min = 0;
            h.max = 255;
            h.bins = bins;
            return h;
        }
        Raster ov = view_.overview(frame, 1024);
        if (band < 1 || band > ov.bands())
            fail(ErrorKind::BadRequest,
                 trf("ImageView", "Band %1 does not exist.", std::to_string(band)));
        HistogramOptions options;
        options.bins = bins;
        if (band <= int(view_.info().bands.size()))
            options.nodata = view_.info().bands[std::size_t(band - 1)].nodata;
        auto all = computeHistograms(ov.selectBands({band - 1}), options);
        return all.at(0);
    }

  private:
    const ImageView& view_;
};

namespace {

// The pixel tiling of a source: 256² tiles (large_image's GDAL tiling), except the TIFF source,
// whose tiles are the file's own (large_image's tiff source uses the native tile size).
TileGrid pixelGridOf(const SourceInfo& inf) {
    if (inf.sourceName == "tiff")
        return TileGrid::pixel(inf.sizeX, inf.sizeY, inf.tileWidth, inf.tileHeight);
    return TileGrid::pixel(inf.sizeX, inf.sizeY);
}

}  // namespace

ImageView::ImageView(SourcePtr source, const std::string& projection, const std::string& identity)
    : source_(std::move(source)), grid_(pixelGridOf(source_->info())), sourceGrid_(grid_) {
    const SourceInfo& inf = source_->info();
    key_ = (identity.empty() ? source_->uri() : identity) + "|" + inf.sourceName;
    if (projection.empty()) return;
    if (!inf.geospatial)
        fail(ErrorKind::BadRequest,
             trc("ImageView", "This image is not georeferenced, so it has no projection."));
    requireProjectedCrs(projection);
    projectionWkt_ = crsToWkt(projection);
    projection_ = projection;
    std::transform(projection_.begin(), projection_.end(), projection_.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    const double units = unitsAcrossLevel0(projection);
    const double pixelMeters = inf.mmX ? *inf.mmX / 1000.0 : pixelSizeMeters(inf).value_or(0.0);
    if (!(pixelMeters > 0) || !std::isfinite(pixelMeters))
        fail(ErrorKind::Unsupported,
             trc("ImageView",
                 "The image's pixel size on the Earth cannot be determined (its corners do not map "
                 "to the Earth), so it cannot be shown in this projection."));
    grid_ = TileGrid::projected(units, pixelMeters);
    auto fp = footprint(inf, projection);
    if (!fp)
        fail(ErrorKind::Unsupported, trc("ImageView", "The image bounds cannot be projected."));
    dataBounds_ = fp->box;
    key_ += "|" + projection_;
}

std::string ImageView::projectionSrs() const {
    std::string s = projection_;
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::optional<BandStats> ImageView::bandStats(int band, int frame) const {
    const int n = info().bandCount;
    if (band == n + 1 && projected()) return BandStats{0, 255, 127.5, 127.5, true};
    if (band < 1 || band > n) return std::nullopt;
    BandStats s = source_->statistics(band, frame, true);
    if (!s.valid) return std::nullopt;
    return s;
}

std::shared_ptr<const ResolvedStyle> ImageView::resolve(const StyleSpec& spec) {
    const auto key = std::make_pair(spec.styleJson, spec.frame);
    std::shared_ptr<const Style> style;
    {
        std::lock_guard lock(mutex_);
        if (auto* r = resolved_.find(key)) return *r;
        if (auto* p = parsed_.find(spec.styleJson)) style = *p;
    }
    if (!style) {
        if (spec.styleJson.empty()) {
            auto def = defaultStyle(info(), projected());
            if (def) style = std::make_shared<const Style>(std::move(*def));
        } else {
            style = std::make_shared<const Style>(parseStyle(std::string_view(spec.styleJson)));
        }
        std::lock_guard lock(mutex_);
        parsed_.put(spec.styleJson, style);
    }
    std::shared_ptr<const ResolvedStyle> resolved;
    if (style && !style->raw) {
        Provider provider(*this);
        resolved = std::make_shared<const ResolvedStyle>(
            resolveStyle(*style, provider, projected(), spec.frame));
    }
    std::lock_guard lock(mutex_);
    resolved_.put(key, resolved);
    return resolved;
}

std::vector<Raster> ImageView::readFor(const ResolvedStyle* style, const ReadArea& area, int frame,
                                       const std::string& crs) const {
    const int n = info().bandCount;
    std::vector<RasterNeed> needs;
    if (style) {
        needs = style->needs();
    } else {
        RasterNeed all{frame, {}};
        for (int b = 1; b <= n; ++b) all.bands.push_back(b);
        if (area.projected) all.bands.push_back(n + 1);
        needs.push_back(std::move(all));
    }
    std::vector<Raster> out;
    out.reserve(needs.size());
    for (const RasterNeed& need : needs) {
        // Read each source band once; the warp alpha (n + 1) comes with every projected read.
        std::vector<int> unique;
        for (int b : need.bands)
            if (b >= 1 && b <= n && std::find(unique.begin(), unique.end(), b) == unique.end())
                unique.push_back(b);
        for (int b : need.bands)
            if (b < 1 || b > n + (area.projected ? 1 : 0))
                fail(ErrorKind::BadRequest,
                     trf("ImageView", "Band %1 does not exist in this image.", std::to_string(b)));
        if (unique.empty()) unique.push_back(1);
        Raster raster;
        if (area.projected) {
            ProjectedWindow w;
            w.crs = crs.empty() ? projection_ : crs;
            w.bounds = {area.x0, area.y0, area.x1, area.y1};
            w.outWidth = area.outWidth;
            w.outHeight = area.outHeight;
            w.bands = unique;
            w.frame = need.frame;
            raster = source_->readProjected(w);
        } else {
            ReadWindow w;
            w.x0 = area.x0;
            w.y0 = area.y0;
            w.x1 = area.x1;
            w.y1 = area.y1;
            w.outWidth = area.outWidth;
            w.outHeight = area.outHeight;
            w.bands = unique;
            w.frame = need.frame;
            raster = source_->read(w);
        }
        std::vector<int> order;
        for (int b : need.bands) {
            if (b == n + 1) {
                order.push_back(raster.bands() - 1);
            } else {
                order.push_back(int(std::find(unique.begin(), unique.end(), b) - unique.begin()));
            }
        }
        bool identity = int(order.size()) == raster.bands();
        for (std::size_t i = 0; identity && i < order.size(); ++i) identity = order[i] == int(i);
        out.push_back(identity ? std::move(raster) : raster.selectBands(order));
    }
    return out;
}

Image ImageView::render(const StyleSpec& spec, const ReadArea& area) {
    auto style = resolve(spec);
    std::vector<Raster> rasters = readFor(style.get(), area, spec.frame);
    if (style) return applyStyle(*style, rasters);
    return rasterTo8Bit(rasters.at(0));
}

Image ImageView::renderIn(const StyleSpec& spec, const std::string& crs, const Bounds& bounds,
                          int outWidth, int outHeight) {
    auto style = resolve(spec);
    const ReadArea area{true,        bounds.xmin, bounds.ymin, bounds.xmax,
                        bounds.ymax, outWidth,    outHeight};
    std::vector<Raster> rasters = readFor(style.get(), area, spec.frame, crs);
    if (style) return applyStyle(*style, rasters);
    return rasterTo8Bit(rasters.at(0));
}

Raster ImageView::overview(int frame, int maxSide) const {
    if (maxSide == 1024) {
        std::lock_guard lock(mutex_);
        if (auto it = overviews_.find(frame); it != overviews_.end()) return *it->second;
    }
    const SourceInfo& inf = info();
    const double scale = std::min(1.0, double(maxSide) / std::max(inf.sizeX, inf.sizeY));
    ReadWindow w;
    w.x1 = inf.sizeX;
    w.y1 = inf.sizeY;
    w.outWidth = std::max(1, int(std::lround(inf.sizeX * scale)));
    w.outHeight = std::max(1, int(std::lround(inf.sizeY * scale)));
    w.frame = frame;
    checkBudget(std::size_t(w.outWidth) * std::size_t(w.outHeight) * std::size_t(inf.bandCount) *
                    sampleSize(inf.dtype),
                trc("ImageView", "This overview of the image"));
    Raster r = source_->read(w);
    if (maxSide == 1024) {
        std::lock_guard lock(mutex_);
        overviews_.emplace(frame, std::make_shared<const Raster>(r));
    }
    return r;
}

}  // namespace tessera
