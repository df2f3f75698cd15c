// Tiled (Big)GeoTIFF output through GDAL: the pixels are wrapped in a MEM dataset without a copy
// (DATAPOINTER bands), CreateCopy'd by the GTiff driver into a unique /vsimem/ file whose bytes
// are returned. Safe from any thread: every call has its own datasets and file name.
#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "encode/encoder.h"
#include "encode/gdal_vsimem.h"
#include "encode/image_convert.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

using namespace encode_detail;

// How the samples to write are laid out in memory and what they mean.
struct TiffSource {
    int width = 0;
    int height = 0;
    int bands = 0;
    DataType type = DataType::UInt8;
    const std::uint8_t* data = nullptr;
    std::size_t pixelOffset = 0;  // bytes between samples of one band in a row
    std::size_t lineOffset = 0;   // bytes between rows of one band
    std::size_t bandOffset = 0;   // bytes between the first samples of consecutive bands
    bool rgb = false;             // bands 1-3 are red, green, blue (PHOTOMETRIC=RGB)
    bool gray = false;            // band 1 is gray
    bool alpha = false;           // the last band is (unassociated) alpha
};

// A CSL string list freed on scope exit.
struct StringList {
    char** list = nullptr;
    StringList() = default;
    StringList(const StringList&) = delete;
    StringList& operator=(const StringList&) = delete;
    ~StringList() { CSLDestroy(list); }
    void set(const char* key, const std::string& value) {
        list = CSLSetNameValue(list, key, value.c_str());
    }
};

std::string checkedCompression(const TiffSource& src, const EncodeOptions& options,
                               GDALDriverH gtiff) {
    std::string compression = asciiUpper(options.tiffCompression);
    if (compression.empty()) compression = "DEFLATE";
    static const char* const kKnown[] = {"NONE", "DEFLATE",      "LZW",      "PACKBITS",
                                         "ZSTD", "LZMA",         "JPEG",     "WEBP",
                                         "LERC", "LERC_DEFLATE", "LERC_ZSTD"};
    const bool known = std::any_of(std::begin(kKnown), std::end(kKnown),
                                   [&](const char* k) { return compression == k; });
    const char* creationOptions = GDALGetMetadataItem(gtiff, GDAL_DMD_CREATIONOPTIONLIST, nullptr);
    const bool built = creationOptions &&
                       std::string(creationOptions).find("<Value>" + compression + "</Value>") !=
                           std::string::npos;
    if (!known || !built)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "'%1' is not a TIFF compression Tessera can write.", compression));
    const bool byte = src.type == DataType::UInt8;
    if (compression == "JPEG" && !(byte && !src.alpha && (src.bands == 1 || src.bands == 3)))
        fail(ErrorKind::Unsupported,
             trc("Encoder",
                 "JPEG-compressed TIFF needs 8-bit gray or RGB data without alpha; use DEFLATE."));
    if (compression == "WEBP" && !(byte && (src.bands == 3 || src.bands == 4)))
        fail(ErrorKind::Unsupported,
             trc("Encoder", "WebP-compressed TIFF needs 8-bit RGB or RGBA data; use DEFLATE."));
    return compression;
}

