// tessera tile PATH Z X Y -o FILE [--encoding png] [--style JSON] [--projection EPSG:3857].
#include "cli/commands.h"
#include "cli/options.h"
#include "service/engine.h"

namespace tessera::cli {

int cmdTile(Engine& engine, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "Write one tile (z = 0 is the coarsest level)."));
    p.addPositionalArgument(QStringLiteral("path"),
                            QCoreApplication::translate("Cli", "Image path or URL."));
    p.addPositionalArgument(QStringLiteral("z"), QStringLiteral("z"));
    p.addPositionalArgument(QStringLiteral("x"), QStringLiteral("x"));
    p.addPositionalArgument(QStringLiteral("y"), QStringLiteral("y"));
    addImageOptions(p);
    addStyleOptions(p);
    addOutputOptions(p, "png");
    p.addOption({QStringLiteral("crop"),
                 QCoreApplication::translate("Cli", "Do not pad edge tiles to 256×256.")});
    const QStringList pos = parseOrThrow(p, args, 4, 4);
    int zxy[3];
    for (int i = 0; i < 3; ++i) {
        bool ok = false;
        zxy[i] = pos.at(i + 1).toInt(&ok);
        if (!ok)
            throw UsageError{
                QCoreApplication::translate("Cli", "z, x and y must be integers, not \"%1\"")
                    .arg(pos.at(i + 1))
                    .toStdString()};
    }
    TileRequest r;
    r.image = imageRef(p, pos.at(0));
    r.z = zxy[0], r.x = zxy[1], r.y = zxy[2];
    r.style = styleSpec(p);
    r.encoding = outputEncoding(p, Encoding::PNG);
    r.encodeOptions = encodeOptions(p);
    r.edgeCrop = p.isSet(QStringLiteral("crop"));
    writeOutput(p, *engine.tile(r).bytes);
    return 0;
}

}  // namespace tessera::cli
