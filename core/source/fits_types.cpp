#include "source/fits_types.h"

#include <fitsio.h>

#include <algorithm>

namespace tessera {

DataType typeOfEquivalentBitpix(int bitpix) {
    switch (bitpix) {
        case BYTE_IMG:
            return DataType::UInt8;
        case SBYTE_IMG:
            return DataType::Int8;
        case SHORT_IMG:
            return DataType::Int16;
        case USHORT_IMG:
            return DataType::UInt16;
        case LONG_IMG:
            return DataType::Int32;
        case ULONG_IMG:
            return DataType::UInt32;
        case FLOAT_IMG:
            return DataType::Float32;
        default:  // DOUBLE_IMG, 64-bit integers (no 64-bit integer sample type)
            return DataType::Float64;
    }
}

int cfitsioType(DataType t) {
    switch (t) {
        case DataType::UInt8:
            return TBYTE;
        case DataType::Int8:
            return TSBYTE;
        case DataType::UInt16:
            return TUSHORT;
        case DataType::Int16:
            return TSHORT;
        case DataType::UInt32:
            return TUINT;
        case DataType::Int32:
            return TINT;
        case DataType::Float32:
            return TFLOAT;
        case DataType::Float64:
            return TDOUBLE;
    }
    return TDOUBLE;
}

DataType commonType(const std::vector<DataType>& types) {
    if (types.empty()) return DataType::Float32;
    if (std::all_of(types.begin(), types.end(), [&](DataType t) { return t == types[0]; }))
        return types[0];
    for (DataType t : types)
        if (t == DataType::Float64 || t == DataType::Int32 || t == DataType::UInt32)
            return DataType::Float64;
    return DataType::Float32;
}

}  // namespace tessera
