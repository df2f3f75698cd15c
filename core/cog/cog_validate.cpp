#include "cog/cog_validate.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <tiffio.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>

#include "source/gdal_env.h"
#include "source/open_source.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

constexpr const char* kCtx = "CogValidate";
constexpr std::size_t kMaxFullCheckErrors = 50;

std::string num(std::uint64_t v) {
    return std::to_string(v);
}

// ---- libtiff over GDAL's VSI --------------------------------------------------------------

struct VsiFile {
    VSILFILE* f = nullptr;
    vsi_l_offset size = 0;
};

tmsize_t vsiRead(thandle_t h, void* buf, tmsize_t n) {
    auto* v = static_cast<VsiFile*>(h);
    return tmsize_t(VSIFReadL(buf, 1, std::size_t(n), v->f));
}
tmsize_t vsiWrite(thandle_t, void*, tmsize_t) {
    return 0;
}
toff_t vsiSeek(thandle_t h, toff_t off, int whence) {
    auto* v = static_cast<VsiFile*>(h);
    vsi_l_offset target = off;
    if (whence == SEEK_CUR)
        target = VSIFTellL(v->f) + off;
    else if (whence == SEEK_END)
        target = v->size + off;
    if (VSIFSeekL(v->f, target, SEEK_SET) != 0) return toff_t(-1);
    return VSIFTellL(v->f);
}
int vsiClose(thandle_t) {
    return 0;  // the owner closes
}
toff_t vsiSize(thandle_t h) {
    return static_cast<VsiFile*>(h)->size;
}
int vsiMap(thandle_t, void**, toff_t*) {
    return 0;
}
void vsiUnmap(thandle_t, void*, toff_t) {}

int quietTiffHandler(TIFF*, void*, const char*, const char*, va_list) {
    return 1;  // handled: libtiff prints nothing
}

struct Ifd {
    std::uint64_t offset = 0;
    std::uint32_t width = 0, height = 0, blockWidth = 0, blockHeight = 0;
    std::uint32_t subfileType = 0;
    std::uint16_t planar = PLANARCONFIG_CONTIG;
    std::uint16_t samples = 1;
    bool tiled = false;
    std::vector<std::uint64_t> offsets, counts;  // band 1's blocks only
    int subIfds = 0;

    bool isMask() const { return (subfileType & FILETYPE_MASK) != 0; }
    bool isReduced() const { return (subfileType & FILETYPE_REDUCEDIMAGE) != 0; }
    std::uint64_t firstDataOffset() const {
        for (std::uint64_t o : offsets)
            if (o) return o;
        return 0;
    }
};

struct TiffStructure {
    bool bigTiff = false;
    std::vector<Ifd> ifds;
};

