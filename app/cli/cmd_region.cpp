// tessera region PATH --left L --top T --right R --bottom B [--units U] [--width W --height H]
// [--crs EPSG:n] [--format F] -o FILE: a region in pixels, fractions or any CRS, in any writable
// format of the formats registry, optionally reprojected; GeoTIFF and other data formats are
// georeferenced.
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/region_format.h"
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
    p.addOption({QStringLiteral("crs"),
                 QCoreApplication::translate(
                     "Cli",
                     "Output CRS, e.g. EPSG:32633 (one of 'tessera crs'; default: the "
                     "image's). The region is reprojected and georeferenced in it."),
                 QStringLiteral("crs")});
    p.addOption({QStringLiteral("format"),
                 QCoreApplication::translate(
                     "Cli",
                     "Output format: GDAL driver, extension or MIME type (one of 'tessera "
                     "formats --writable'; default: from the -o extension, else the "
                     "image's native output format)."),
                 QStringLiteral("format")});
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
    r.outputCrs = p.value(QStringLiteral("crs")).toStdString();
    r.format = regionOutputFormat(engine, p, r.image);
    const Encoded e = engine.region(r);
    writeRegionOutput(p, e);
    return 0;
}

}  // namespace tessera::cli
