// data/histogram: per-band histograms of raw data, on an overview of at most maxSize pixels,
// or at full resolution (streamed in strips so memory stays bounded).
#include <algorithm>
#include <cmath>

#include "service/metadata_json.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

std::optional<double> bandNodata(const SourceInfo& info, int b) {
    return b < int(info.bands.size()) ? info.bands[std::size_t(b)].nodata : std::nullopt;
}

// Full resolution: exact statistics give the range, then strips are binned and summed.
std::vector<BandHistogram> fullResolution(const ImageView& view, const HistogramRequest& r) {
    const SourceInfo& info = view.info();
    const int stripRows =
        std::max(1, int((std::size_t(64) << 20) /
                        (std::size_t(info.sizeX) * info.bandCount * sampleSize(info.dtype) + 1)));
    std::vector<BandHistogram> out;
    for (int b = 0; b < info.bandCount; ++b) {
        const BandStats stats = view.source().statistics(b + 1, r.frame, false);
        HistogramOptions o;
        o.bins = r.bins;
        o.nodata = bandNodata(info, b);
        o.rangeMin = r.rangeMin ? *r.rangeMin : stats.min;
        o.rangeMax = r.rangeMax ? *r.rangeMax : (isFloat(info.dtype) ? stats.max : stats.max + 1);
        BandHistogram total;
        for (int y = 0; y < info.sizeY; y += stripRows) {
            ReadWindow w;
            w.y0 = y;
            w.y1 = std::min(info.sizeY, y + stripRows);
            w.x1 = info.sizeX;
            w.outWidth = info.sizeX;
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
        const Raster ov = view.overview(r.frame, r.maxSize);
        for (int b = 0; b < ov.bands(); ++b) {
            HistogramOptions o;
            o.bins = r.bins;
            o.density = r.density;
            o.rangeMin = r.rangeMin;
            o.rangeMax = r.rangeMax;
            o.nodata = bandNodata(info, b);
            hists.push_back(computeHistograms(ov.selectBands({b}), o).at(0));
        }
    }
    return r.onlyMinMax ? minMaxToJson(hists) : histogramsToJson(hists);
}

}  // namespace tessera
