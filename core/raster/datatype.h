// Pixel sample types and their properties (size, numpy dtype name, value range).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tessera {

enum class DataType { UInt8, Int8, UInt16, Int16, UInt32, Int32, Float32, Float64 };

std::size_t sampleSize(DataType t) noexcept;
bool isFloat(DataType t) noexcept;
bool isSigned(DataType t) noexcept;
// numpy dtype string as large_image reports it: "uint8", "uint16", "float32", ...
const char* numpyName(DataType t) noexcept;
// The largest value of the type (255, 65535, ...); 1.0 for floats, as large_image's "full".
double typeFullMax(DataType t) noexcept;

// Calls f(T{}) with T the C++ type of t, so typed loops are written once.
template <typename F>
decltype(auto) dispatchType(DataType t, F&& f) {
    switch (t) {
        case DataType::UInt8:
            return f(std::uint8_t{});
        case DataType::Int8:
            return f(std::int8_t{});
        case DataType::UInt16:
            return f(std::uint16_t{});
        case DataType::Int16:
            return f(std::int16_t{});
        case DataType::UInt32:
            return f(std::uint32_t{});
        case DataType::Int32:
            return f(std::int32_t{});
        case DataType::Float32:
            return f(float{});
        case DataType::Float64:
            return f(double{});
    }
    return f(std::uint8_t{});
}

}  // namespace tessera
