#include "cog/cog_convert.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>

#include <QRandomGenerator>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include "probe/probe.h"
#include "source/gdal_env.h"
#include "source/open_source.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

constexpr const char* kCtx = "CogConvert";

// Values of one option of the COG driver's creation option list (XML).
std::vector<std::string> driverOptionValues(const char* option) {
    ensureGdal();
    std::vector<std::string> out;
    GDALDriverH drv = GDALGetDriverByName("COG");
    if (!drv) return out;
    const char* xml = GDALGetMetadataItem(drv, GDAL_DMD_CREATIONOPTIONLIST, nullptr);
    if (!xml) return out;
    CPLXMLNode* root = CPLParseXMLString(xml);
    if (!root) return out;
    for (CPLXMLNode* n = root->psChild; n; n = n->psNext) {
        if (n->eType != CXT_Element || !EQUAL(n->pszValue, "Option")) continue;
        if (!EQUAL(CPLGetXMLValue(n, "name", ""), option)) continue;
        for (CPLXMLNode* v = n->psChild; v; v = v->psNext)
            if (v->eType == CXT_Element && EQUAL(v->pszValue, "Value")) {
                const char* text = CPLGetXMLValue(v, nullptr, "");
                if (text && *text) out.push_back(asciiUpper(text));
            }
    }
    CPLDestroyXMLNode(root);
    return out;
}

struct ProgressState {
    const CogProgress* progress = nullptr;
    bool cancelled = false;
};

int CPL_STDCALL gdalProgress(double complete, const char*, void* data) {
    auto* s = static_cast<ProgressState*>(data);
    if (s->progress && *s->progress && !(*s->progress)(std::clamp(complete, 0.0, 1.0))) {
        s->cancelled = true;
        return FALSE;
    }
    return TRUE;
}

void removeQuietly(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

}  // namespace

std::vector<std::string> availableCogCompressions() {
    static const std::vector<std::string> values = driverOptionValues("COMPRESS");
    return values;
}

std::vector<std::string> cogResamplings() {
    static const std::vector<std::string> values = [] {
        auto v = driverOptionValues("RESAMPLING");
        if (v.empty())
            v = {"NEAREST",     "AVERAGE", "BILINEAR", "CUBIC",
                 "CUBICSPLINE", "LANCZOS", "MODE",     "RMS"};
        return v;
    }();
    return values;
}

