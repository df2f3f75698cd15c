#include "source/gdal_metadata.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <tiffio.h>

#include <cmath>
#include <cstring>
#include <map>

#include "geo/crs.h"
#include "source/gdal_env.h"

namespace tessera {

namespace {

void putNumber(nlohmann::json& obj, const char* key, double v) {
    if (std::isfinite(v)) obj[key] = v;
}

// Metadata list ("KEY=VALUE" strings) as an object; entries without '=' keep their text as key.
nlohmann::json metadataObject(char** list) {
    nlohmann::json out = nlohmann::json::object();
    for (char** p = list; p && *p; ++p) {
        const char* eq = std::strchr(*p, '=');
        if (eq)
            out[std::string(static_cast<const char*>(*p), eq)] = std::string(eq + 1);
        else
            out[std::string(*p)] = "";
    }
    return out;
}

// ---- libtiff over GDAL's virtual file system (local, /vsicurl/, /vsis3/ alike) ----

tsize_t vsiRead(thandle_t h, tdata_t buf, tsize_t size) {
    return static_cast<tsize_t>(
        VSIFReadL(buf, 1, static_cast<size_t>(size), static_cast<VSILFILE*>(h)));
}
tsize_t vsiWrite(thandle_t, tdata_t, tsize_t) {
    return 0;
}
toff_t vsiSeek(thandle_t h, toff_t off, int whence) {
    auto* fp = static_cast<VSILFILE*>(h);
    if (VSIFSeekL(fp, off, whence) != 0) return static_cast<toff_t>(-1);
    return VSIFTellL(fp);
}
int vsiClose(thandle_t) {
    return 0;
}
toff_t vsiSize(thandle_t h) {
    auto* fp = static_cast<VSILFILE*>(h);
    const vsi_l_offset cur = VSIFTellL(fp);
    VSIFSeekL(fp, 0, SEEK_END);
    const vsi_l_offset end = VSIFTellL(fp);
    VSIFSeekL(fp, cur, SEEK_SET);
    return end;
}
int vsiMap(thandle_t, tdata_t*, toff_t*) {
    return 0;
}
void vsiUnmap(thandle_t, tdata_t, toff_t) {}
int quietTiff(TIFF*, void*, const char*, const char*, va_list) {
    return 1;
}

const char* knownTagName(uint32_t tag) {
    switch (tag) {
        case 33550:
            return "ModelPixelScaleTag";
        case 33922:
            return "ModelTiepointTag";
        case 34264:
            return "ModelTransformationTag";
        case 34735:
            return "GeoKeyDirectoryTag";
        case 34736:
            return "GeoDoubleParamsTag";
        case 34737:
            return "GeoAsciiParamsTag";
        case 42112:
            return "GDAL_METADATA";
        case 42113:
            return "GDAL_NODATA";
        default:
            return nullptr;
    }
}

std::string tagName(TIFF* tif, uint32_t tag) {
    if (const char* n = knownTagName(tag)) return n;
    const TIFFField* f = TIFFFieldWithTag(tif, tag);
    const char* n = f ? TIFFFieldName(f) : nullptr;
    return n ? std::string(n) : "Tag " + std::to_string(tag);
}

double elementAt(const void* data, std::size_t i, TIFFDataType t, int size) {
    const auto* b = static_cast<const unsigned char*>(data) + i * std::size_t(size);
    auto load = [b](auto v) {
        std::memcpy(&v, b, sizeof v);
        return static_cast<double>(v);
    };
    switch (t) {
        case TIFF_SBYTE:
            return load(std::int8_t{});
        case TIFF_SHORT:
            return load(std::uint16_t{});
        case TIFF_SSHORT:
            return load(std::int16_t{});
        case TIFF_LONG:
        case TIFF_IFD:
            return load(std::uint32_t{});
        case TIFF_SLONG:
            return load(std::int32_t{});
        case TIFF_LONG8:
        case TIFF_IFD8:
            return load(std::uint64_t{});
        case TIFF_SLONG8:
            return load(std::int64_t{});
        case TIFF_FLOAT:
        case TIFF_RATIONAL:
        case TIFF_SRATIONAL:
            return size == 8 ? load(double{}) : load(float{});
        case TIFF_DOUBLE:
            return load(double{});
        default:
            return load(std::uint8_t{});
    }
}

nlohmann::json arrayValue(const void* data, std::size_t n, TIFFDataType t, int size) {
    if (t == TIFF_ASCII) {
        const char* s = static_cast<const char*>(data);
        std::size_t len = 0;
        while (len < n && s[len]) ++len;
        return std::string(s, len);
    }
    if (!data || size <= 0) return nullptr;
    constexpr std::size_t kMaxValues = 1024;
    if (n > kMaxValues) return "(" + std::to_string(n) + " values)";
    if (n == 1) return elementAt(data, 0, t, size);
    nlohmann::json arr = nlohmann::json::array();
    for (std::size_t i = 0; i < n; ++i) arr.push_back(elementAt(data, i, t, size));
    return arr;
}

// Reads a tag libtiff keeps as a "custom" value, using the field's declared get/set layout.
nlohmann::json customValue(TIFF* tif, uint32_t tag) {
    const TIFFField* f = TIFFFieldWithTag(tif, tag);
    if (!f) return nullptr;
    const TIFFDataType t = TIFFFieldDataType(f);
    const int size = TIFFFieldSetGetSize(f);
    const int countSize = TIFFFieldSetGetCountSize(f);
    if (TIFFFieldPassCount(f)) {
        void* data = nullptr;
        if (countSize == 4) {
            uint32_t n = 0;
            if (TIFFGetField(tif, tag, &n, &data) != 1) return nullptr;
            return arrayValue(data, n, t, size);
        }
        uint16_t n = 0;
        if (TIFFGetField(tif, tag, &n, &data) != 1) return nullptr;
        return arrayValue(data, n, t, size);
    }
    if (t == TIFF_ASCII) {
        char* s = nullptr;
        if (TIFFGetField(tif, tag, &s) != 1 || !s) return nullptr;
        return std::string(s);
    }
    const int readCount = TIFFFieldReadCount(f);
    if (readCount == 1) {
        alignas(8) unsigned char buf[16] = {};
        if (TIFFGetField(tif, tag, buf) != 1) return nullptr;
        return elementAt(buf, 0, t, size);
    }
    if (readCount > 1) {
        void* data = nullptr;
        if (TIFFGetField(tif, tag, &data) != 1) return nullptr;
        return arrayValue(data, std::size_t(readCount), t, size);
    }
    return nullptr;
}

void coreTags(TIFF* tif, nlohmann::json& out) {
    auto u32 = [&](uint32_t tag, const char* name) {
        uint32_t v = 0;
        if (TIFFGetField(tif, tag, &v) == 1) out[name] = v;
    };
    auto u16 = [&](uint32_t tag, const char* name) {
        uint16_t v = 0;
        if (TIFFGetField(tif, tag, &v) == 1) out[name] = v;
    };
    auto f32 = [&](uint32_t tag, const char* name) {
        float v = 0;
        if (TIFFGetField(tif, tag, &v) == 1) out[name] = v;
    };
    u32(TIFFTAG_SUBFILETYPE, "NewSubfileType");
    u32(TIFFTAG_IMAGEWIDTH, "ImageWidth");
    u32(TIFFTAG_IMAGELENGTH, "ImageLength");
    u16(TIFFTAG_BITSPERSAMPLE, "BitsPerSample");
    u16(TIFFTAG_COMPRESSION, "Compression");
    u16(TIFFTAG_PHOTOMETRIC, "Photometric");
    u16(TIFFTAG_FILLORDER, "FillOrder");
    u16(TIFFTAG_ORIENTATION, "Orientation");
    u16(TIFFTAG_SAMPLESPERPIXEL, "SamplesPerPixel");
    u16(TIFFTAG_PLANARCONFIG, "PlanarConfiguration");
    u16(TIFFTAG_RESOLUTIONUNIT, "ResolutionUnit");
    u16(TIFFTAG_SAMPLEFORMAT, "SampleFormat");
    u16(TIFFTAG_MINSAMPLEVALUE, "MinSampleValue");
    u16(TIFFTAG_MAXSAMPLEVALUE, "MaxSampleValue");
    f32(TIFFTAG_XRESOLUTION, "XResolution");
    f32(TIFFTAG_YRESOLUTION, "YResolution");
    if (TIFFIsTiled(tif)) {
        u32(TIFFTAG_TILEWIDTH, "TileWidth");
        u32(TIFFTAG_TILELENGTH, "TileLength");
        out["TileCount"] = TIFFNumberOfTiles(tif);
    } else {
        u32(TIFFTAG_ROWSPERSTRIP, "RowsPerStrip");
        out["StripCount"] = TIFFNumberOfStrips(tif);
    }
    uint16_t compression = 0;
    if (TIFFGetField(tif, TIFFTAG_COMPRESSION, &compression) == 1 &&
        (compression == COMPRESSION_LZW || compression == COMPRESSION_ADOBE_DEFLATE ||
         compression == COMPRESSION_DEFLATE || compression == 50000 /* ZSTD */))
        u16(TIFFTAG_PREDICTOR, "Predictor");
    uint16_t extraCount = 0;
    uint16_t* extra = nullptr;
    if (TIFFGetField(tif, TIFFTAG_EXTRASAMPLES, &extraCount, &extra) == 1 && extra) {
        nlohmann::json arr = nlohmann::json::array();
        for (uint16_t i = 0; i < extraCount; ++i) arr.push_back(extra[i]);
        out["ExtraSamples"] = arr;
    }
    uint16_t sub[2] = {0, 0};
    uint16_t photometric = 0;
    if (TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric) == 1 &&
        photometric == PHOTOMETRIC_YCBCR &&
        TIFFGetField(tif, TIFFTAG_YCBCRSUBSAMPLING, &sub[0], &sub[1]) == 1)
        out["YCbCrSubsampling"] = {sub[0], sub[1]};
    if (photometric == PHOTOMETRIC_PALETTE) {
        uint16_t bits = 0;
        TIFFGetField(tif, TIFFTAG_BITSPERSAMPLE, &bits);
        if (bits > 0 && bits <= 16)
            out["ColorMap"] = "(" + std::to_string(1u << bits) + " entries)";
    }
    out["IFDCount"] = TIFFNumberOfDirectories(tif);
}

}  // namespace

