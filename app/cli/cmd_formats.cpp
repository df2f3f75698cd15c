// tessera formats [--writable]: the output formats registry (shipped defaults overridden by the
// user's formats.conf) as JSON, with the file it came from and the problems found in it.
#include "cli/commands.h"
#include "cli/options.h"
#include "formats/service_config.h"
#include "formats/service_config_json.h"

namespace tessera::cli {

int cmdFormats(Engine&, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli", "Print the output formats (GDAL driver, MIME type, rw/ro, extension) as JSON."));
    p.addOption({QStringLiteral("writable"),
                 QCoreApplication::translate("Cli", "Only the formats Tessera writes.")});
    parseOrThrow(p, args, 0, 0);
    auto config = ServiceConfig::current();
    nlohmann::json j = formatsJson(*config);
    if (p.isSet(QStringLiteral("writable"))) {
        nlohmann::json only = nlohmann::json::array();
        for (const auto& f : j["formats"])
            if (f["writable"].get<bool>()) only.push_back(f);
        j["formats"] = only;
    }
    j["userFile"] = ServiceConfig::userConfigDir() + "/formats.conf";
    printJson(j);
    return 0;
}

}  // namespace tessera::cli
