#include "service/region_output.h"

#include <algorithm>
#include <cctype>

#include "encode/gdal_writer.h"
#include "encode/raster_warp.h"
#include "formats/service_config.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"
#include "util/text.h"

namespace tessera {

namespace {

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
    const std::string d = asciiLower(driver);
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
    const std::string m = asciiLower(f.mimeType);
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

namespace {

// Bytes per output pixel: what the source reads, and the picture a style renders.
struct PixelCost {
    double read = 0;
    double picture = 0;
};

PixelCost pixelCost(ImageView& view, const StyleSpec& style, bool raw, bool projected) {
    const SourceInfo& info = view.info();
    const double sample = double(sampleSize(info.dtype));
    const double allBands = double(info.bandCount + (projected ? 1 : 0)) * sample;
    if (raw) return {allBands, 0.0};
    const auto resolved = view.resolve(style);
    if (!resolved) return {allBands, 4.0};  // unstyled: 8-bit conversion, at most RGBA
    PixelCost c;
    for (const RasterNeed& need : resolved->needs()) c.read += double(need.bands.size()) * sample;
    const nlohmann::json d = resolved->describe();
    const int channels = d.value("channels", 4);
    const std::string dtype = d.value("dtype", std::string("uint8"));
    double bytes = 1.0;
    if (dtype == "uint16") bytes = 2.0;
    if (dtype == "float") bytes = std::max(4.0, sample);
    if (dtype == "source") bytes = sample;
    c.picture = channels * bytes;
    return c;
}

}  // namespace

std::size_t answerBytes(ImageView& view, const StyleSpec& style, bool raw, bool projected,
                        double pixels) {
    const PixelCost c = pixelCost(view, style, raw, projected);
    // The read rasters, the rendered picture, and the encoded answer (the picture, or for raw
    // data the rasters again) at worst uncompressed.
    const double perPixel = c.read + c.picture + (raw ? c.read : c.picture);
    const double bytes = std::max(0.0, pixels) * perPixel;
    return bytes >= 1.8e19 ? std::size_t(-1) : std::size_t(bytes);
}

std::size_t answerBytesBound(const SourceInfo& info, bool projected, double pixels) {
    const double sample = double(sampleSize(info.dtype));
    const double read = std::max(double(info.bandCount + (projected ? 1 : 0)), 256.0) * sample;
    const double bytes = std::max(0.0, pixels) * (2.0 * read + 2.0 * 4 * 8);
    return bytes >= 1.8e19 ? std::size_t(-1) : std::size_t(bytes);
}

void checkAnswerBudget(ImageView& view, const StyleSpec& style, bool raw, const ReadArea& area,
                       const std::string& what) {
    const std::size_t budget = requestMemoryBudget();
    const double pixels = double(area.outWidth) * double(area.outHeight);
    if (budget == 0 || answerBytesBound(view.info(), area.projected, pixels) <= budget) return;
    checkBudget(answerBytes(view, style, raw, area.projected, pixels), what);
}

void checkRegionBudget(ImageView& view, const ResolvedArea& a, const RegionRequest& r) {
    const std::size_t budget = requestMemoryBudget();
    const double pixels = double(a.area.outWidth) * double(a.area.outHeight);
    if (budget == 0) return;
    if (r.outputCrs.empty() && answerBytesBound(view.info(), a.area.projected, pixels) <= budget)
        return;
    const OutputFormat fmt = regionFormat(r);
    const bool raw = !r.styleGiven && !isPictureFormat(fmt);
    std::size_t bytes = answerBytes(view, r.style, raw, a.area.projected, pixels);
    if (!r.outputCrs.empty()) {
        // The warped copy and its encoding: at the requested size, else up to twice the pixels
        // (the bounding box of a rotated footprint).
        const double warped =
            r.width > 0 && r.height > 0 ? double(r.width) * double(r.height) : 2.0 * pixels;
        const PixelCost c = pixelCost(view, r.style, raw, a.area.projected);
        const double extra = warped * 2.0 * (raw ? c.read : std::max(c.picture, 4.0));
        bytes = extra >= 1.8e19 - double(bytes) ? std::size_t(-1) : bytes + std::size_t(extra);
    }
    checkBudget(bytes, trf("Region", "A region of %1 × %2 pixels", std::to_string(a.area.outWidth),
                           std::to_string(a.area.outHeight)));
}

}  // namespace tessera
