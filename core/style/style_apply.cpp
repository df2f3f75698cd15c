// Rendering of a resolved style (large-image-compat.md §3.2, large_image _applyStyle).
//
// The arithmetic follows numpy's types: the normalised value v = (x - min) / delta is float32
// for float32 sources and float64 otherwise; colours are float64; the output buffer is float32
// (float64 for float64 sources), rounded after every compositing step as numpy's assignment
// into the float32 array does. The final uint8 conversion clips to [0, 255] and truncates
// (NaN -> 0).
//
// Speed: pixels are processed in chunks of kChunk with planar per-channel buffers that stay in
// cache; 8-bit sources use per-entry lookup tables of the composed contribution per byte value.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "raster/to_8bit.h"
#include "style/style_direct.h"
#include "style/style_internal.h"
#include "style/style_math.h"
#include "util/error.h"

namespace tessera {

namespace {

constexpr std::size_t kChunk = 2048;
// Renders of fewer pixels do not build the direct tables (a table costs ~65536 evaluations).
constexpr std::size_t kDirectPixels = 16384;

using namespace style_math;

// numpy.linspace(0, 1, n).
std::vector<double> linspace01(std::size_t n) {
    std::vector<double> y(n, 0.0);
    if (n <= 1) return y;
    const double step = 1.0 / static_cast<double>(n - 1);
    for (std::size_t j = 0; j < n; ++j) y[j] = static_cast<double>(j) * step;
    y[n - 1] = 1.0;
    return y;
}

// A constant colour without a mask: the same composition as the per-pixel loops below.
template <typename O>
void composeConstant(const Entry& e, bool first, double k, O* out, std::size_t n) {
    if (e.multiply) {
        const double f = k / 255.0;
        for (std::size_t i = 0; i < n; ++i)
            out[i] = static_cast<O>(static_cast<double>(out[i]) * f);
    } else if (first) {
        std::fill(out, out + n, static_cast<O>(k));
    } else {
        const O kk = static_cast<O>(k);
        for (std::size_t i = 0; i < n; ++i) out[i] = npMax(out[i], kk);
    }
}

struct Scratch {
    std::vector<double> vd = std::vector<double>(kChunk);
    std::vector<float> vf = std::vector<float>(kChunk);
    std::vector<unsigned char> mask = std::vector<unsigned char>(kChunk);
    std::vector<double> col = std::vector<double>(kChunk);
    std::vector<int> seg = std::vector<int>(kChunk);
    std::vector<double> off = std::vector<double>(kChunk);
};

// Composes one channel of one unmasked entry, computing colours straight from the samples.
template <typename T, typename O, typename Colour>
void composeFused(const Entry& e, bool first, const T* src, std::size_t n, O* out, Colour colour) {
    if (e.multiply) {
        for (std::size_t i = 0; i < n; ++i)
            out[i] = static_cast<O>(static_cast<double>(out[i]) * (colour(src[i]) / 255.0));
    } else if (first) {
        for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<O>(colour(src[i]));
    } else {
        for (std::size_t i = 0; i < n; ++i) out[i] = npMax(out[i], static_cast<O>(colour(src[i])));
    }
}

// Composes precomputed colours col[] into out[] (mask[] = nullptr: no mask).
template <typename O>
void composeColours(const Entry& e, bool first, const double* col, const unsigned char* mask,
                    std::size_t n, O* out) {
    if (e.multiply) {
        if (mask)
            for (std::size_t i = 0; i < n; ++i)
                out[i] =
                    static_cast<O>(static_cast<double>(out[i]) * (mask[i] ? col[i] / 255.0 : 1.0));
        else
            for (std::size_t i = 0; i < n; ++i)
                out[i] = static_cast<O>(static_cast<double>(out[i]) * (col[i] / 255.0));
    } else if (first) {
        if (mask)
            for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<O>(mask[i] ? col[i] : 0.0);
        else
            for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<O>(col[i]);
    } else {
        if (mask)
            for (std::size_t i = 0; i < n; ++i)
                out[i] = npMax(out[i], static_cast<O>(mask[i] ? col[i] : 0.0));
        else
            for (std::size_t i = 0; i < n; ++i) out[i] = npMax(out[i], static_cast<O>(col[i]));
    }
}

// One entry over one chunk: planes[c] are the output channel buffers (n values each).
template <typename T, typename O>
void entryChunk(const Entry& e, bool first, const T* src, std::size_t n, O* const* planes,
                int outCh, Scratch& s) {
    using N = NormOf<T>;
    const bool hasMask = e.nodata.has_value() || !e.clamp;
    bool anyInterp = false;
    for (int c = 0; c < outCh; ++c)
        if (e.ops[c] == ChannelOp::Interp && e.plan[c] != ChannelPlan::Skip &&
            e.plan[c] != ChannelPlan::Fill)
            anyInterp = true;
    // Unmasked, no interpolation: colours straight from the samples, one pass per channel.
    if (!hasMask && !anyInterp) {
        for (int c = 0; c < outCh; ++c) {
            const ChannelOp op = e.ops[c];
            if (op == ChannelOp::Skip || e.plan[c] == ChannelPlan::Skip) continue;
            if (e.plan[c] == ChannelPlan::Fill) {
                std::fill(planes[c], planes[c] + n, static_cast<O>(e.fillValue[c]));
            } else if (op == ChannelOp::Constant) {
                composeConstant(e, first, e.palette[0][c], planes[c], n);
            } else if (op == ChannelOp::Linear2) {
                const double k = e.palette[1][c];
                composeFused(e, first, src, n, planes[c],
                             [&](T x) { return static_cast<double>(normalise(e, x)) * k; });
            } else {
                composeFused(e, first, src, n, planes[c],
                             [&](T x) { return colourOf(e, c, normalise(e, x)); });
            }
        }
        return;
    }
    N* v;
    if constexpr (std::is_same_v<N, float>)
        v = s.vf.data();
    else
        v = s.vd.data();
    for (std::size_t i = 0; i < n; ++i) v[i] = normalise(e, src[i]);
    unsigned char* mask = nullptr;
    if (hasMask) {
        mask = s.mask.data();
        for (std::size_t i = 0; i < n; ++i) mask[i] = isValid(e, src[i], v[i]) ? 1 : 0;
    }
    // np.interp's segment and offset, shared by every interpolated channel.
    int* seg = s.seg.data();
    double* off = s.off.data();
    if (anyInterp) {
        for (std::size_t i = 0; i < n; ++i)
            seg[i] = static_cast<int>(interpSegment(static_cast<double>(v[i]), e.stops, off[i]));
    }
    double* col = s.col.data();
    for (int c = 0; c < outCh; ++c) {
        const ChannelOp op = e.ops[c];
        if (op == ChannelOp::Skip || e.plan[c] == ChannelPlan::Skip) continue;
        if (e.plan[c] == ChannelPlan::Fill) {
            std::fill(planes[c], planes[c] + n, static_cast<O>(e.fillValue[c]));
            continue;
        }
        switch (op) {
            case ChannelOp::Constant: {
                const double k = e.palette[0][c];
                for (std::size_t i = 0; i < n; ++i) col[i] = k;
                break;
            }
            case ChannelOp::Linear2: {
                const double k = e.palette[1][c];
                for (std::size_t i = 0; i < n; ++i) col[i] = static_cast<double>(v[i]) * k;
                break;
            }
            case ChannelOp::Interp: {
                const double* slope = e.slopes[c].data();  // padded: slope[last] = 0
                const double* stop = e.stopColours[c].data();
                for (std::size_t i = 0; i < n; ++i) {
                    const int j = seg[i];
                    col[i] = j < 0 ? std::numeric_limits<double>::quiet_NaN()
                                   : slope[j] * off[i] + stop[j];
                }
                break;
            }
            default:
                for (std::size_t i = 0; i < n; ++i) col[i] = colourOf(e, c, v[i]);
                break;
        }
        composeColours(e, first, col, mask, n, planes[c]);
    }
}

// One entry over one chunk of 8-bit data, through the lookup tables.
template <typename O>
void entryChunkLut(const Entry& e, bool first, const std::uint8_t* src, std::size_t n,
                   O* const* planes, int outCh) {
    for (int c = 0; c < outCh; ++c) {
        if (e.ops[c] == ChannelOp::Skip || e.plan[c] == ChannelPlan::Skip) continue;
        O* out = planes[c];
        if (e.plan[c] == ChannelPlan::Fill) {
            std::fill(out, out + n, static_cast<O>(e.fillValue[c]));
            continue;
        }
        if (e.multiply) {
            const double* lut = e.lutMultiply[c].data();
            for (std::size_t i = 0; i < n; ++i)
                out[i] = static_cast<O>(static_cast<double>(out[i]) * lut[src[i]]);
        } else {
            const float* lut = e.lutLighten[c].data();
            if (first || e.plan[c] == ChannelPlan::Write)
                for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<O>(lut[src[i]]);
            else
                for (std::size_t i = 0; i < n; ++i) {
                    const O x = static_cast<O>(lut[src[i]]);
                    out[i] = out[i] > x ? out[i] : x;
                }
        }
    }
}

template <typename T>
void buildLut(Entry& e, int outCh) {
    for (int c = 0; c < outCh; ++c) {
        e.lutLighten[c].assign(256, 0.0f);
        e.lutMultiply[c].assign(256, 1.0);
    }
    for (int b = 0; b < 256; ++b) {
        const auto byte = static_cast<std::uint8_t>(b);
        T x;
        std::memcpy(&x, &byte, 1);
        const auto v = normalise(e, x);
        const bool ok = isValid(e, x, v);
        for (int c = 0; c < outCh; ++c) {
            if (e.ops[c] == ChannelOp::Skip) continue;
            const double col = colourOf(e, c, v);
            e.lutLighten[c][b] = static_cast<float>(ok ? col : 0.0);
            e.lutMultiply[c][b] = ok ? col / 255.0 : 1.0;
        }
    }
    e.hasLut = true;
}

enum class OutKind { UInt8, UInt16, Float };

// Planar 8-bit channels to interleaved pixels.
void interleave(std::uint8_t* const* planes, int channels, std::size_t n, std::uint8_t* out) {
    if (channels == 1) {
        std::memcpy(out, planes[0], n);
        return;
    }
    std::size_t i = 0;
    if (channels == 4) {
        const std::uint8_t *r = planes[0], *g = planes[1], *b = planes[2], *a = planes[3];
#if defined(__SSE2__)
        for (; i + 16 <= n; i += 16) {
            const __m128i vr = _mm_loadu_si128(reinterpret_cast<const __m128i*>(r + i));
            const __m128i vg = _mm_loadu_si128(reinterpret_cast<const __m128i*>(g + i));
            const __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
            const __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
            const __m128i rgLo = _mm_unpacklo_epi8(vr, vg), rgHi = _mm_unpackhi_epi8(vr, vg);
            const __m128i baLo = _mm_unpacklo_epi8(vb, va), baHi = _mm_unpackhi_epi8(vb, va);
            auto* o = reinterpret_cast<__m128i*>(out + 4 * i);
            _mm_storeu_si128(o, _mm_unpacklo_epi16(rgLo, baLo));
            _mm_storeu_si128(o + 1, _mm_unpackhi_epi16(rgLo, baLo));
            _mm_storeu_si128(o + 2, _mm_unpacklo_epi16(rgHi, baHi));
            _mm_storeu_si128(o + 3, _mm_unpackhi_epi16(rgHi, baHi));
        }
#endif
        for (; i < n; ++i) {
            out[4 * i] = r[i];
            out[4 * i + 1] = g[i];
            out[4 * i + 2] = b[i];
            out[4 * i + 3] = a[i];
        }
        return;
    }
    for (; i < n; ++i)
        for (int c = 0; c < channels; ++c) out[i * channels + c] = planes[c][i];
}

// Clip to [0, 255] and truncate; NaN becomes 0.
template <typename O>
void toBytes(const O* in, std::uint8_t* q, std::size_t n) {
    std::size_t i = 0;
#if defined(__SSE2__)
    if constexpr (std::is_same_v<O, float>) {
        const __m128 zero = _mm_setzero_ps(), top = _mm_set1_ps(255.0f);
        auto clip = [&](std::size_t at) {
            // maxps returns its second operand when the first is NaN: NaN -> 0.
            return _mm_cvttps_epi32(_mm_min_ps(_mm_max_ps(_mm_loadu_ps(in + at), zero), top));
        };
        for (; i + 16 <= n; i += 16) {
            const __m128i ab = _mm_packs_epi32(clip(i), clip(i + 4));
            const __m128i cd = _mm_packs_epi32(clip(i + 8), clip(i + 12));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(q + i), _mm_packus_epi16(ab, cd));
        }
    }
#endif
    for (; i < n; ++i) q[i] = toByte(in[i]);
}

template <typename O>
Image render(const ResolvedStyle::Impl& impl, const std::vector<Raster>& rasters) {
    const int w = rasters[0].width(), h = rasters[0].height();
    const std::size_t npx = rasters[0].pixelCount();
    const int outCh = impl.outChannels;
    OutKind kind = OutKind::UInt8;
    if (impl.dtype && *impl.dtype == "uint16") kind = OutKind::UInt16;
    if (impl.dtype && *impl.dtype == "float") kind = OutKind::Float;
    int firstCh = 0, keepCh = outCh;
    if (impl.axis && *impl.axis >= 0 && *impl.axis < outCh) {
        firstCh = *impl.axis;
        keepCh = 1;
    }
    const DataType imgType = kind == OutKind::UInt8      ? DataType::UInt8
                             : kind == OutKind::UInt16   ? DataType::UInt16
                             : std::is_same_v<O, double> ? DataType::Float64
                                                         : DataType::Float32;
    Image img(w, h, keepCh, imgType);

    std::vector<O> buffer(kChunk * 4);
    O* planes[4] = {buffer.data(), buffer.data() + kChunk, buffer.data() + 2 * kChunk,
                    buffer.data() + 3 * kChunk};
    Scratch scratch;
    static const std::vector<std::uint8_t> opaque(kChunk, 255);
    std::vector<std::uint8_t> byteBuffer(kChunk * 4);
    std::uint8_t* bytes[4] = {byteBuffer.data(), byteBuffer.data() + kChunk,
                              byteBuffer.data() + 2 * kChunk, byteBuffer.data() + 3 * kChunk};

    // Channels one entry alone writes are looked up (style_direct.h); the rest is composed.
    const DirectBytes* direct = kind == OutKind::UInt8 && keepCh == outCh && npx >= kDirectPixels
                                    ? directBytes(impl, rasters)
                                    : nullptr;
    const std::vector<Entry>& entries = direct ? direct->residual : impl.entries;
    auto isDirect = [&](int c) { return direct && direct->writer[std::size_t(c)] >= 0; };

    for (std::size_t start = 0; start < npx; start += kChunk) {
        const std::size_t n = std::min(kChunk, npx - start);
        for (int c = 0; c < outCh; ++c)
            if (!isDirect(c)) std::fill(planes[c], planes[c] + n, O(0));
        if (direct) directChannels(*direct, impl, rasters, start, n, bytes);
        for (std::size_t ei = 0; ei < entries.size(); ++ei) {
            const Entry& e = entries[ei];
            const bool first = ei == 0;
            if (e.multiply && first) continue;  // multiply on the first entry does nothing
            if (std::all_of(e.ops.begin(), e.ops.begin() + outCh,
                            [](ChannelOp op) { return op == ChannelOp::Skip; }))
                continue;  // all its channels are direct
            if (e.need < 0) {
                entryChunk<std::uint8_t, O>(e, first, opaque.data(), n, planes, outCh, scratch);
                continue;
            }
            const Raster& r = rasters[e.need];
            if (e.hasLut && sampleSize(r.type()) == 1 && r.type() == impl.sourceType) {
                entryChunkLut<O>(e, first, r.bandData(e.needBand) + start, n, planes, outCh);
                continue;
            }
            dispatchType(r.type(), [&](auto tag) {
                using T = decltype(tag);
                entryChunk<T, O>(e, first, r.band<T>(e.needBand) + start, n, planes, outCh,
                                 scratch);
            });
        }
        // Convert the chunk into the output image.
        for (int k = 0; k < keepCh; ++k) {
            const O* in = planes[firstCh + k];
            if (kind == OutKind::UInt8) {
                if (!isDirect(firstCh + k)) toBytes(in, bytes[k], n);
            } else if (kind == OutKind::UInt16) {
                auto* px = img.pixels.data() + (start * keepCh + k) * 2;
                for (std::size_t i = 0; i < n; ++i) {
                    O x = static_cast<O>(static_cast<O>(in[i] * O(65535)) / O(255));
                    std::uint16_t q = 0;
                    if (x >= O(65535))
                        q = 65535;
                    else if (x > O(0))
                        q = static_cast<std::uint16_t>(x);
                    std::memcpy(px + i * keepCh * 2, &q, 2);
                }
            } else {
                auto* px = img.pixels.data() + (start * keepCh + k) * sizeof(O);
                for (std::size_t i = 0; i < n; ++i) {
                    O x = static_cast<O>(in[i] / O(255));
                    std::memcpy(px + i * keepCh * sizeof(O), &x, sizeof(O));
                }
            }
        }
        if (kind == OutKind::UInt8)
            interleave(bytes, keepCh, n, img.pixels.data() + start * keepCh);
    }
    return img;
}

}  // namespace

