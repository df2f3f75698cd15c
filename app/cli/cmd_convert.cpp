// tessera convert IN OUT.tif [--compress C] [--quality Q] [--predictor P] [--blocksize N]
// [--resampling R] [--crs CRS] [--nodata V] [--bigtiff B] [--overwrite]: writes a Cloud Optimized
// GeoTIFF with GDAL's COG driver. Progress on stderr: a bar on a terminal, else percentage lines.
#include <unistd.h>

#include <cstdio>

#include "cli/commands.h"
#include "cli/options.h"
#include "cog/cog_convert.h"
#include "util/error.h"

namespace tessera::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Cli", text);
}

}  // namespace

int cmdConvert(Engine&, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(tr("Convert an image to a Cloud Optimized GeoTIFF."));
    p.addPositionalArgument(QStringLiteral("input"), tr("Image path or URL."));
    p.addPositionalArgument(QStringLiteral("output"), tr("The COG to write (.tif)."));
    QString comps;
    for (const auto& c : availableCogCompressions())
        comps += (comps.isEmpty() ? QString() : QStringLiteral(", ")) + QString::fromStdString(c);
    p.addOption({QStringLiteral("compress"), tr("Compression (%1; default DEFLATE).").arg(comps),
                 QStringLiteral("method"), QStringLiteral("DEFLATE")});
    p.addOption({QStringLiteral("quality"), tr("JPEG / WEBP quality 1-100."), QStringLiteral("q")});
    p.addOption({QStringLiteral("level"), tr("DEFLATE / ZSTD level."), QStringLiteral("n")});
    p.addOption({QStringLiteral("predictor"), tr("YES, NO, STANDARD or FLOATING_POINT."),
                 QStringLiteral("p")});
    p.addOption({QStringLiteral("blocksize"), tr("Tile size in pixels (default 512)."),
                 QStringLiteral("px"), QStringLiteral("512")});
    p.addOption({QStringLiteral("resampling"),
                 tr("Overview resampling (nearest, average, bilinear, cubic, lanczos, mode...)."),
                 QStringLiteral("method")});
    p.addOption({QStringLiteral("crs"), tr("Reproject to this CRS (e.g. EPSG:3857)."),
                 QStringLiteral("crs")});
    p.addOption({QStringLiteral("nodata"), tr("Nodata value of the output."), QStringLiteral("v")});
    p.addOption({QStringLiteral("bigtiff"), tr("YES, NO, IF_NEEDED or IF_SAFER (default)."),
                 QStringLiteral("b"), QStringLiteral("IF_SAFER")});
    p.addOption({QStringLiteral("threads"), tr("Compression threads (a number or ALL_CPUS)."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("overwrite"), tr("Replace OUT when it exists.")});
    const QStringList pos = parseOrThrow(p, args, 2, 2);

    CogConvertOptions o;
    o.compression = p.value(QStringLiteral("compress")).toStdString();
    if (p.isSet(QStringLiteral("quality"))) o.quality = intOption(p, QStringLiteral("quality"), 0);
    if (p.isSet(QStringLiteral("level"))) o.level = intOption(p, QStringLiteral("level"), 0);
    o.predictor = p.value(QStringLiteral("predictor")).toStdString();
    o.blockSize = intOption(p, QStringLiteral("blocksize"), 512);
    o.resampling = p.value(QStringLiteral("resampling")).toStdString();
    o.targetCrs = p.value(QStringLiteral("crs")).toStdString();
    o.nodata = optionalDouble(p, QStringLiteral("nodata"));
    o.bigTiff = p.value(QStringLiteral("bigtiff")).toStdString();
    o.threads = p.value(QStringLiteral("threads")).toStdString();
    o.overwrite = p.isSet(QStringLiteral("overwrite"));

    const bool tty = isatty(fileno(stderr)) != 0;
    int last = -1;
    auto progress = [&](double f) {
        const int percent = int(f * 100.0);
        if (percent == last) return true;
        last = percent;
        if (tty) {
            constexpr int width = 40;
            const int filled = percent * width / 100;
            std::fprintf(stderr, "\r[%s%s] %3d%%", std::string(std::size_t(filled), '#').c_str(),
                         std::string(std::size_t(width - filled), ' ').c_str(), percent);
        } else if (percent % 10 == 0) {
            std::fprintf(stderr, "%d%%\n", percent);
        }
        std::fflush(stderr);
        return true;
    };
    const bool ok = convertToCog(pos.at(0).toStdString(), pos.at(1).toStdString(), o, progress);
    if (ok && last < 100) progress(1.0);
    if (tty && last >= 0) std::fputc('\n', stderr);
    if (!ok) return 1;
    std::printf("%s\n", qPrintable(pos.at(1)));
    return 0;
}

}  // namespace tessera::cli
