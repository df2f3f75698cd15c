// Resolution of a parsed style against a source (large-image-compat.md §3.1, §3.3): band names
// to band numbers, min/max modes to numbers (with GDAL's sentinel range entry), frames, the
// projected warp-alpha entry, and what must be read (needs()).
//
// Notes on how this follows large_image:
//  - GDAL/rasterio sources (sourceName "gdal"/"rasterio") resolve bands as _bandNumber does:
//    absent => 1, a digit string => that number, other strings => the first band with that
//    interpretation; a band name then behaves as its number (no alpha semantics). A single
//    entry with band <= 0 (or an empty "bands" list) means the default style.
//  - Other sources follow _applyStyle: absent/-1/0/"gray"/"green" => channel 2 of >= 3-channel
//    data, else channel 1; "red" => 1, "blue" => 3, "alpha" => the last channel of LA/RGBA data
//    or a constant 255 (palette #FFF0->#FFFF, composite multiply by default).
//  - Stricter than large_image: band numbers the source lacks are refused on every source
//    (bandCount + 1 is allowed on projected GDAL reads: the warp alpha), and so are band names
//    that are neither red/green/blue/gray/alpha nor an interpretation of the source.
//  - Range data of a frame is read once per resolution: when any entry of that frame asks for a
//    histogram threshold (min:T, max:T, auto:T) every band's range comes from the 256-bin
//    histogram (large_image ends up there after its first tile); otherwise band statistics are
//    used when every band has them, else the histogram's min/max.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>

#include "style/style_direct.h"
#include "style/style_internal.h"
#include "util/c_locale.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

ResolvedStyle::ResolvedStyle() : impl(std::make_unique<Impl>()) {}
ResolvedStyle::~ResolvedStyle() = default;
ResolvedStyle::ResolvedStyle(ResolvedStyle&&) noexcept = default;
ResolvedStyle& ResolvedStyle::operator=(ResolvedStyle&&) noexcept = default;
ResolvedStyle::ResolvedStyle(const ResolvedStyle& other)
    : impl(other.impl ? std::make_unique<Impl>(*other.impl) : nullptr) {}
ResolvedStyle& ResolvedStyle::operator=(const ResolvedStyle& other) {
    if (this != &other) impl = other.impl ? std::make_unique<Impl>(*other.impl) : nullptr;
    return *this;
}

const std::vector<RasterNeed>& ResolvedStyle::needs() const {
    static const std::vector<RasterNeed> none;
    return impl ? impl->needs : none;
}

nlohmann::json ResolvedStyle::describe() const {
    nlohmann::json out = nlohmann::json::object();
    if (!impl || impl->raw) {
        out["raw"] = true;
        return out;
    }
    nlohmann::json bands = nlohmann::json::array();
    for (const auto& e : impl->entries) {
        nlohmann::json b;
        b["band"] = e.band;
        b["frame"] = e.frame;
        b["min"] = e.min;
        b["max"] = e.max;
        b["minSpec"] = e.minSpec;
        b["maxSpec"] = e.maxSpec;
        b["composite"] = e.multiply ? "multiply" : "lighten";
        b["scheme"] = e.discrete ? "discrete" : "linear";
        b["clamp"] = e.clamp;
        if (e.nodata) {
            if (std::isfinite(*e.nodata))
                b["nodata"] = *e.nodata;
            else
                b["nodata"] = std::to_string(*e.nodata);
        }
        if (e.warpAlpha) b["warpAlpha"] = true;
        nlohmann::json pal = nlohmann::json::array();
        for (const auto& c : e.palette) pal.push_back({c[0], c[1], c[2], c[3]});
        b["palette"] = std::move(pal);
        bands.push_back(std::move(b));
    }
    out["bands"] = std::move(bands);
    out["channels"] = impl->outChannels;
    if (impl->dtype) out["dtype"] = *impl->dtype;
    if (impl->axis) out["axis"] = *impl->axis;
    return out;
}

