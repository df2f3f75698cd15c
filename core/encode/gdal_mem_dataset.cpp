#include "encode/gdal_mem_dataset.h"

#include <cpl_conv.h>
#include <cpl_string.h>

#include <array>
#include <string>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera::encode_detail {

GdalDatasetPtr wrapAsMemDataset(const RasterOutput& out) {
    ensureGdal();
    GdalErrorScope errors;
    const Raster& r = out.raster;
    if (r.empty() || r.bytes().size() != r.bandBytes() * std::size_t(r.bands()))
        fail(ErrorKind::BadRequest, trc("Encoder", "Cannot write an empty or malformed raster."));
    GDALDriverH mem = GDALGetDriverByName("MEM");
    if (!mem) fail(ErrorKind::Internal, trc("Encoder", "GDAL lacks the MEM driver."));
    GdalDatasetPtr ds(GDALCreate(mem, "", r.width(), r.height(), 0, GDT_Byte, nullptr));
    if (!ds)
        fail(ErrorKind::Internal,
             trf("Encoder", "Could not create an in-memory raster: %1", errors.lastError()));
    const std::size_t sample = sampleSize(r.type());
    for (int b = 0; b < r.bands(); ++b) {
        char pointer[64];
        const int n = CPLPrintPointer(pointer, const_cast<std::uint8_t*>(r.bandData(b)),
                                      int(sizeof pointer) - 1);
        pointer[n] = '\0';
        char** options = nullptr;
        options = CSLSetNameValue(options, "DATAPOINTER", pointer);
        options = CSLSetNameValue(options, "PIXELOFFSET", std::to_string(sample).c_str());
        options = CSLSetNameValue(options, "LINEOFFSET",
                                  std::to_string(sample * std::size_t(r.width())).c_str());
        const CPLErr err = GDALAddBand(ds.get(), gdalType(r.type()), options);
        CSLDestroy(options);
        if (err != CE_None)
            fail(ErrorKind::Internal,
                 trf("Encoder", "Could not create an in-memory raster: %1", errors.lastError()));
        GDALRasterBandH band = GDALGetRasterBand(ds.get(), b + 1);
        GDALColorInterp interp = GCI_Undefined;
        if (out.alpha && b == r.bands() - 1)
            interp = GCI_AlphaBand;
        else if (out.rgb && b < 3)
            interp = GDALColorInterp(GCI_RedBand + b);
        else if (!out.rgb && b == 0)
            interp = GCI_GrayIndex;
        GDALSetRasterColorInterpretation(band, interp);
        if (out.geo && out.geo->nodata && !(out.alpha && b == r.bands() - 1))
            GDALSetRasterNoDataValue(band, *out.geo->nodata);
    }
    if (out.geo) {
        if (!out.geo->wkt.empty() && GDALSetProjection(ds.get(), out.geo->wkt.c_str()) != CE_None)
            fail(ErrorKind::BadRequest,
                 trf("Encoder", "Invalid projection for the output: %1", errors.lastError()));
        std::array<double, 6> gt = out.geo->geoTransform;
        GDALSetGeoTransform(ds.get(), gt.data());
    }
    return ds;
}

RasterOutput readDataset(GDALDatasetH ds) {
    GdalErrorScope errors;
    const int w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds), n = GDALGetRasterCount(ds);
    if (w < 1 || h < 1 || n < 1)
        fail(ErrorKind::Internal, trc("Encoder", "The reprojected raster is empty."));
    const auto type = dataTypeFromGdal(GDALGetRasterDataType(GDALGetRasterBand(ds, 1)));
    if (!type) fail(ErrorKind::Unsupported, trc("Encoder", "Unsupported raster data type."));
    RasterOutput out;
    out.raster = Raster(w, h, n, *type);
    if (GDALDatasetRasterIO(ds, GF_Read, 0, 0, w, h, out.raster.bytes().data(), w, h,
                            gdalType(*type), n, nullptr, 0, 0, 0) != CE_None)
        fail(ErrorKind::Internal,
             trf("Encoder", "Reading the reprojected raster failed: %1", errors.lastError()));
    out.alpha = GDALGetRasterColorInterpretation(GDALGetRasterBand(ds, n)) == GCI_AlphaBand;
    out.rgb = n >= 3 && GDALGetRasterColorInterpretation(GDALGetRasterBand(ds, 1)) == GCI_RedBand;
    GeoReference geo;
    if (const char* wkt = GDALGetProjectionRef(ds); wkt && *wkt) geo.wkt = wkt;
    GDALGetGeoTransform(ds, geo.geoTransform.data());
    int hasNodata = 0;
    const double nd = GDALGetRasterNoDataValue(GDALGetRasterBand(ds, 1), &hasNodata);
    if (hasNodata) geo.nodata = nd;
    out.geo = geo;
    return out;
}

}  // namespace tessera::encode_detail
