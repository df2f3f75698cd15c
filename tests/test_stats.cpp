// Statistics tests: histograms with numpy.histogram's binning (edges, edge ties in float32 and
// float64, custom ranges, density, NaN/nodata skipped) and the JSON shapes of §4.1; stretch
// presets (min/max, numpy percentiles, mean ± k·σ) and zscale against values computed with
// astropy 5.2.1's ZScaleInterval on the same synthetic star field (hard-coded below).
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>

#include "stats/histogram.h"
#include "stats/stretch.h"
#include "style/style.h"
#include "util/error.h"

using namespace tessera;

namespace {

Raster makeRaster(int w, int h, int bands, DataType type,
                  const std::function<double(int, int, int)>& f) {
    Raster r(w, h, bands, type);
    for (int b = 0; b < bands; ++b)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) r.setValue(x, y, b, f(x, y, b));
    return r;
}

// The star field the astropy reference values were computed on: a 64-bit LCG drives a
// noisy sloped background and 40 Gaussian stars (same order of operations as the Python).
class Lcg {
  public:
    explicit Lcg(std::uint64_t seed) : s_(seed) {}
    double u() {
        s_ = s_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(s_ >> 11) * (1.0 / 9007199254740992.0);
    }

  private:
    std::uint64_t s_;
};

Raster starField(int w, int h, int nstars, std::uint64_t seed) {
    Lcg r(seed);
    std::vector<double> img(std::size_t(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double n = r.u();
            n += r.u();
            n += r.u();
            n += r.u();
            n -= 2.0;
            img[std::size_t(y) * w + x] = 1000.0 + 20.0 * n + 0.05 * x;
        }
    for (int k = 0; k < nstars; ++k) {
        const double sx = r.u() * w, sy = r.u() * h, amp = 500.0 + r.u() * 19500.0;
        for (int y = std::max(0, int(sy) - 5); y < std::min(h, int(sy) + 6); ++y)
            for (int x = std::max(0, int(sx) - 5); x < std::min(w, int(sx) + 6); ++x) {
                const double d2 = (x - sx) * (x - sx) + (y - sy) * (y - sy);
                img[std::size_t(y) * w + x] += amp * std::exp(-d2 / (2.0 * 1.5 * 1.5));
            }
    }
    Raster out(w, h, 1, DataType::Float64);
    std::memcpy(out.bandData(0), img.data(), img.size() * sizeof(double));
    return out;
}

bool near(double a, double b, double rel = 1e-9) {
    return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b));
}

}  // namespace

