// tessera pixel PATH --left X --top Y [--units U]: raw band values and the styled value.
#include "cli/commands.h"
#include "cli/options.h"
#include "service/engine.h"

namespace tessera::cli {

int cmdPixel(Engine& engine, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "Print one pixel's values as JSON."));
    p.addPositionalArgument(QStringLiteral("path"),
                            QCoreApplication::translate("Cli", "Image path or URL."));
    addImageOptions(p);
    addStyleOptions(p);
    p.addOption({QStringLiteral("left"),
                 QCoreApplication::translate("Cli", "x (pixels unless --units)."),
                 QStringLiteral("x")});
    p.addOption({QStringLiteral("top"),
                 QCoreApplication::translate("Cli", "y (pixels unless --units)."),
                 QStringLiteral("y")});
    p.addOption({QStringLiteral("units"),
                 QCoreApplication::translate("Cli", "pixels, fraction, projection or a CRS."),
                 QStringLiteral("units")});
    const QStringList pos = parseOrThrow(p, args, 1, 1);
    PixelRequest r;
    r.image = imageRef(p, pos.at(0));
    r.left = doubleOption(p, QStringLiteral("left"));
    r.top = doubleOption(p, QStringLiteral("top"));
    r.units = p.value(QStringLiteral("units")).toStdString();
    r.style = styleSpec(p);
    printJson(engine.pixel(r));
    return 0;
}

}  // namespace tessera::cli