std::optional<TiffStructure> readStructure(VsiFile& file, const std::string& name) {
    TIFFOpenOptions* opts = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(opts, quietTiffHandler, nullptr);
    TIFFOpenOptionsSetWarningHandlerExtR(opts, quietTiffHandler, nullptr);
    VSIFSeekL(file.f, 0, SEEK_SET);
    TIFF* t = TIFFClientOpenExt(name.c_str(), "rm", &file, vsiRead, vsiWrite, vsiSeek, vsiClose,
                                vsiSize, vsiMap, vsiUnmap, opts);
    TIFFOpenOptionsFree(opts);
    if (!t) return std::nullopt;
    std::unique_ptr<TIFF, void (*)(TIFF*)> guard(t, TIFFClose);
    TiffStructure s;
    s.bigTiff = TIFFIsBigTIFF(t) != 0;
    do {
        Ifd d;
        d.offset = TIFFCurrentDirOffset(t);
        TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &d.width);
        TIFFGetField(t, TIFFTAG_IMAGELENGTH, &d.height);
        TIFFGetFieldDefaulted(t, TIFFTAG_SUBFILETYPE, &d.subfileType);
        TIFFGetFieldDefaulted(t, TIFFTAG_PLANARCONFIG, &d.planar);
        TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLESPERPIXEL, &d.samples);
        d.tiled = TIFFIsTiled(t) != 0;
        std::uint64_t* offs = nullptr;
        std::uint64_t* counts = nullptr;
        std::uint32_t nBlocks = 0;
        if (d.tiled) {
            TIFFGetField(t, TIFFTAG_TILEWIDTH, &d.blockWidth);
            TIFFGetField(t, TIFFTAG_TILELENGTH, &d.blockHeight);
            TIFFGetField(t, TIFFTAG_TILEOFFSETS, &offs);
            TIFFGetField(t, TIFFTAG_TILEBYTECOUNTS, &counts);
            nBlocks = TIFFNumberOfTiles(t);
        } else {
            std::uint32_t rows = 0;
            TIFFGetFieldDefaulted(t, TIFFTAG_ROWSPERSTRIP, &rows);
            d.blockWidth = d.width;
            d.blockHeight = std::min(rows ? rows : d.height, d.height);
            TIFFGetField(t, TIFFTAG_STRIPOFFSETS, &offs);
            TIFFGetField(t, TIFFTAG_STRIPBYTECOUNTS, &counts);
            nBlocks = TIFFNumberOfStrips(t);
        }
        std::uint64_t perBand = nBlocks;
        if (d.planar == PLANARCONFIG_SEPARATE && d.samples > 1) perBand = nBlocks / d.samples;
        if (offs && counts) {
            d.offsets.assign(offs, offs + perBand);
            d.counts.assign(counts, counts + perBand);
        }
        std::uint16_t nSub = 0;
        std::uint64_t* sub = nullptr;
        if (TIFFGetField(t, TIFFTAG_SUBIFD, &nSub, &sub)) d.subIfds = nSub;
        s.ifds.push_back(std::move(d));
    } while (TIFFReadDirectory(t) && s.ifds.size() < 10000);
    return s;
}

// ---- the rules ----------------------------------------------------------------------------

struct Ghost {
    bool present = false;
    std::uint64_t size = 0;  // the XXXXXX of the header
    std::map<std::string, std::string> keys;
    bool has(const char* key, const char* value) const {
        auto it = keys.find(key);
        return it != keys.end() && it->second == value;
    }
};

Ghost readGhost(VSILFILE* f, std::uint64_t at) {
    Ghost g;
    static const std::string pattern = "GDAL_STRUCTURAL_METADATA_SIZE=000000 bytes\n";
    std::string got(pattern.size(), '\0');
    if (VSIFSeekL(f, at, SEEK_SET) != 0) return g;
    if (VSIFReadL(got.data(), 1, got.size(), f) != got.size()) return g;
    if (got.rfind("GDAL_STRUCTURAL_METADATA_SIZE=", 0) != 0) return g;
    const std::string digits = got.substr(30, 6);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return g;
    g.present = true;
    g.size = std::stoull(digits);
    std::string body(g.size, '\0');
    body.resize(VSIFReadL(body.data(), 1, body.size(), f));
    std::size_t pos = 0;
    while (pos < body.size()) {
        std::size_t end = body.find('\n', pos);
        if (end == std::string::npos) end = body.size();
        const std::string line = body.substr(pos, end - pos);
        const auto eq = line.find('=');
        if (eq != std::string::npos && eq > 0) g.keys[line.substr(0, eq)] = line.substr(eq + 1);
        pos = end + 1;
    }
    return g;
}

class Checker {
  public:
    explicit Checker(CogReport& r) : r_(r) {}

    void error(const std::string& code, const std::string& message) {
        r_.errors.push_back({code, message});
    }
    void warning(const std::string& code, const std::string& message) {
        r_.warnings.push_back({code, message});
    }