bool convertToCog(const std::string& input, const std::string& output, const CogConvertOptions& o,
                  const CogProgress& progress) {
    ensureGdal();
    if (output.empty()) fail(ErrorKind::BadRequest, trc(kCtx, "No output file given."));
    // Options first: nothing is opened or written for bad ones.
    const std::string compress = asciiUpper(o.compression.empty() ? "DEFLATE" : o.compression);
    const auto comps = availableCogCompressions();
    if (std::find(comps.begin(), comps.end(), compress) == comps.end()) {
        std::string list;
        for (const auto& c : comps) list += (list.empty() ? "" : ", ") + c;
        fail(ErrorKind::BadRequest,
             trf(kCtx, "Unknown compression \"%1\". This GDAL offers: %2", o.compression, list));
    }
    if (o.quality && (*o.quality < 1 || *o.quality > 100))
        fail(ErrorKind::BadRequest, trc(kCtx, "The quality must be between 1 and 100."));
    if (o.blockSize < 64 || o.blockSize > 4096 || (o.blockSize & (o.blockSize - 1)) != 0)
        fail(ErrorKind::BadRequest,
             trc(kCtx, "The block size must be a power of two between 64 and 4096."));
    const std::string resampling = asciiUpper(o.resampling);
    if (!resampling.empty()) {
        const auto rs = cogResamplings();
        if (std::find(rs.begin(), rs.end(), resampling) == rs.end())
            fail(ErrorKind::BadRequest, trf(kCtx, "Unknown resampling \"%1\".", o.resampling));
    }
    const std::string predictor = asciiUpper(o.predictor);
    if (!predictor.empty() && predictor != "YES" && predictor != "NO" && predictor != "STANDARD" &&
        predictor != "FLOATING_POINT")
        fail(ErrorKind::BadRequest, trf(kCtx, "Unknown predictor \"%1\".", o.predictor));
    const std::string bigTiff = asciiUpper(o.bigTiff.empty() ? "IF_SAFER" : o.bigTiff);
    if (bigTiff != "YES" && bigTiff != "NO" && bigTiff != "IF_NEEDED" && bigTiff != "IF_SAFER")
        fail(ErrorKind::BadRequest, trf(kCtx, "Unknown BigTIFF choice \"%1\".", o.bigTiff));
    if (!o.targetCrs.empty()) {
        OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
        const OGRErr err = OSRSetFromUserInput(srs, o.targetCrs.c_str());
        OSRDestroySpatialReference(srs);
        if (err != OGRERR_NONE)
            fail(ErrorKind::BadRequest, trf(kCtx, "Unknown CRS \"%1\".", o.targetCrs));
    }

    namespace fs = std::filesystem;
    const fs::path out(output);
    std::error_code ec;
    if (fs::exists(out, ec)) {
        if (fs::is_directory(out, ec))
            fail(ErrorKind::BadRequest, trf(kCtx, "%1 is a directory.", output));
        if (!o.overwrite)
            fail(ErrorKind::BadRequest,
                 trf(kCtx, "%1 already exists (use --overwrite to replace it).", output));
    }
    const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
    if (!fs::is_directory(dir, ec))
        fail(ErrorKind::NotFound, trf(kCtx, "The directory of %1 does not exist.", output));

    const std::string gdalInput = toGdalPath(input);
    std::optional<GdalThreadConfig> remote;
    if (isRemoteUri(input)) remote.emplace(GdalThreadConfig::remoteOptions());
    // GDAL's drivers read the input in this process: a local file is vetted first, as every
    // open is (probe/probe.h; GDAL's reader, since that is what converts it).
    vetBeforeOpen(input, gdalInput, "gdal");
    clearGdalError();
    GDALDatasetH src =
        GDALOpenEx(gdalInput.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!src) {
        VSIStatBufL st;
        if (VSIStatL(gdalInput.c_str(), &st) != 0)
            fail(ErrorKind::NotFound, trf(kCtx, "%1 does not exist.", input));
        fail(ErrorKind::Unsupported, trf(kCtx, "GDAL cannot read %1: %2", input, gdalLastError()));
    }
    std::unique_ptr<void, void (*)(void*)> srcGuard(src, [](void* h) { GDALClose(h); });

    CPLStringList argv;
    argv.AddString("-of");
    argv.AddString("COG");
    auto co = [&](const std::string& kv) {
        argv.AddString("-co");
        argv.AddString(kv.c_str());
    };
    co("COMPRESS=" + compress);
    co("BLOCKSIZE=" + std::to_string(o.blockSize));
    co("BIGTIFF=" + bigTiff);
    if (o.quality) co("QUALITY=" + std::to_string(*o.quality));
    if (o.level) co("LEVEL=" + std::to_string(*o.level));
    if (!predictor.empty()) co("PREDICTOR=" + predictor);
    if (!resampling.empty()) co("RESAMPLING=" + resampling);
    if (!o.targetCrs.empty()) co("TARGET_SRS=" + o.targetCrs);
    if (!o.threads.empty()) co("NUM_THREADS=" + o.threads);
    if (o.nodata) {
        argv.AddString("-a_nodata");
        argv.AddString(CPLSPrintf("%.17g", *o.nodata));
    }
    GDALTranslateOptions* topts = GDALTranslateOptionsNew(argv.List(), nullptr);
    if (!topts)
        fail(ErrorKind::BadRequest, trf(kCtx, "Invalid conversion options: %1", gdalLastError()));
    ProgressState state{&progress, false};
    GDALTranslateOptionsSetProgress(topts, gdalProgress, &state);

    const std::string tmp =
        (dir / ("." + out.filename().string() + ".partial-" +
                std::to_string(QRandomGenerator::global()->generate64()) + ".tif"))
            .string();
    int usageError = FALSE;
    clearGdalError();
    GDALDatasetH dst = GDALTranslate(tmp.c_str(), src, topts, &usageError);
    GDALTranslateOptionsFree(topts);
    bool closedOk = true;
    if (dst) {
        // Closing flushes the last blocks: a failure there (disk full) is a failed run.
        CPLErrorReset();
        GDALClose(dst);
        closedOk = CPLGetLastErrorType() != CE_Failure && CPLGetLastErrorType() != CE_Fatal;
    }
    auto cleanTemp = [&] {
        removeQuietly(tmp);
        removeQuietly(tmp + ".ovr");
        removeQuietly(tmp + ".aux.xml");
    };
    if (state.cancelled) {
        cleanTemp();
        return false;
    }
    if (!dst || !closedOk) {
        const std::string why = gdalLastError();
        cleanTemp();
        fail(usageError ? ErrorKind::BadRequest : ErrorKind::Unsupported,
             trf(kCtx, "The conversion of %1 failed: %2", input, why));
    }
    removeQuietly(tmp + ".aux.xml");
    fs::rename(tmp, out, ec);
    if (ec) {
        cleanTemp();
        fail(ErrorKind::IO, trf(kCtx, "Cannot write %1: %2", output, ec.message()));
    }
    return true;
}

}  // namespace tessera
