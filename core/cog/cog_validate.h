// Cloud Optimized GeoTIFF validation following GDAL's validate_cloud_optimized_geotiff.py rule
// by rule (plus its full leader/trailer check), with a "lenient" mode for rio-cogeo's rules.
// The TIFF structure is read with libtiff over GDAL's VSI, so local, /vsicurl/ and /vsis3/ paths
// (and http(s)://, s3:// URIs) all work. Thread safety: validateCog is reentrant.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tessera {

enum class CogFullCheck { Auto, Yes, No };  // Auto = local files only, as GDAL

struct CogValidateOptions {
    bool lenient = false;  // rio-cogeo's rules instead of GDAL's
    bool strict = false;   // warnings count as errors
    CogFullCheck fullCheck = CogFullCheck::Auto;
};

// One finding: a stable code ("not_tiled", "ifd_not_at_start", ...) and a translated message.
struct CogIssue {
    std::string code;
    std::string message;
};

// One resolution level (main image or an internal overview) as the file stores it.
struct CogLevel {
    int ifdIndex = 0;
    std::uint64_t ifdOffset = 0;
    std::uint64_t dataOffset = 0;  // first non-empty block of band 1 (0 = all empty)
    int width = 0, height = 0;
    int blockWidth = 0, blockHeight = 0;
    bool tiled = false;
    bool hasMask = false;  // an internal mask IFD of the same size exists
};

struct CogReport {
    std::string path;
    bool valid = false;
    std::vector<CogIssue> errors;
    std::vector<CogIssue> warnings;
    // Details (empty when the file is not a TIFF).
    bool isTiff = false;
    bool bigTiff = false;
    std::string rules;                         // "gdal" or "lenient"
    std::vector<CogLevel> levels;              // main first, then overviews in file order
    int overviewCount = 0;                     // internal overviews
    int externalOverviewCount = 0;             // in a .ovr sidecar
    int maskCount = 0;                         // internal mask IFDs
    int subIfdCount = 0;                       // SubIFDs of the main IFD (not used by GDAL)
    std::map<std::string, std::string> ghost;  // ghost header keys ("" map = none)
    bool fullCheckDone = false;
    std::uint64_t headersSize = 0;  // bytes before the first image data
    std::uint64_t fileSize = 0;
};

// Validates path. Throws Error(NotFound) when the file does not exist or cannot be read at all;
// a file that exists but is not a GeoTIFF gives valid = false with the reason.
CogReport validateCog(const std::string& path, const CogValidateOptions& options = {});

// {valid, errors: [{code, message}], warnings: [...], details: {...}}.
nlohmann::json cogReportJson(const CogReport& report);
// The report for people, as GDAL's script prints it (translated).
std::string cogReportText(const CogReport& report);

}  // namespace tessera
