#include "style/style_direct.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "style/style_math.h"

namespace tessera {

namespace {

using namespace style_math;

constexpr int kBins = 65536;
// Table indices after the bins of [0, 1): v == 1, v > 1 (and +inf), v < 0 (and -inf), NaN.
// The last index is for nodata samples (byte 0).
constexpr int kOne = kBins, kAbove = kBins + 1, kBelow = kBins + 2, kNan = kBins + 3;
constexpr int kNodata = kBins + 4, kTableSize = kBins + 5;
// In a packed bin: some channel's byte is not constant over the bin (compute them exactly).
constexpr std::uint32_t kExact = std::uint32_t(1) << 31;

template <typename T>
constexpr bool kRawTable = std::is_integral_v<T> && sizeof(T) <= 2;

template <typename O, typename N>
std::uint8_t byteOf(const Entry& e, int c, N v) {
    if (!inRange(e, v)) return 0;
    return toByte(static_cast<O>(colourOf(e, c, v)));
}

// Within one "piece" the byte is a monotone function of v (interpolation inside one segment,
// v * k) or constant (one discrete colour): equal bytes at both ends mean equal bytes between.
template <typename N>
std::ptrdiff_t pieceOf(const Entry& e, int c, N v) {
    if (e.ops[c] == ChannelOp::Interp) {
        double off = 0;
        return interpSegment(static_cast<double>(v), e.stops, off);
    }
    if (e.ops[c] == ChannelOp::Discrete)
        return static_cast<std::ptrdiff_t>(discreteIndex(v, e.palette.size()));
    return 0;
}

template <typename O, typename N>
std::int16_t rangeByte(const Entry& e, int c, N lo, N hi) {
    if (pieceOf(e, c, lo) != pieceOf(e, c, hi)) return -1;
    const std::uint8_t a = byteOf<O>(e, c, lo), b = byteOf<O>(e, c, hi);
    return a == b ? std::int16_t(a) : std::int16_t(-1);
}

template <typename T, typename O>
void buildChannel(DirectBytes& d, const Entry& e, int c) {
    if constexpr (kRawTable<T>) {
        using U = std::make_unsigned_t<T>;
        const std::size_t size = std::size_t(1) << (8 * sizeof(T));
        d.raw[c].resize(size);
        if (e.plan[c] == ChannelPlan::Fill) {  // the constant, whatever the sample (as composed)
            std::fill(d.raw[c].begin(), d.raw[c].end(), toByte(static_cast<O>(e.fillValue[c])));
            return;
        }
        for (std::size_t u = 0; u < size; ++u) {
            const auto bits = static_cast<U>(u);
            T x;
            std::memcpy(&x, &bits, sizeof(T));
            const auto v = normalise(e, x);
            d.raw[c][u] = isNodata(e, x) ? 0 : byteOf<O>(e, c, v);
        }
    } else {
        using N = NormOf<T>;
        auto& t = d.bins[c];
        t.resize(kTableSize);
        const N scale = N(kBins);
        for (int i = 0; i < kBins; ++i) {
            const N lo = N(i) / scale;
            const N hi = std::nextafter(N(i + 1) / scale, N(0));
            t[std::size_t(i)] = rangeByte<O>(e, c, lo, hi);
        }
        const N inf = std::numeric_limits<N>::infinity();
        t[kOne] = byteOf<O>(e, c, N(1));
        t[kAbove] = rangeByte<O>(e, c, std::nextafter(N(1), N(2)), inf);
        t[kBelow] = rangeByte<O>(e, c, -inf, std::nextafter(N(0), N(-1)));
        t[kNan] = byteOf<O>(e, c, std::numeric_limits<N>::quiet_NaN());
        t[kNodata] = 0;
    }
}

template <typename O>
void build(DirectBytes& d, const ResolvedStyle::Impl& impl) {
    const auto& entries = impl.entries;
    d.residual = entries;
    for (int c = 0; c < impl.outChannels; ++c) {
        int writer = -1, writers = 0;
        for (std::size_t ei = 0; ei < entries.size(); ++ei) {
            const Entry& e = entries[ei];
            if (e.multiply && ei == 0) continue;  // does nothing
            if (e.ops[c] == ChannelOp::Skip || e.plan[c] == ChannelPlan::Skip) continue;
            ++writers;
            writer = int(ei);
        }
        if (writers != 1) continue;
        const Entry& e = entries[std::size_t(writer)];
        // Bins pay off for interpolated and discrete palettes; v * k is computed faster.
        const bool raw =
            dispatchType(impl.sourceType, [](auto tag) { return kRawTable<decltype(tag)>; });
        if (e.need < 0 || e.multiply) continue;
        // A constant channel costs nothing more in a packed raw table (the load is shared).
        if (e.plan[c] == ChannelPlan::Fill && !raw) continue;
        if (!raw && e.ops[c] != ChannelOp::Interp && e.ops[c] != ChannelOp::Discrete) continue;
        if (!raw && c == 3) continue;  // packed bins hold channels 0-2 (byte 3 is the flag)
        dispatchType(impl.sourceType, [&](auto tag) {
            using T = decltype(tag);
            buildChannel<T, O>(d, e, c);
        });
        d.writer[c] = writer;
        d.residual[std::size_t(writer)].ops[c] = ChannelOp::Skip;
        d.active = true;
    }
    // Raw bytes of all the channels one entry writes, packed: one load a sample.
    d.rawPacked.resize(entries.size());
    for (int c = 0; c < impl.outChannels; ++c) {
        auto& raw = d.raw[std::size_t(c)];
        if (raw.empty()) continue;
        auto& packed = d.rawPacked[std::size_t(d.writer[std::size_t(c)])];
        packed.resize(raw.size(), 0);
        for (std::size_t i = 0; i < raw.size(); ++i) packed[i] |= std::uint32_t(raw[i]) << (8 * c);
        raw = {};
    }
    // Bins of all the channels one entry writes, packed: one load a sample.
    d.packed.resize(entries.size());
    for (int c = 0; c < impl.outChannels; ++c) {
        auto& bins = d.bins[std::size_t(c)];
        if (bins.empty()) continue;
        auto& packed = d.packed[std::size_t(d.writer[std::size_t(c)])];
        packed.resize(bins.size(), 0);
        for (std::size_t i = 0; i < bins.size(); ++i)
            packed[i] |= bins[i] < 0 ? kExact : std::uint32_t(bins[i]) << (8 * c);
        bins = {};
    }
}

// Table index of each sample: its bin of v or one of the special indices. Branch-free, so the
// loop vectorises (the division is numpy's, so it stays a division).
template <typename T>
void binIndices(const Entry& e, const T* src, std::size_t n, std::int32_t* k) {
    using N = NormOf<T>;
    const N lo = static_cast<N>(e.min), delta = static_cast<N>(e.delta), scale = N(kBins);
    const bool hasNodata = e.nodata.has_value();
    std::size_t i = 0;
#if defined(__SSE2__)
    if constexpr (std::is_same_v<T, float>) {
        const __m128 vlo = _mm_set1_ps(lo), vdelta = _mm_set1_ps(delta), zero = _mm_setzero_ps(),
                     one = _mm_set1_ps(1.0f), vscale = _mm_set1_ps(scale);
        auto select = [](__m128 m, __m128i a, __m128i b) {
            const __m128i mi = _mm_castps_si128(m);
            return _mm_or_si128(_mm_and_si128(mi, a), _mm_andnot_si128(mi, b));
        };
        const __m128i iOne = _mm_set1_epi32(kOne), iAbove = _mm_set1_epi32(kAbove),
                      iBelow = _mm_set1_epi32(kBelow), iNan = _mm_set1_epi32(kNan);
        for (; i + 4 <= n; i += 4) {
            const __m128 v = _mm_div_ps(_mm_sub_ps(_mm_loadu_ps(src + i), vlo), vdelta);
            __m128 inside = _mm_max_ps(v, zero);  // NaN -> 0
            inside = _mm_and_ps(inside, _mm_cmplt_ps(inside, one));
            __m128i j = _mm_cvttps_epi32(_mm_mul_ps(inside, vscale));
            j = select(_mm_cmpeq_ps(v, one), iOne, j);
            j = select(_mm_cmpgt_ps(v, one), iAbove, j);
            j = select(_mm_cmplt_ps(v, zero), iBelow, j);
            j = select(_mm_cmpunord_ps(v, v), iNan, j);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(k + i), j);
        }
    }
#endif
    for (; i < n; ++i) {
        const N v = static_cast<N>(static_cast<N>(src[i]) - lo) / delta;
        N inside = v < N(0) ? N(0) : v;  // NaN stays NaN here, then becomes 0
        inside = inside < N(1) ? inside : N(0);
        std::int32_t j = static_cast<std::int32_t>(inside * scale);
        j = v == N(1) ? kOne : j;
        j = v > N(1) ? kAbove : j;
        j = v < N(0) ? kBelow : j;
        j = v != v ? kNan : j;
        k[i] = j;
    }
    if (hasNodata)  // isNodata's comparison, in the sample's own type for float32
        for (std::size_t m = 0; m < n; ++m)
            if (isNodata(e, src[m])) k[m] = kNodata;
}

// 8- and 16-bit integer samples of the direct channels `chans` (count nc) of one entry through
// its packed raw table.
template <typename T>
void lookUpRaw(const std::vector<std::uint32_t>& table, const int* chans, int nc, const T* src,
               std::size_t n, std::uint8_t* const* out) {
    using U = std::make_unsigned_t<T>;
    const std::uint32_t* t = table.data();
    auto at = [&](std::size_t i) {
        U u;
        std::memcpy(&u, src + i, sizeof(T));
        return t[u];
    };
    if (nc >= 3 && chans[0] == 0 && chans[1] == 1 && chans[2] == 2) {  // a palette: RGB(A)
        std::uint8_t *r = out[0], *g = out[1], *b = out[2];
        std::uint8_t* a = nc == 4 ? out[3] : nullptr;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t v = at(i);
            r[i] = static_cast<std::uint8_t>(v);
            g[i] = static_cast<std::uint8_t>(v >> 8);
            b[i] = static_cast<std::uint8_t>(v >> 16);
            if (a) a[i] = static_cast<std::uint8_t>(v >> 24);
        }
        return;
    }
    for (int j = 0; j < nc; ++j) {
        const int c = chans[j];
        std::uint8_t* o = out[c];
        for (std::size_t i = 0; i < n; ++i) o[i] = static_cast<std::uint8_t>(at(i) >> (8 * c));
    }
}

