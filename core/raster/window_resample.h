// Resampling a window of a full-resolution image held as rows in memory into an output raster:
// nearest, area average, bilinear and cubic (Keys, a = -0.5), for sources without a pyramid
// (FITS). Output pixel o on an axis covers source [origin + o·step, origin + (o+1)·step); nearest
// takes the pixel under its centre as GDAL's RasterIO does; bilinear and cubic interpolate at the
// centre when enlarging and fall back to the area average when reducing (step > 1). Invalid
// samples (NaN, nodata) are left out and the remaining weights renormalised.
//
// Thread safety: pure functions over the caller's data.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "raster/raster.h"
#include "source/source.h"

namespace tessera {

// The source samples each output index of one axis reads, with their weights (CSR layout:
// output i uses entries [offsets[i], offsets[i + 1]) of index/weight).
struct AxisTaps {
    int outBegin = 0;  // first output index described
    std::vector<int> offsets;
    std::vector<int> index;
    std::vector<double> weight;

    int count() const noexcept { return offsets.empty() ? 0 : int(offsets.size()) - 1; }
    // The smallest and one past the largest source index used (0, 0 when empty).
    int minIndex() const noexcept;
    int maxIndexExclusive() const noexcept;
    // Every distinct source index used, ascending.
    std::vector<int> distinctIndices() const;
};

// Taps for output indices [o0, o1) of an axis of `size` source samples.
AxisTaps axisTaps(double origin, double step, int o0, int o1, int size, Resample r);

// Source rows available to the resampler: rows[y - firstRow] points at the sample of column
// firstCol of source row y (null when that row is not loaded); every row holds the columns the
// x taps use.
struct SourceRows {
    DataType type = DataType::UInt8;
    int firstRow = 0;
    int firstCol = 0;
    std::vector<const std::uint8_t*> rows;
};

// Writes band `band` of out at rows ys.outBegin.. and columns xs.outBegin.. from src. Output
// pixels with no valid sample get `fill` (NaN-capable types keep NaN when fill is NaN).
void resampleWindow(const SourceRows& src, const AxisTaps& xs, const AxisTaps& ys,
                    std::optional<double> nodata, double fill, Raster& out, int band);

}  // namespace tessera