Bytes writeTiff(const TiffSource& src, const EncodeOptions& options, const GeoReference* geo) {
    ensureGdal();
    GdalErrorScope errors;
    GDALDriverH memDriver = GDALGetDriverByName("MEM");
    GDALDriverH gtiff = GDALGetDriverByName("GTiff");
    if (!memDriver || !gtiff)
        fail(ErrorKind::Internal, trc("Encoder", "GDAL lacks the MEM or GTiff driver."));
    const std::string compression = checkedCompression(src, options, gtiff);

    // Wrap the caller's samples as MEM bands (no copy; GDAL only reads them).
    GdalDatasetPtr mem(GDALCreate(memDriver, "", src.width, src.height, 0, GDT_Byte, nullptr));
    if (!mem)
        fail(ErrorKind::Internal,
             trf("Encoder", "Could not create an in-memory raster: %1", errors.lastError()));
    const GDALDataType type = gdalType(src.type);
    for (int b = 0; b < src.bands; ++b) {
        char pointer[64];
        const int n = CPLPrintPointer(
            pointer, const_cast<std::uint8_t*>(src.data + src.bandOffset * std::size_t(b)),
            int(sizeof pointer) - 1);
        pointer[n] = '\0';
        StringList bandOptions;
        bandOptions.set("DATAPOINTER", pointer);
        bandOptions.set("PIXELOFFSET", std::to_string(src.pixelOffset));
        bandOptions.set("LINEOFFSET", std::to_string(src.lineOffset));
        if (GDALAddBand(mem.get(), type, bandOptions.list) != CE_None)
            fail(ErrorKind::Internal,
                 trf("Encoder", "Could not create an in-memory raster: %1", errors.lastError()));
        GDALRasterBandH band = GDALGetRasterBand(mem.get(), b + 1);
        GDALColorInterp interp = GCI_Undefined;
        if (src.alpha && b == src.bands - 1)
            interp = GCI_AlphaBand;
        else if (src.rgb && b < 3)
            interp = GDALColorInterp(GCI_RedBand + b);
        else if (src.gray && b == 0)
            interp = GCI_GrayIndex;
        if (interp != GCI_Undefined) GDALSetRasterColorInterpretation(band, interp);
        if (geo && geo->nodata) GDALSetRasterNoDataValue(band, *geo->nodata);
    }
    if (geo) {
        if (!geo->wkt.empty() && GDALSetProjection(mem.get(), geo->wkt.c_str()) != CE_None)
            fail(ErrorKind::BadRequest,
                 trf("Encoder", "Invalid projection for the GeoTIFF: %1", errors.lastError()));
        std::array<double, 6> gt = geo->geoTransform;
        GDALSetGeoTransform(mem.get(), gt.data());
    }

    StringList co;
    co.set("TILED", "YES");
    co.set("BLOCKXSIZE", "256");
    co.set("BLOCKYSIZE", "256");
    co.set("COMPRESS", compression);
    co.set("BIGTIFF", "IF_SAFER");
    if (src.rgb) co.set("PHOTOMETRIC", "RGB");
    if (src.alpha) co.set("ALPHA", "UNASSOCIATED");
    if (compression == "JPEG") co.set("JPEG_QUALITY", std::to_string(options.jpegQuality));
#if GDAL_VERSION_NUM < GDAL_COMPUTE_VERSION(3, 7, 0)
    if (src.type == DataType::Int8) co.set("PIXELTYPE", "SIGNEDBYTE");
#endif

    VsimemFile file(uniqueVsimemName(".tif"));
    {
        GdalDatasetPtr out(
            GDALCreateCopy(gtiff, file.c_str(), mem.get(), FALSE, co.list, nullptr, nullptr));
        if (!out)
            fail(ErrorKind::Internal,
                 trf("Encoder", "Writing the TIFF failed: %1", errors.lastError()));
    }  // closing flushes the file
    vsi_l_offset length = 0;
    GByte* data = VSIGetMemFileBuffer(file.c_str(), &length, FALSE);
    if (!data || length == 0)
        fail(ErrorKind::Internal,
             trf("Encoder", "Writing the TIFF failed: %1", errors.lastError()));
    return Bytes(data, data + length);
}

}  // namespace

Bytes encodeTiff(const Image& img, const EncodeOptions& options, const GeoReference* geo) {
    checkImage(img, "TIFF");
    const std::size_t sample = sampleSize(img.type);
    TiffSource src;
    src.width = img.width;
    src.height = img.height;
    src.bands = img.channels;
    src.type = img.type;
    src.data = img.pixels.data();
    src.pixelOffset = sample * std::size_t(img.channels);
    src.lineOffset = img.rowBytes();
    src.bandOffset = sample;
    const bool integral = img.type == DataType::UInt8 || img.type == DataType::UInt16;
    src.rgb = img.channels >= 3 && integral;
    src.gray = img.channels <= 2;
    src.alpha = img.hasAlpha();
    return writeTiff(src, options, geo);
}

Bytes encodeRasterTiff(const Raster& raster, const EncodeOptions& options,
                       const GeoReference* geo) {
    if (raster.empty())
        fail(ErrorKind::BadRequest, trc("Encoder", "Cannot encode an empty raster as TIFF."));
    if (raster.bytes().size() != raster.bandBytes() * std::size_t(raster.bands()))
        fail(ErrorKind::BadRequest,
             trc("Encoder", "The raster's sample buffer has the wrong size."));
    TiffSource src;
    src.width = raster.width();
    src.height = raster.height();
    src.bands = raster.bands();
    src.type = raster.type();
    src.data = raster.bytes().data();
    src.pixelOffset = sampleSize(raster.type());
    src.lineOffset = src.pixelOffset * std::size_t(raster.width());
    src.bandOffset = raster.bandBytes();
    return writeTiff(src, options, geo);
}

}  // namespace tessera
