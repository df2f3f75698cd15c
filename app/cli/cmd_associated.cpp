// tessera associated PATH NAME -o FILE [--width W --height H]: writes one associated image of a
// slide (label, macro, thumbnail), fitted into W × H when given. `tessera info PATH --images`
// lists the names.
#include "cli/commands.h"
#include "cli/options.h"
#include "service/engine.h"

namespace tessera::cli {

int cmdAssociated(Engine& engine, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli", "Write an associated image of a slide (label, macro, thumbnail)."));
    p.addPositionalArgument(QStringLiteral("path"),
                            QCoreApplication::translate("Cli", "Image path or URL."));
    p.addPositionalArgument(
        QStringLiteral("name"),
        QCoreApplication::translate("Cli", "Associated image name (see info --images)."));
    addImageOptions(p);
    addOutputOptions(p, "png");
    p.addOption({{QStringLiteral("width"), QStringLiteral("max_width")},
                 QCoreApplication::translate("Cli", "Maximum width (default: native)."),
                 QStringLiteral("px")});
    p.addOption({{QStringLiteral("height"), QStringLiteral("max_height")},
                 QCoreApplication::translate("Cli", "Maximum height (default: native)."),
                 QStringLiteral("px")});
    const QStringList pos = parseOrThrow(p, args, 2, 2);
    const ImageRef ref = imageRef(p, pos.at(0));
    const Encoded e = engine.associatedImage(ref, pos.at(1).toStdString(),
                                             intOption(p, QStringLiteral("width"), 0),
                                             intOption(p, QStringLiteral("height"), 0),
                                             outputEncoding(p, Encoding::PNG), encodeOptions(p));
    writeOutput(p, *e.bytes);
    return 0;
}

}  // namespace tessera::cli
