// Decoding an image held in memory (TIFF, PNG, JPEG, WebP, GIF, BMP, ... through GDAL) into an
// interleaved Image with the file's sample type and up to 4 bands (paletted images give their
// indices), through a unique /vsimem/ file. Safe from any thread.
#include <cpl_vsi.h>
#include <gdal.h>

#include <cstring>
#include <string>

#include "encode/encoder.h"
#include "encode/gdal_vsimem.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

using namespace encode_detail;

Image decodeImage(const Bytes& bytes) {
    if (bytes.empty())
        fail(ErrorKind::BadRequest, trc("Encoder", "Cannot decode an image from no bytes."));
    ensureGdal();
    GdalErrorScope errors;
    VsimemFile file(uniqueVsimemName(""));  // no extension: drivers identify by content
    // GDAL only reads the buffer: it is not taken over (bTakeOwnership = FALSE) nor written.
    VSILFILE* fp = VSIFileFromMemBuffer(file.c_str(), const_cast<GByte*>(bytes.data()),
                                        vsi_l_offset(bytes.size()), FALSE);
    if (!fp) fail(ErrorKind::Internal, trc("Encoder", "Could not create an in-memory file."));
    VSIFCloseL(fp);

    // Image formats only: bytes from outside must not reach drivers that follow references to
    // other files or URLs (VRT, WMS, ...).
    static const char* const kDrivers[] = {"GTiff", "PNG", "JPEG",   "WEBP",        "GIF",
                                           "BMP",   "PNM", "JPEGXL", "JP2OpenJPEG", nullptr};
    GdalDatasetPtr ds(
        GDALOpenEx(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, kDrivers, nullptr, nullptr));
    if (!ds)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "The bytes are not an image Tessera can read: %1", errors.lastError()));
    const int width = GDALGetRasterXSize(ds.get());
    const int height = GDALGetRasterYSize(ds.get());
    const int bandCount = GDALGetRasterCount(ds.get());
    if (width <= 0 || height <= 0 || bandCount <= 0)
        fail(ErrorKind::BadRequest, trc("Encoder", "The image has no pixels."));
    const int channels = bandCount < 4 ? bandCount : 4;

    GDALRasterBandH first = GDALGetRasterBand(ds.get(), 1);
    const GDALDataType gtype = GDALGetRasterDataType(first);
    std::optional<DataType> type = dataTypeFromGdal(gtype);
    if (!type)
        fail(ErrorKind::Unsupported, trf("Encoder", "Images of sample type %1 are not supported.",
                                         std::string(GDALGetDataTypeName(gtype))));
    if (*type == DataType::UInt8) {
        const char* pixelType = GDALGetMetadataItem(first, "PIXELTYPE", "IMAGE_STRUCTURE");
        if (pixelType && std::strcmp(pixelType, "SIGNEDBYTE") == 0) type = DataType::Int8;
    }
    const std::size_t sample = sampleSize(*type);
    const double bytesNeeded = double(width) * double(height) * channels * double(sample);
    if (bytesNeeded > double(std::size_t(1) << 33))
        fail(ErrorKind::Unsupported, trc("Encoder", "The image is too large to decode in memory."));

    Image img(width, height, channels, *type);
    int bandMap[4] = {1, 2, 3, 4};
    if (GDALDatasetRasterIO(ds.get(), GF_Read, 0, 0, width, height, img.pixels.data(), width,
                            height, gtype, channels, bandMap, GSpacing(sample) * channels,
                            GSpacing(img.rowBytes()), GSpacing(sample)) != CE_None)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "The image could not be decoded: %1", errors.lastError()));
    return img;
}

}  // namespace tessera