void prepareEntry(ResolvedStyle::Entry& e, int outChannels, DataType sourceType) {
    const std::size_t n = e.palette.size();
    e.stops = linspace01(n);
    for (int c = 0; c < 4; ++c) {
        // Slopes between stops, padded with a 0 so that index N - 1 (the last stop) is valid.
        e.slopes[c].assign(n, 0.0);
        for (std::size_t j = 0; j + 1 < n; ++j)
            e.slopes[c][j] =
                (e.palette[j + 1][c] - e.palette[j][c]) / (e.stops[j + 1] - e.stops[j]);
        e.stopColours[c].resize(n);
        for (std::size_t j = 0; j < n; ++j) e.stopColours[c][j] = e.palette[j][c];
        bool constant = true;
        for (std::size_t j = 1; j < n; ++j)
            constant = constant && e.palette[j][c] == e.palette[0][c];
        ChannelOp op;
        if (c >= outChannels)
            op = ChannelOp::Skip;
        else if (constant)
            op = ((e.palette[0][c] == 0 && !e.multiply) || (e.palette[0][c] == 255 && e.multiply))
                     ? ChannelOp::Skip
                     : ChannelOp::Constant;
        else if (e.discrete)
            op = ChannelOp::Discrete;
        else if (n == 2 && e.palette[0][c] == 0)
            op = ChannelOp::Linear2;
        else
            op = ChannelOp::Interp;
        e.ops[c] = op;
    }
    e.hasLut = false;
    if (sourceType == DataType::UInt8)
        buildLut<std::uint8_t>(e, outChannels);
    else if (sourceType == DataType::Int8)
        buildLut<std::int8_t>(e, outChannels);
}