    // GDAL's full_check_band: block order, leaders, trailers and interleaved mask offsets.
    void fullCheckBand(VSILFILE* f, const std::string& name, const Ifd& band, const Ifd* mask,
                       const Ghost& g, bool maskInterleaved) {
        const bool rowMajor = g.has("BLOCK_ORDER", "ROW_MAJOR");
        const bool leader = g.has("BLOCK_LEADER", "SIZE_AS_UINT4");
        const bool trailer = g.has("BLOCK_TRAILER", "LAST_4_BYTES_REPEATED");
        if (maskInterleaved && mask) {
            if (mask->blockWidth != band.blockWidth || mask->blockHeight != band.blockHeight) {
                error("mask_block_size",
                      trf(kCtx, "%1: mask block size is different from its imagery band", name));
                mask = nullptr;
            }
        } else {
            mask = nullptr;
        }
        std::uint64_t last = 0;
        const std::uint32_t xblocks = (band.width + band.blockWidth - 1) / band.blockWidth;
        for (std::size_t i = 0; i < band.offsets.size(); ++i) {
            if (fullErrors_ >= kMaxFullCheckErrors) return;
            const std::string bx = num(xblocks ? i % xblocks : 0);
            const std::string by = num(xblocks ? i / xblocks : 0);
            std::uint64_t offset = band.offsets[i];
            const std::uint64_t bytecount = i < band.counts.size() ? band.counts[i] : 0;
            if (offset > 0) {
                if (rowMajor && offset < last)
                    fullError(
                        "block_order",
                        trf(kCtx, "%1: offset of block (%2, %3) is smaller than previous block",
                            name, bx, by));
                if (leader) {
                    unsigned char b[4] = {0, 0, 0, 0};
                    VSIFSeekL(f, offset >= 4 ? offset - 4 : 0, SEEK_SET);
                    VSIFReadL(b, 1, 4, f);
                    const std::uint64_t size = std::uint64_t(b[0]) | (std::uint64_t(b[1]) << 8) |
                                               (std::uint64_t(b[2]) << 16) |
                                               (std::uint64_t(b[3]) << 24);
                    if (size != bytecount)
                        fullError("block_leader",
                                  trf(kCtx,
                                      "%1: for block (%2, %3), size in leader bytes is %4 "
                                      "instead of %5",
                                      name, bx, by, num(size), num(bytecount)));
                }
                if (trailer && bytecount >= 4) {
                    unsigned char b[8] = {0, 0, 0, 0, 1, 1, 1, 1};
                    VSIFSeekL(f, offset + bytecount - 4, SEEK_SET);
                    VSIFReadL(b, 1, 8, f);
                    if (std::memcmp(b, b + 4, 4) != 0)
                        fullError("block_trailer",
                                  trf(kCtx, "%1: for block (%2, %3), trailer bytes are invalid",
                                      name, bx, by));
                }
            }
            if (mask) {
                const std::uint64_t maskOffset = i < mask->offsets.size() ? mask->offsets[i] : 0;
                if (offset > 0 && maskOffset > 0) {
                    const std::uint64_t expected =
                        offset + bytecount + (leader ? 4 : 0) + (trailer ? 4 : 0);
                    if (maskOffset != expected)
                        fullError("mask_offset",
                                  trf(kCtx,
                                      "Mask of %1: for block (%2, %3), offset is %4, whereas %5 "
                                      "was expected",
                                      name, bx, by, num(maskOffset), num(expected)));
                } else if (offset == 0 && maskOffset > 0) {
                    if (rowMajor && maskOffset < last)
                        fullError("block_order",
                                  trf(kCtx,
                                      "Mask of %1: offset of block (%2, %3) is smaller than "
                                      "previous block",
                                      name, bx, by));
                    offset = maskOffset;
                }
            }
            last = offset;
        }
    }

  private:
    void fullError(const std::string& code, const std::string& message) {
        if (++fullErrors_ == kMaxFullCheckErrors)
            error("too_many_errors",
                  trc(kCtx, "Too many block errors; the remaining blocks were not checked"));
        else
            error(code, message);
    }
    CogReport& r_;
    std::size_t fullErrors_ = 0;
};

