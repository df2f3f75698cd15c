#include "formats/service_config_json.h"

namespace tessera {

nlohmann::json problemsJson(const std::vector<ConfigProblem>& problems) {
    nlohmann::json j = nlohmann::json::array();
    for (const ConfigProblem& p : problems)
        j.push_back({{"file", p.file}, {"line", p.line}, {"message", p.message}});
    return j;
}

nlohmann::json formatsJson(const ServiceConfig& config) {
    nlohmann::json formats = nlohmann::json::array();
    for (const OutputFormat& f : config.formats.formats())
        formats.push_back({{"driver", f.driver},
                           {"mimeType", f.mimeType},
                           {"writable", f.writable},
                           {"extension", f.extension}});
    nlohmann::json native = nlohmann::json::object();
    for (const auto& [src, dst] : config.formats.nativeMappings()) {
        const OutputFormat* f = config.formats.find(dst);
        native[src] = f ? f->driver : dst;
    }
    return {{"file", config.formatsFile},
            {"formats", formats},
            {"native", native},
            {"problems", problemsJson(config.problems)}};
}

nlohmann::json crsJson(const ServiceConfig& config) {
    nlohmann::json names = nlohmann::json::array();
    for (int c : config.epsgCodes) names.push_back("EPSG:" + std::to_string(c));
    return {{"file", config.crsFile},
            {"epsg", config.epsgCodes},
            {"crs", names},
            {"problems", problemsJson(config.problems)}};
}

}  // namespace tessera
