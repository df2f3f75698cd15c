#include "encode/gdal_vsimem.h"

#include <cpl_error.h>
#include <cpl_vsi.h>

#include <atomic>
#include <cstdint>
#include <mutex>

namespace tessera::encode_detail {

void ensureGdal() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

std::string uniqueVsimemName(const char* suffix) {
    static std::atomic<unsigned long long> counter{0};
    const unsigned long long n = counter.fetch_add(1, std::memory_order_relaxed);
    // The object's address keeps names distinct between copies of the library in one process.
    return "/vsimem/tessera_encode_" + std::to_string(reinterpret_cast<std::uintptr_t>(&counter)) +
           "_" + std::to_string(n) + suffix;
}

namespace {

void CPL_STDCALL recordError(CPLErr cls, CPLErrorNum, const char* msg) {
    auto* last = static_cast<std::string*>(CPLGetErrorHandlerUserData());
    if (last && (cls == CE_Failure || cls == CE_Fatal) && msg) *last = msg;
}

}  // namespace

GdalErrorScope::GdalErrorScope() : last_(std::make_unique<std::string>()) {
    CPLPushErrorHandlerEx(recordError, last_.get());
}

GdalErrorScope::~GdalErrorScope() {
    CPLPopErrorHandler();
}

VsimemFile::~VsimemFile() {
    VSIUnlink(path_.c_str());
}

GDALDataType gdalType(DataType t) noexcept {
    switch (t) {
        case DataType::UInt8:
            return GDT_Byte;
#if GDAL_VERSION_NUM >= GDAL_COMPUTE_VERSION(3, 7, 0)
        case DataType::Int8:
            return GDT_Int8;
#else
        case DataType::Int8:
            return GDT_Byte;
#endif
        case DataType::UInt16:
            return GDT_UInt16;
        case DataType::Int16:
            return GDT_Int16;
        case DataType::UInt32:
            return GDT_UInt32;
        case DataType::Int32:
            return GDT_Int32;
        case DataType::Float32:
            return GDT_Float32;
        case DataType::Float64:
            return GDT_Float64;
    }
    return GDT_Byte;
}

std::optional<DataType> dataTypeFromGdal(GDALDataType t) noexcept {
    switch (t) {
        case GDT_Byte:
            return DataType::UInt8;
#if GDAL_VERSION_NUM >= GDAL_COMPUTE_VERSION(3, 7, 0)
        case GDT_Int8:
            return DataType::Int8;
#endif
        case GDT_UInt16:
            return DataType::UInt16;
        case GDT_Int16:
            return DataType::Int16;
        case GDT_UInt32:
            return DataType::UInt32;
        case GDT_Int32:
            return DataType::Int32;
        case GDT_Float32:
            return DataType::Float32;
        case GDT_Float64:
            return DataType::Float64;
        default:
            return std::nullopt;
    }
}

}  // namespace tessera::encode_detail
