// Styling cost per 256x256 tile: large_image's default style on uint8 RGB, the default
// (per-band statistics) stretch on uint16 RGB, and viridis on float32, each beside the unstyled
// rasterTo8Bit conversion of the same data measured in the same run. Prints microseconds per
// tile and the cost added by styling; asserts nothing about time.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <vector>

#include "raster/to_8bit.h"
#include "stats/histogram.h"
#include "style/style.h"

using namespace tessera;

namespace {

constexpr int kSize = 256;

class BenchProvider : public StyleDataProvider {
  public:
    SourceInfo sourceInfo;
    BandStats stats;
    const SourceInfo& info() const override { return sourceInfo; }
    std::optional<BandStats> bandStats(int, int) override { return stats; }
    BandHistogram histogram(int, int, int bins) override {
        BandHistogram h;
        h.bins = bins;
        return h;
    }
};

Raster makeTile(int bands, DataType type, const std::function<double(int, int, int)>& f) {
    Raster r(kSize, kSize, bands, type);
    for (int b = 0; b < bands; ++b)
        for (int y = 0; y < kSize; ++y)
            for (int x = 0; x < kSize; ++x) r.setValue(x, y, b, f(x, y, b));
    return r;
}

// CPU time of this thread (the machine may be shared: wall time would count waiting).
double threadCpuUs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

// Median over rounds of the mean thread CPU time per call, in microseconds.
double timeUs(const std::function<void()>& fn, int iterations = 300, int rounds = 7) {
    std::vector<double> per;
    for (int r = 0; r < rounds; ++r) {
        const double t0 = threadCpuUs();
        for (int i = 0; i < iterations; ++i) fn();
        per.push_back((threadCpuUs() - t0) / iterations);
    }
    std::sort(per.begin(), per.end());
    return per[per.size() / 2];
}

volatile std::size_t sink = 0;
const char* only = nullptr;  // argv[1]: run only the rows whose name contains it

void run(const char* name, BenchProvider& provider, const std::string& style, bool projected,
         const Raster& tile) {
    if (only && !std::strstr(name, only)) return;
    const double baseline = timeUs([&] { sink = sink + rasterTo8Bit(tile).pixels.size(); });
    ResolvedStyle rs = resolveStyle(parseStyle(style), provider, projected);
    std::vector<Raster> rasters;
    for (const auto& need : rs.needs()) {
        Raster r;
        for (int b : need.bands)
            r.appendBands(b <= tile.bands()
                              ? tile.selectBands({b - 1})
                              : makeTile(1, tile.type(), [](int, int, int) { return 255; }));
        rasters.push_back(std::move(r));
    }
    const double styled = timeUs([&] { sink = sink + applyStyle(rs, rasters).pixels.size(); });
    const double resolve = timeUs(
        [&] { sink = sink + resolveStyle(parseStyle(style), provider, projected).needs().size(); },
        200, 5);
    std::printf(
        "%-34s unstyled %8.1f us  styled %8.1f us  added %8.1f us  ratio %5.2fx  "
        "(parse+resolve %6.1f us)\n",
        name, baseline, styled, styled - baseline, styled / baseline, resolve);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1) only = argv[1];
    std::printf("bench_style: %dx%d tiles, thread CPU time, median of 7 rounds\n", kSize, kSize);

    BenchProvider rgb8;
    rgb8.sourceInfo.sourceName = "gdal";
    rgb8.sourceInfo.bandCount = 3;
    rgb8.sourceInfo.dtype = DataType::UInt8;
    for (const char* i : {"red", "green", "blue"}) {
        BandInfo b;
        b.interpretation = i;
        rgb8.sourceInfo.bands.push_back(b);
    }
    rgb8.stats = BandStats{0, 255, 120, 40, true};
    Raster tile8 = makeTile(3, DataType::UInt8,
                            [](int x, int y, int b) { return (x + 2 * y + 40 * b) % 256; });
    run("default style, uint8 RGB", rgb8, "{\"bands\": []}", false, tile8);
    run("default style, uint8 RGB, projected", rgb8, "{\"bands\": []}", true, tile8);

    BenchProvider rgb16 = rgb8;
    rgb16.sourceInfo.dtype = DataType::UInt16;
    rgb16.stats = BandStats{0, 4000, 1500, 300, true};
    Raster tile16 = makeTile(3, DataType::UInt16,
                             [](int x, int y, int b) { return (x * 7 + y * 3 + 500 * b) % 4000; });
    run("default stretch, uint16 RGB", rgb16, "{\"bands\": []}", false, tile16);

    BenchProvider f32;
    f32.sourceInfo.sourceName = "gdal";
    f32.sourceInfo.bandCount = 1;
    f32.sourceInfo.dtype = DataType::Float32;
    f32.sourceInfo.bands.push_back(BandInfo{});
    f32.stats = BandStats{-10, 3000, 400, 200, true};
    Raster tileF = makeTile(1, DataType::Float32,
                            [](int x, int y, int) { return -10.0 + (x * 256 + y) * 0.046; });
    run("viridis, float32", f32, R"({"band": 1, "min": "min", "max": "max", "palette": "viridis"})",
        false, tileF);
    // The tile above changes by 1/256 of the range from pixel to pixel along a row (the worst
    // case for table lookups); a DEM-like tile changes little between neighbours.
    Raster smoothF = makeTile(1, DataType::Float32, [](int x, int y, int) {
        return -10.0 + (y * 256 + x) * 0.046 + 3.0 * std::sin(x * 0.3) * std::cos(y * 0.2);
    });
    run("viridis, float32, smooth", f32,
        R"({"band": 1, "min": "min", "max": "max", "palette": "viridis"})", false, smoothF);
    run("gray min/max, float32", f32, R"({"band": 1, "min": "min", "max": "max"})", false, tileF);
    return 0;
}