void planChannels(ResolvedStyle::Impl& impl) {
    // What each output channel is known to hold before an entry runs: a constant, or unknown.
    std::array<std::optional<double>, 4> state;
    state.fill(0.0);  // the buffer starts at 0
    for (std::size_t ei = 0; ei < impl.entries.size(); ++ei) {
        Entry& e = impl.entries[ei];
        e.plan.fill(ChannelPlan::Normal);
        const bool first = ei == 0;
        if (e.multiply && first) continue;
        const bool hasMask = e.nodata.has_value() || !e.clamp;
        for (int c = 0; c < impl.outChannels; ++c) {
            const ChannelOp op = e.ops[c];
            if (op == ChannelOp::Skip) continue;
            const auto known = state[c];
            if (op == ChannelOp::Constant && !hasMask && !e.multiply) {
                // float32 is exact for these values only if they are float32 numbers.
                const double k = static_cast<double>(static_cast<float>(e.palette[0][c]));
                if (k != e.palette[0][c]) {
                    state[c].reset();
                    continue;
                }
                const double next = first || !known ? k : std::max(*known, k);
                if (!first && !known) {
                    state[c].reset();  // max with unknown data
                    continue;
                }
                if (!first && next == *known) {
                    e.plan[c] = ChannelPlan::Skip;
                } else {
                    e.plan[c] = ChannelPlan::Fill;
                    e.fillValue[c] = next;
                }
                state[c] = next;
                continue;
            }
            if (op == ChannelOp::Constant && !hasMask && e.multiply && known && *known == 0) {
                e.plan[c] = ChannelPlan::Skip;  // 0 times a finite constant stays 0
                continue;
            }
            if (!first && !e.multiply && known && *known == 0 && e.hasLut) {
                // max(0, x) == x when every table value is >= 0 (no NaN in the table).
                const auto& lut = e.lutLighten[c];
                if (std::all_of(lut.begin(), lut.end(), [](float x) { return x >= 0; }))
                    e.plan[c] = ChannelPlan::Write;
            }
            state[c].reset();
        }
    }
}

Image applyStyle(const ResolvedStyle& style, const std::vector<Raster>& rasters) {
    if (!style.impl) fail(ErrorKind::Internal, "applyStyle: empty resolved style");
    const ResolvedStyle::Impl& impl = *style.impl;
    if (rasters.size() != impl.needs.size() || rasters.empty())
        fail(ErrorKind::Internal, "applyStyle: rasters do not match the style's needs");
    for (std::size_t i = 0; i < rasters.size(); ++i) {
        if (rasters[i].bands() < static_cast<int>(impl.needs[i].bands.size()) ||
            rasters[i].width() != rasters[0].width() || rasters[i].height() != rasters[0].height())
            fail(ErrorKind::Internal, "applyStyle: rasters do not match the style's needs");
    }
    if (impl.raw) return rasterTo8Bit(rasters[0]);
    if (rasters[0].pixelCount() == 0)
        return Image(rasters[0].width(), rasters[0].height(), impl.outChannels);
    if (rasters[0].type() == DataType::Float64) return render<double>(impl, rasters);
    return render<float>(impl, rasters);
}

}  // namespace tessera