bool localPath(const std::string& gdalPath) {
    if (gdalPath.rfind("/vsimem/", 0) == 0) return true;
    std::error_code ec;
    return std::filesystem::exists(gdalPath, ec);
}

}  // namespace

CogReport validateCog(const std::string& path, const CogValidateOptions& options) {
    ensureGdal();
    CogReport r;
    r.path = path;
    r.rules = options.lenient ? "lenient" : "gdal";
    const std::string gdalPath = toGdalPath(path);
    std::optional<GdalThreadConfig> remoteConfig;
    if (isRemoteUri(path)) remoteConfig.emplace(GdalThreadConfig::remoteOptions());
    Checker check(r);

    VSIStatBufL st;
    if (VSIStatExL(gdalPath.c_str(), &st, VSI_STAT_EXISTS_FLAG | VSI_STAT_SIZE_FLAG) != 0)
        fail(ErrorKind::NotFound, trf(kCtx, "%1 does not exist or cannot be read", path));
    if (VSI_ISDIR(st.st_mode)) fail(ErrorKind::BadRequest, trf(kCtx, "%1 is a directory", path));
    r.fileSize = std::uint64_t(st.st_size);

    // Rule 1: a GeoTIFF GDAL can open. Only the GTiff driver is asked: probing every driver
    // would let GDAL's FITS driver (and others) parse any file, and it crashes on some valid
    // multi-extension FITS files (the viewer validates every image it opens).
    clearGdalError();
    const char* const tiffOnly[] = {"GTiff", nullptr};
    GDALDatasetH ds =
        GDALOpenEx(gdalPath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, tiffOnly, nullptr, nullptr);
    std::unique_ptr<void, void (*)(void*)> dsGuard(ds, [](void* h) {
        if (h) GDALClose(h);
    });
    if (!ds) {
        std::string why = gdalLastError();
        check.error("not_geotiff", why.empty() ? trc(kCtx, "The file is not a GeoTIFF")
                                               : trf(kCtx, "The file is not a GeoTIFF: %1", why));
        return r;
    }
    const char* driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds));
    if (!driver || std::strcmp(driver, "GTiff") != 0) {
        check.error("not_geotiff", trf(kCtx, "The file is not a GeoTIFF (it is read as %1)",
                                       std::string(driver ? driver : "?")));
        return r;
    }
    if (GDALGetRasterCount(ds) < 1) {
        check.error("no_bands", trc(kCtx, "The file has no raster band"));
        return r;
    }
    GDALRasterBandH band1 = GDALGetRasterBand(ds, 1);
    const int gdalOverviews = GDALGetOverviewCount(band1);

    // Rule 2: external overviews.
    char** files = GDALGetFileList(ds);
    bool externalOvr = false;
    for (char** p = files; p && *p; ++p)
        if (std::string(*p) == gdalPath + ".ovr") externalOvr = true;
    CSLDestroy(files);
    if (externalOvr)
        check.error("external_overviews",
                    trc(kCtx, "Overviews found in external .ovr file. They should be internal"));

    VsiFile file;
    file.f = VSIFOpenL(gdalPath.c_str(), "rb");
    if (!file.f) fail(ErrorKind::IO, trf(kCtx, "Cannot open %1", path));
    std::unique_ptr<VSILFILE, int (*)(VSILFILE*)> fileGuard(file.f, VSIFCloseL);
    file.size = r.fileSize;
    const auto tiff = readStructure(file, gdalPath);
    if (!tiff || tiff->ifds.empty()) {
        check.error("not_geotiff", trc(kCtx, "The TIFF structure cannot be read"));
        return r;
    }
    r.isTiff = true;
    r.bigTiff = tiff->bigTiff;
    const Ifd& main = tiff->ifds.front();
    std::vector<const Ifd*> overviews;
    std::vector<const Ifd*> masks;
    for (std::size_t i = 1; i < tiff->ifds.size(); ++i) {
        const Ifd& d = tiff->ifds[i];
        if (d.isMask())
            masks.push_back(&d);
        else if (d.isReduced() && d.samples == main.samples)
            overviews.push_back(&d);
    }
    r.overviewCount = int(overviews.size());
    r.externalOverviewCount = externalOvr ? std::max(0, gdalOverviews - r.overviewCount) : 0;
    r.maskCount = int(masks.size());
    r.subIfdCount = main.subIfds;
    auto maskFor = [&](const Ifd& level) -> const Ifd* {
        for (const Ifd* m : masks)
            if (m->width == level.width && m->height == level.height) return m;
        return nullptr;
    };
    auto addLevel = [&](const Ifd& d) {
        CogLevel l;
        l.ifdIndex = int(&d - tiff->ifds.data());
        l.ifdOffset = d.offset;
        l.dataOffset = d.firstDataOffset();
        l.width = int(d.width);
        l.height = int(d.height);
        l.blockWidth = int(d.blockWidth);
        l.blockHeight = int(d.blockHeight);
        l.tiled = d.tiled;
        l.hasMask = maskFor(d) != nullptr;
        r.levels.push_back(l);
    };
    addLevel(main);
    for (const Ifd* o : overviews) addLevel(*o);

    // Rules 3 and 4: tiling and overviews of large images.
    const bool large = options.lenient ? (main.width > 512 && main.height > 512)
                                       : (main.width > 512 || main.height > 512);
    if (large) {
        const bool notTiled = options.lenient
                                  ? !main.tiled
                                  : (main.blockWidth == main.width && main.blockWidth > 1024);
        if (notTiled)
            check.error("not_tiled",
                        trc(kCtx, "The file is greater than 512xH or Wx512, but is not tiled"));
        if (gdalOverviews == 0)
            check.warning("no_overviews", trc(kCtx,
                                              "The file is greater than 512xH or Wx512, it is "
                                              "recommended to include internal overviews"));
    }

    // Rules 5 and 6: the main IFD right after the header (and the ghost area).
    const std::uint64_t start = tiff->bigTiff ? 16 : 8;
    const Ghost ghost = readGhost(file.f, start);
    for (const auto& [k, v] : ghost.keys) r.ghost[k] = v;
    if (ghost.has("KNOWN_INCOMPATIBLE_EDITION", "YES"))
        check.error("known_incompatible_edition",
                    options.lenient
                        ? trc(kCtx,
                              "The file was modified after it was written as a COG "
                              "(KNOWN_INCOMPATIBLE_EDITION=YES): its layout is no longer "
                              "cloud optimized")
                        : trc(kCtx, "KNOWN_INCOMPATIBLE_EDITION=YES is declared in the file"));
    if (options.lenient) {
        if (main.offset > 300)
            check.error("ifd_not_at_start",
                        trf(kCtx, "The offset of the main IFD should be < 300. It is %1 instead",
                            num(main.offset)));
    } else if (main.offset != 8 && main.offset != 16) {
        std::uint64_t expected = start;
        if (ghost.present) {
            expected += 43 + ghost.size;
            expected += expected % 2;
        }
        if (expected != main.offset)
            check.error("ifd_not_at_start",
                        trf(kCtx, "The offset of the main IFD should be %1. It is %2 instead",
                            num(expected), num(main.offset)));
    }

    // Rules 7 and 8: overview sizes and IFD order.
    if (options.lenient) {
        std::vector<double> decimations;
        for (const Ifd* o : overviews)
            decimations.push_back(o->width ? double(main.width) / o->width : 0.0);
        if (!std::is_sorted(decimations.begin(), decimations.end()))
            check.error("overviews_not_sorted", trc(kCtx, "Overviews should be sorted"));
        for (std::size_t i = 0; i < decimations.size(); ++i)
            if (!(decimations[i] > 1.0))
                check.error("invalid_decimation",
                            trf(kCtx, "Invalid decimation %1 for overview level %2",
                                std::to_string(decimations[i]), num(i)));
    }
    for (std::size_t i = 0; i < overviews.size(); ++i) {
        const Ifd& o = *overviews[i];
        const Ifd& prev = i == 0 ? main : *overviews[i - 1];
        if (!options.lenient && (o.width > prev.width || o.height > prev.height)) {
            if (i == 0)
                check.error("overview_larger",
                            trc(kCtx, "First overview has larger dimension than main band"));
            else
                check.error("overview_larger",
                            trf(kCtx,
                                "Overview of index %1 has larger dimension than overview of "
                                "index %2",
                                num(i), num(i - 1)));
        }
        const bool notTiled = options.lenient ? (o.width > 512 && o.height > 512 && !o.tiled)
                                              : (o.blockWidth == o.width && o.blockWidth > 1024);
        if (notTiled)
            check.error("overview_not_tiled",
                        trf(kCtx, "Overview of index %1 is not tiled", num(i)));
        if (o.offset < prev.offset) {
            if (i == 0)
                check.error("ifd_order",
                            trf(kCtx,
                                "The offset of the IFD for overview of index %1 is %2, whereas it "
                                "should be greater than the one of the main image, which is at "
                                "byte %3",
                                num(i), num(o.offset), num(prev.offset)));
            else
                check.error("ifd_order",
                            trf(kCtx,
                                "The offset of the IFD for overview of index %1 is %2, whereas it "
                                "should be greater than the one of index %3, which is at byte %4",
                                num(i), num(o.offset), num(i - 1), num(prev.offset)));
        }
    }

    // Rules 9 and 10: all IFDs before the data, data from the smallest overview to the main image.
    const std::size_t n = r.levels.size();
    const auto& lv = r.levels;
    if (lv.back().dataOffset != 0 && lv.back().dataOffset < lv.back().ifdOffset) {
        if (!overviews.empty())
            check.error("data_before_ifd",
                        trc(kCtx,
                            "The offset of the first block of the smallest overview should be "
                            "after its IFD"));
        else
            check.error("data_before_ifd",
                        trc(kCtx,
                            "The offset of the first block of the image should be after "
                            "its IFD"));
    }
    for (std::size_t i = n >= 2 ? n - 2 : 0; i >= 1 && i < n; --i) {
        if (lv[i].dataOffset != 0 && lv[i].dataOffset < lv[i + 1].dataOffset)
            check.error("data_order",
                        trf(kCtx,
                            "The offset of the first block of overview of index %1 should be "
                            "after the one of the overview of index %2",
                            num(i - 1), num(i)));
    }
    if (n >= 2 && lv[0].dataOffset != 0 && lv[0].dataOffset < lv[1].dataOffset)
        check.error("main_data_order",
                    trf(kCtx,
                        "The offset of the first block of the main resolution image should be "
                        "after the one of the overview of index %1",
                        num(overviews.size() - 1)));

    // Rule 11: the full check of the block layout the ghost header promises.
    bool full = false;
    switch (options.fullCheck) {
        case CogFullCheck::Yes:
            full = true;
            break;
        case CogFullCheck::No:
            full = false;
            break;
        case CogFullCheck::Auto:
            full = !options.lenient && localPath(gdalPath);
            break;
    }
    const bool maskInterleaved = ghost.has("MASK_INTERLEAVED_WITH_IMAGERY", "YES");
    if (full &&
        (ghost.has("BLOCK_ORDER", "ROW_MAJOR") || ghost.has("BLOCK_LEADER", "SIZE_AS_UINT4") ||
         ghost.has("BLOCK_TRAILER", "LAST_4_BYTES_REPEATED") || maskInterleaved)) {
        r.fullCheckDone = true;
        check.fullCheckBand(file.f, trc(kCtx, "Main resolution image"), main, maskFor(main), ghost,
                            maskInterleaved);
        if (const Ifd* m = maskFor(main))
            check.fullCheckBand(file.f, trc(kCtx, "Mask band of main resolution image"), *m,
                                nullptr, ghost, false);
        for (std::size_t i = 0; i < overviews.size(); ++i) {
            check.fullCheckBand(file.f, trf(kCtx, "Overview %1", num(i)), *overviews[i],
                                maskFor(*overviews[i]), ghost, maskInterleaved);
            if (const Ifd* m = maskFor(*overviews[i]))
                check.fullCheckBand(file.f, trf(kCtx, "Mask band of overview %1", num(i)), *m,
                                    nullptr, ghost, false);
        }
    }

    std::uint64_t headers = 0;
    for (const auto& l : lv)
        if (l.dataOffset && (headers == 0 || l.dataOffset < headers)) headers = l.dataOffset;
    r.headersSize = headers ? headers : r.fileSize;

    if (options.strict) {
        for (const auto& w : r.warnings) r.errors.push_back(w);
        r.warnings.clear();
    }
    r.valid = r.errors.empty();
    return r;
}