nlohmann::json bandInfoJson(const BandInfo& band, const BandStats& stats) {
    nlohmann::json j = nlohmann::json::object();
    if (stats.valid) {
        putNumber(j, "min", stats.min);
        putNumber(j, "max", stats.max);
        putNumber(j, "mean", stats.mean);
        putNumber(j, "stdev", stats.stdev);
    }
    if (band.nodata) putNumber(j, "nodata", *band.nodata);
    if (band.scale) putNumber(j, "scale", *band.scale);
    if (band.offset) putNumber(j, "offset", *band.offset);
    if (!band.units.empty()) j["units"] = band.units;
    if (!band.categories.empty()) j["categories"] = band.categories;
    if (!band.interpretation.empty()) j["interpretation"] = band.interpretation;
    if (!band.colortable.empty()) {
        nlohmann::json ct = nlohmann::json::array();
        for (const auto& e : band.colortable) ct.push_back({e[0], e[1], e[2], e[3]});
        j["colortable"] = ct;
    }
    if (!band.maskband.empty()) j["maskband"] = band.maskband;
    return j;
}

nlohmann::json tiffFirstIfdTags(const std::string& gdalPath, bool remote) {
    ensureGdal();
    std::vector<std::pair<std::string, std::string>> config;
    if (remote) config = GdalThreadConfig::remoteOptions();
    GdalThreadConfig scope(config);
    nlohmann::json out = nlohmann::json::object();
    VSILFILE* fp = VSIFOpenL(gdalPath.c_str(), "rb");
    if (!fp) return out;
    TIFFOpenOptions* opts = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(opts, quietTiff, nullptr);
    TIFFOpenOptionsSetWarningHandlerExtR(opts, quietTiff, nullptr);
    TIFF* tif = TIFFClientOpenExt(gdalPath.c_str(), "rm", fp, vsiRead, vsiWrite, vsiSeek, vsiClose,
                                  vsiSize, vsiMap, vsiUnmap, opts);
    TIFFOpenOptionsFree(opts);
    if (tif) {
        coreTags(tif, out);
        const int count = TIFFGetTagListCount(tif);
        for (int i = 0; i < count; ++i) {
            const uint32_t tag = TIFFGetTagListEntry(tif, i);
            nlohmann::json v = customValue(tif, tag);
            if (!v.is_null()) out[tagName(tif, tag)] = std::move(v);
        }
        TIFFClose(tif);
    }
    VSIFCloseL(fp);
    return out;
}

