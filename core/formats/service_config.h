// ServiceConfig: formats registry + supported CRS list, loaded once from the shipped defaults
// (Qt resource) overridden by user files in the config dir ($XDG_CONFIG_HOME/tessera/formats.conf,
// crs.conf); reloadable. Thread safety: current() returns an immutable snapshot; reload() is
// atomic.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/format_registry.h"

namespace tessera {

struct ServiceConfig {
    FormatRegistry formats;
    std::vector<int> epsgCodes;        // supported output CRSes (EPSG codes), sorted, unique
    std::string formatsFile, crsFile;  // the files they came from ("" = shipped defaults)
    std::vector<ConfigProblem> problems;

    // The process-wide configuration, loaded on first use from userConfigDir().
    static std::shared_ptr<const ServiceConfig> current();
    static std::shared_ptr<const ServiceConfig> reload();  // re-reads the files
    // Defaults overridden by configDir/formats.conf and configDir/crs.conf when they exist
    // ("" = defaults only). Malformed lines are recorded in problems (the file is then ignored
    // for that part) rather than thrown, so a bad user file never stops the application.
    static std::shared_ptr<const ServiceConfig> load(const std::string& configDir);
    bool supportsCrs(int epsg) const;

    // $TESSERA_CONFIG_DIR, else $XDG_CONFIG_HOME/tessera, else ~/.config/tessera.
    static std::string userConfigDir();
    // The shipped default files' text (":/tessera/formats/formats.conf", "crs.conf").
    static std::string defaultFormatsText();
    static std::string defaultCrsText();
    // Parses a CRS list: one entry a line, "4326", "EPSG:4326" or a range "32601-32660";
    // '#' comments and blank lines ignored. A bad line throws Error(BadRequest) naming file:line.
    static std::vector<int> parseCrsList(std::string_view text, const std::string& fileName);

    // Parses "EPSG:nnnn" / "epsg:nnnn" / "nnnn" / "urn:ogc:def:crs:EPSG::nnnn" /
    // "http://www.opengis.net/def/crs/EPSG/0/nnnn" and checks it is in the list; throws
    // Error(BadRequest) listing the supported codes otherwise. Returns the EPSG code.
    int requireCrs(std::string_view crs) const;
    // "EPSG:4326, EPSG:3857, EPSG:32601–32660, ..." (ranges compressed), for messages.
    std::string describeCrsList() const;
};

}  // namespace tessera