nlohmann::json cogReportJson(const CogReport& r) {
    auto issues = [](const std::vector<CogIssue>& v) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& i : v) a.push_back({{"code", i.code}, {"message", i.message}});
        return a;
    };
    nlohmann::json d = nlohmann::json::object();
    if (r.isTiff) {
        nlohmann::json ifd = nlohmann::json::object(), data = nlohmann::json::object();
        nlohmann::json levels = nlohmann::json::array();
        for (std::size_t i = 0; i < r.levels.size(); ++i) {
            const auto& l = r.levels[i];
            const std::string key = i == 0 ? "main" : "overview_" + std::to_string(i - 1);
            ifd[key] = l.ifdOffset;
            data[key] = l.dataOffset;
            levels.push_back({{"ifd_index", l.ifdIndex},
                              {"width", l.width},
                              {"height", l.height},
                              {"block_width", l.blockWidth},
                              {"block_height", l.blockHeight},
                              {"tiled", l.tiled},
                              {"mask", l.hasMask}});
        }
        d["ifd_offsets"] = ifd;
        d["data_offsets"] = data;
        d["levels"] = levels;
        d["overview_count"] = r.overviewCount;
        d["external_overview_count"] = r.externalOverviewCount;
        d["mask_count"] = r.maskCount;
        d["subifd_count"] = r.subIfdCount;
        d["bigtiff"] = r.bigTiff;
        d["ghost_header"] = r.ghost;
        d["full_check"] = r.fullCheckDone;
        d["headers_size"] = r.headersSize;
        d["file_size"] = r.fileSize;
    }
    d["rules"] = r.rules;
    return {{"valid", r.valid},
            {"errors", issues(r.errors)},
            {"warnings", issues(r.warnings)},
            {"details", d}};
}

std::string cogReportText(const CogReport& r) {
    std::string s;
    if (!r.warnings.empty()) {
        s += trc(kCtx, "The following warnings were found:") + "\n";
        for (const auto& w : r.warnings) s += " - " + w.message + "\n";
        s += "\n";
    }
    if (!r.errors.empty()) {
        s += trf(kCtx, "%1 is NOT a valid cloud optimized GeoTIFF.", r.path) + "\n";
        s += trc(kCtx, "The following errors were found:") + "\n";
        for (const auto& e : r.errors) s += " - " + e.message + "\n";
    } else {
        s += trf(kCtx, "%1 is a valid cloud optimized GeoTIFF", r.path) + "\n";
        if (r.warnings.empty())
            s += "\n" + trf(kCtx, "The size of all IFD headers is %1 bytes", num(r.headersSize)) +
                 "\n";
    }
    return s;
}

}  // namespace tessera
