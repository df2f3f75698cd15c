#include "service/region_output.h"

#include <algorithm>
#include <cctype>

#include "encode/gdal_writer.h"
#include "encode/raster_warp.h"
#include "formats/service_config.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

const char* driverOf(Encoding e) {
    switch (e) {
        case Encoding::PNG:
            return "PNG";
        case Encoding::JPEG:
            return "JPEG";
        case Encoding::WebP:
            return "WEBP";
        case Encoding::TIFF:
            return "GTiff";
    }
    return "GTiff";
}

// The fast Tessera encoder for a driver, if it has one.
std::optional<Encoding> fastEncoding(const std::string& driver) {
    const std::string d = lower(driver);
    if (d == "png") return Encoding::PNG;
    if (d == "jpeg") return Encoding::JPEG;
    if (d == "webp") return Encoding::WebP;
    if (d == "gtiff") return Encoding::TIFF;
    return std::nullopt;
}

}  // namespace

OutputFormat regionFormat(const RegionRequest& r) {
    auto cfg = ServiceConfig::current();
    if (!r.format.empty()) return cfg->formats.requireWritable(r.format);
    if (const OutputFormat* f = cfg->formats.find(driverOf(r.encoding)); f && f->writable)
        return *f;
    // The four built-in encodings stay available even when the registry omits them.
    return {driverOf(r.encoding), mimeType(r.encoding), true, fileExtension(r.encoding)};
}

bool isPictureFormat(const OutputFormat& f) {
    const std::string m = lower(f.mimeType);
    return m.rfind("image/", 0) == 0 && m.rfind("image/tiff", 0) != 0 &&
           m.rfind("image/jp2", 0) != 0 && m.rfind("image/jpx", 0) != 0;
}

RegionOutput writeRegion(ImageView& view, const ResolvedArea& a, const RegionRequest& r) {
    const OutputFormat fmt = regionFormat(r);
    std::string dstCrs;
    if (!r.outputCrs.empty()) {
        const int code = ServiceConfig::current()->requireCrs(r.outputCrs);
        dstCrs = "EPSG:" + std::to_string(code);
        if (!a.geo)
            fail(ErrorKind::BadRequest,
                 trc("Region", "The image is not georeferenced, so it cannot be reprojected."));
    }
    const bool picture = isPictureFormat(fmt);
    const bool raw = !r.styleGiven && !picture;
    const auto fast = fastEncoding(fmt.driver);

    // Without reprojection the fast encoders take the rendered image or raw raster directly.
    if (dstCrs.empty() && fast) {
        const GeoReference* geo = a.geo ? &*a.geo : nullptr;
        if (*fast == Encoding::TIFF && raw) {
            std::vector<Raster> data = view.readFor(nullptr, a.area, r.style.frame);
            return {encodeRasterTiff(data.at(0), r.encodeOptions, geo), fmt.mimeType};
        }
        return {encodeImage(view.render(r.style, a.area), *fast, r.encodeOptions, geo),
                fmt.mimeType};
    }

    RasterOutput data;
    if (raw) {
        std::vector<Raster> rasters = view.readFor(nullptr, a.area, r.style.frame);
        data.raster = std::move(rasters.at(0));
    } else {
        data = imageToRasterOutput(view.render(r.style, a.area));
    }
    data.geo = a.geo;
    if (!dstCrs.empty()) data = warpRaster(data, dstCrs, !raw, r.width, r.height);

    if (fast) {
        const GeoReference* geo = data.geo ? &*data.geo : nullptr;
        if (raw) return {encodeRasterTiff(data.raster, r.encodeOptions, geo), fmt.mimeType};
        return {encodeImage(rasterOutputToImage(data), *fast, r.encodeOptions, geo), fmt.mimeType};
    }
    GdalWritten w = encodeWithGdal(data, fmt.driver, fmt.extension, r.encodeOptions);
    return {std::move(w.bytes), w.zipped ? std::string("application/zip") : fmt.mimeType};
}

}  // namespace tessera
