// tessera region PATH --left L --top T --right R --bottom B [--units U] [--width W --height H]
// -o FILE: a region in pixels, fractions or any CRS; TIFF output is a georeferenced GeoTIFF.
#include "cli/commands.h"
#include "cli/options.h"
#include "service/engine.h"

namespace tessera::cli {

int cmdRegion(Engine& engine, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate("Cli", "Write a region of the image."));
    p.addPositionalArgument(QStringLiteral("path"),
                            QCoreApplication::translate("Cli", "Image path or URL."));
    addImageOptions(p);
    addStyleOptions(p);
    addOutputOptions(p, "tiff");
    for (const char* k : {"left", "top", "right", "bottom"})
        p.addOption({QLatin1String(k), QCoreApplication::translate("Cli", "Region bound."),
                     QStringLiteral("v")});
    p.addOption(
        {QStringLiteral("units"),
         QCoreApplication::translate("Cli",
                                     "pixels, fraction, projection or a CRS (default: EPSG:4326 "
                                     "for georeferenced images, else pixels)."),
         QStringLiteral("units")});
    p.addOption({QStringLiteral("width"),
                 QCoreApplication::translate("Cli", "Maximum output width."),
                 QStringLiteral("px")});
    p.addOption({QStringLiteral("height"),
                 QCoreApplication::translate("Cli", "Maximum output height."),
                 QStringLiteral("px")});
    const QStringList pos = parseOrThrow(p, args, 1, 1);
    RegionRequest r;
    r.image = imageRef(p, pos.at(0));
    r.left = doubleOption(p, QStringLiteral("left"));
    r.top = doubleOption(p, QStringLiteral("top"));
    r.right = doubleOption(p, QStringLiteral("right"));
    r.bottom = doubleOption(p, QStringLiteral("bottom"));
    r.units = p.value(QStringLiteral("units")).toStdString();
    r.width = intOption(p, QStringLiteral("width"), 0);
    r.height = intOption(p, QStringLiteral("height"), 0);
    if (r.width < 0 || r.height < 0) throw UsageError{"--width and --height must not be negative"};
    r.style = styleSpec(p);
    r.styleGiven = styleGiven(p);
    r.encoding = outputEncoding(p, Encoding::TIFF);
    r.encodeOptions = encodeOptions(p);
    writeOutput(p, *engine.region(r).bytes);
    return 0;
}

}  // namespace tessera::cli
