#include "source/tiff_handle.h"

#include <cpl_vsi.h>
#include <tiffio.h>

#include <cstdarg>
#include <cstdio>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

tmsize_t vsiRead(thandle_t h, void* buf, tmsize_t size) {
    return tmsize_t(VSIFReadL(buf, 1, size_t(size), static_cast<VSILFILE*>(h)));
}

tmsize_t vsiWrite(thandle_t, void*, tmsize_t) {
    return 0;
}

toff_t vsiSeek(thandle_t h, toff_t off, int whence) {
    auto* fp = static_cast<VSILFILE*>(h);
    if (VSIFSeekL(fp, vsi_l_offset(off), whence) != 0) return toff_t(-1);
    return toff_t(VSIFTellL(fp));
}

int vsiClose(thandle_t h) {
    return VSIFCloseL(static_cast<VSILFILE*>(h));
}

toff_t vsiSize(thandle_t h) {
    auto* fp = static_cast<VSILFILE*>(h);
    const vsi_l_offset pos = VSIFTellL(fp);
    VSIFSeekL(fp, 0, SEEK_END);
    const vsi_l_offset size = VSIFTellL(fp);
    VSIFSeekL(fp, pos, SEEK_SET);
    return toff_t(size);
}

int vsiMap(thandle_t, void**, toff_t*) {
    return 0;
}

void vsiUnmap(thandle_t, void*, toff_t) {}

__attribute__((format(printf, 4, 0))) int onError(TIFF*, void* user, const char* module,
                                                  const char* fmt, va_list ap) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    if (user) {
        std::string msg = buf;
        if (module && *module) msg = std::string(module) + ": " + msg;
        static_cast<TiffHandle*>(user)->recordError(std::move(msg));
    }
    return 1;  // handled: nothing is printed
}

int onWarning(TIFF*, void*, const char*, const char*, va_list) {
    return 1;  // libtiff warnings (unknown tags, ...) are not the user's concern
}

}  // namespace

TiffHandle::TiffHandle(const std::string& gdalPath) {
    VSILFILE* fp = VSIFOpenL(gdalPath.c_str(), "rb");
    if (!fp) fail(ErrorKind::NotFound, trf("TiffSource", "Cannot open %1.", gdalPath));
    fileSize_ = vsiSize(fp);
    TIFFOpenOptions* opts = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(opts, onError, this);
    TIFFOpenOptionsSetWarningHandlerExtR(opts, onWarning, this);
    // No single libtiff allocation may trust a hostile header further than this (strip and
    // tile buffers, tag arrays); TiffSource keeps its own blocks below kMaxBlockBytes.
    TIFFOpenOptionsSetMaxSingleMemAlloc(opts, tmsize_t(kMaxLibtiffAlloc));
    // 'O': load tile offsets and byte counts on demand (large pyramids open fast).
    tif_ = TIFFClientOpenExt(gdalPath.c_str(), "rO", fp, vsiRead, vsiWrite, vsiSeek, vsiClose,
                             vsiSize, vsiMap, vsiUnmap, opts);
    TIFFOpenOptionsFree(opts);
    if (!tif_) {
        // TIFFClientOpen closes nothing on failure.
        VSIFCloseL(fp);
        fail(ErrorKind::Unsupported,
             trf("TiffSource", "%1 is not a TIFF file (%2).", gdalPath,
                 error_.empty() ? trc("TiffSource", "no TIFF header") : error_));
    }
    current_ = TIFFCurrentDirOffset(tif_);
    haveCurrent_ = true;
}

TiffHandle::~TiffHandle() {
    if (tif_) TIFFClose(tif_);
}

bool TiffHandle::select(std::uint64_t ifdOffset) {
    if (haveCurrent_ && current_ == ifdOffset) return true;
    haveCurrent_ = false;
    if (!TIFFSetSubDirectory(tif_, ifdOffset)) return false;
    std::uint16_t compression = 0, photometric = 0;
    TIFFGetField(tif_, TIFFTAG_COMPRESSION, &compression);
    TIFFGetField(tif_, TIFFTAG_PHOTOMETRIC, &photometric);
    if (compression == COMPRESSION_JPEG && photometric == PHOTOMETRIC_YCBCR)
        TIFFSetField(tif_, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
    current_ = ifdOffset;
    haveCurrent_ = true;
    return true;
}

TiffHandlePool::TiffHandlePool(std::string gdalPath, std::unique_ptr<TiffHandle> first,
                               std::size_t maxIdle)
    : HandlePool(
          [gdalPath] {
              try {
                  return std::make_unique<TiffHandle>(gdalPath);
              } catch (const Error& e) {
                  fail(ErrorKind::IO,
                       trf("TiffSource", "Cannot reopen %1: %2", gdalPath, e.what()));
              }
          },
          std::move(first), maxIdle) {}

}  // namespace tessera
