// tessera thumbnail PATH [--width 256 --height 256] [--label TEXT] [--gamma G]
//                   [--stretch auto|style|zscale] -o FILE: the whole image, aspect kept.
// FITS images default to LCO's look (zscale + gamma); a style (--style/--band) overrides it.
// tessera thumbnail --rgb RED GREEN BLUE -o FILE: a colour thumbnail from three same-size
// images, each zscale-stretched. Thumbnails are cached on disk (see cli.cpp).
#include "cli/commands.h"
#include "cli/options.h"
#include "service/engine.h"
#include "thumb/fits_stretch.h"
#include "thumb/lco_thumbnail.h"

namespace tessera::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Cli", text);
}

}  // namespace

int cmdThumbnail(Engine& engine, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Write a thumbnail of the whole image. FITS images are stretched as LCO's thumbnail "
           "service does (zscale limits and a gamma curve) unless a style is given."));
    p.addPositionalArgument(QStringLiteral("path"),
                            tr("Image path or URL (with --rgb: the red, green and blue images)."),
                            QStringLiteral("PATH [GREEN BLUE]"));
    addImageOptions(p);
    addStyleOptions(p);
    addOutputOptions(p, "png");
    p.addOption({{QStringLiteral("width"), QStringLiteral("max_width")},
                 tr("Maximum width (default 256)."),
                 QStringLiteral("px")});
    p.addOption({{QStringLiteral("height"), QStringLiteral("max_height")},
                 tr("Maximum height (default 256)."),
                 QStringLiteral("px")});
    p.addOption({QStringLiteral("label"), tr("Text drawn in the lower-left corner."),
                 QStringLiteral("text")});
    p.addOption({QStringLiteral("gamma"),
                 tr("Gamma of the zscale stretch (default 2.5 as LCO; 1 = linear)."),
                 QStringLiteral("g")});
    p.addOption({QStringLiteral("stretch"),
                 tr("auto (zscale for FITS without a style), style, or zscale."),
                 QStringLiteral("name")});
    p.addOption({QStringLiteral("rgb"),
                 tr("Colour thumbnail from three images of the same size: red, green, blue.")});
    const QStringList pos = parseOrThrow(p, args, 1, 3);
    const bool rgb = p.isSet(QStringLiteral("rgb"));
    if (rgb != (pos.size() == 3))
        throw UsageError{rgb ? tr("--rgb takes three images: red, green and blue").toStdString()
                             : tr("one image path expected (three with --rgb)").toStdString()};
    const int width = intOption(p, QStringLiteral("width"), 256);
    const int height = intOption(p, QStringLiteral("height"), 256);
    const double gamma =
        optionalDouble(p, QStringLiteral("gamma")).value_or(kDefaultThumbnailGamma);
    const std::string label = p.value(QStringLiteral("label")).toStdString();
    const Encoding encoding = outputEncoding(p, Encoding::PNG);
    if (rgb) {
        RgbThumbnailRequest r;
        for (int c = 0; c < 3; ++c) r.images[std::size_t(c)] = imageRef(p, pos.at(c));
        r.maxWidth = width;
        r.maxHeight = height;
        r.frame = intOption(p, QStringLiteral("frame"), 0);
        r.gamma = gamma;
        r.label = label;
        r.encoding = encoding;
        r.encodeOptions = encodeOptions(p);
        writeOutput(p, *engine.rgbThumbnail(r).bytes);
        return 0;
    }
    ThumbnailRequest r;
    r.image = imageRef(p, pos.at(0));
    r.maxWidth = width;
    r.maxHeight = height;
    r.style = styleSpec(p);
    r.encoding = encoding;
    r.encodeOptions = encodeOptions(p);
    r.gamma = gamma;
    r.label = label;
    r.stretch = parseThumbnailStretch(p.value(QStringLiteral("stretch")).toStdString());
    writeOutput(p, *engine.thumbnail(r).bytes);
    return 0;
}

}  // namespace tessera::cli
