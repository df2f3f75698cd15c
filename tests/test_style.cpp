// Style language tests: parsing and validation (every error message of §3.5.9 and the strict
// checks), min/max resolution (auto with GDAL's sentinel, min:T/max:T histogram walks, full),
// rendering (§3.2: palettes, discrete, multiply, nodata, clamp, dtype/axis, L output, frames,
// projected warp alpha), the default style (§3.4) and the unstyled 8-bit conversion. Rasters are
// generated in memory; a fake StyleDataProvider serves statistics and histograms from them.
// Note: styles containing '#' are written as ordinary string literals: moc (Qt 6.4) stops
// seeing the test class when a raw string literal contains '#'.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <random>

#include "raster/to_8bit.h"
#include "stats/histogram.h"
#include "style/style.h"
#include "util/error.h"

using namespace tessera;

namespace {

SourceInfo makeInfo(const std::string& sourceName, int bands, DataType type,
                    std::vector<std::string> interps = {}, int frames = 1) {
    SourceInfo info;
    info.sourceName = sourceName;
    info.sizeX = info.sizeY = 256;
    info.bandCount = bands;
    info.dtype = type;
    info.frameCount = frames;
    for (int b = 0; b < bands; ++b) {
        BandInfo bi;
        if (b < static_cast<int>(interps.size())) bi.interpretation = interps[b];
        info.bands.push_back(bi);
    }
    return info;
}

Raster makeRaster(int w, int h, int bands, DataType type,
                  const std::function<double(int, int, int)>& f) {
    Raster r(w, h, bands, type);
    for (int b = 0; b < bands; ++b)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) r.setValue(x, y, b, f(x, y, b));
    return r;
}

// Serves statistics (when set) and histograms computed from the frame rasters.
class FakeProvider : public StyleDataProvider {
  public:
    SourceInfo sourceInfo;
    std::vector<Raster> frames;       // one raster with every band per frame
    std::map<int, BandStats> stats;   // band (1-based) -> stats, frame 0 only
    std::optional<Raster> warpAlpha;  // band bandCount+1 on projected reads
    int histogramCalls = 0;
    int statsCalls = 0;

    const SourceInfo& info() const override { return sourceInfo; }
    std::optional<BandStats> bandStats(int band, int frame) override {
        ++statsCalls;
        if (frame != 0) return std::nullopt;
        auto it = stats.find(band);
        if (it == stats.end()) return std::nullopt;
        return it->second;
    }
    BandHistogram histogram(int band, int frame, int bins) override {
        ++histogramCalls;
        HistogramOptions o;
        o.bins = bins;
        Raster one = frames.at(frame).selectBands({band - 1});
        return computeHistograms(one, o).at(0);
    }

    // The rasters a resolved style needs, cut from the frame rasters.
    std::vector<Raster> read(const ResolvedStyle& rs) const {
        std::vector<Raster> out;
        for (const auto& need : rs.needs()) {
            const Raster& src = frames.at(need.frame);
            Raster r;
            for (int b : need.bands) {
                if (b <= src.bands())
                    r.appendBands(src.selectBands({b - 1}));
                else
                    r.appendBands(warpAlpha ? *warpAlpha
                                            : makeRaster(src.width(), src.height(), 1, src.type(),
                                                         [](int, int, int) { return 255; }));
            }
            out.push_back(std::move(r));
        }
        return out;
    }

    Image render(const std::string& style, bool projected = false, int frame = 0) {
        ResolvedStyle rs = resolveStyle(parseStyle(style), *this, projected, frame);
        return applyStyle(rs, read(rs));
    }
};

std::vector<int> pixel(const Image& img, int x, int y) {
    std::vector<int> v;
    for (int c = 0; c < img.channels; ++c) {
        const std::size_t i = (std::size_t(y) * img.width + x) * img.channels + c;
        if (img.type == DataType::UInt8) {
            v.push_back(img.pixels[i]);
        } else if (img.type == DataType::UInt16) {
            std::uint16_t q;
            std::memcpy(&q, img.pixels.data() + i * 2, 2);
            v.push_back(q);
        } else {
            float f;
            std::memcpy(&f, img.pixels.data() + i * 4, 4);
            v.push_back(static_cast<int>(std::lround(f * 1000)));
        }
    }
    return v;
}

// The message of the Error a call throws ("" when it does not throw).
std::string errorOf(const std::function<void()>& f, ErrorKind* kind = nullptr) {
    try {
        f();
    } catch (const Error& e) {
        if (kind) *kind = e.kind();
        return e.what();
    }
    return "";
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

// Rows y0 .. y0 + rows - 1 of a raster.
Raster rowsOf(const Raster& r, int y0, int rows) {
    return makeRaster(r.width(), rows, r.bands(), r.type(),
                      [&](int x, int y, int b) { return r.value(x, y0 + y, b); });
}

using Px = std::vector<int>;

}  // namespace

