// data/histogram: per-band histograms of raw data, on an overview of at most maxSize pixels,
// or at full resolution. Large answers are streamed in strips (at most kStripBytes of samples
// each, or half the request's memory budget when that is smaller; cancellable between strips)
// so memory stays bounded whatever maxSize asks for; the numbers are those of one read of the
// whole overview.
#include <algorithm>
#include <cmath>

#include "service/metadata_json.h"
#include "stats/histogram.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

namespace {

// Samples read at once by a streamed histogram; overviews up to this size are read whole.
constexpr std::size_t kStripBytes = std::size_t(64) << 20;

// Bytes of samples one strip may hold: kStripBytes, or half the request's budget.
std::size_t stripBytes() {
    const std::size_t budget = requestMemoryBudget();
    if (budget == 0) return kStripBytes;
    return std::clamp<std::size_t>(budget / 2, std::size_t(1) << 16, kStripBytes);
}

std::optional<double> bandNodata(const SourceInfo& info, int b) {
    return b < int(info.bands.size()) ? info.bands[std::size_t(b)].nodata : std::nullopt;
}

// Full resolution: exact statistics give the range, then blocks (rows, or column chunks of a
// row for very wide images) are binned with that fixed range and summed.
std::vector<BandHistogram> fullResolution(const ImageView& view, const HistogramRequest& r) {
    const SourceInfo& info = view.info();
    const std::size_t ss = sampleSize(info.dtype);
    const std::size_t strip = stripBytes();
    const int cols = int(std::min<std::size_t>(std::size_t(info.sizeX), strip / ss));
    const int stripRows = std::max(1, int(strip / (std::size_t(cols) * ss)));
    std::vector<BandHistogram> out;
    for (int b = 0; b < info.bandCount; ++b) {
        const BandStats stats = view.source().statistics(b + 1, r.frame, false);
        HistogramOptions o;
        o.bins = r.bins;
        o.nodata = bandNodata(info, b);
        o.rangeMin = r.rangeMin ? *r.rangeMin : stats.min;
        o.rangeMax = r.rangeMax ? *r.rangeMax : (isFloat(info.dtype) ? stats.max : stats.max + 1);
        BandHistogram total;
        for (int y = 0; y < info.sizeY; y += stripRows)
            for (int x = 0; x < info.sizeX; x += cols) {
                checkCancelled();
                ReadWindow w;
                w.x0 = x;
                w.x1 = std::min(info.sizeX, x + cols);
                w.y0 = y;
                w.y1 = std::min(info.sizeY, y + stripRows);
                w.outWidth = int(w.x1 - w.x0);
                w.outHeight = int(w.y1 - w.y0);
                w.bands = {b + 1};
                w.frame = r.frame;
                BandHistogram h = computeHistograms(view.source().read(w), o).at(0);
                if (total.hist.empty()) {
                    total = h;
                } else {
                    for (std::size_t i = 0; i < h.hist.size(); ++i) total.hist[i] += h.hist[i];
                    total.samples += h.samples;
                }
            }
        total.min = stats.min, total.max = stats.max, total.mean = stats.mean,
        total.stdev = stats.stdev;
        if (r.density && total.samples > 0 && total.binEdges.size() > 1) {
            const double width = total.binEdges[1] - total.binEdges[0];
            for (double& v : total.hist) v /= double(total.samples) * width;
            total.density = true;
        }
        out.push_back(std::move(total));
    }
    return out;
}

// The overview ImageView::overview(frame, maxSize) would read, in strips of output rows read
// twice (statistics, then counts): the same numbers without holding the overview.
std::vector<BandHistogram> streamedOverview(const ImageView& view, const HistogramRequest& r,
                                            const std::vector<HistogramOptions>& options, int outW,
                                            int outH) {
    const SourceInfo& info = view.info();
    const std::size_t rowBytes =
        std::size_t(outW) * std::size_t(info.bandCount) * sampleSize(info.dtype);
    const int stripRows = std::max(1, int(stripBytes() / std::max<std::size_t>(1, rowBytes)));
    const double step = double(info.sizeY) / outH;
    StripHistogram hist(info.dtype, options);
    for (int pass = 0; pass < 2; ++pass)
        for (int j0 = 0; j0 < outH; j0 += stripRows) {
            checkCancelled();
            const int j1 = std::min(outH, j0 + stripRows);
            ReadWindow w;
            w.x1 = info.sizeX;
            w.y0 = j0 == 0 ? 0.0 : j0 * step;
            w.y1 = j1 == outH ? double(info.sizeY) : j1 * step;
            w.outWidth = outW;
            w.outHeight = j1 - j0;
            w.frame = r.frame;
            const Raster strip = view.source().read(w);
            if (pass == 0)
                hist.addStatistics(strip);
            else
                hist.addCounts(strip);
        }
    return hist.result();
}

}  // namespace

nlohmann::json histogramJson(const ImageView& view, const HistogramRequest& r) {
    const SourceInfo& info = view.info();
    if (r.frame < 0 || r.frame >= info.frameCount)
        fail(ErrorKind::BadRequest,
             trf("Histogram", "Frame %1 does not exist.", std::to_string(r.frame)));
    std::vector<BandHistogram> hists;
    if (r.maxSize <= 0) {
        hists = fullResolution(view, r);
    } else {
        std::vector<HistogramOptions> options;
        for (int b = 0; b < info.bandCount; ++b) {
            HistogramOptions o;
            o.bins = r.bins;
            o.density = r.density;
            o.rangeMin = r.rangeMin;
            o.rangeMax = r.rangeMax;
            o.nodata = bandNodata(info, b);
            options.push_back(o);
        }
        // The overview size as ImageView::overview computes it.
        const double scale = std::min(1.0, double(r.maxSize) / std::max(info.sizeX, info.sizeY));
        const int outW = std::max(1, int(std::lround(info.sizeX * scale)));
        const int outH = std::max(1, int(std::lround(info.sizeY * scale)));
        const double bytes = double(outW) * outH * info.bandCount * double(sampleSize(info.dtype));
        if (bytes > double(stripBytes())) {
            hists = streamedOverview(view, r, options, outW, outH);
        } else {
            const Raster ov = view.overview(r.frame, r.maxSize);
            for (int b = 0; b < ov.bands(); ++b)
                hists.push_back(
                    computeHistograms(ov.selectBands({b}), options[std::size_t(b)]).at(0));
        }
    }
    return r.onlyMinMax ? minMaxToJson(hists) : histogramsToJson(hists);
}

}  // namespace tessera
