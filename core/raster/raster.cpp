#include "raster/raster.h"

#include "util/error.h"

namespace tessera {

Raster::Raster(int width, int height, int bands, DataType type)
    : width_(width), height_(height), bands_(bands), type_(type) {
    if (width < 0 || height < 0 || bands < 0) fail(ErrorKind::Internal, "negative raster size");
    data_.assign(std::size_t(width) * height * bands * sampleSize(type), 0);
}

double Raster::value(int x, int y, int b) const noexcept {
    const std::size_t i = std::size_t(y) * width_ + x;
    return dispatchType(type_, [&](auto tag) -> double {
        using T = decltype(tag);
        return static_cast<double>(band<T>(b)[i]);
    });
}

void Raster::setValue(int x, int y, int b, double v) noexcept {
    const std::size_t i = std::size_t(y) * width_ + x;
    dispatchType(type_, [&](auto tag) {
        using T = decltype(tag);
        band<T>(b)[i] = static_cast<T>(v);
    });
}

Raster Raster::selectBands(const std::vector<int>& which) const {
    Raster out(width_, height_, int(which.size()), type_);
    for (std::size_t i = 0; i < which.size(); ++i) {
        if (which[i] < 0 || which[i] >= bands_)
            fail(ErrorKind::Internal, "band index out of range");
        std::memcpy(out.bandData(int(i)), bandData(which[i]), bandBytes());
    }
    return out;
}

void Raster::appendBands(const Raster& other) {
    if (empty() && bands_ == 0) {
        *this = other;
        return;
    }
    if (other.width_ != width_ || other.height_ != height_ || other.type_ != type_)
        fail(ErrorKind::Internal, "appendBands: rasters differ in size or type");
    data_.insert(data_.end(), other.data_.begin(), other.data_.end());
    bands_ += other.bands_;
}

}  // namespace tessera