namespace {

bool isGdalLike(const SourceInfo& info) {
    return info.sourceName == "gdal" || info.sourceName == "rasterio";
}

// The maximum of the integer type (numpy iinfo), 1 for floats: GDAL's sentinel range entry.
double sentinelMax(DataType t) {
    switch (t) {
        case DataType::UInt8:
            return 255.0;
        case DataType::Int8:
            return 127.0;
        case DataType::UInt16:
            return 65535.0;
        case DataType::Int16:
            return 32767.0;
        case DataType::UInt32:
            return 4294967295.0;
        case DataType::Int32:
            return 2147483647.0;
        case DataType::Float32:
        case DataType::Float64:
            return 1.0;
    }
    return 255.0;
}

// numpy's np.array([value], dtype=t) for statistics read as doubles.
double castToType(double v, DataType t) {
    if (t == DataType::Float64) return v;
    if (t == DataType::Float32) return static_cast<double>(static_cast<float>(v));
    if (!std::isfinite(v)) return 0.0;
    return std::trunc(v);
}

const Palette& defaultPalette() {
    static const Palette p{Rgba{0, 0, 0, 255}, Rgba{255, 255, 255, 255}};
    return p;
}
const Palette& alphaPalette() {
    static const Palette p{Rgba{255, 255, 255, 0}, Rgba{255, 255, 255, 255}};
    return p;
}

[[noreturn]] void badBand(const std::string& shownValue) {
    fail(ErrorKind::BadRequest,
         trc("Style",
             "Band has to be a positive integer, -1, or a band interpretation found in the "
             "source.") +
             " " + trf("Style", "(band: %1)", shownValue));
}

std::string bandText(const std::variant<std::monostate, int, std::string>& b) {
    if (auto* i = std::get_if<int>(&b)) return std::to_string(*i);
    if (auto* s = std::get_if<std::string>(&b)) return "\"" + *s + "\"";
    return "null";
}

std::string specText(const std::variant<std::monostate, double, std::string>& v) {
    if (auto* d = std::get_if<double>(&v)) {
        nlohmann::json j = *d;
        return j.dump();
    }
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    return "auto";
}

// large_image's histogramThreshold (tilesource/utilities.py).
double histogramThreshold(const BandHistogram& h, double threshold, bool fromMax) {
    std::vector<double> hist = h.hist;
    std::vector<double> edges = h.binEdges;
    const double samples = h.density ? 1.0 : static_cast<double>(h.samples);
    if (fromMax) {
        std::reverse(hist.begin(), hist.end());
        std::reverse(edges.begin(), edges.end());
    }
    double tally = 0;
    for (std::size_t idx = 0; idx < hist.size(); ++idx) {
        if (tally >= threshold * samples) {
            if (idx == 0) return fromMax ? h.max : h.min;
            return edges[idx];
        }
        tally += hist[idx];
    }
    return edges.empty() ? (fromMax ? h.max : h.min) : edges.back();
}

struct FrameRanges {
    bool valid = false;
    std::vector<double> min, max;     // per band (+ GDAL sentinel)
    std::vector<BandHistogram> hist;  // per band, when a threshold was asked for
};

class RangeResolver {
  public:
    RangeResolver(StyleDataProvider& provider, bool gdal)
        : provider_(provider), info_(provider.info()), gdal_(gdal) {}

    void wantHistogram(int frame) { wantHist_[frame] = true; }

    const FrameRanges& ranges(int frame) {
        auto it = cache_.find(frame);
        if (it != cache_.end()) return it->second;
        FrameRanges r;
        const int n = info_.bandCount;
        const DataType t = info_.dtype;
        const bool hist = wantHist_.count(frame) > 0;
        bool done = false;
        if (!hist && n > 0) {
            std::vector<double> mins, maxs;
            bool all = true;
            for (int b = 1; b <= n && all; ++b) {
                auto s = provider_.bandStats(b, frame);
                if (!s || !s->valid || !std::isfinite(s->min) || !std::isfinite(s->max)) {
                    all = false;
                    break;
                }
                mins.push_back(castToType(s->min, t));
                maxs.push_back(castToType(s->max, t));
            }
            if (all) {
                r.min = std::move(mins);
                r.max = std::move(maxs);
                r.valid = true;
                done = true;
            }
        }
        if (!done && n > 0) {
            r.valid = true;
            for (int b = 1; b <= n; ++b) {
                BandHistogram h = provider_.histogram(b, frame, 256);
                if (h.samples <= 0) {
                    r = FrameRanges{};
                    break;
                }
                r.min.push_back(h.min);
                r.max.push_back(h.max);
                if (hist) r.hist.push_back(std::move(h));
            }
        }
        if (r.valid && gdal_) {
            r.min.push_back(0.0);
            r.max.push_back(sentinelMax(t));
        }
        return cache_.emplace(frame, std::move(r)).first->second;
    }

