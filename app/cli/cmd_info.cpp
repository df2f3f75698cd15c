// tessera info PATH [--internal | --bands | --band N | --frames | --tiles | --images]: metadata
// as JSON.
#include "cli/commands.h"
#include "cli/options.h"
#include "service/engine.h"

namespace tessera::cli {

int cmdInfo(Engine& engine, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "Print image metadata as JSON."));
    p.addPositionalArgument(QStringLiteral("path"),
                            QCoreApplication::translate("Cli", "Image path or URL."));
    addImageOptions(p);
    p.addOption(
        {QStringLiteral("internal"), QCoreApplication::translate("Cli", "Driver-level metadata.")});
    p.addOption({QStringLiteral("bands"), QCoreApplication::translate("Cli", "Band information.")});
    p.addOption({QStringLiteral("band-info"),
                 QCoreApplication::translate("Cli", "One band's information."),
                 QStringLiteral("n")});
    p.addOption(
        {QStringLiteral("frames"), QCoreApplication::translate("Cli", "Frames and their bands.")});
    p.addOption(
        {QStringLiteral("tiles"), QCoreApplication::translate("Cli", "tiles/metadata form.")});
    p.addOption({QStringLiteral("images"),
                 QCoreApplication::translate(
                     "Cli", "Names of the associated images (label, macro, thumbnail).")});
    const QStringList pos = parseOrThrow(p, args, 1, 1);
    const ImageRef ref = imageRef(p, pos.at(0));
    if (p.isSet(QStringLiteral("internal")))
        printJson(engine.internalMetadata(ref));
    else if (p.isSet(QStringLiteral("bands")))
        printJson(engine.bands(ref));
    else if (p.isSet(QStringLiteral("band-info")))
        printJson(engine.band(ref, intOption(p, QStringLiteral("band-info"), 1)));
    else if (p.isSet(QStringLiteral("frames")))
        printJson(engine.frames(ref));
    else if (p.isSet(QStringLiteral("tiles")))
        printJson(engine.tilesMetadata(ref));
    else if (p.isSet(QStringLiteral("images")))
        printJson(engine.associatedImages(ref));
    else
        printJson(engine.infoMetadata(ref));
    return 0;
}

}  // namespace tessera::cli