// The direct channels `chans` (count `nc`) of entry e from its packed bins.
template <typename T, typename O>
void lookUpPacked(const std::vector<std::uint32_t>& table, const Entry& e, const int* chans, int nc,
                  const T* src, const std::int32_t* k, std::size_t n, std::uint8_t* const* out) {
    const std::uint32_t* t = table.data();
    if (nc == 3 && chans[0] == 0 && chans[1] == 1 && chans[2] == 2) {  // a palette: RGB
        std::uint8_t *r = out[0], *g = out[1], *bl = out[2];
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t b = t[k[i]];
            if (b & kExact) [[unlikely]] {
                const auto v = normalise(e, src[i]);
                r[i] = byteOf<O>(e, 0, v);
                g[i] = byteOf<O>(e, 1, v);
                bl[i] = byteOf<O>(e, 2, v);
            } else {
                r[i] = static_cast<std::uint8_t>(b);
                g[i] = static_cast<std::uint8_t>(b >> 8);
                bl[i] = static_cast<std::uint8_t>(b >> 16);
            }
        }
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t b = t[k[i]];
        if (b & kExact) {
            const auto v = normalise(e, src[i]);
            for (int j = 0; j < nc; ++j) out[chans[j]][i] = byteOf<O>(e, chans[j], v);
        } else {
            for (int j = 0; j < nc; ++j)
                out[chans[j]][i] = static_cast<std::uint8_t>(b >> (8 * chans[j]));
        }
    }
}

}  // namespace