  private:
    StyleDataProvider& provider_;
    const SourceInfo& info_;
    bool gdal_;
    std::map<int, bool> wantHist_;
    std::map<int, FrameRanges> cache_;
};

struct ParsedSpec {
    std::string mode;  // "", "auto", "min", "max", "full"
    double value = 0;  // when mode is empty
    double threshold = 0;
};

ParsedSpec parseSpec(const std::variant<std::monostate, double, std::string>& v) {
    ParsedSpec p;
    if (auto* d = std::get_if<double>(&v)) {
        p.value = *d;
        return p;
    }
    if (std::holds_alternative<std::monostate>(v)) {
        p.mode = "auto";
        return p;
    }
    const std::string& s = std::get<std::string>(v);
    auto colon = s.find(':');
    if (colon == std::string::npos) {
        p.mode = s;
        return p;
    }
    p.mode = s.substr(0, colon);
    p.threshold = strtodC(s.c_str() + colon + 1, nullptr);
    return p;
}

// large_image _getMinMax. bandIdx is the 0-based index into the frame's range arrays, -1 for
// none (a constant alpha channel).
double getMinMax(bool isMin, const ParsedSpec& spec, DataType dtype, int bandIdx, int frame,
                 RangeResolver& rr) {
    if (spec.mode.empty()) return spec.value;
    std::string mode = spec.mode;
    if (mode == "full") return isMin ? 0.0 : typeFullMax(dtype);
    const FrameRanges& r = rr.ranges(frame);
    if (mode == "auto") {
        bool inByteRange = r.valid;
        for (std::size_t i = 0; inByteRange && i < r.min.size(); ++i)
            inByteRange = r.min[i] >= 0 && r.min[i] <= 254 && r.max[i] >= 2 && r.max[i] <= 255;
        if (inByteRange) return isMin ? 0.0 : 255.0;
        mode = isMin ? "min" : "max";
    }
    const bool have = bandIdx >= 0 && r.valid && bandIdx < static_cast<int>(r.min.size());
    if (mode == "min") {
        if (!have) return 0.0;
        if (spec.threshold > 0 && bandIdx < static_cast<int>(r.hist.size()))
            return histogramThreshold(r.hist[bandIdx], spec.threshold, false);
        return r.min[bandIdx];
    }
    // "max"
    if (!have) return typeFullMax(dtype);
    if (spec.threshold > 0 && bandIdx < static_cast<int>(r.hist.size()))
        return histogramThreshold(r.hist[bandIdx], spec.threshold, true);
    return r.max[bandIdx];
}

bool samePalette(const Palette& a, const Palette& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        for (int c = 0; c < 4; ++c)
            if (a[i][c] != b[i][c]) return false;
    return true;
}

// A band entry after band resolution.
struct Pending {
    const BandStyle* style = nullptr;
    BandStyle owned;  // for entries Tessera adds (warp alpha)
    int frame = 0;
    int band = 0;       // 1-based; 0 = constant 255
    int rangeIdx = -1;  // index into range arrays
    bool alphaSemantics = false;
    bool warpAlpha = false;
};

}  // namespace

