// Colours and palettes: every colour syntax and palette form large_image accepts, with values
// taken from large_image/PIL/matplotlib/palettable, the colormap listing and palette swatches.
#include <QtTest>

#include <QElapsedTimer>
#include <thread>
#include <vector>

#include "style/color.h"
#include "style/palette_tables.h"
#include "util/error.h"

using namespace tessera;
using nlohmann::json;

namespace {

Rgba rgba(double r, double g, double b, double a = 255) {
    return {r, g, b, a};
}

Rgba hex(const char* text) {
    const auto c = parseColor(std::string_view(text));
    if (!c) qFatal("test colour %s does not parse", text);
    return *c;
}

QString show(const std::optional<Rgba>& c) {
    if (!c) return QStringLiteral("(none)");
    return QStringLiteral("(%1, %2, %3, %4)").arg((*c)[0]).arg((*c)[1]).arg((*c)[2]).arg((*c)[3]);
}

#define COMPARE_COLOR(actual, expected)                                                       \
    do {                                                                                      \
        const std::optional<Rgba> a_ = (actual);                                              \
        const Rgba e_ = (expected);                                                           \
        if (!a_ || *a_ != e_) {                                                               \
            QFAIL(qPrintable(QStringLiteral("got %1, expected %2").arg(show(a_), show(e_)))); \
        }                                                                                     \
    } while (false)

// The style renderer's linear interpolation (§3.2 step 3) over evenly spaced stops, truncated.
Rgba interpolate(const Palette& p, double v) {
    const double pos = v * double(p.size() - 1);
    const std::size_t j = std::min(static_cast<std::size_t>(pos), p.size() - 2);
    const double f = pos - double(j);
    Rgba out{};
    for (int k = 0; k < 4; ++k) out[k] = std::trunc(p[j][k] + (p[j + 1][k] - p[j][k]) * f);
    return out;
}

}  // namespace