nlohmann::json gdalInternalMetadata(GDALDataset* ds, const SourceInfo& info, bool remote) {
    nlohmann::json r = nlohmann::json::object();
    GDALDriver* drv = ds->GetDriver();
    r["driverShortName"] = drv ? drv->GetDescription() : "";
    r["driverLongName"] =
        drv ? (drv->GetMetadataItem(GDAL_DMD_LONGNAME) ? drv->GetMetadataItem(GDAL_DMD_LONGNAME)
                                                       : "")
            : "";
    {
        std::vector<std::pair<std::string, std::string>> config;
        if (remote) config = GdalThreadConfig::remoteOptions();
        GdalThreadConfig scope(config);
        char** files = ds->GetFileList();
        if (files) {
            nlohmann::json arr = nlohmann::json::array();
            for (char** p = files; *p; ++p) arr.push_back(*p);
            r["fileList"] = arr;
        } else {
            r["fileList"] = nullptr;
        }
        CSLDestroy(files);
    }
    r["RasterXSize"] = ds->GetRasterXSize();
    r["RasterYSize"] = ds->GetRasterYSize();
    r["GeoTransform"] = info.geoTransform;
    const char* proj = ds->GetProjectionRef();
    r["Projection"] = proj ? proj : "";
    const std::string native = !info.projectionWkt.empty() ? proj4String(info.projectionWkt) : "";
    if (!native.empty())
        r["proj4Projection"] = native;
    else
        r["proj4Projection"] = nullptr;
    const char* gcpProj = ds->GetGCPProjection();
    r["GCPProjection"] = gcpProj ? gcpProj : "";
    if (ds->GetGCPCount() > 0) {
        nlohmann::json gcps = nlohmann::json::array();
        const GDAL_GCP* g = ds->GetGCPs();
        for (int i = 0; i < ds->GetGCPCount(); ++i)
            gcps.push_back({{"id", g[i].pszId ? g[i].pszId : ""},
                            {"line", g[i].dfGCPLine},
                            {"pixel", g[i].dfGCPPixel},
                            {"x", g[i].dfGCPX},
                            {"y", g[i].dfGCPY},
                            {"z", g[i].dfGCPZ}});
        r["GCPs"] = gcps;
    }
    r["Metadata"] = metadataObject(ds->GetMetadata());
    char** domains = ds->GetMetadataDomainList();
    for (char** d = domains; d && *d; ++d) {
        const std::string domain = *d;
        if (domain.empty() || domain == "DERIVED_SUBDATASETS") continue;
        char** md = ds->GetMetadata(domain.c_str());
        if (!md || !*md) continue;
        if (domain.rfind("xml:", 0) == 0)
            r["Metadata_" + domain] = std::string(md[0]);
        else
            r["Metadata_" + domain] = metadataObject(md);
    }
    CSLDestroy(domains);
    const std::string shortName = drv ? drv->GetDescription() : "";
    if (shortName == "GTiff" || shortName == "COG") {
        nlohmann::json tags = tiffFirstIfdTags(ds->GetDescription(), remote);
        if (!tags.empty()) r["tiff"] = std::move(tags);
    }
    return r;
}

}  // namespace tessera