const DirectBytes* directBytes(const ResolvedStyle::Impl& impl,
                               const std::vector<Raster>& rasters) {
    if (!impl.direct) return nullptr;
    for (const Raster& r : rasters)
        if (r.type() != impl.sourceType) return nullptr;
    DirectBytes& d = *impl.direct;
    std::call_once(d.once, [&] {
        if (impl.sourceType == DataType::Float64)
            build<double>(d, impl);
        else
            build<float>(d, impl);
    });
    return d.active ? &d : nullptr;
}

void directChannels(const DirectBytes& d, const ResolvedStyle::Impl& impl,
                    const std::vector<Raster>& rasters, std::size_t start, std::size_t n,
                    std::uint8_t* const* out) {
    std::vector<std::int32_t> k;  // bin indices (non-integer sources)
    int indexed = -1;             // the entry whose channels are done
    for (int c = 0; c < impl.outChannels; ++c) {
        const int w = d.writer[std::size_t(c)];
        if (w < 0) continue;
        const Entry& e = impl.entries[std::size_t(w)];
        const Raster& r = rasters[std::size_t(e.need)];
        dispatchType(r.type(), [&](auto tag) {
            using T = decltype(tag);
            const T* src = r.band<T>(e.needBand) + start;
            if (indexed == w) return;  // all of the entry's direct channels are done at once
            indexed = w;
            int chans[4], nc = 0;
            for (int c2 = c; c2 < impl.outChannels; ++c2)
                if (d.writer[std::size_t(c2)] == w) chans[nc++] = c2;
            if constexpr (kRawTable<T>) {
                lookUpRaw<T>(d.rawPacked[std::size_t(w)], chans, nc, src, n, out);
            } else {
                k.resize(n);
                binIndices(e, src, n, k.data());
                const auto& table = d.packed[std::size_t(w)];
                if (impl.sourceType == DataType::Float64)
                    lookUpPacked<T, double>(table, e, chans, nc, src, k.data(), n, out);
                else
                    lookUpPacked<T, float>(table, e, chans, nc, src, k.data(), n, out);
            }
        });
    }
}

}  // namespace tessera
