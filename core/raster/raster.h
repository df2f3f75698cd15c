// Raster: a block of typed source samples, band-sequential (planar), as read from a source
// before styling. Every band has the same type and size. Thread-compatible value type.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "raster/datatype.h"

namespace tessera {

class Raster {
  public:
    Raster() = default;
    Raster(int width, int height, int bands, DataType type);

    int width() const noexcept { return width_; }
    int height() const noexcept { return height_; }
    int bands() const noexcept { return bands_; }
    DataType type() const noexcept { return type_; }
    bool empty() const noexcept { return width_ == 0 || height_ == 0 || bands_ == 0; }
    std::size_t pixelCount() const noexcept { return std::size_t(width_) * height_; }
    std::size_t bandBytes() const noexcept { return pixelCount() * sampleSize(type_); }

    // Band b is 0-based here; styles and APIs speak 1-based band numbers.
    std::uint8_t* bandData(int b) noexcept { return data_.data() + bandBytes() * b; }
    const std::uint8_t* bandData(int b) const noexcept { return data_.data() + bandBytes() * b; }
    template <typename T>
    T* band(int b) noexcept {
        return reinterpret_cast<T*>(bandData(b));
    }
    template <typename T>
    const T* band(int b) const noexcept {
        return reinterpret_cast<const T*>(bandData(b));
    }

    // Sample as double (slow path: pixel inspector, tests).
    double value(int x, int y, int b) const noexcept;
    void setValue(int x, int y, int b, double v) noexcept;

    std::vector<std::uint8_t>& bytes() noexcept { return data_; }
    const std::vector<std::uint8_t>& bytes() const noexcept { return data_; }

    // A new raster holding only the listed 0-based bands, in that order.
    Raster selectBands(const std::vector<int>& bands) const;
    // Appends the bands of other (same size and type) after this raster's bands.
    void appendBands(const Raster& other);

  private:
    int width_ = 0;
    int height_ = 0;
    int bands_ = 0;
    DataType type_ = DataType::UInt8;
    std::vector<std::uint8_t> data_;
};

}  // namespace tessera
