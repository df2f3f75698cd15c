// tessera crs: the supported output CRSes (EPSG codes; shipped list or the user's crs.conf) as
// JSON, with the file they came from and the problems found in it.
#include "cli/commands.h"
#include "cli/options.h"
#include "formats/service_config.h"
#include "formats/service_config_json.h"

namespace tessera::cli {

int cmdCrs(Engine&, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "Print the supported output CRSes as JSON."));
    parseOrThrow(p, args, 0, 0);
    nlohmann::json j = crsJson(*ServiceConfig::current());
    j["userFile"] = ServiceConfig::userConfigDir() + "/crs.conf";
    printJson(j);
    return 0;
}

}  // namespace tessera::cli
