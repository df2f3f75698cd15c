#include "source/open_source.h"

#include <cpl_vsi.h>

#include <filesystem>
#include <functional>

#include "probe/probe.h"
#include "source/fits_source.h"
#include "source/gdal_env.h"
#include "source/gdal_source.h"
#include "source/tiff_source.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

bool startsWith(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

// The readers this build has, in auto-detection priority order. The TIFF and FITS readers slot
// in here, ahead of GDAL for the files they read better.
struct Reader {
    const char* name;
    std::function<SourcePtr(const std::string& uri, const std::string& gdalPath, bool remote,
                            bool forced)>
        open;
    // When auto-detecting, this reader's refusals (Unsupported, NotFound) are not reported: the
    // readers after it give the better message.
    bool quietRefusal = false;
};

const std::vector<Reader>& readers() {
    static const std::vector<Reader> list{
        // large_image's tiff source: SVS, non-georeferenced tiled TIFFs, TIFFs with Orientation.
        {"tiff",
         [](const std::string& uri, const std::string& gdalPath, bool remote,
            bool forced) -> SourcePtr {
             std::optional<GdalThreadConfig> scope;
             if (remote) scope.emplace(GdalThreadConfig::remoteOptions());
             return TiffSource::open(
                 uri, gdalPath,
                 forced ? TiffSource::Accept::AnyTiff : TiffSource::Accept::LargeImageRules);
         },
         true},
        // FITS through cfitsio: every image HDU and cube plane is a frame, physical values
        // (GDAL's FITS driver crashes on some multi-extension files and scales some twice).
        {"fits",
         [](const std::string& uri, const std::string& gdalPath, bool remote, bool) -> SourcePtr {
             if (remote || startsWith(gdalPath, "/vsi"))
                 fail(ErrorKind::Unsupported,
                      trf("OpenSource", "The FITS reader reads local files only: %1", uri));
             return FitsSource::open(uri, gdalPath);
         },
         true},
        {"gdal",
         [](const std::string& uri, const std::string& gdalPath, bool remote, bool) -> SourcePtr {
             return GdalSource::open(uri, gdalPath, remote);
         }},
    };
    return list;
}

std::string pythonList(const std::vector<std::string>& names) {
    std::string s = "[";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) s += ", ";
        s += "'" + names[i] + "'";
    }
    return s + "]";
}

}  // namespace

std::string toGdalPath(const std::string& uri) {
    if (startsWithNoCase(uri, "s3://")) return "/vsis3/" + uri.substr(5);
    if (startsWithNoCase(uri, "gs://")) return "/vsigs/" + uri.substr(5);
    if (startsWithNoCase(uri, "az://")) return "/vsiaz/" + uri.substr(5);
    if (startsWithNoCase(uri, "http://") || startsWithNoCase(uri, "https://") ||
        startsWithNoCase(uri, "ftp://"))
        return "/vsicurl/" + uri;
    if (startsWithNoCase(uri, "file://")) return uri.substr(7);
    return uri;
}

bool isRemoteUri(const std::string& uri) {
    static const char* schemes[] = {"http://", "https://", "ftp://", "s3://", "gs://", "az://"};
    for (const char* s : schemes)
        if (startsWithNoCase(uri, s)) return true;
    static const char* handlers[] = {"/vsicurl", "/vsis3",    "/vsigs",      "/vsiaz",  "/vsiadls",
                                     "/vsioss",  "/vsiswift", "/vsiwebhdfs", "/vsihdfs"};
    for (const char* h : handlers)
        if (uri.find(h) != std::string::npos) return true;
    return false;
}

bool isFileSystemPath(const std::string& uri) {
    if (isRemoteUri(uri) || uri.rfind("/vsi", 0) == 0) return false;
    // Other schemes and GDAL connection strings ("NETCDF:file.nc:var", "PG:...") are not paths.
    const auto colon = uri.find(':');
    if (colon == std::string::npos) return true;
    if (startsWithNoCase(uri, "file://")) return true;
    const auto slash = uri.find('/');
    return slash != std::string::npos && slash < colon;  // a colon inside a path is a path
}

std::vector<std::string> availableSourceNames() {
    std::vector<std::string> names;
    for (const Reader& r : readers()) names.emplace_back(r.name);
    return names;
}

SourcePtr openSource(const std::string& uri, const OpenOptions& options) {
    ensureGdal();
    const std::vector<Reader>& all = readers();
    std::vector<const Reader*> chosen;
    if (!options.sourceName.empty()) {
        for (const Reader& r : all)
            if (options.sourceName == r.name) chosen.push_back(&r);
        if (chosen.empty())
            fail(ErrorKind::BadRequest,
                 trf("OpenSource", "'%1' is not a valid source. Try one of: %2", options.sourceName,
                     pythonList(availableSourceNames())));
    } else {
        for (const Reader& r : all) chosen.push_back(&r);
    }
    if (uri.empty()) fail(ErrorKind::BadRequest, trc("OpenSource", "No file or URL was given."));

    const std::string gdalPath = toGdalPath(uri);
    const bool remote = isRemoteUri(uri);
    if (!remote) {
        if (startsWith(gdalPath, "/vsi")) {
            VSIStatBufL st;
            if (VSIStatExL(gdalPath.c_str(), &st, VSI_STAT_EXISTS_FLAG) != 0)
                fail(ErrorKind::NotFound, trf("OpenSource", "File not found: %1", uri));
        } else {
            std::error_code ec;
            if (!std::filesystem::exists(std::filesystem::path(gdalPath), ec))
                fail(ErrorKind::NotFound, trf("OpenSource", "File not found: %1", uri));
        }
        // A local file not seen before is first read in a crash-isolated child (probe/probe.h).
        vetBeforeOpen(uri, gdalPath, options.sourceName);
    }
    // Try the readers in order; report the first reader's error if none can open the file.
    std::optional<Error> firstError;
    for (const Reader* r : chosen) {
        try {
            return r->open(uri, gdalPath, remote, !options.sourceName.empty());
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::IO || chosen.size() == 1) throw;
            if (r->quietRefusal &&
                (e.kind() == ErrorKind::Unsupported || e.kind() == ErrorKind::NotFound))
                continue;
            if (!firstError) firstError = e;
        }
    }
    if (firstError) throw *firstError;
    fail(ErrorKind::Unsupported, trf("OpenSource", "%1 is not an image Tessera can read.", uri));
}

}  // namespace tessera
