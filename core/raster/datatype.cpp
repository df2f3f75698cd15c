#include "raster/datatype.h"

namespace tessera {

std::size_t sampleSize(DataType t) noexcept {
    switch (t) {
        case DataType::UInt8:
        case DataType::Int8:
            return 1;
        case DataType::UInt16:
        case DataType::Int16:
            return 2;
        case DataType::UInt32:
        case DataType::Int32:
        case DataType::Float32:
            return 4;
        case DataType::Float64:
            return 8;
    }
    return 1;
}

bool isFloat(DataType t) noexcept {
    return t == DataType::Float32 || t == DataType::Float64;
}

bool isSigned(DataType t) noexcept {
    return t == DataType::Int8 || t == DataType::Int16 || t == DataType::Int32 || isFloat(t);
}

const char* numpyName(DataType t) noexcept {
    switch (t) {
        case DataType::UInt8:
            return "uint8";
        case DataType::Int8:
            return "int8";
        case DataType::UInt16:
            return "uint16";
        case DataType::Int16:
            return "int16";
        case DataType::UInt32:
            return "uint32";
        case DataType::Int32:
            return "int32";
        case DataType::Float32:
            return "float32";
        case DataType::Float64:
            return "float64";
    }
    return "uint8";
}

double typeFullMax(DataType t) noexcept {
    switch (t) {
        case DataType::UInt16:
            return 65535.0;
        case DataType::Float32:
        case DataType::Float64:
            return 1.0;
        default:
            return 255.0;
    }
}

}  // namespace tessera
