#include "cli/region_format.h"

#include <QDir>
#include <QFileInfo>

#include "cli/options.h"
#include "encode/gdal_writer.h"
#include "formats/service_config.h"
#include "util/atomic_file.h"

namespace tessera::cli {

std::string regionOutputFormat(Engine& engine, const QCommandLineParser& p, const ImageRef& image) {
    if (p.isSet(QStringLiteral("format"))) return p.value(QStringLiteral("format")).toStdString();
    if (p.isSet(QStringLiteral("encoding"))) return {};
    auto config = ServiceConfig::current();
    const QString out = p.value(QStringLiteral("o"));
    if (!out.isEmpty() && out != QStringLiteral("-")) {
        const std::string ext = QFileInfo(out).suffix().toStdString();
        if (!ext.empty() && config->formats.find(ext)) return ext;
    }
    return config->formats.nativeFor(engine.view(image)->info().driver).driver;
}

void writeRegionOutput(const QCommandLineParser& p, const Encoded& e) {
    const QString out = p.value(QStringLiteral("o"));
    if (e.mimeType != "application/zip" || out.isEmpty() || out == QStringLiteral("-") ||
        out.endsWith(QStringLiteral(".zip"), Qt::CaseInsensitive)) {
        writeOutput(p, *e.bytes);
        return;
    }
    // region.bil + region.hdr → OUT.bil + OUT.hdr (the first member takes -o's exact name).
    const QFileInfo target(out);
    const QString stem = target.dir().filePath(target.completeBaseName());
    bool first = true;
    for (const auto& [name, bytes] : unzipMembers(*e.bytes)) {
        const QString suffix = QFileInfo(QString::fromStdString(name)).suffix();
        const QString path = first ? out : stem + QLatin1Char('.') + suffix;
        writeFileAtomically(path.toStdString(), bytes);
        first = false;
    }
}

}  // namespace tessera::cli