class TestColor : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    // Runs first: the tables are loaded lazily, so this races the one-time initialisation.
    void concurrentFirstUse() {
        QElapsedTimer timer;
        timer.start();
        constexpr int kThreads = 8;
        std::vector<std::optional<Palette>> results(kThreads * 3);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([t, &results] {
                results[t * 3] = parsePalette(json("viridis"));
                results[t * 3 + 1] = parsePalette(json("matplotlib.Plasma_6"));
                results[t * 3 + 2] = parsePalette(json("xkcd:blue"));
            });
        }
        for (auto& th : threads) th.join();
        qInfo("first use of all tables from %d threads: %lld ms", kThreads,
              static_cast<long long>(timer.elapsed()));
        for (int t = 0; t < kThreads; ++t) {
            for (int k = 0; k < 3; ++k) {
                QVERIFY(results[t * 3 + k].has_value());
                QVERIFY(*results[t * 3 + k] == *results[k]);
            }
        }
        QCOMPARE(results[0]->size(), std::size_t(256));
        QCOMPARE(results[1]->size(), std::size_t(6));
    }

    void hexForms() {
        COMPARE_COLOR(parseColor("#000"), rgba(0, 0, 0));
        COMPARE_COLOR(parseColor("#FFF"), rgba(255, 255, 255));
        COMPARE_COLOR(parseColor("#abcd"), rgba(0xaa, 0xbb, 0xcc, 0xdd));
        COMPARE_COLOR(parseColor("#AbCdEf"), rgba(0xab, 0xcd, 0xef));
        COMPARE_COLOR(parseColor("#12345678"), rgba(0x12, 0x34, 0x56, 0x78));
        COMPARE_COLOR(parseColor("#fff0"), rgba(255, 255, 255, 0));
        COMPARE_COLOR(parseColor("#fff\n"), rgba(255, 255, 255));  // Python's `$`
        QVERIFY(!parseColor("#12345"));
        QVERIFY(!parseColor("#ggg"));
        QVERIFY(!parseColor("#"));
        QVERIFY(!parseColor(" #fff"));
    }

    void cssFunctions() {
        COMPARE_COLOR(parseColor("rgb(1,2,3)"), rgba(1, 2, 3));
        COMPARE_COLOR(parseColor("RGB( 10 , 20 , 30 )"), rgba(10, 20, 30));
        COMPARE_COLOR(parseColor("rgb(300,0,0)"), rgba(300, 0, 0));  // PIL does not clamp
        COMPARE_COLOR(parseColor("rgb(10%,50%,100%)"), rgba(26, 128, 255));
        COMPARE_COLOR(parseColor("rgba(128, 128, 128, 128)"), rgba(128, 128, 128, 128));
        COMPARE_COLOR(parseColor("hsl(120,100%,50%)"), rgba(0, 255, 0));
        COMPARE_COLOR(parseColor("hsl(0, 100%, 25%)"), rgba(128, 0, 0));
        COMPARE_COLOR(parseColor("hsl(210.5,33.3%,77.7%)"), rgba(179, 198, 217));
        COMPARE_COLOR(parseColor("hsv(120,100%,50%)"), rgba(0, 128, 0));
        COMPARE_COLOR(parseColor("hsb(300,25%,75%)"), rgba(191, 143, 191));
        COMPARE_COLOR(parseColor("hsl(720,50%,50%)"), rgba(191, 64, 64));
        QVERIFY(!parseColor("rgb(10%,50,100%)"));  // mixed forms are not accepted by PIL
        QVERIFY(!parseColor("rgba(1,2,3)"));
        QVERIFY(!parseColor("rgb(1,2,3) "));
        QVERIFY(!parseColor("hsla(120,100%,50%,0.5)"));  // PIL has no hsla()
    }

    void names() {
        COMPARE_COLOR(parseColor("green"), rgba(0, 128, 0));
        COMPARE_COLOR(parseColor("Green"), rgba(0, 128, 0));
        COMPARE_COLOR(parseColor("GREEN"), rgba(0, 255, 0));
        COMPARE_COLOR(parseColor("G"), rgba(0, 255, 0));
        COMPARE_COLOR(parseColor("RED"), rgba(255, 0, 0));
        COMPARE_COLOR(parseColor("R"), rgba(255, 0, 0));
        COMPARE_COLOR(parseColor("BLUE"), rgba(0, 0, 255));
        COMPARE_COLOR(parseColor("B"), rgba(0, 0, 255));
        COMPARE_COLOR(parseColor("black"), rgba(0, 0, 0));
        COMPARE_COLOR(parseColor("BLACK"), rgba(0, 0, 0));
        COMPARE_COLOR(parseColor("rebeccapurple"), rgba(0x66, 0x33, 0x99));
        // matplotlib names, through to_hex (opaque).
        COMPARE_COLOR(parseColor("xkcd:blue"), rgba(0x03, 0x43, 0xdf));
        COMPARE_COLOR(parseColor("XKCD:Blue"), rgba(0x03, 0x43, 0xdf));
        COMPARE_COLOR(parseColor("tab:orange"), rgba(255, 127, 14));
        COMPARE_COLOR(parseColor("C1"), rgba(255, 127, 14));
        COMPARE_COLOR(parseColor("C11"), rgba(255, 127, 14));  // the cycle wraps
        COMPARE_COLOR(parseColor("k"), rgba(0, 0, 0));
        COMPARE_COLOR(parseColor("g"), rgba(0, 128, 0));
        COMPARE_COLOR(parseColor("none"), rgba(0, 0, 0));
        COMPARE_COLOR(parseColor("0.5"), rgba(128, 128, 128));
        COMPARE_COLOR(parseColor(" 0.25 "), rgba(64, 64, 64));
        COMPARE_COLOR(parseColor("1e-1"), rgba(26, 26, 26));  // Python float() syntax
        COMPARE_COLOR(parseColor("+0.5"), rgba(128, 128, 128));
        COMPARE_COLOR(parseColor("0.2_5"), rgba(64, 64, 64));
        QVERIFY(!parseColor(" none "));
        QVERIFY(!parseColor("C"));
        QVERIFY(!parseColor("K"));  // single letters are case-sensitive in matplotlib
        QVERIFY(!parseColor("c0"));
        QVERIFY(!parseColor("1.5"));
        QVERIFY(!parseColor("nan"));
        QVERIFY(!parseColor("notacolor"));
        QVERIFY(!parseColor(""));
        QVERIFY(!parseColor(std::string(200, 'a')));
    }

    void jsonColors() {
        COMPARE_COLOR(parseColor(json("#fff")), rgba(255, 255, 255));
        COMPARE_COLOR(parseColor(json::array({0.5, 0.5, 0.5})), rgba(127.5, 127.5, 127.5));
        COMPARE_COLOR(parseColor(json::array({0.1, 0.1, 0.1, 0.1})),
                      rgba(0.1 * 255, 0.1 * 255, 0.1 * 255, 0.1 * 255));
        COMPARE_COLOR(parseColor(json::array({1, 0, 0})), rgba(255, 0, 0));
        COMPARE_COLOR(parseColor(json::array({0.5})), rgba(127.5, 255, 255));  // padded with 1
        COMPARE_COLOR(parseColor(json::array({1, 0, 0, 1, 0})), rgba(255, 0, 0));
        QVERIFY(!parseColor(json::array()));
        QVERIFY(!parseColor(json::array({"0.5", 0, 0})));
        QVERIFY(!parseColor(json(0.5)));
        QVERIFY(!parseColor(json(nullptr)));
        QVERIFY(!parseColor(json::object()));
    }

    void validPalettes() {
        const std::vector<json> valid = {
            json::array({"#000", "#FFF"}),
            "#fff",
            "black",
            "rgba(128, 128, 128, 128)",
            "xkcd:blue",
            "viridis",
            "matplotlib.Plasma_6",
            "coolwarm",
            "GREEN",
            json::array(
                {json::array({0.5, 0.5, 0.5}), json::array({0.1, 0.1, 0.1, 0.1}), "xkcd:blue"}),
        };
        for (const auto& v : valid) {
            QVERIFY2(parsePalette(v).has_value(), v.dump().c_str());
        }
        // A single colour C is ['#000', C].
        QCOMPARE(*parsePalette("#fff"), (Palette{rgba(0, 0, 0), rgba(255, 255, 255)}));
        QCOMPARE(*parsePalette("GREEN"), (Palette{rgba(0, 0, 0), rgba(0, 255, 0)}));
        QCOMPARE(*parsePalette("green"), (Palette{rgba(0, 0, 0), rgba(0, 128, 0)}));
        QCOMPARE(*parsePalette("rgba(128, 128, 128, 128)"),
                 (Palette{rgba(0, 0, 0), rgba(128, 128, 128, 128)}));
        // A matplotlib named colour is ['#0000', C].
        QCOMPARE(*parsePalette("xkcd:blue"), (Palette{rgba(0, 0, 0, 0), rgba(3, 67, 223)}));
        QCOMPARE(*parsePalette("tab:blue"), (Palette{rgba(0, 0, 0, 0), rgba(31, 119, 180)}));
        const auto mixed = *parsePalette(valid.back());
        QCOMPARE(mixed.size(), std::size_t(3));
        QCOMPARE(mixed[0], rgba(127.5, 127.5, 127.5));
        QCOMPARE(mixed[2], rgba(3, 67, 223));
        QCOMPARE(*parsePalette(json::array({"C3", "none", "0.5", "k", "Green"})),
                 (Palette{rgba(214, 39, 40), rgba(0, 0, 0), rgba(128, 128, 128), rgba(0, 0, 0),
                          rgba(0, 128, 0)}));
    }

    void invalidPalettes() {
        const std::vector<json> invalid = {
            "notacolor",
            json::array({0.5, 0.5, 0.5}),
            json::array({"notacolor", "#fff"}),
            "matplotlib.Plasma_128",
            "nonexistent.palette",
            "Viridis",     // colormap names are case-sensitive
            "XKCD:Blue",   // a lone matplotlib name must match exactly
            "0.5",         // string grays are list entries only
            "matplotlib",  // a palettable module, not a palette
            "colorbrewer.sequential",
            "",
            json::array(),
            json(5),
            json(nullptr),
            json(true),
            json::object({{"palette", "viridis"}}),
        };
        for (const auto& v : invalid) {
            QVERIFY2(!parsePalette(v).has_value(), v.dump().c_str());
        }
    }

    void matplotlibColormaps() {
        const auto viridis = *parsePalette("viridis");
        QCOMPARE(viridis.size(), std::size_t(256));
        QCOMPARE(viridis.front(), rgba(68, 1, 84));  // spec §3.5.4: value 0 of 0..100
        QCOMPARE(viridis.back(), rgba(253, 231, 37));
        const auto reversed = *parsePalette("viridis_r");
        QCOMPARE(reversed.size(), std::size_t(256));
        QCOMPARE(reversed.front(), viridis.back());
        QCOMPARE(reversed.back(), viridis.front());
        QCOMPARE(parsePalette("coolwarm")->front(), rgba(59, 76, 192));
        QCOMPARE(parsePalette("coolwarm")->back(), rgba(180, 4, 38));
        // jet_r is not exactly jet reversed in matplotlib (resampled segment data).
        const auto jetR = *parsePalette("jet_r");
        QCOMPARE(jetR.front(), rgba(128, 0, 0));
        QCOMPARE(jetR[164], rgba(6, 237, 241));
        QCOMPARE(parsePalette("jet")->at(255 - 164), rgba(6, 236, 241));
        QCOMPARE(parsePalette("tab10")->size(), std::size_t(10));
        QCOMPARE(parsePalette("twilight")->size(), std::size_t(510));
    }

    void palettable() {
        const auto plasma = *parsePalette("matplotlib.Plasma_6");
        QCOMPARE(plasma, (Palette{hex("#0D0887"), hex("#6A00A8"), hex("#B12A90"), hex("#E16462"),
                                  hex("#FCA636"), hex("#F0F921")}));
        // spec §3.5.3: 77 of 0..100 lies between #E16462 and #FCA636 -> r247 g156 b60.
        QCOMPARE(interpolate(plasma, 0.77), rgba(247, 156, 60));
        const auto plasmaR = *parsePalette("matplotlib.Plasma_6_r");
        QCOMPARE(plasmaR.front(), hex("#F0F921"));
        QCOMPARE(plasmaR.back(), hex("#0D0887"));
        const auto blues = *parsePalette("colorbrewer.sequential.Blues_9");
        QCOMPARE(blues.size(), std::size_t(9));
        QCOMPARE(blues.front(), rgba(247, 251, 255));
        QCOMPARE(blues.back(), rgba(8, 48, 107));
        QCOMPARE(parsePalette("colorbrewer.sequential.Blues_9_r")->front(), rgba(8, 48, 107));
        const auto rdbu = *parsePalette("colorbrewer.diverging.RdBu_11");
        QCOMPARE(rdbu.size(), std::size_t(11));
        QCOMPARE(rdbu.front(), rgba(103, 0, 31));
        QCOMPARE(rdbu.back(), rgba(5, 48, 97));
        const auto algae = *parsePalette("cmocean.sequential.Algae_20");
        QCOMPARE(algae.size(), std::size_t(20));
        QCOMPARE(algae.front(), rgba(215, 249, 208));
        for (const char* name :
             {"cartocolors.qualitative.Bold_10", "scientific.sequential.Batlow_10",
              "tableau.Tableau_10", "wesanderson.Aquatic1_5", "cubehelix.classic_16",
              "mycarta.Cube1_20", "lightbartlein.diverging.BlueDarkOrange12_12"}) {
            QVERIFY2(parsePalette(name).has_value(), name);
        }
    }

    void listing() {
        const json listing = colormapListing();
        const auto& mpl = listing.at("matplotlib");
        QCOMPARE(mpl.size(), std::size_t(166));
        for (const char* name : {"viridis", "viridis_r", "coolwarm", "jet_r", "tab20c"}) {
            QVERIFY2(std::find(mpl.begin(), mpl.end(), json(name)) != mpl.end(), name);
        }
        QVERIFY(std::is_sorted(mpl.begin(), mpl.end()));
        QCOMPARE(listing.at("simple"), json::array({"red", "green", "blue"}));
        const auto& pal = listing.at("palettable");
        QCOMPARE(pal.size(), std::size_t(3214));
        QVERIFY(std::is_sorted(pal.begin(), pal.end()));
        for (const char* name : {"matplotlib.Plasma_6", "colorbrewer.sequential.Blues_9_r",
                                 "colorbrewer.diverging.RdBu_11"}) {
            QVERIFY2(std::find(pal.begin(), pal.end(), json(name)) != pal.end(), name);
        }
        // Everything listed resolves.
        for (const auto& name : mpl) QVERIFY(parsePalette(name).has_value());
        for (const auto& name : pal) QVERIFY(parsePalette(name).has_value());
    }

    void swatch() {
        const Palette bw{rgba(0, 0, 0), rgba(255, 255, 255)};
        const auto s = paletteSwatch(bw, 256, 3);
        QCOMPARE(s.size(), std::size_t(256 * 3 * 4));
        const auto px = [&](const std::vector<unsigned char>& img, int w, int x, int y, int k) {
            return int(img[(std::size_t(y) * w + x) * 4 + k]);
        };
        QCOMPARE(px(s, 256, 0, 0, 0), 0);
        QCOMPARE(px(s, 256, 255, 2, 0), 255);
        QCOMPARE(px(s, 256, 128, 1, 1), 128);
        QCOMPARE(px(s, 256, 0, 0, 3), 255);

        const auto plasma = *parsePalette("matplotlib.Plasma_6");
        const auto p = paletteSwatch(plasma, 60, 1);
        QCOMPARE(px(p, 60, 0, 0, 0), 0x0D);
        QCOMPARE(px(p, 60, 0, 0, 2), 0x87);
        QCOMPARE(px(p, 60, 59, 0, 0), 0xF0);
        QCOMPARE(px(p, 60, 59, 0, 2), 0x21);

        // Discrete: six equal blocks of 10 pixels.
        const auto d = paletteSwatch(plasma, 60, 1, true);
        for (int block = 0; block < 6; ++block) {
            for (int x : {block * 10, block * 10 + 9}) {
                QCOMPARE(px(d, 60, x, 0, 0), int(plasma[block][0]));
                QCOMPARE(px(d, 60, x, 0, 1), int(plasma[block][1]));
            }
        }
        // Alpha and out-of-range values are clipped to 0..255.
        const auto a = paletteSwatch(*parsePalette("xkcd:blue"), 10, 1);
        QCOMPARE(px(a, 10, 0, 0, 3), 0);
        QCOMPARE(px(a, 10, 9, 0, 3), 255);
        const auto c = paletteSwatch(Palette{rgba(-10, 300, 0), rgba(0, 0, 0)}, 2, 1);
        QCOMPARE(px(c, 2, 0, 0, 0), 0);
        QCOMPARE(px(c, 2, 0, 0, 1), 255);

        QCOMPARE(paletteSwatch(bw, 0, 5).size(), std::size_t(0));
        QCOMPARE(paletteSwatch(Palette{rgba(1, 2, 3)}, 4, 1)[8], 1);
        QVERIFY_THROWS_EXCEPTION(Error, paletteSwatch(bw, -1, 5));
        QVERIFY_THROWS_EXCEPTION(Error, paletteSwatch(bw, 1 << 20, 1 << 20));
        QVERIFY_THROWS_EXCEPTION(Error, paletteSwatch(Palette{}, 4, 4));
    }

    // Not a benchmark: prints what lookups cost so regressions are visible in the log.
    void lookupCost() {
        constexpr int kRounds = 20000;
        QElapsedTimer timer;
        timer.start();
        std::size_t n = 0;
        for (int i = 0; i < kRounds; ++i) {
            n += parsePalette("viridis")->size();
            n += parsePalette("colorbrewer.sequential.Blues_9")->size();
            n += parseColor("xkcd:blue").has_value();
            n += parseColor("rgba(128, 128, 128, 128)").has_value();
        }
        const double ns = double(timer.nsecsElapsed()) / kRounds;
        qInfo("viridis + Blues_9 + xkcd:blue + rgba(): %.0f ns per round (%zu)", ns, n);
        QVERIFY(n > 0);
    }
};

QTEST_GUILESS_MAIN(TestColor)
#include "test_color.moc"
