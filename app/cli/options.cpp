#include "cli/options.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <cstdio>
#include <iostream>

#include "service/style_params.h"
#include "util/atomic_file.h"

namespace tessera::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Cli", text);
}

std::optional<std::string> opt(const QCommandLineParser& p, const QString& name) {
    if (!p.isSet(name)) return std::nullopt;
    return p.value(name).toStdString();
}

}  // namespace

void addImageOptions(QCommandLineParser& p) {
    p.addOption({QStringLiteral("projection"),
                 tr("Tile projection, e.g. EPSG:3857 (default: pixels)."), QStringLiteral("crs")});
    p.addOption({QStringLiteral("source"), tr("Force a reader: gdal, tiff, fits."),
                 QStringLiteral("name")});
    p.addOption({QStringLiteral("frame"), tr("Frame number (default 0)."), QStringLiteral("n")});
}

void addStyleOptions(QCommandLineParser& p) {
    p.addOption({QStringLiteral("style"), tr("large_image style JSON."), QStringLiteral("json")});
    p.addOption({QStringLiteral("style-file"), tr("Read the style JSON from a file."),
                 QStringLiteral("file")});
    p.addOption({QStringLiteral("band"),
                 tr("Band to show (1-based); enables the simple style options."),
                 QStringLiteral("n")});
    p.addOption({QStringLiteral("min"),
                 tr("Minimum for --band (number, auto, min, max, full, min:T)."),
                 QStringLiteral("value")});
    p.addOption({QStringLiteral("max"), tr("Maximum for --band."), QStringLiteral("value")});
    p.addOption({{QStringLiteral("palette"), QStringLiteral("cmap")},
                 tr("Palette for --band."),
                 QStringLiteral("name")});
    p.addOption(
        {QStringLiteral("nodata"), tr("No-data value for --band."), QStringLiteral("value")});
    p.addOption({QStringLiteral("scheme"), tr("linear or discrete, for --band."),
                 QStringLiteral("scheme")});
}

void addOutputOptions(QCommandLineParser& p, const char* defaultEncoding) {
    p.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                 tr("Output file (- for stdout)."),
                 QStringLiteral("file")});
    p.addOption({QStringLiteral("encoding"),
                 tr("Output format: png, jpeg, webp, tiff (default: from the file name, else %1).")
                     .arg(QLatin1String(defaultEncoding)),
                 QStringLiteral("format")});
    p.addOption({QStringLiteral("quality"), tr("JPEG/WebP quality 0-100."), QStringLiteral("q")});
}

QStringList parseOrThrow(QCommandLineParser& p, const QStringList& args, int minPositional,
                         int maxPositional) {
    p.addHelpOption();
    if (!p.parse(args)) throw UsageError{p.errorText().toStdString()};
    if (p.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(p.helpText()), stdout);
        std::exit(0);
    }
    const QStringList pos = p.positionalArguments();
    if (pos.size() < minPositional || pos.size() > maxPositional)
        throw UsageError{tr("wrong number of arguments; see --help").toStdString()};
    return pos;
}

ImageRef imageRef(const QCommandLineParser& p, const QString& path) {
    ImageRef ref;
    ref.uri = path.toStdString();
    // Local relative paths become absolute so cache keys do not depend on the directory.
    if (!path.contains(QStringLiteral("://")) && !path.startsWith(QStringLiteral("/vsi")))
        ref.uri = QFileInfo(path).absoluteFilePath().toStdString();
    ref.projection = p.value(QStringLiteral("projection")).toStdString();
    ref.sourceName = p.value(QStringLiteral("source")).toStdString();
    return ref;
}

StyleSpec styleSpec(const QCommandLineParser& p) {
    SimpleStyleParams s;
    s.style = opt(p, QStringLiteral("style"));
    if (p.isSet(QStringLiteral("style-file"))) {
        QFile f(p.value(QStringLiteral("style-file")));
        if (!f.open(QIODevice::ReadOnly))
            throw UsageError{tr("cannot read style file %1").arg(f.fileName()).toStdString()};
        s.style = f.readAll().toStdString();
    }
    s.band = opt(p, QStringLiteral("band"));
    s.min = opt(p, QStringLiteral("min"));
    s.max = opt(p, QStringLiteral("max"));
    s.palette = opt(p, QStringLiteral("palette"));
    s.nodata = opt(p, QStringLiteral("nodata"));
    s.scheme = opt(p, QStringLiteral("scheme"));
    StyleSpec spec;
    spec.styleJson = styleJsonFromParams(s);
    spec.frame = intOption(p, QStringLiteral("frame"), 0);
    return spec;
}

bool styleGiven(const QCommandLineParser& p) {
    return p.isSet(QStringLiteral("style")) || p.isSet(QStringLiteral("style-file")) ||
           p.isSet(QStringLiteral("band"));
}

int intOption(const QCommandLineParser& p, const QString& name, int fallback) {
    if (!p.isSet(name)) return fallback;
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok)
        throw UsageError{
            tr("--%1 must be an integer, not \"%2\"").arg(name, p.value(name)).toStdString()};
    return v;
}

std::optional<double> optionalDouble(const QCommandLineParser& p, const QString& name) {
    if (!p.isSet(name)) return std::nullopt;
    bool ok = false;
    const double v = p.value(name).toDouble(&ok);
    if (!ok)
        throw UsageError{
            tr("--%1 must be a number, not \"%2\"").arg(name, p.value(name)).toStdString()};
    return v;
}

double doubleOption(const QCommandLineParser& p, const QString& name) {
    auto v = optionalDouble(p, name);
    if (!v) throw UsageError{tr("--%1 is required").arg(name).toStdString()};
    return *v;
}

Encoding outputEncoding(const QCommandLineParser& p, Encoding fallback) {
    if (p.isSet(QStringLiteral("encoding"))) {
        auto e = parseEncoding(p.value(QStringLiteral("encoding")).toStdString());
        if (!e)
            throw UsageError{tr("unknown encoding \"%1\"; use png, jpeg, webp or tiff")
                                 .arg(p.value(QStringLiteral("encoding")))
                                 .toStdString()};
        return *e;
    }
    const QString out = p.value(QStringLiteral("o"));
    if (!out.isEmpty() && out != QStringLiteral("-")) {
        if (auto e = parseEncoding(QFileInfo(out).suffix().toStdString())) return *e;
    }
    return fallback;
}

EncodeOptions encodeOptions(const QCommandLineParser& p) {
    EncodeOptions o;
    if (p.isSet(QStringLiteral("quality"))) {
        const int q = intOption(p, QStringLiteral("quality"), 95);
        if (q < 0 || q > 100)
            throw UsageError{tr("--quality must be between 0 and 100").toStdString()};
        o.jpegQuality = o.webpQuality = q;
    }
    return o;
}

void writeOutput(const QCommandLineParser& p, const Bytes& bytes) {
    const QString out = p.value(QStringLiteral("o"));
    if (out.isEmpty())
        throw UsageError{
            tr("an output file is required: -o FILE (or -o - for stdout)").toStdString()};
    if (out == QStringLiteral("-")) {
        std::fwrite(bytes.data(), 1, bytes.size(), stdout);
        std::fflush(stdout);
        return;
    }
    writeFileAtomically(out.toStdString(), bytes);
}

void printJson(const nlohmann::json& j) {
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

}  // namespace tessera::cli
