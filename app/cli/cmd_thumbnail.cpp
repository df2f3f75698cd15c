// tessera thumbnail PATH [--width 256 --height 256] -o FILE: the whole image, aspect kept.
#include "cli/commands.h"
#include "cli/options.h"
#include "service/engine.h"

namespace tessera::cli {

int cmdThumbnail(Engine& engine, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "Write a thumbnail of the whole image."));
    p.addPositionalArgument(QStringLiteral("path"),
                            QCoreApplication::translate("Cli", "Image path or URL."));
    addImageOptions(p);
    addStyleOptions(p);
    addOutputOptions(p, "png");
    p.addOption({{QStringLiteral("width"), QStringLiteral("max_width")},
                 QCoreApplication::translate("Cli", "Maximum width (default 256)."),
                 QStringLiteral("px")});
    p.addOption({{QStringLiteral("height"), QStringLiteral("max_height")},
                 QCoreApplication::translate("Cli", "Maximum height (default 256)."),
                 QStringLiteral("px")});
    const QStringList pos = parseOrThrow(p, args, 1, 1);
    ThumbnailRequest r;
    r.image = imageRef(p, pos.at(0));
    r.maxWidth = intOption(p, QStringLiteral("width"), 256);
    r.maxHeight = intOption(p, QStringLiteral("height"), 256);
    r.style = styleSpec(p);
    r.encoding = outputEncoding(p, Encoding::PNG);
    r.encodeOptions = encodeOptions(p);
    writeOutput(p, *engine.thumbnail(r).bytes);
    return 0;
}

}  // namespace tessera::cli
