#include "source/gdal_env.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

namespace tessera {

namespace {

thread_local std::string tlsLastError;
thread_local bool tlsLastIsFailure = false;

void quietHandler(CPLErr level, CPLErrorNum, const char* message) {
    if (level == CE_Debug || level == CE_None) return;
    const bool failure = level == CE_Failure || level == CE_Fatal;
    // A warning never replaces a failure message raised since the last clear.
    if (!failure && tlsLastIsFailure) return;
    tlsLastError = message ? message : "";
    tlsLastIsFailure = failure;
}

void setDefault(const char* key, const char* value) {
    if (CPLGetConfigOption(key, nullptr) == nullptr) CPLSetConfigOption(key, value);
}

}  // namespace

void ensureGdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        CPLSetErrorHandler(quietHandler);
        // Process-wide settings that only matter for network reads (or are global anyway).
        setDefault("GDAL_HTTP_MERGE_CONSECUTIVE_RANGES", "YES");
        setDefault("GDAL_HTTP_MULTIPLEX", "YES");
        setDefault("CPL_VSIL_CURL_CACHE_SIZE", "134217728");  // 128 MB of fetched ranges
        setDefault("GDAL_HTTP_MAX_RETRY", "2");
        setDefault("GDAL_HTTP_RETRY_DELAY", "0.5");
        if (CPLGetConfigOption("GDAL_CACHEMAX", nullptr) == nullptr)
            GDALSetCacheMax64(GIntBig(512) << 20);  // 512 MB block cache
        GDALAllRegister();
    });
}

std::string gdalLastError() {
    return tlsLastError;
}

void clearGdalError() {
    tlsLastError.clear();
    tlsLastIsFailure = false;
    CPLErrorReset();
}

GdalThreadConfig::GdalThreadConfig(
    const std::vector<std::pair<std::string, std::string>>& options) {
    for (const auto& [key, value] : options) {
        // A value the user set (environment or global config) wins.
        const char* old = CPLGetThreadLocalConfigOption(key.c_str(), nullptr);
        if (old == nullptr && CPLGetConfigOption(key.c_str(), nullptr) != nullptr) continue;
        Saved s;
        s.key = key;
        if (old != nullptr) {
            s.had = true;
            s.value = old;
        }
        CPLSetThreadLocalConfigOption(key.c_str(), value.c_str());
        saved_.push_back(std::move(s));
    }
}

GdalThreadConfig::~GdalThreadConfig() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it)
        CPLSetThreadLocalConfigOption(it->key.c_str(), it->had ? it->value.c_str() : nullptr);
}

std::vector<std::pair<std::string, std::string>> GdalThreadConfig::remoteOptions() {
    return {
        {"GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR"},  // no bucket LIST, no sidecar probes
        {"VSI_CACHE", "TRUE"},                          // per-handle read cache
        {"VSI_CACHE_SIZE", "16777216"},                 // 16 MB per handle
        {"GDAL_INGESTED_BYTES_AT_OPEN", "32768"},
    };
}

}  // namespace tessera
