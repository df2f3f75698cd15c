// Process-wide GDAL setup (driver registration, remote-read settings, a quiet error handler)
// and the per-thread last GDAL error message used in Tessera's error texts.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tessera {

// Registers the GDAL drivers and applies Tessera's GDAL settings once per process (safe to call
// from any thread, any number of times). Settings the user gave in the environment win.
// Installs an error handler: GDAL never prints to stderr; messages are kept per thread.
void ensureGdal();

// The last GDAL failure message (CE_Failure/CE_Fatal, else the last warning) raised on the
// calling thread since clearGdalError(); empty when none.
std::string gdalLastError();
void clearGdalError();

// Sets GDAL configuration options for the calling thread only while alive (used around remote
// opens: GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR and VSI_CACHE would hide local sidecar files
// such as external .ovr overviews if they were set process-wide). Options the user set in the
// environment are left alone. Not copyable; restores the previous thread-local values.
class GdalThreadConfig {
  public:
    explicit GdalThreadConfig(const std::vector<std::pair<std::string, std::string>>& options);
    ~GdalThreadConfig();
    GdalThreadConfig(const GdalThreadConfig&) = delete;
    GdalThreadConfig& operator=(const GdalThreadConfig&) = delete;

    // The options Tessera applies to reads of remote (network) files.
    static std::vector<std::pair<std::string, std::string>> remoteOptions();

  private:
    struct Saved {
        std::string key;
        bool had = false;
        std::string value;
    };
    std::vector<Saved> saved_;
};

}  // namespace tessera