ResolvedStyle resolveStyle(const Style& style, StyleDataProvider& provider, bool projected,
                           int frame) {
    const SourceInfo& info = provider.info();
    const bool gdal = isGdalLike(info);
    const bool warp = gdal && projected;
    const int n = info.bandCount;
    const int frameCount = std::max(1, info.frameCount);
    ResolvedStyle out;
    ResolvedStyle::Impl& impl = *out.impl;
    impl.sourceType = info.dtype;

    auto makeRaw = [&]() {
        impl.raw = true;
        RasterNeed need;
        need.frame = frame;
        for (int b = 1; b <= n + (warp ? 1 : 0); ++b) need.bands.push_back(b);
        impl.needs.push_back(std::move(need));
        return out;
    };
    if (frame < 0 || frame >= frameCount)
        fail(ErrorKind::BadRequest,
             trf("Style", "Frame %1 does not exist (the image has %2 frames).",
                 std::to_string(frame), std::to_string(frameCount)));
    if (style.raw) return makeRaw();

    const Style* use = &style;
    std::optional<Style> fallback;
    bool useDefault = style.bands.empty();
    if (gdal && style.bands.size() == 1) {
        const auto& b = style.bands[0].band;
        if (auto* i = std::get_if<int>(&b); i && *i <= 0) useDefault = true;
    }
    if (useDefault) {
        fallback = defaultStyleUnprojected(info);
        if (!fallback) return makeRaw();
        use = &*fallback;
    }

    // The main frame: the first entry's frame when every entry names one (_getFrame).
    int mainFrame = frame;
    if (!use->singleEntry && !use->bands.empty() &&
        std::all_of(use->bands.begin(), use->bands.end(),
                    [](const BandStyle& b) { return b.frame.has_value(); }))
        mainFrame = *use->bands[0].frame;
    impl.mainFrame = mainFrame;
    const int mainChannels = n + (warp ? 1 : 0);
    const int defaultIdx = mainChannels <= 2 ? 0 : 1;

    std::vector<Pending> pending;
    pending.reserve(use->bands.size() + 1);
    for (const BandStyle& bs : use->bands) {
        Pending p;
        p.style = &bs;
        if (bs.frame)
            p.frame = *bs.frame;
        else if (bs.framedelta && *bs.framedelta != 0)
            p.frame = mainFrame + *bs.framedelta;
        else
            p.frame = mainFrame;
        if (p.frame < 0 || p.frame >= frameCount)
            fail(ErrorKind::BadRequest,
                 trf("Style", "Style frame %1 does not exist (the image has %2 frames).",
                     std::to_string(p.frame), std::to_string(frameCount)));
        if (gdal) {
            int b = 1;
            if (auto* i = std::get_if<int>(&bs.band)) {
                b = *i;
            } else if (auto* s = std::get_if<std::string>(&bs.band)) {
                const std::string name = asciiLower(*s);
                b = 0;
                for (int k = 0; k < n && k < static_cast<int>(info.bands.size()); ++k)
                    if (asciiLower(info.bands[k].interpretation) == name) {
                        b = k + 1;
                        break;
                    }
                if (b == 0) badBand(bandText(bs.band));
            }
            if (b == -1) {
                b = defaultIdx + 1;
            } else if (b < 1 || (b > n && !(warp && b == n + 1))) {
                badBand(bandText(bs.band));
            }
            p.band = b;
            p.rangeIdx = b - 1;  // n for the warp alpha: GDAL's sentinel entry
            p.warpAlpha = warp && b == n + 1;
        } else {
            int idx = defaultIdx;
            if (auto* i = std::get_if<int>(&bs.band)) {
                if (*i >= 1 && *i <= n)
                    idx = *i - 1;
                else if (*i != -1 && *i != 0)
                    badBand(bandText(bs.band));
            } else if (auto* s = std::get_if<std::string>(&bs.band)) {
                const std::string name = asciiLower(*s);
                bool known = name == "red" || name == "green" || name == "blue" || name == "gray" ||
                             name == "grey" || name == "alpha";
                for (int k = 0; k < n && k < static_cast<int>(info.bands.size()); ++k)
                    if (asciiLower(info.bands[k].interpretation) == name) {
                        idx = k;
                        known = true;
                        break;
                    }
                if (!known) badBand(bandText(bs.band));
                if (name == "red" && n > 2) idx = 0;
                if (name == "blue" && n > 2) idx = 2;
                if (name == "alpha") {
                    p.alphaSemantics = true;
                    idx = (n == 2 || n == 4) ? n - 1 : -1;
                }
            }
            p.band = idx >= 0 ? idx + 1 : 0;
            p.rangeIdx = idx;
        }
        pending.push_back(std::move(p));
    }
    if (warp) {
        bool hasAlpha = false;
        int alphaBand = 0;
        for (int k = 0; k < n && k < static_cast<int>(info.bands.size()); ++k)
            if (asciiLower(info.bands[k].interpretation) == "alpha") {
                alphaBand = k + 1;
                break;
            }
        for (const auto& p : pending) {
            if (p.warpAlpha) hasAlpha = true;
            if (p.band >= 1 && p.band <= n && p.band <= static_cast<int>(info.bands.size()) &&
                asciiLower(info.bands[p.band - 1].interpretation) == "alpha")
                hasAlpha = true;
        }
        if (!hasAlpha) {
            Pending p;
            p.owned.band = alphaBand ? alphaBand : n + 1;
            p.owned.min = 0.0;
            p.owned.max = std::string("auto");
            p.owned.composite = "multiply";
            p.owned.palette = alphaPalette();
            p.owned.paletteSource = nlohmann::json::array({"#ffffff00", "#ffffffff"});
            p.frame = mainFrame;
            p.band = alphaBand ? alphaBand : n + 1;
            p.rangeIdx = p.band - 1;
            p.warpAlpha = alphaBand == 0;
            pending.push_back(std::move(p));
        }
    }

    // Which frames need histograms (thresholds).
    RangeResolver rr(provider, gdal);
    for (const auto& p : pending) {
        const BandStyle& bs = p.style ? *p.style : p.owned;
        if (parseSpec(bs.min).threshold > 0 || parseSpec(bs.max).threshold > 0)
            rr.wantHistogram(p.frame);
    }

    // Output channels: large_image's single-band L special case.
    if (pending.size() == 1 && !pending[0].alphaSemantics && mainChannels == 1) {
        const BandStyle& first = pending[0].style ? *pending[0].style : pending[0].owned;
        if (samePalette(first.palette ? *first.palette : defaultPalette(), defaultPalette()))
            impl.outChannels = 1;
    }

    // dtype and axis: the first found, base style first, then entries in order.
    impl.dtype = use->dtype;
    impl.axis = use->axis;
    for (const auto& p : pending) {
        const BandStyle& bs = p.style ? *p.style : p.owned;
        if (!impl.dtype && bs.dtype) impl.dtype = bs.dtype;
        if (!impl.axis && bs.axis) impl.axis = bs.axis;
    }
    if (impl.dtype && *impl.dtype == "source") {
        if (info.dtype == DataType::UInt16)
            impl.dtype = "uint16";
        else if (isFloat(info.dtype))
            impl.dtype = "float";
    }

    // Needs: one per frame, the main frame first.
    auto needFor = [&](int f) -> std::size_t {
        for (std::size_t i = 0; i < impl.needs.size(); ++i)
            if (impl.needs[i].frame == f) return i;
        impl.needs.push_back(RasterNeed{f, {}});
        return impl.needs.size() - 1;
    };
    needFor(mainFrame);
    for (const auto& p : pending)
        if (p.band > 0) {
            auto& bands = impl.needs[needFor(p.frame)].bands;
            if (std::find(bands.begin(), bands.end(), p.band) == bands.end())
                bands.push_back(p.band);
        }
    for (auto& need : impl.needs) {
        std::sort(need.bands.begin(), need.bands.end());
        if (need.bands.empty()) need.bands.push_back(1);
    }

    for (const auto& p : pending) {
        const BandStyle& bs = p.style ? *p.style : p.owned;
        ResolvedStyle::Entry e;
        e.frame = p.frame;
        e.band = p.band;
        e.warpAlpha = p.warpAlpha;
        if (p.band > 0) {
            e.need = static_cast<int>(needFor(p.frame));
            const auto& bands = impl.needs[e.need].bands;
            e.needBand =
                static_cast<int>(std::find(bands.begin(), bands.end(), p.band) - bands.begin());
        }
        const ParsedSpec mn = parseSpec(bs.min), mx = parseSpec(bs.max);
        e.minSpec = specText(bs.min);
        e.maxSpec = specText(bs.max);
        e.min = getMinMax(true, mn, info.dtype, p.rangeIdx, p.frame, rr);
        e.max = getMinMax(false, mx, info.dtype, p.rangeIdx, p.frame, rr);
        e.delta = e.max != e.min ? e.max - e.min : 1.0;
        e.palette =
            bs.palette ? *bs.palette : (p.alphaSemantics ? alphaPalette() : defaultPalette());
        if (e.palette.empty()) e.palette = defaultPalette();
        e.discrete = bs.scheme == "discrete";
        e.nodata = bs.nodata;
        e.clamp = bs.clamp;
        e.multiply = bs.composite ? *bs.composite == "multiply" : p.alphaSemantics;
        prepareEntry(e, impl.outChannels, info.dtype);
        impl.entries.push_back(std::move(e));
    }
    planChannels(impl);
    impl.direct = std::make_shared<DirectBytes>();
    return out;
}

}  // namespace tessera
