// tessera validate PATH [--lenient] [--strict] [--full-check yes|no|auto] [--json]: checks that
// PATH is a Cloud Optimized GeoTIFF (GDAL's rules, or rio-cogeo's with --lenient). Exit 0 when
// valid, 1 when not, 2 when the file cannot be read.
#include <cstdio>

#include "cli/commands.h"
#include "cli/options.h"
#include "cog/cog_validate.h"

namespace tessera::cli {

int cmdValidate(Engine&, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli", "Check that a file is a Cloud Optimized GeoTIFF (exit 0 valid, 1 invalid)."));
    p.addPositionalArgument(QStringLiteral("path"),
                            QCoreApplication::translate("Cli", "Image path or URL."));
    p.addOption({QStringLiteral("lenient"),
                 QCoreApplication::translate("Cli", "rio-cogeo's rules instead of GDAL's.")});
    p.addOption({QStringLiteral("strict"),
                 QCoreApplication::translate("Cli", "Warnings count as errors.")});
    p.addOption(
        {QStringLiteral("full-check"),
         QCoreApplication::translate(
             "Cli", "Check block leaders and trailers: yes, no or auto (local files only)."),
         QStringLiteral("mode"), QStringLiteral("auto")});
    p.addOption(
        {QStringLiteral("json"), QCoreApplication::translate("Cli", "Print the report as JSON.")});
    const QStringList pos = parseOrThrow(p, args, 1, 1);
    CogValidateOptions o;
    o.lenient = p.isSet(QStringLiteral("lenient"));
    o.strict = p.isSet(QStringLiteral("strict"));
    const QString full = p.value(QStringLiteral("full-check"));
    if (full == QStringLiteral("yes"))
        o.fullCheck = CogFullCheck::Yes;
    else if (full == QStringLiteral("no"))
        o.fullCheck = CogFullCheck::No;
    else if (full == QStringLiteral("auto"))
        o.fullCheck = CogFullCheck::Auto;
    else
        throw UsageError{QCoreApplication::translate("Cli", "--full-check must be yes, no or auto")
                             .toStdString()};
    const CogReport report = validateCog(pos.at(0).toStdString(), o);
    if (p.isSet(QStringLiteral("json")))
        printJson(cogReportJson(report));
    else
        std::fputs(cogReportText(report).c_str(), stdout);
    return report.valid ? 0 : 1;
}

}  // namespace tessera::cli
