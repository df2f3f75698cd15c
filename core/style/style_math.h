// Private to core/style: the per-sample arithmetic of large_image's _applyStyle, shared by the
// chunked renderer (style_apply.cpp) and the tables built from it (style_direct.cpp), so both
// give bit-identical results. numpy's types: v = (x - min) / delta is float32 for float32
// sources and float64 otherwise; colours are float64; the output is float32 (float64 for
// float64 sources); bytes clip to [0, 255] and truncate (NaN -> 0).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "style/style_internal.h"

namespace tessera::style_math {

using Entry = ResolvedStyle::Entry;

template <typename T>
using NormOf = std::conditional_t<std::is_same_v<T, float>, float, double>;

// np.interp's segment for x over evenly spaced stops xp: -1 for NaN, else j with xp[j] <= x <
// xp[j + 1] (0 below the first stop, the last index at or above the last). `off` is x - xp[j]
// inside a segment and 0 at a stop or outside.
inline std::ptrdiff_t interpSegment(double x, const std::vector<double>& xp, double& off) {
    const auto last = static_cast<std::ptrdiff_t>(xp.size()) - 1;
    off = 0;
    if (std::isnan(x)) return -1;
    if (x >= xp[static_cast<std::size_t>(last)]) return last;
    if (x < xp[0]) return 0;
    auto j = static_cast<std::ptrdiff_t>(x * static_cast<double>(last));
    if (j > last) j = last;
    if (j < 0) j = 0;
    while (j > 0 && xp[static_cast<std::size_t>(j)] > x) --j;
    while (j < last && xp[static_cast<std::size_t>(j + 1)] <= x) ++j;
    if (j < last && xp[static_cast<std::size_t>(j)] != x) off = x - xp[static_cast<std::size_t>(j)];
    return j;
}

// numpy.interp(x, xp, fp) for channel c, through interpSegment.
inline double npInterp(double x, const Entry& e, int c) {
    double off = 0;
    const std::ptrdiff_t j = interpSegment(x, e.stops, off);
    if (j < 0) return x;  // NaN
    const auto k = static_cast<std::size_t>(j);
    return e.slopes[c][k] * off + e.stopColours[c][k];  // slopes are padded: slope[last] = 0
}

template <typename N>
inline std::size_t discreteIndex(N v, std::size_t n) {
    N f = std::floor(v * static_cast<N>(n));
    if (std::isnan(f) || f < 0) return 0;
    if (f >= static_cast<N>(n - 1)) return n - 1;
    return static_cast<std::size_t>(f);
}

template <typename T>
inline NormOf<T> normalise(const Entry& e, T x) {
    using N = NormOf<T>;
    return static_cast<N>(static_cast<N>(x) - static_cast<N>(e.min)) / static_cast<N>(e.delta);
}

template <typename T>
inline bool isNodata(const Entry& e, T x) {
    if (!e.nodata) return false;
    if constexpr (std::is_same_v<T, float>)
        return x == static_cast<float>(*e.nodata);
    else
        return static_cast<double>(x) == *e.nodata;
}

// Inside the range a non-clamping entry keeps (NaN is outside).
template <typename N>
inline bool inRange(const Entry& e, N v) {
    return e.clamp || (v >= 0 && v <= 1);
}

template <typename T>
inline bool isValid(const Entry& e, T x, NormOf<T> v) {
    return !isNodata(e, x) && inRange(e, v);
}

template <typename N>
inline double colourOf(const Entry& e, int c, N v) {
    switch (e.ops[c]) {
        case ChannelOp::Skip:
        case ChannelOp::Constant:
            return e.palette[0][c];
        case ChannelOp::Linear2:
            return static_cast<double>(v) * e.palette[1][c];
        case ChannelOp::Interp:
            return npInterp(static_cast<double>(v), e, c);
        case ChannelOp::Discrete:
            return e.palette[discreteIndex(v, e.palette.size())][c];
    }
    return 0;
}

// np.maximum: NaN wins.
template <typename O>
inline O npMax(O a, O b) {
    return (a != a || a > b) ? a : b;
}

// The final uint8 conversion: clip to [0, 255] and truncate; NaN becomes 0.
template <typename O>
inline std::uint8_t toByte(O x) {
    x = x > O(0) ? x : O(0);
    x = x < O(255) ? x : O(255);
    return static_cast<std::uint8_t>(static_cast<int>(x));
}

}  // namespace tessera::style_math
