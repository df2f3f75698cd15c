// tessera histogram PATH [--bins N] [--density] [--only-min-max] [--full]: raw-data histograms,
// on an overview of at most 2048 px unless --full asks for full resolution.
#include "cli/commands.h"
#include "cli/options.h"
#include "service/engine.h"

namespace tessera::cli {

int cmdHistogram(Engine& engine, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "Print band histograms as JSON."));
    p.addPositionalArgument(QStringLiteral("path"),
                            QCoreApplication::translate("Cli", "Image path or URL."));
    addImageOptions(p);
    p.addOption({QStringLiteral("bins"),
                 QCoreApplication::translate("Cli", "Number of bins (default 256)."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("density"),
                 QCoreApplication::translate("Cli", "Densities instead of counts.")});
    p.addOption({{QStringLiteral("only-min-max"), QStringLiteral("onlyMinMax")},
                 QCoreApplication::translate("Cli", "Only min, max, mean and stdev.")});
    p.addOption({QStringLiteral("range-min"),
                 QCoreApplication::translate("Cli", "Lower histogram bound."),
                 QStringLiteral("v")});
    p.addOption({QStringLiteral("range-max"),
                 QCoreApplication::translate("Cli", "Upper histogram bound."),
                 QStringLiteral("v")});
    p.addOption({QStringLiteral("full"),
                 QCoreApplication::translate("Cli", "Use every pixel at full resolution.")});
    p.addOption({QStringLiteral("max-size"),
                 QCoreApplication::translate("Cli", "Longest side analysed (default 2048)."),
                 QStringLiteral("px")});
    const QStringList pos = parseOrThrow(p, args, 1, 1);
    HistogramRequest r;
    r.image = imageRef(p, pos.at(0));
    r.bins = intOption(p, QStringLiteral("bins"), 256);
    r.density = p.isSet(QStringLiteral("density"));
    r.onlyMinMax = p.isSet(QStringLiteral("only-min-max"));
    r.rangeMin = optionalDouble(p, QStringLiteral("range-min"));
    r.rangeMax = optionalDouble(p, QStringLiteral("range-max"));
    r.frame = intOption(p, QStringLiteral("frame"), 0);
    r.maxSize =
        p.isSet(QStringLiteral("full")) ? 0 : intOption(p, QStringLiteral("max-size"), 2048);
    if (r.maxSize < 0) throw UsageError{"--max-size must not be negative"};
    printJson(engine.histogram(r));
    return 0;
}

}  // namespace tessera::cli