class TestStyle : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    // ---- parsing -----------------------------------------------------------------------
    void parseShapes() {
        Style raw = parseStyle(std::string_view("{}"));
        QVERIFY(raw.raw);
        QVERIFY(raw.bands.empty());

        Style icc = parseStyle(std::string_view(R"({"icc": false})"));
        QVERIFY(!icc.raw);
        QVERIFY(icc.bands.empty());

        Style single = parseStyle(std::string_view(
            R"({"band": "2", "min": "100", "max": "max:0.020", "nodata": "-9999", "dtype": "uint16", "axis": 1})"));
        QVERIFY(single.singleEntry);
        QCOMPARE(single.bands.size(), std::size_t(1));
        QCOMPARE(std::get<int>(single.bands[0].band), 2);
        QCOMPARE(std::get<double>(single.bands[0].min), 100.0);
        QCOMPARE(std::get<std::string>(single.bands[0].max), std::string("max:0.02"));
        QCOMPARE(*single.bands[0].nodata, -9999.0);
        QCOMPARE(*single.dtype, std::string("uint16"));
        QCOMPARE(*single.axis, 1);
        QCOMPARE(single.json["max"].get<std::string>(), std::string("max:0.02"));

        Style list = parseStyle(std::string_view(
            R"({"bands": [{"band": "red", "frame": 2}, {"band": 1.0, "framedelta": -1, "composite": "multiply", "clamp": false, "scheme": "discrete"}], "dtype": "float", "icc": true})"));
        QVERIFY(!list.singleEntry);
        QCOMPARE(list.bands.size(), std::size_t(2));
        QCOMPARE(std::get<std::string>(list.bands[0].band), std::string("red"));
        QCOMPARE(*list.bands[0].frame, 2);
        QCOMPARE(std::get<int>(list.bands[1].band), 1);
        QCOMPARE(*list.bands[1].framedelta, -1);
        QCOMPARE(*list.bands[1].composite, std::string("multiply"));
        QVERIFY(!list.bands[1].clamp);
        QCOMPARE(list.bands[1].scheme, std::string("discrete"));
        QCOMPARE(*list.dtype, std::string("float"));

        // Null values count as absent.
        Style nulls = parseStyle(std::string_view(R"({"band": 1, "min": null, "palette": null})"));
        QVERIFY(std::holds_alternative<std::monostate>(nulls.bands[0].min));
        QVERIFY(!nulls.bands[0].palette);
    }

    void parseHexPalettes() {
        Style s =
            parseStyle(std::string_view("{\"palette\": [\"#0000ff\", \"#00ff00\", \"#ff0000\"]}"));
        QVERIFY(s.bands[0].palette);
        const Palette& p = *s.bands[0].palette;
        QCOMPARE(p.size(), std::size_t(3));
        QCOMPARE(p[0][2], 255.0);
        QCOMPARE(p[1][1], 255.0);
        QCOMPARE(p[2][0], 255.0);
        QCOMPARE(p[2][3], 255.0);
        QCOMPARE(s.bands[0].paletteSource,
                 nlohmann::json::parse("[\"#0000ff\",\"#00ff00\",\"#ff0000\"]"));
    }

    // §3.5.9 and Tessera's strict validation: every message names the key and the value.
    void parseErrors() {
        auto err = [](const std::string& text, ErrorKind* kind = nullptr) {
            return errorOf([&] { parseStyle(std::string_view(text)); }, kind);
        };
        ErrorKind kind = ErrorKind::Internal;
        QCOMPARE(err(R"(["style"])", &kind), std::string("Style is not a valid json object."));
        QCOMPARE(kind, ErrorKind::BadRequest);
        QCOMPARE(err("not json at all"), std::string("Style is not a valid json object."));
        QCOMPARE(err("\"just a string\""), std::string("Style is not a valid json object."));
        QCOMPARE(err("{\"band\": 1"), std::string("Style is not a valid json object."));
        QCOMPARE(err("42"), std::string("Style is not a valid json object."));

        const std::string band =
            "Band has to be a positive integer, -1, or a band "
            "interpretation found in the source.";
        QVERIFY(contains(err(R"({"band": 1.1})"), band));
        QVERIFY(contains(err(R"({"band": 1.1})"), "1.1"));
        QVERIFY(contains(err(R"({"band": true})"), band));
        QVERIFY(contains(err(R"({"band": [1]})"), band));
        QVERIFY(contains(err(R"({"bands": [{"band": {"x": 1}}]})"), band));

        std::string pal = err(R"({"palette": "nonexistent.palette"})", &kind);
        QVERIFY2(contains(pal, "cannot be used as a color palette"), pal.c_str());
        QVERIFY(contains(pal, "nonexistent.palette"));
        QCOMPARE(kind, ErrorKind::BadRequest);
        QVERIFY(contains(err("{\"palette\": [\"#fff\", \"notacolor\"]}"),
                         "cannot be used as a color palette"));
        QVERIFY(contains(err(R"({"palette": 7})"), "cannot be used as a color palette"));

        std::string unknown = err(R"({"band": 1, "colour": "red"})");
        QVERIFY(contains(unknown, "colour"));
        QVERIFY(contains(unknown, "red"));
        QVERIFY(contains(err(R"({"bands": [], "min": 3})"), "\"min\""));

        std::string mn = err(R"({"min": "bogus"})");
        QVERIFY(contains(mn, "\"min\""));
        QVERIFY(contains(mn, "bogus"));
        QVERIFY(contains(err(R"({"max": "max:1.5"})"), "max:1.5"));
        QVERIFY(contains(err(R"({"max": "min:x"})"), "\"max\""));
        QVERIFY(contains(err(R"({"max": true})"), "\"max\""));
        QVERIFY(contains(err(R"({"min": "nan"})"), "\"min\""));
        QVERIFY(contains(err(R"({"scheme": "cubic"})"), "cubic"));
        QVERIFY(contains(err(R"({"composite": "add"})"), "\"composite\""));
        QVERIFY(contains(err(R"({"composite": "add"})"), "add"));
        QVERIFY(contains(err(R"({"clamp": "yes"})"), "\"clamp\""));
        QVERIFY(contains(err(R"({"dtype": "int8"})"), "int8"));
        QVERIFY(contains(err(R"({"bands": [], "dtype": 3})"), "\"dtype\""));
        QVERIFY(contains(err(R"({"axis": 4})"), "\"axis\""));
        QVERIFY(contains(err(R"({"axis": 1.5})"), "1.5"));
        QVERIFY(contains(err(R"({"frame": -1})"), "\"frame\""));
        QVERIFY(contains(err(R"({"framedelta": "x"})"), "\"framedelta\""));
        QVERIFY(contains(err(R"({"nodata": "abc"})"), "abc"));
        QVERIFY(contains(err(R"({"nodata": [0]})"), "\"nodata\""));
        QVERIFY(contains(err(R"({"icc": 3})"), "\"icc\""));
        QVERIFY(contains(err(R"({"bands": {"band": 1}})"), "\"bands\""));
        QVERIFY(contains(err(R"({"bands": [3]})"), "3"));

        err(R"({"band": 1, "function": "large_image.tilesource.stylefuncs.maskPixelValues"})",
            &kind);
        QCOMPARE(kind, ErrorKind::Unsupported);

        // Deep nesting is refused, not recursed into.
        std::string deep =
            "{\"palette\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
        QVERIFY(!err(deep).empty());
        nlohmann::json nested = 1;
        for (int i = 0; i < 200; ++i) nested = nlohmann::json::array({nested});
        QVERIFY(!errorOf([&] { parseStyle(nlohmann::json{{"palette", nested}}); }).empty());
    }

    // Random bytes, mutations of valid styles and random structures never crash: they parse
    // or throw tessera::Error, and what parses resolves and renders or throws tessera::Error.
    void fuzz() {
        std::mt19937 rng(20240601);
        const std::vector<std::string> seeds = {
            "{\"band\": 1, \"min\": 0, \"max\": 100, \"palette\": [\"#0000ff\", \"#00ff00\", "
            "\"#ff0000\"]}",
            "{\"bands\": [{\"band\": 1, \"palette\": \"#f00\"}, {\"band\": 2, \"composite\": "
            "\"multiply\"}], \"dtype\": \"uint16\", \"axis\": 0}",
            R"({"min": "min:0.02", "max": "max:0.02", "nodata": "0", "clamp": false, "scheme": "discrete"})",
        };
        FakeProvider p;
        p.sourceInfo = makeInfo("tiff", 3, DataType::UInt8, {"red", "green", "blue"}, 2);
        p.frames.push_back(makeRaster(8, 8, 3, DataType::UInt8, [](int x, int y, int b) {
            return (x * 31 + y * 7 + b) % 256;
        }));
        p.frames.push_back(p.frames[0]);
        auto attempt = [&](const std::string& text) {
            try {
                Style s = parseStyle(std::string_view(text));
                ResolvedStyle rs = resolveStyle(s, p, false, 0);
                Image img = applyStyle(rs, p.read(rs));
                QVERIFY(img.width == 8);
            } catch (const Error&) {
            }
        };
        const std::string alphabet = "{}[]\":,.-0123456789abcdefnrtulsx# \\e";
        for (int i = 0; i < 3000; ++i) {
            std::string s;
            const int len = static_cast<int>(rng() % 60);
            for (int k = 0; k < len; ++k)
                s.push_back(i % 2 ? static_cast<char>(rng() % 256)
                                  : alphabet[rng() % alphabet.size()]);
            attempt(s);
        }
        for (int i = 0; i < 3000; ++i) {
            std::string s = seeds[i % seeds.size()];
            const int edits = 1 + static_cast<int>(rng() % 4);
            for (int k = 0; k < edits && !s.empty(); ++k) {
                const std::size_t at = rng() % s.size();
                switch (rng() % 3) {
                    case 0:
                        s.erase(at, 1);
                        break;
                    case 1:
                        s.insert(at, 1, alphabet[rng() % alphabet.size()]);
                        break;
                    default:
                        s[at] = alphabet[rng() % alphabet.size()];
                        break;
                }
            }
            attempt(s);
        }
        const std::vector<std::string> keys = {
            "band",  "min",  "max",   "palette",    "scheme",    "nodata", "clamp",
            "dtype", "axis", "frame", "framedelta", "composite", "icc"};
        const std::vector<nlohmann::json> values = {1,
                                                    2,
                                                    3,
                                                    4,
                                                    -1,
                                                    0,
                                                    500,
                                                    1.5,
                                                    "red",
                                                    "alpha",
                                                    "gray",
                                                    "auto",
                                                    "min",
                                                    "max",
                                                    "full",
                                                    "min:0.5",
                                                    "auto:0.1",
                                                    "max:1",
                                                    "0",
                                                    "-5",
                                                    1e300,
                                                    -1e300,
                                                    true,
                                                    false,
                                                    nullptr,
                                                    "#fff",
                                                    nlohmann::json::array({"#000", "#f00"}),
                                                    "linear",
                                                    "discrete",
                                                    "multiply",
                                                    "lighten",
                                                    "uint8",
                                                    "uint16",
                                                    "float",
                                                    "source",
                                                    nlohmann::json::array(),
                                                    nlohmann::json::object()};
        for (int i = 0; i < 3000; ++i) {
            auto entry = [&]() {
                nlohmann::json e = nlohmann::json::object();
                const int n = static_cast<int>(rng() % 5);
                for (int k = 0; k < n; ++k)
                    e[keys[rng() % keys.size()]] = values[rng() % values.size()];
                return e;
            };
            nlohmann::json style = entry();
            if (rng() % 2) {
                nlohmann::json bands = nlohmann::json::array();
                const int n = static_cast<int>(rng() % 4);
                for (int k = 0; k < n; ++k) bands.push_back(entry());
                style = {{"bands", bands}};
            }
            attempt(style.dump());
        }
    }

    // ---- rendering: §3.5 values reproduced from numbers --------------------------------
    void plasmaAndThreeColourPalettes() {
        FakeProvider p;
        p.sourceInfo = makeInfo("gdal", 3, DataType::UInt16, {"red", "green", "blue"});
        p.frames.push_back(makeRaster(2, 1, 3, DataType::UInt16,
                                      [](int x, int, int b) { return b == 0 ? 77 + x : 10; }));
        QCOMPARE(pixel(p.render("{\"band\": 1, \"min\": 0, \"max\": 100, \"palette\": "
                                "[\"#0000ff\", \"#00ff00\", \"#ff0000\"]}"),
                       0, 0),
                 (Px{137, 117, 0, 255}));
        QCOMPARE(
            pixel(
                p.render(R"({"band": 1, "min": 0, "max": 100, "palette": "matplotlib.Plasma_6"})"),
                0, 0),
            (Px{247, 156, 60, 255}));
    }

    void viridisOutsideProjectedData() {
        FakeProvider p;
        p.sourceInfo = makeInfo("gdal", 3, DataType::UInt16, {"red", "green", "blue"});
        for (int b = 1; b <= 3; ++b) p.stats[b] = BandStats{0, 212, 60, 20, true};
        p.frames.push_back(
            makeRaster(2, 1, 3, DataType::UInt16, [](int x, int, int) { return x ? 50 : 0; }));
        // The warp alpha: 0 outside the data (x = 0), 65535 inside (GDAL's UInt16 alpha max).
        p.warpAlpha =
            makeRaster(2, 1, 1, DataType::UInt16, [](int x, int, int) { return x ? 65535 : 0; });
        ResolvedStyle rs = resolveStyle(
            parseStyle(
                std::string_view(R"({"band": 1, "min": 0, "max": 100, "palette": "viridis"})")),
            p, true);
        QCOMPARE(rs.needs().size(), std::size_t(1));
        QCOMPARE(rs.needs()[0].bands, (std::vector<int>{1, 4}));
        nlohmann::json d = rs.describe();
        QCOMPARE(d["bands"].size(), std::size_t(2));
        QCOMPARE(d["bands"][1]["band"].get<int>(), 4);
        QCOMPARE(d["bands"][1]["max"].get<double>(), 65535.0);  // the GDAL sentinel entry
        QCOMPARE(d["bands"][1]["composite"].get<std::string>(), std::string("multiply"));
        Image img = applyStyle(rs, p.read(rs));
        QCOMPARE(pixel(img, 0, 0), (Px{68, 1, 84, 0}));
        QCOMPARE(pixel(img, 1, 0)[3], 255);
    }

    void uint16AutoStretch() {
        // §3.5.2: uint16 data, default style: auto falls back to per-band statistics because
        // the sentinel (0, 65535) is outside [0, 255]; 65 with max 212 -> 78.
        FakeProvider p;
        p.sourceInfo = makeInfo("gdal", 3, DataType::UInt16, {"red", "green", "blue"});
        p.stats[1] = BandStats{0, 206, 0, 0, true};
        p.stats[2] = BandStats{0, 212, 0, 0, true};
        p.stats[3] = BandStats{0, 220, 0, 0, true};
        p.frames.push_back(makeRaster(1, 1, 3, DataType::UInt16, [](int, int, int b) {
            return std::vector<int>{62, 65, 66}[b];
        }));
        Image img = p.render("{\"bands\": []}");
        QCOMPARE(pixel(img, 0, 0), (Px{76, 78, 76, 255}));
        QCOMPARE(p.histogramCalls, 0);  // statistics were enough
        // Explicit auto on one band gives the same stretch.
        QCOMPARE(pixel(p.render(R"({"band": 2})"), 0, 0), (Px{78, 78, 78, 255}));
        // Default style when the single entry has band <= 0 (GDAL).
        QCOMPARE(pixel(p.render(R"({"band": -1})"), 0, 0), (Px{76, 78, 76, 255}));
        // uint8 GDAL data inside [0, 255]: auto is 0..255.
        FakeProvider q;
        q.sourceInfo = makeInfo("gdal", 3, DataType::UInt8, {"red", "green", "blue"});
        for (int b = 1; b <= 3; ++b) q.stats[b] = BandStats{10, 200, 0, 0, true};
        q.frames.push_back(
            makeRaster(1, 1, 3, DataType::UInt8, [](int, int, int b) { return 100 + b; }));
        QCOMPARE(pixel(q.render("{\"bands\": []}"), 0, 0), (Px{100, 101, 102, 255}));
    }

    void histogramThresholds() {
        // Non-GDAL uint16 source, 1 band: each value 0..99 ten times (1000 samples).
        FakeProvider p;
        p.sourceInfo = makeInfo("tiff", 1, DataType::UInt16);
        p.frames.push_back(
            makeRaster(100, 10, 1, DataType::UInt16, [](int x, int, int) { return x; }));
        ResolvedStyle rs = resolveStyle(
            parseStyle(std::string_view(R"({"min": "min:0.02", "max": "max:0.02"})")), p, false);
        nlohmann::json d = rs.describe();
        // 256 bins over [0, 100): width 0.390625. Low end: bins 0 and 2 hold 0 and 1; the
        // cumulative count reaches 20 (2 %) before bin 3 -> edge 3. High end: 99 -> bin 253,
        // 98 -> bin 250; 20 reached before bin 249 -> edge 250.
        QCOMPARE(d["bands"][0]["min"].get<double>(), 3 * 0.390625);
        QCOMPARE(d["bands"][0]["max"].get<double>(), 250 * 0.390625);
        QCOMPARE(d["bands"][0]["minSpec"].get<std::string>(), std::string("min:0.02"));
        QCOMPARE(d["channels"].get<int>(), 1);  // the L special case
        Image img = applyStyle(rs, p.read(rs));
        QCOMPARE(img.channels, 1);
        const double v = (50 - 1.171875) / (97.65625 - 1.171875) * 255;
        QCOMPARE(pixel(img, 50, 0)[0], static_cast<int>(static_cast<float>(v)));
        QCOMPARE(pixel(img, 0, 0)[0], 0);     // below min clamps through the 2-colour rule
        QCOMPARE(pixel(img, 99, 0)[0], 255);  // above max clips at encoding

        // Plain min/max and auto (falls back to min/max: 99 > 255 is false, but min 0 ok and
        // max 99 is inside [2, 255] -> 0..255 for non-GDAL sources without a sentinel).
        d = resolveStyle(parseStyle(std::string_view(R"({"min": "min", "max": "max"})")), p, false)
                .describe();
        QCOMPARE(d["bands"][0]["min"].get<double>(), 0.0);
        QCOMPARE(d["bands"][0]["max"].get<double>(), 99.0);
        d = resolveStyle(
                parseStyle(std::string_view(R"({"min": "auto:0.02", "max": "auto:0.02"})")), p,
                false)
                .describe();
        QCOMPARE(d["bands"][0]["min"].get<double>(), 0.0);
        QCOMPARE(d["bands"][0]["max"].get<double>(), 255.0);

        // Values above 255: auto falls back to min/max and then applies the threshold.
        FakeProvider q;
        q.sourceInfo = makeInfo("tiff", 1, DataType::UInt16);
        q.frames.push_back(
            makeRaster(100, 10, 1, DataType::UInt16, [](int x, int, int) { return 1000 + x; }));
        d = resolveStyle(parseStyle(std::string_view(R"({"min": "auto:0.02", "max": "auto"})")), q,
                         false)
                .describe();
        QCOMPARE(d["bands"][0]["min"].get<double>(), 1000 + 3 * 0.390625);
        QCOMPARE(d["bands"][0]["max"].get<double>(), 1099.0);
    }

    void fullRange() {
        FakeProvider p;
        p.sourceInfo = makeInfo("gdal", 3, DataType::UInt16, {"red", "green", "blue"});
        p.frames.push_back(makeRaster(2, 1, 3, DataType::UInt16,
                                      [](int x, int, int) { return x ? 65535 : 32768; }));
        Image img = p.render(R"({"band": 1, "min": "full", "max": "full"})");
        QCOMPARE(pixel(img, 0, 0), (Px{127, 127, 127, 255}));
        QCOMPARE(pixel(img, 1, 0), (Px{255, 255, 255, 255}));
        QCOMPARE(p.histogramCalls + p.statsCalls, 0);  // full needs no range data
        // full is 1 for float data; "max" without range data falls back the same way.
        FakeProvider f;
        f.sourceInfo = makeInfo("gdal", 2, DataType::Float32, {"gray", "undefined"});
        f.frames.push_back(
            makeRaster(1, 1, 2, DataType::Float32, [](int, int, int) { return 0.5; }));
        QCOMPARE(pixel(f.render(R"({"band": 1, "min": "full", "max": "full"})"), 0, 0),
                 (Px{127, 127, 127, 255}));
    }

    void dtypeAndAxis() {
        // §3.5.7: uint8 RGB (non-GDAL), {dtype: uint16, axis: 1} -> one uint16 channel.
        FakeProvider p;
        p.sourceInfo = makeInfo("tiff", 3, DataType::UInt8, {"red", "green", "blue"});
        p.frames.push_back(makeRaster(4, 1, 3, DataType::UInt8,
                                      [](int x, int, int b) { return b == 1 ? 250 + x : x; }));
        Image img = p.render(R"({"dtype": "uint16", "axis": 1})");
        QCOMPARE(img.type, DataType::UInt16);
        QCOMPARE(img.channels, 1);
        QCOMPARE(pixel(img, 3, 0)[0], 65021);  // 253 * 65535 / 255
        Image src = p.render(R"({"dtype": "source", "axis": 1})");
        QCOMPARE(src.type, DataType::UInt8);
        QCOMPARE(pixel(src, 3, 0)[0], 253);
        Image f = p.render(R"({"bands": [{"band": 2}], "dtype": "float", "axis": 3})");
        QCOMPARE(f.type, DataType::Float32);
        QCOMPARE(f.channels, 1);
        QCOMPARE(pixel(f, 0, 0)[0], 1000);  // alpha 255 / 255 = 1.0 (x1000 in pixel())
        // Axis beyond the channels is ignored; dtype from the first entry that has one.
        Image g = p.render(R"({"bands": [{"band": 1}, {"band": 2, "dtype": "uint16"}]})");
        QCOMPARE(g.type, DataType::UInt16);
        QCOMPARE(g.channels, 4);
        // dtype source on uint16 data means uint16 output.
        FakeProvider u;
        u.sourceInfo = makeInfo("tiff", 1, DataType::UInt16);
        u.frames.push_back(
            makeRaster(1, 1, 1, DataType::UInt16, [](int, int, int) { return 500; }));
        Image us = u.render(R"({"min": 0, "max": 1000, "dtype": "source"})");
        QCOMPARE(us.type, DataType::UInt16);
        QCOMPARE(pixel(us, 0, 0)[0], 32767);  // 127.5 * 65535 / 255 in float32, truncated
    }

    void clampAndNodata() {
        FakeProvider p;
        p.sourceInfo = makeInfo("tiff", 3, DataType::UInt8, {"red", "green", "blue"});
        p.frames.push_back(makeRaster(3, 1, 3, DataType::UInt8, [](int x, int, int b) {
            return b == 1 ? std::vector<int>{50, 150, 250}[x] : 0;
        }));
        // §3.5.7: clamp true keeps alpha 255; clamp false makes outside values transparent.
        Image t = p.render(R"({"min": 100, "max": 200, "clamp": true})");
        QCOMPARE(pixel(t, 0, 0), (Px{0, 0, 0, 255}));
        QCOMPARE(pixel(t, 1, 0), (Px{127, 127, 127, 255}));
        QCOMPARE(pixel(t, 2, 0), (Px{255, 255, 255, 255}));
        Image f = p.render(R"({"min": 100, "max": 200, "clamp": false})");
        QCOMPARE(pixel(f, 0, 0), (Px{0, 0, 0, 0}));
        QCOMPARE(pixel(f, 1, 0), (Px{127, 127, 127, 255}));
        QCOMPARE(pixel(f, 2, 0), (Px{0, 0, 0, 0}));

        // nodata: masked pixels are 0 in every channel of the first (lighten) entry.
        FakeProvider g;
        g.sourceInfo = makeInfo("gdal", 3, DataType::UInt8, {"red", "green", "blue"});
        for (int b = 1; b <= 3; ++b) g.stats[b] = BandStats{0, 250, 0, 0, true};
        g.frames.push_back(
            makeRaster(2, 1, 3, DataType::UInt8, [](int x, int, int) { return x ? 10 : 0; }));
        QCOMPARE(pixel(g.render(R"({"band": 1, "nodata": 0})"), 0, 0), (Px{0, 0, 0, 0}));
        QCOMPARE(pixel(g.render(R"({"band": 1, "nodata": "0"})"), 1, 0), (Px{10, 10, 10, 255}));
        // Default style with band nodata: every entry masks it.
        g.sourceInfo.bands[0].nodata = 0;
        g.sourceInfo.bands[1].nodata = 0;
        g.sourceInfo.bands[2].nodata = 0;
        QCOMPARE(pixel(g.render("{\"bands\": []}"), 0, 0), (Px{0, 0, 0, 0}));
        QCOMPARE(pixel(g.render("{\"bands\": []}"), 1, 0), (Px{10, 10, 10, 255}));

        // Float data: nodata compares in float32 (numpy), NaN renders as 0.
        FakeProvider fl;
        fl.sourceInfo = makeInfo("gdal", 1, DataType::Float32, {"gray"});
        fl.frames.push_back(makeRaster(3, 1, 1, DataType::Float32, [](int x, int, int) {
            return std::vector<double>{0.1, std::nan(""), 0.5}[x];
        }));
        Image fi = fl.render(
            "{\"band\": 1, \"min\": 0, \"max\": 1, \"nodata\": 0.1, \"palette\": [\"#000\", "
            "\"#f00\"]}");
        QCOMPARE(pixel(fi, 0, 0), (Px{0, 0, 0, 0}));
        QCOMPARE(pixel(fi, 1, 0), (Px{0, 0, 0, 255}));
        QCOMPARE(pixel(fi, 2, 0), (Px{127, 0, 0, 255}));
    }

    void discreteScheme() {
        FakeProvider p;
        p.sourceInfo = makeInfo("gdal", 3, DataType::UInt16, {"red", "green", "blue"});
        p.frames.push_back(makeRaster(4, 1, 3, DataType::UInt16, [](int x, int, int) {
            return std::vector<int>{0, 50, 100, 74}[x];
        }));
        Image img = p.render(
            "{\"band\": 1, \"min\": 0, \"max\": 100, \"scheme\": \"discrete\", \"palette\": "
            "[\"#000\", \"#f00\", \"#0f0\", \"#00f\"]}");
        QCOMPARE(pixel(img, 0, 0), (Px{0, 0, 0, 255}));
        QCOMPARE(pixel(img, 1, 0), (Px{0, 255, 0, 255}));  // floor(0.5 * 4) = 2
        QCOMPARE(pixel(img, 2, 0), (Px{0, 0, 255, 255}));  // 4 clips to 3
        QCOMPARE(pixel(img, 3, 0), (Px{0, 255, 0, 255}));  // floor(2.96) = 2
        // The same palette linear: piecewise interpolation between evenly spaced stops.
        Image lin = p.render(
            "{\"band\": 1, \"min\": 0, \"max\": 100, \"palette\": [\"#000\", \"#f00\", \"#0f0\", "
            "\"#00f\"]}");
        QCOMPARE(pixel(lin, 1, 0), (Px{127, 127, 0, 255}));
    }

    void multiplyComposite() {
        FakeProvider p;
        p.sourceInfo = makeInfo("tiff", 3, DataType::UInt8, {"red", "green", "blue"});
        p.frames.push_back(makeRaster(1, 1, 3, DataType::UInt8, [](int, int, int b) {
            return std::vector<int>{200, 128, 0}[b];
        }));
        Image img = p.render(
            R"({"bands": [{"band": 1, "min": 0, "max": 255}, {"band": 2, "min": 0, "max": 255, "composite": "multiply"}]})");
        QCOMPARE(pixel(img, 0, 0), (Px{100, 100, 100, 255}));
        // Multiply as the first entry does nothing; lighten afterwards takes the maximum.
        Image m = p.render(
            "{\"bands\": [{\"band\": 2, \"composite\": \"multiply\", \"min\": 0, \"max\": 255}, "
            "{\"band\": 1, \"min\": 0, \"max\": 255, \"palette\": \"#f00\"}]}");
        QCOMPARE(pixel(m, 0, 0), (Px{200, 0, 0, 255}));
        // Non-GDAL "alpha" on RGB data is a constant 255 multiplied in (#FFF0 -> #FFFF).
        Image a = p.render(R"({"bands": [{"band": 1, "min": 0, "max": 255}, {"band": "alpha"}]})");
        QCOMPARE(pixel(a, 0, 0), (Px{200, 200, 200, 255}));
    }

    void singleBandLOutput() {
        FakeProvider p;
        p.sourceInfo = makeInfo("gdal", 1, DataType::UInt8, {"gray"});
        p.stats[1] = BandStats{0, 255, 0, 0, true};
        p.frames.push_back(
            makeRaster(256, 1, 1, DataType::UInt8, [](int x, int, int) { return x; }));
        Image img = p.render("{\"bands\": []}");
        QCOMPARE(img.channels, 1);
        for (int x = 0; x < 256; ++x) QCOMPARE(pixel(img, x, 0)[0], x);
        // Projected: the warp-alpha entry makes it RGBA.
        Image proj = p.render("{\"bands\": []}", true);
        QCOMPARE(proj.channels, 4);
        QCOMPARE(pixel(proj, 7, 0), (Px{7, 7, 7, 255}));
        // A coloured palette is RGBA too.
        QCOMPARE(p.render("{\"band\": 1, \"palette\": [\"#000\", \"#f00\"]}").channels, 4);
        // Float32 data through the same rules (no LUT).
        FakeProvider f;
        f.sourceInfo = makeInfo("gdal", 1, DataType::Float32, {"gray"});
        f.stats[1] = BandStats{-1.5, 2.5, 0, 0, true};
        f.frames.push_back(makeRaster(3, 1, 1, DataType::Float32, [](int x, int, int) {
            return std::vector<double>{-1.5, 0.5, 2.5}[x];
        }));
        Image fi = f.render("{\"bands\": []}");
        QCOMPARE(fi.channels, 1);
        QCOMPARE(pixel(fi, 0, 0)[0], 0);
        QCOMPARE(pixel(fi, 1, 0)[0], 127);
        QCOMPARE(pixel(fi, 2, 0)[0], 255);
    }

    void bandResolution() {
        FakeProvider p;
        p.sourceInfo = makeInfo("gdal", 3, DataType::UInt8, {"red", "green", "blue"});
        for (int b = 1; b <= 3; ++b) p.stats[b] = BandStats{0, 255, 0, 0, true};
        p.frames.push_back(
            makeRaster(1, 1, 3, DataType::UInt8, [](int, int, int b) { return 10 * (b + 1); }));
        const std::string band =
            "Band has to be a positive integer, -1, or a band "
            "interpretation found in the source.";
        auto resolveErr = [&](const std::string& s, bool projected = false) {
            return errorOf([&] { resolveStyle(parseStyle(std::string_view(s)), p, projected); });
        };
        QVERIFY(contains(resolveErr(R"({"band": 500})"), band));
        QVERIFY(contains(resolveErr(R"({"band": 500})"), "500"));
        QVERIFY(contains(resolveErr(R"({"band": "nir"})"), band));
        QVERIFY(contains(resolveErr(R"({"bands": [{"band": 1}, {"band": 0}]})"), band));
        QVERIFY(contains(resolveErr(R"({"band": 4})"), band));
        QVERIFY(resolveErr(R"({"band": 4})", true).empty());  // the warp alpha
        QVERIFY(contains(resolveErr(R"({"band": 5})", true), band));
        QCOMPARE(pixel(p.render(R"({"band": "green"})"), 0, 0), (Px{20, 20, 20, 255}));
        QCOMPARE(pixel(p.render(R"({"band": "3"})"), 0, 0), (Px{30, 30, 30, 255}));
        QCOMPARE(pixel(p.render(R"({"min": 0, "max": 255})"), 0, 0),
                 (Px{10, 10, 10, 255}));  // absent => 1
        QCOMPARE(pixel(p.render("{\"bands\": [{\"band\": -1, \"min\": 0, \"max\": 255}, {\"band\": "
                                "3, \"min\": 0, \"max\": 255, \"palette\": \"#00f\"}]}"),
                       0, 0),
                 (Px{20, 20, 30, 255}));  // -1 on 3 bands => green
        // A single entry with band -1 on GDAL means the default style.
        QCOMPARE(pixel(p.render(R"({"bands": [{"band": -1}]})"), 0, 0), (Px{10, 20, 30, 255}));

        // Non-GDAL names: absent/gray => green on RGB, red/blue by position.
        FakeProvider t;
        t.sourceInfo = makeInfo("tiff", 3, DataType::UInt8, {"red", "green", "blue"});
        t.frames = p.frames;
        QCOMPARE(pixel(t.render(R"({"min": 0, "max": 255})"), 0, 0), (Px{20, 20, 20, 255}));
        QCOMPARE(pixel(t.render(R"({"band": "blue", "min": 0, "max": 255})"), 0, 0),
                 (Px{30, 30, 30, 255}));
        QCOMPARE(pixel(t.render(R"({"band": "red", "min": 0, "max": 255})"), 0, 0),
                 (Px{10, 10, 10, 255}));
        QVERIFY(!errorOf([&] { t.render(R"({"band": 9})"); }).empty());
        QVERIFY(!errorOf([&] { t.render(R"({"band": "nir"})"); }).empty());
    }

    void frames() {
        FakeProvider p;
        p.sourceInfo = makeInfo("tiff", 1, DataType::UInt8, {}, 3);
        for (int f = 0; f < 3; ++f)
            p.frames.push_back(
                makeRaster(1, 1, 1, DataType::UInt8, [f](int, int, int) { return 50 * (f + 1); }));
        ResolvedStyle rs =
            resolveStyle(parseStyle(std::string_view(
                             "{\"bands\": [{\"band\": 1, \"frame\": 2, \"palette\": \"#f00\", "
                             "\"min\": 0, \"max\": 255}, {\"band\": 1, \"framedelta\": 1, "
                             "\"palette\": \"#0f0\", \"min\": 0, \"max\": 255}]}")),
                         p, false, 0);
        QCOMPARE(rs.needs().size(), std::size_t(3));
        QCOMPARE(rs.needs()[0].frame, 0);
        QCOMPARE(rs.needs()[1].frame, 2);
        QCOMPARE(rs.needs()[2].frame, 1);
        QCOMPARE(pixel(applyStyle(rs, p.read(rs)), 0, 0), (Px{150, 100, 0, 255}));
        // framedelta is relative to the requested frame.
        ResolvedStyle rs1 =
            resolveStyle(parseStyle(std::string_view(
                             R"({"bands": [{"band": 1, "framedelta": 1, "min": 0, "max": 255}]})")),
                         p, false, 1);
        QCOMPARE(rs1.needs().back().frame, 2);
        // Every entry names a frame: the first one is the main frame.
        ResolvedStyle rs2 =
            resolveStyle(parseStyle(std::string_view(
                             R"({"bands": [{"band": 1, "frame": 2}, {"band": 1, "frame": 1}]})")),
                         p, false, 0);
        QCOMPARE(rs2.needs()[0].frame, 2);
        QVERIFY(contains(errorOf([&] {
                             resolveStyle(parseStyle(std::string_view(
                                              R"({"bands": [{"band": 1, "frame": 5}]})")),
                                          p, false, 0);
                         }),
                         "5"));
        // Auto ranges are per frame (each frame's histogram).
        nlohmann::json d =
            resolveStyle(
                parseStyle(std::string_view(
                    R"({"bands": [{"band": 1, "frame": 2, "min": "min", "max": "max"}]})")),
                p, false, 0)
                .describe();
        QCOMPARE(d["bands"][0]["min"].get<double>(), 150.0);
    }

    void defaultStyles() {
        SourceInfo rgb = makeInfo("gdal", 3, DataType::UInt8, {"red", "green", "blue"});
        auto s = defaultStyle(rgb, false);
        QVERIFY(s);
        QCOMPARE(s->bands.size(), std::size_t(3));
        QCOMPARE(s->json["bands"][0]["palette"],
                 nlohmann::json::parse("[\"#000000FF\", \"#FF0000FF\"]"));
        QCOMPARE(s->json["bands"][2]["palette"][1].get<std::string>(), std::string("#0000FFFF"));
        QCOMPARE(s->json["bands"][1]["min"].get<std::string>(), std::string("auto"));
        auto sp = defaultStyle(rgb, true);
        QCOMPARE(sp->bands.size(), std::size_t(4));
        QCOMPARE(sp->json["bands"][3]["band"].get<int>(), 4);
        QCOMPARE(sp->json["bands"][3]["composite"].get<std::string>(), std::string("multiply"));

        SourceInfo rgba = makeInfo("gdal", 4, DataType::UInt8, {"red", "green", "blue", "alpha"});
        auto sa = defaultStyle(rgba, true);
        QCOMPARE(sa->bands.size(), std::size_t(4));
        QCOMPARE(sa->json["bands"][3]["band"].get<int>(), 4);
        QCOMPARE(sa->json["bands"][3]["palette"][0].get<std::string>(), std::string("#FFFFFF00"));

        SourceInfo gray = makeInfo("gdal", 1, DataType::Float32, {"gray"});
        gray.bands[0].nodata = -9999;
        auto sg = defaultStyle(gray, false);
        QCOMPARE(sg->bands.size(), std::size_t(1));
        QCOMPARE(*sg->bands[0].nodata, -9999.0);

        QVERIFY(!defaultStyle(makeInfo("gdal", 2, DataType::Float32, {"undefined", "undefined"}),
                              false));
        QVERIFY(
            !defaultStyle(makeInfo("tiff", 3, DataType::UInt8, {"red", "green", "blue"}), false));
        QVERIFY(!defaultStyle(makeInfo("gdal", 1, DataType::UInt8, {"alpha"}), true));

        // A paletted band: the colour table as palette, min 0, max N - 1.
        FakeProvider p;
        p.sourceInfo = makeInfo("gdal", 1, DataType::UInt8, {"palette"});
        p.sourceInfo.bands[0].colortable = {{0, 0, 0, 0}, {255, 0, 0, 255}, {0, 255, 0, 255}};
        p.frames.push_back(makeRaster(3, 1, 1, DataType::UInt8, [](int x, int, int) { return x; }));
        auto pal = defaultStyle(p.sourceInfo, false);
        QCOMPARE(pal->json["bands"][0]["max"].get<int>(), 2);
        QCOMPARE(pal->json["bands"][0]["palette"][1].get<std::string>(), std::string("#FF0000FF"));
        Image img = p.render("{\"bands\": []}");
        QCOMPARE(pixel(img, 0, 0), (Px{0, 0, 0, 0}));
        QCOMPARE(pixel(img, 1, 0), (Px{255, 0, 0, 255}));
        QCOMPARE(pixel(img, 2, 0), (Px{0, 255, 0, 255}));

        // No default style: raw output through rasterTo8Bit.
        FakeProvider u;
        u.sourceInfo = makeInfo("gdal", 1, DataType::UInt16, {"undefined"});
        u.frames.push_back(
            makeRaster(1, 1, 1, DataType::UInt16, [](int, int, int) { return 1000; }));
        ResolvedStyle rs = resolveStyle(parseStyle(std::string_view("{\"bands\": []}")), u, false);
        QVERIFY(rs.describe()["raw"].get<bool>());
        QCOMPARE(pixel(applyStyle(rs, u.read(rs)), 0, 0), (Px{3}));
        ResolvedStyle raw = resolveStyle(parseStyle(std::string_view("{}")), u, true);
        QCOMPARE(raw.needs()[0].bands, (std::vector<int>{1, 2}));  // with the warp alpha
    }

    // Large renders look up the channels one entry writes (direct tables: per raw value for
    // 8/16-bit, per bin of the normalised value otherwise); small ones compose sample by sample.
    // Both must give the same bytes, on every type and with NaN, ±inf, nodata and values outside
    // the range, for palettes, discrete schemes, no clamping, gray and per-band RGB.
    void directTablesMatchComposition() {
        const std::vector<std::string> styles = {
            R"({"band": 1, "min": 10, "max": 200, "palette": "viridis"})",
            R"({"band": 1, "min": -3.25, "max": 120.5})",
            R"({"band": 1, "min": 10, "max": 200, "palette": "viridis", "scheme": "discrete"})",
            R"({"band": 1, "min": 10, "max": 200, "palette": "matplotlib.Plasma_6",
                "clamp": false, "nodata": 17})",
            "{\"bands\": [{\"band\": 1, \"palette\": \"#f00\", \"min\": 0, \"max\": 99},"
            " {\"band\": 2, \"palette\": \"#0f0\", \"min\": 5, \"max\": 250},"
            " {\"band\": 3, \"palette\": [\"#000\", \"#00f\", \"#fff\"], \"min\": -50, \"max\": "
            "50}]}",
            "{\"bands\": [{\"band\": 1, \"palette\": [\"#000\", \"#f0f\"], \"min\": 0, \"max\": "
            "255},"
            " {\"band\": 2, \"palette\": [\"#000\", \"#0ff\"], \"min\": 0, \"max\": 255}]}",
            R"({"bands": []})",
        };
        for (const DataType type :
             {DataType::UInt8, DataType::Int8, DataType::UInt16, DataType::Int16, DataType::Int32,
              DataType::UInt32, DataType::Float32, DataType::Float64}) {
            const bool floats = isFloat(type);
            std::mt19937 rng(7);
            std::uniform_real_distribution<double> any(-60.0, 300.0);
            const double nan = std::numeric_limits<double>::quiet_NaN();
            const double inf = std::numeric_limits<double>::infinity();
            const std::map<DataType, std::pair<double, double>> ranges = {
                {DataType::UInt8, {0, 255}},
                {DataType::Int8, {-128, 127}},
                {DataType::UInt16, {0, 65535}},
                {DataType::Int16, {-32768, 32767}},
                {DataType::UInt32, {0, 4294967295.0}},
                {DataType::Int32, {-2147483648.0, 2147483647}},
                {DataType::Float32, {0, 0}},
                {DataType::Float64, {0, 0}}};
            const double bottom = ranges.at(type).first, top = ranges.at(type).second;
            auto fit = [&](double v) { return std::clamp(std::floor(v), bottom, top); };
            FakeProvider p;
            p.sourceInfo = makeInfo("gdal", 3, type, {"red", "green", "blue"});
            p.frames.push_back(makeRaster(256, 256, 3, type, [&](int x, int y, int b) {
                const int i = y * 256 + x;
                if (floats && i % 97 == 0) return nan;
                if (floats && i % 89 == 0) return (i & 1) ? inf : -inf;
                if (i % 83 == 0) return 17.0;
                // Anywhere, also outside the styles' ranges (within the type's).
                if (i % 3 == 0) return floats ? any(rng) : fit(any(rng));
                return (floats ? 10.0 + i * (190.0 / 65536) : fit(double(i % 256) + b));
            }));
            for (int b = 1; b <= 3; ++b)
                p.stats[b] = BandStats{-60.0 + b, 300.0 - b, 100, 50, true};
            const Raster& full = p.frames[0];
            for (const std::string& style : styles) {
                ResolvedStyle rs;
                const std::string problem =
                    errorOf([&] { rs = resolveStyle(parseStyle(style), p, false); });
                QVERIFY2(problem.empty(), (style + ": " + problem).c_str());
                const Image big = applyStyle(rs, p.read(rs));
                std::vector<std::uint8_t> small;
                for (int y = 0; y < 256; y += 16) {  // 4096 samples: composed
                    FakeProvider rows = p;
                    rows.frames = {rowsOf(full, y, 16)};
                    const Image part = applyStyle(rs, rows.read(rs));
                    small.insert(small.end(), part.pixels.begin(), part.pixels.end());
                }
                QVERIFY2(small.size() == big.pixels.size(), style.c_str());
                for (std::size_t i = 0; i < small.size(); ++i)
                    if (small[i] != big.pixels[i])
                        QFAIL(qPrintable(QStringLiteral("%1 on %2: byte %3 is %4 composed, %5 "
                                                        "looked up")
                                             .arg(QString::fromStdString(style))
                                             .arg(QString::fromLatin1(numpyName(type)))
                                             .arg(i)
                                             .arg(small[i])
                                             .arg(big.pixels[i])));
            }
        }
    }

    void rasterTo8BitRules() {
        auto one = [](DataType t, std::vector<double> values) {
            Raster r = makeRaster(static_cast<int>(values.size()), 1, 1, t,
                                  [&](int x, int, int) { return values[x]; });
            Image img = rasterTo8Bit(r);
            std::vector<int> out(img.pixels.begin(), img.pixels.end());
            return out;
        };
        QCOMPARE(one(DataType::UInt8, {0, 7, 255}), (std::vector<int>{0, 7, 255}));
        QCOMPARE(one(DataType::Int8, {-128, 0, 127}), (std::vector<int>{0, 128, 255}));
        QCOMPARE(one(DataType::UInt16, {255, 256, 65535}), (std::vector<int>{0, 1, 255}));
        QCOMPARE(one(DataType::Int16, {-32768, 0, 32767, -1}),
                 (std::vector<int>{0, 128, 255, 127}));
        QCOMPARE(one(DataType::UInt32, {16777215, 16777216, 4294967295.0}),
                 (std::vector<int>{0, 1, 255}));
        QCOMPARE(one(DataType::Int32, {-2147483648.0, 0, 2147483647.0}),
                 (std::vector<int>{0, 128, 255}));
        QCOMPARE(one(DataType::Float32, {-5, 12.9, 300, std::nan("")}),
                 (std::vector<int>{0, 12, 255, 0}));
        QCOMPARE(one(DataType::Float64, {0.99, 254.999, 1e300}), (std::vector<int>{0, 254, 255}));
        Raster five = makeRaster(2, 2, 5, DataType::UInt8, [](int, int, int b) { return b; });
        Image img = rasterTo8Bit(five);
        QCOMPARE(img.channels, 3);
        QCOMPARE(int(img.pixels[3 * 3 + 2]), 2);
        QCOMPARE(rasterTo8Bit(makeRaster(2, 2, 2, DataType::UInt8, [](int, int, int) { return 1; }))
                     .channels,
                 2);
    }

    void applyChecksRasters() {
        FakeProvider p;
        p.sourceInfo = makeInfo("tiff", 1, DataType::UInt8);
        p.frames.push_back(makeRaster(2, 2, 1, DataType::UInt8, [](int, int, int) { return 1; }));
        ResolvedStyle rs =
            resolveStyle(parseStyle(std::string_view(R"({"min": 0, "max": 9})")), p, false);
        ErrorKind kind = ErrorKind::BadRequest;
        errorOf([&] { applyStyle(rs, {}); }, &kind);
        QCOMPARE(kind, ErrorKind::Internal);
        // Copies render the same.
        ResolvedStyle copy = rs;
        QCOMPARE(pixel(applyStyle(copy, p.read(rs)), 0, 0), (Px{28}));
    }
};

QTEST_GUILESS_MAIN(TestStyle)
#include "test_style.moc"
