// Private to core/encode: helpers for the encoders that go through GDAL's in-memory files
// (/vsimem/): registration, unique file names, captured errors, owned handles, type mapping.
// Everything here is safe to use from any thread (each call makes its own names and handles).
#pragma once

#include <gdal.h>

#include <memory>
#include <optional>
#include <string>

#include "raster/datatype.h"

namespace tessera::encode_detail {

// Registers GDAL's drivers once per process.
void ensureGdal();

// A /vsimem/ path no other call or thread uses, ending in suffix (e.g. ".tif").
std::string uniqueVsimemName(const char* suffix);

// Silences GDAL's error printing for the current thread while alive and keeps the last
// error message, for building tessera::Error messages.
class GdalErrorScope {
  public:
    GdalErrorScope();
    ~GdalErrorScope();
    GdalErrorScope(const GdalErrorScope&) = delete;
    GdalErrorScope& operator=(const GdalErrorScope&) = delete;
    // The last CE_Failure/CE_Fatal message seen in this scope, or "" if none.
    std::string lastError() const { return *last_; }

  private:
    std::unique_ptr<std::string> last_;
};

// A /vsimem/ file removed when this goes out of scope.
class VsimemFile {
  public:
    explicit VsimemFile(std::string path) : path_(std::move(path)) {}
    ~VsimemFile();
    VsimemFile(const VsimemFile&) = delete;
    VsimemFile& operator=(const VsimemFile&) = delete;
    const std::string& path() const noexcept { return path_; }
    const char* c_str() const noexcept { return path_.c_str(); }

  private:
    std::string path_;
};

struct GdalDatasetCloser {
    void operator()(GDALDatasetH ds) const noexcept {
        if (ds) GDALClose(ds);
    }
};
using GdalDatasetPtr = std::unique_ptr<void, GdalDatasetCloser>;

// GDAL's type for a Tessera type. Int8 maps to GDT_Byte (with PIXELTYPE=SIGNEDBYTE) before
// GDAL 3.7, which has no GDT_Int8.
GDALDataType gdalType(DataType t) noexcept;
// Tessera's type for a GDAL type, if it has one (no complex or 64-bit integer types).
std::optional<DataType> dataTypeFromGdal(GDALDataType t) noexcept;

}  // namespace tessera::encode_detail