class TestStats : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void histogramCounts() {
        Raster r = makeRaster(10, 1, 1, DataType::UInt8, [](int x, int, int) { return x; });
        HistogramOptions o;
        o.bins = 5;
        auto h = computeHistograms(r, o);
        QCOMPARE(h.size(), std::size_t(1));
        QCOMPARE(h[0].rangeLow, 0.0);
        QCOMPARE(h[0].rangeHigh, 10.0);  // max + 1
        QCOMPARE(h[0].binEdges, (std::vector<double>{0, 2, 4, 6, 8, 10}));
        QCOMPARE(h[0].hist, (std::vector<double>{2, 2, 2, 2, 2}));
        QCOMPARE(h[0].samples, 10LL);
        QCOMPARE(h[0].min, 0.0);
        QCOMPARE(h[0].max, 9.0);
        QCOMPARE(h[0].mean, 4.5);
        QVERIFY(near(h[0].stdev, std::sqrt(8.25)));
        o.density = true;
        h = computeHistograms(r, o);
        QCOMPARE(h[0].hist, (std::vector<double>{0.2, 0.2, 0.2, 0.2, 0.2}));
        QVERIFY(h[0].density);
    }

    // §3.5.8: uint8 data, 8 bins -> range (0, 256), edges 0, 32, ..., 256.
    void histogramUint8Bins8() {
        Raster r = makeRaster(256, 4, 3, DataType::UInt8, [](int x, int, int) { return x; });
        HistogramOptions o;
        o.bins = 8;
        auto h = computeHistograms(r, o);
        QCOMPARE(h.size(), std::size_t(3));
        for (const auto& b : h) {
            QCOMPARE(b.rangeLow, 0.0);
            QCOMPARE(b.rangeHigh, 256.0);
            QCOMPARE(b.binEdges.size(), std::size_t(9));
            for (int j = 0; j <= 8; ++j) QCOMPARE(b.binEdges[j], 32.0 * j);
            QCOMPARE(b.hist, std::vector<double>(8, 128.0));
            QCOMPARE(b.samples, 1024LL);
        }
    }

    void histogramEdgeTies() {
        // numpy: 0.3 (float64) is below edge 3 (0.30000000000000004) -> bin 2; 0.3f equals the
        // float32 edge -> bin 3.
        HistogramOptions o;
        o.bins = 10;
        o.rangeMin = 0.0;
        o.rangeMax = 1.0;
        Raster d = makeRaster(1, 1, 1, DataType::Float64, [](int, int, int) { return 0.3; });
        QCOMPARE(computeHistograms(d, o)[0].hist[2], 1.0);
        Raster f = makeRaster(1, 1, 1, DataType::Float32, [](int, int, int) { return 0.3; });
        auto hf = computeHistograms(f, o)[0];
        QCOMPARE(hf.hist[3], 1.0);
        QCOMPARE(hf.binEdges[3], static_cast<double>(0.3f));  // float32 edges
        // The last bin includes the upper edge.
        o.rangeMax = 0.3;
        QCOMPARE(computeHistograms(d, o)[0].hist[9], 1.0);
    }

    void histogramSkipsNanAndNodata() {
        Raster r = makeRaster(5, 1, 1, DataType::Float32, [](int x, int, int) {
            return std::vector<double>{0.5, std::nan(""), 1.5, -9999, 2.5}[x];
        });
        HistogramOptions o;
        o.bins = 3;
        o.nodata = -9999;
        auto h = computeHistograms(r, o)[0];
        QCOMPARE(h.samples, 3LL);
        QCOMPARE(h.min, 0.5);
        QCOMPARE(h.max, 2.5);
        QCOMPARE(h.rangeHigh, 3.5);
        QCOMPARE(h.binEdges, (std::vector<double>{0.5, 1.5, 2.5, 3.5}));
        QCOMPARE(h.hist, (std::vector<double>{1, 1, 1}));
        QCOMPARE(h.mean, 1.5);
    }

    void histogramCustomRange() {
        Raster r = makeRaster(1000, 1, 1, DataType::UInt16, [](int x, int, int) { return x; });
        HistogramOptions o;
        o.bins = 5;
        o.rangeMin = 0;
        o.rangeMax = 500;
        auto h = computeHistograms(r, o)[0];
        QCOMPARE(h.hist, (std::vector<double>{100, 100, 100, 100, 101}));
        QCOMPARE(h.samples, 501LL);
        QCOMPARE(h.min, 0.0);
        QCOMPARE(h.max, 999.0);
        o.bins = 0;
        bool threw = false;
        try {
            computeHistograms(r, o);
        } catch (const Error& e) {
            threw = e.kind() == ErrorKind::BadRequest;
        }
        QVERIFY(threw);
    }

    void histogramJson() {
        Raster r = makeRaster(4, 1, 2, DataType::UInt8, [](int x, int, int b) { return x + b; });
        HistogramOptions o;
        o.bins = 2;
        auto h = computeHistograms(r, o);
        nlohmann::json j = histogramsToJson(h);
        QVERIFY(j.is_array());
        QCOMPARE(j.size(), std::size_t(2));
        for (const char* key : {"min", "max", "mean", "stdev", "range", "hist", "bin_edges", "bins",
                                "density", "samples"})
            QVERIFY2(j[0].contains(key), key);
        QCOMPARE(j[1]["range"], nlohmann::json::parse("[1.0, 5.0]"));
        QCOMPARE(j[1]["bin_edges"], nlohmann::json::parse("[1.0, 3.0, 5.0]"));
        QCOMPARE(j[1]["hist"], nlohmann::json::parse("[2, 2]"));
        QVERIFY(j[1]["hist"][0].is_number_integer());
        QCOMPARE(j[1]["samples"].get<long long>(), 4LL);
        QCOMPARE(j[1]["bins"].get<int>(), 2);
        QCOMPARE(j[1]["density"].get<bool>(), false);
        QCOMPARE(j[1]["mean"].get<double>(), 2.5);

        nlohmann::json mm = minMaxToJson(h);
        QCOMPARE(mm["min"], nlohmann::json::parse("[0, 1]"));
        QCOMPARE(mm["max"], nlohmann::json::parse("[3, 4]"));
        QVERIFY(mm["min"][0].is_number_integer());
        QCOMPARE(mm["mean"][0].get<double>(), 1.5);
        QVERIFY(mm.contains("stdev"));

        Raster f = makeRaster(2, 1, 1, DataType::Float32, [](int x, int, int) { return x + 0.5; });
        nlohmann::json fm = minMaxToJson(computeHistograms(f, o));
        QVERIFY(fm["min"][0].is_number_float());
        QCOMPARE(fm["max"][0].get<double>(), 1.5);
    }

    void stretchPresets() {
        Raster r = makeRaster(6, 1, 1, DataType::Float32, [](int x, int, int) {
            return std::vector<double>{1, 2, std::nan(""), 3, 4, -5}[x];
        });
        const double nodata = -5;
        StretchParams p;
        p.kind = StretchKind::MinMax;
        StretchRange mm = computeStretch(r, 0, p, &nodata);
        QCOMPARE(mm.min, 1.0);
        QCOMPARE(mm.max, 4.0);
        p.kind = StretchKind::StdDev;
        p.k = 2;
        StretchRange sd = computeStretch(r, 0, p, &nodata);
        QVERIFY(near(sd.min, 2.5 - 2 * std::sqrt(1.25)));
        QVERIFY(near(sd.max, 2.5 + 2 * std::sqrt(1.25)));

        // numpy.percentile(arange(1, 11), [2, 98, 50, 33]) = 1.18, 9.82, 5.5, 3.97.
        Raster ten = makeRaster(10, 1, 1, DataType::UInt16, [](int x, int, int) { return 10 - x; });
        p.kind = StretchKind::Percentile;
        StretchRange pc = computeStretch(ten, 0, p);
        QVERIFY(near(pc.min, 1.18));
        QVERIFY(near(pc.max, 9.82));
        p.lowPercent = 33;
        p.highPercent = 50;
        pc = computeStretch(ten, 0, p);
        QVERIFY(near(pc.min, 3.97));
        QVERIFY(near(pc.max, 5.5));

        // Star field: numpy.percentile(a, 2) and (a, 98).
        Raster stars = starField(200, 150, 40, 12345);
        QVERIFY(near(stars.value(0, 0, 0), 1001.9265060850298));
        QVERIFY(near(stars.value(100, 75, 0), 1013.5407659152562));
        StretchParams dflt;
        StretchRange sp = computeStretch(stars, 0, dflt);
        QVERIFY(near(sp.min, 981.6802467163695));
        QVERIFY(near(sp.max, 3736.5631293389624));

        // All samples masked: an empty range, no crash.
        Raster nan =
            makeRaster(3, 1, 1, DataType::Float64, [](int, int, int) { return std::nan(""); });
        StretchRange none = computeStretch(nan, 0, dflt);
        QCOMPARE(none.min, 0.0);
        QCOMPARE(none.max, 0.0);
    }

    // astropy.visualization.ZScaleInterval(n_samples=N, contrast=C).get_limits(field).
    void zscaleMatchesAstropy() {
        Raster stars = starField(200, 150, 40, 12345);
        StretchParams p;
        p.kind = StretchKind::ZScale;
        StretchRange z = computeStretch(stars, 0, p);
        QVERIFY2(near(z.min, 968.291760736049), std::to_string(z.min).c_str());
        QVERIFY2(near(z.max, 1096.1005008181319), std::to_string(z.max).c_str());

        std::vector<double> all(stars.pixelCount());
        std::memcpy(all.data(), stars.bandData(0), all.size() * sizeof(double));
        StretchRange z1000 = zscale(all, 0.25, 1000);
        QVERIFY(near(z1000.min, 966.364104856194));
        QVERIFY(near(z1000.max, 1105.8805773487497));
        StretchRange zc = zscale(all, 0.5, 600);
        QVERIFY(near(zc.min, 968.291760736049));
        QVERIFY(near(zc.max, 1051.4151085075177));
        StretchRange z50 = zscale(all, 0.25, 50);
        QVERIFY(near(z50.min, 976.5824649215602));
        QVERIFY(near(z50.max, 1094.932067431009));

        // Too few pixels left after rejection: the sample min and max.
        StretchRange small = zscale({1, 2, 3, 1000, 5, 6, 7, 8, 9, -500});
        QCOMPARE(small.min, -500.0);
        QCOMPARE(small.max, 1000.0);
        StretchRange four = zscale({4, 1, 3, 2});
        QCOMPARE(four.min, 1.0);
        QCOMPARE(four.max, 4.0);
        StretchRange empty = zscale({std::nan("")});
        QCOMPARE(empty.min, 0.0);
    }

    void styleFromStretchRanges() {
        nlohmann::json one = styleFromStretch(1, {{10, 20}}, "viridis");
        QCOMPARE(one["band"].get<int>(), 1);
        QCOMPARE(one["min"].get<double>(), 10.0);
        QCOMPARE(one["max"].get<double>(), 20.0);
        QCOMPARE(one["palette"].get<std::string>(), std::string("viridis"));
        QVERIFY(!styleFromStretch(1, {{0, 1}}).contains("palette"));
        nlohmann::json rgb = styleFromStretch(3, {{1, 2}, {3, 4}, {5, 6}});
        QCOMPARE(rgb["bands"].size(), std::size_t(3));
        QCOMPARE(rgb["bands"][2]["band"].get<int>(), 3);
        QCOMPARE(rgb["bands"][2]["min"].get<double>(), 5.0);
        QCOMPARE(rgb["bands"][1]["palette"][1].get<std::string>(), std::string("#0f0"));
        // The results are valid styles.
        Style s = parseStyle(rgb);
        QCOMPARE(s.bands.size(), std::size_t(3));
        QCOMPARE(std::get<double>(s.bands[0].max), 2.0);
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "test_stats.moc"
