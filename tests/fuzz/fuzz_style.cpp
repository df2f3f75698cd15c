// Fuzz target: style JSON text → parseStyle → resolveStyle → applyStyle on small generated
// rasters (grey uint16, RGB uint8 with two frames, float32 with NaN/inf and nodata, paletted).
// Checks: only tessera::Error refuses input; a parsed style's normalised JSON parses to itself;
// a styled image has the raster's size and 1–4 channels.
#include <cmath>
#include <limits>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "stats/histogram.h"
#include "style/style.h"

using namespace tessera;

namespace {

// A source as the style code sees it: info, stored statistics, histograms and reads, refusing
// frames and bands it lacks with Error(BadRequest) as real sources do.
class GeneratedProvider : public StyleDataProvider {
  public:
    SourceInfo sourceInfo;
    std::vector<Raster> frames;  // every band of one frame

    const SourceInfo& info() const override { return sourceInfo; }
    std::optional<BandStats> bandStats(int band, int frame) override {
        const Raster& r = bandRaster(band, frame);
        BandStats s;
        s.min = std::numeric_limits<double>::infinity();
        s.max = -s.min;
        for (int y = 0; y < r.height(); ++y)
            for (int x = 0; x < r.width(); ++x) {
                const double v = r.value(x, y, 0);
                if (!std::isfinite(v)) continue;
                s.min = std::min(s.min, v);
                s.max = std::max(s.max, v);
            }
        s.valid = s.min <= s.max;
        if (!s.valid) return std::nullopt;
        return s;
    }
    BandHistogram histogram(int band, int frame, int bins) override {
        HistogramOptions o;
        o.bins = bins;
        return computeHistograms(bandRaster(band, frame), o).at(0);
    }
    std::vector<Raster> read(const ResolvedStyle& rs) const {
        std::vector<Raster> out;
        for (const RasterNeed& need : rs.needs()) {
            Raster r;
            for (int b : need.bands) {
                if (b == sourceInfo.bandCount + 1) {  // warp alpha of projected reads
                    Raster alpha(width(), height(), 1, sourceInfo.dtype);
                    for (int y = 0; y < height(); ++y)
                        for (int x = 0; x < width(); ++x) alpha.setValue(x, y, 0, x < 3 ? 0 : 255);
                    r.appendBands(alpha);
                } else {
                    r.appendBands(bandRaster(b, need.frame));
                }
            }
            out.push_back(std::move(r));
        }
        return out;
    }
    int width() const { return sourceInfo.sizeX; }
    int height() const { return sourceInfo.sizeY; }

  private:
    Raster bandRaster(int band, int frame) const {
        if (frame < 0 || frame >= int(frames.size()) || band < 1 || band > sourceInfo.bandCount)
            fail(ErrorKind::BadRequest, "no such band or frame");
        return frames[std::size_t(frame)].selectBands({band - 1});
    }
};

GeneratedProvider makeProvider(DataType type, const std::vector<std::string>& interpretations,
                               int frameCount, double (*value)(int x, int y, int b, int f)) {
    GeneratedProvider p;
    SourceInfo& i = p.sourceInfo;
    i.sourceName = "gdal";
    i.driver = "MEM";
    i.sizeX = 16;
    i.sizeY = 12;
    i.bandCount = int(interpretations.size());
    i.dtype = type;
    i.levels = {{16, 12}};
    i.frameCount = frameCount;
    for (const auto& name : interpretations) {
        BandInfo b;
        b.interpretation = name;
        i.bands.push_back(b);
    }
    for (int f = 0; f < frameCount; ++f) {
        Raster r(i.sizeX, i.sizeY, i.bandCount, type);
        for (int b = 0; b < i.bandCount; ++b)
            for (int y = 0; y < i.sizeY; ++y)
                for (int x = 0; x < i.sizeX; ++x) r.setValue(x, y, b, value(x, y, b, f));
        p.frames.push_back(std::move(r));
    }
    return p;
}

std::vector<GeneratedProvider>& providers() {
    static std::vector<GeneratedProvider> list = [] {
        std::vector<GeneratedProvider> v;
        v.push_back(makeProvider(DataType::UInt16, {"gray"}, 1,
                                 [](int x, int y, int, int) { return double(x * 4000 + y * 17); }));
        v.push_back(makeProvider(DataType::UInt8, {"red", "green", "blue"}, 2,
                                 [](int x, int y, int b, int f) {
                                     return double((x * 16 + y * 5 + b * 60 + f * 30) % 256);
                                 }));
        GeneratedProvider floats =
            makeProvider(DataType::Float32, {"gray", "undefined", "undefined", "alpha"}, 1,
                         [](int x, int y, int b, int) {
                             if (b == 0 && x == 1) return std::numeric_limits<double>::quiet_NaN();
                             if (b == 1 && y == 2) return std::numeric_limits<double>::infinity();
                             if (b == 3) return x < 8 ? 0.0 : 255.0;
                             return (x - 8) * 1e3 + y * 0.25 - b;
                         });
        floats.sourceInfo.bands[0].nodata = -7000.0;
        v.push_back(std::move(floats));
        GeneratedProvider paletted =
            makeProvider(DataType::UInt8, {"palette"}, 1,
                         [](int x, int y, int, int) { return double((x + y) % 4); });
        paletted.sourceInfo.bands[0].colortable = {
            {0, 0, 0, 0}, {255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 128}};
        v.push_back(std::move(paletted));
        return v;
    }();
    return list;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::init();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Style style;
    if (!fuzz::refusedOrDone([&] { style = parseStyle(text); })) return 0;

    // The normalised JSON is the cache key: it must parse, and to the same normalised JSON.
    const std::string normalised = style.json.dump();
    Style again;
    fuzz::expect(fuzz::refusedOrDone([&] { again = parseStyle(normalised); }),
                 "a parsed style's normalised JSON is refused");
    fuzz::expect(again.json == style.json, "normalising a style twice changes it");

    const bool projected = (size & 1) != 0;
    for (GeneratedProvider& p : providers()) {
        ResolvedStyle resolved;
        if (!fuzz::refusedOrDone([&] { resolved = resolveStyle(style, p, projected, 0); }))
            continue;
        (void)resolved.describe().dump();
        std::vector<Raster> rasters;
        if (!fuzz::refusedOrDone([&] { rasters = p.read(resolved); })) continue;
        Image img;
        if (!fuzz::refusedOrDone([&] { img = applyStyle(resolved, rasters); })) continue;
        fuzz::expect(img.width == p.width() && img.height == p.height(),
                     "the styled image does not have the raster's size");
        fuzz::expect(img.channels >= 1 && img.channels <= 4,
                     "the styled image has 0 or >4 channels");
        fuzz::expect(img.pixels.size() == img.rowBytes() * std::size_t(img.height),
                     "the styled image's pixel buffer does not match its size");
    }
    return 0;
}
