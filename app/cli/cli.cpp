#include "cli/cli.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>
#include <cstdio>
#include <functional>
#include <map>

#include "cli/commands.h"
#include "cli/options.h"
#include "probe/probe.h"
#include "service/engine.h"
#include "util/error.h"

namespace tessera::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Cli", text);
}

void printUsage(FILE* out) {
    std::fputs(
        qPrintable(tr(
            "usage: tessera <command> [options]\n"
            "\n"
            "commands:\n"
            "  info PATH [--internal|--bands|--frames]            metadata as JSON\n"
            "  tile PATH Z X Y -o FILE                            one tile\n"
            "  region PATH --left --top --right --bottom [--units] [--crs] [--format] -o FILE\n"
            "  thumbnail PATH [--width --height] [--label T] [--gamma G] -o FILE\n"
            "  thumbnail --rgb RED GREEN BLUE [--label T] -o FILE  colour (FITS)\n"
            "  associated PATH NAME [--width --height] -o FILE    label, macro, ...\n"
            "  pixel PATH --left X --top Y                        band and styled values\n"
            "  histogram PATH [--bins N] [--only-min-max] [--full]\n"
            "  sample [--size N]                                  make the built-in sample\n"
            "  formats                                            output formats (JSON)\n"
            "  crs                                                supported output CRSes (JSON)\n"
            "  serve PATH... [--port N] [--bind ADDR] [--token T]  HTTP tile server\n"
            "  validate PATH [--lenient] [--json]                 is it a valid COG?\n"
            "  convert IN OUT.tif [--compress C] [--crs CRS]      write a COG\n"
            "  library add|sync|list|import|... [--db PATH]       the image library\n"
            "  probe FILE... [--seconds S] [--memory MB]          can it be read safely?\n"
            "\n"
            "PATH may be a file, an http(s):// or s3:// URL, or a GDAL /vsi path.\n"
            "Run 'tessera <command> --help' for a command's options.\n")),
        out);
}

// The CLI (and `serve`) keep thumbnails in the disk cache: $TESSERA_THUMBNAIL_CACHE names its
// directory ("off" or "0" disables it), else ThumbnailDiskCache::defaultDirectory().
EngineConfig cliEngineConfig() {
    EngineConfig config;
    const QString env = qEnvironmentVariable("TESSERA_THUMBNAIL_CACHE");
    if (env == QStringLiteral("off") || env == QStringLiteral("0")) return config;
    config.thumbnailCacheDir =
        env.isEmpty() ? ThumbnailDiskCache::defaultDirectory() : env.toStdString();
    return config;
}

// Bad input is reported on exactly one stderr line: library messages with line breaks (GDAL's
// often have them) are joined.
std::string oneLine(std::string message) {
    for (char& c : message)
        if (c == '\n' || c == '\r') c = ' ';
    while (!message.empty() && message.back() == ' ') message.pop_back();
    return message;
}

}  // namespace

using CommandFn = int (*)(Engine&, const QStringList&);

// The one table of commands: run() dispatches through it and isCliCommand() reads it.
const std::map<QString, CommandFn>& commandTable() {
    static const std::map<QString, CommandFn> table = {
        {QStringLiteral("info"), cmdInfo},         {QStringLiteral("tile"), cmdTile},
        {QStringLiteral("region"), cmdRegion},     {QStringLiteral("thumbnail"), cmdThumbnail},
        {QStringLiteral("pixel"), cmdPixel},       {QStringLiteral("histogram"), cmdHistogram},
        {QStringLiteral("sample"), cmdSample},     {QStringLiteral("serve"), cmdServe},
        {QStringLiteral("validate"), cmdValidate}, {QStringLiteral("convert"), cmdConvert},
        {QStringLiteral("library"), cmdLibrary},   {QStringLiteral("formats"), cmdFormats},
        {QStringLiteral("crs"), cmdCrs},           {QStringLiteral("associated"), cmdAssociated},
        {QStringLiteral("probe"), cmdProbe},
    };
    return table;
}

bool isCliCommand(const QString& name) {
    static const QStringList meta = {QStringLiteral("help"), QStringLiteral("--help"),
                                     QStringLiteral("-h"), QStringLiteral("--version"),
                                     QStringLiteral("--no-gui")};
    if (commandTable().count(name) || meta.contains(name)) return true;
    // Anything that is neither an option, an existing file nor a URL is a mistyped command:
    // the CLI reports it (exit 2) instead of opening a window on a file that is not there.
    const bool url =
        name.contains(QStringLiteral("://")) || name.startsWith(QStringLiteral("/vsi"));
    return !name.startsWith(QLatin1Char('-')) && !url && !QFileInfo::exists(name);
}

int run(int argc, char** argv) {
    QStringList args = QCoreApplication::arguments();
    (void)argc, (void)argv;
    // Files never seen before are first read by this same binary in a limited child process.
    setProbeExecutable("/proc/self/exe");
    const auto& commands = commandTable();
    if (args.size() < 2 || args.at(1) == QStringLiteral("--no-gui")) {
        // No command: open the built-in sample (made on first use) and describe it.
        try {
            Engine engine;
            ImageRef ref;
            ref.uri = ensureSampleWithProgress({}, 16384);
            std::fprintf(
                stderr, "%s\n",
                qPrintable(tr("Built-in sample: %1").arg(QString::fromStdString(ref.uri))));
            printJson(engine.infoMetadata(ref));
            return 0;
        } catch (const Error& e) {
            std::fprintf(stderr, "tessera: %s\n", oneLine(e.what()).c_str());
            return 2;
        }
    }
    const QString command = args.at(1);
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h") ||
        command == QStringLiteral("help")) {
        printUsage(stdout);
        return 0;
    }
    if (command == QStringLiteral("--version")) {
        std::printf("tessera %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return 0;
    }
    auto it = commands.find(command);
    if (it == commands.end()) {
        std::fprintf(
            stderr, "tessera: %s\n",
            qPrintable(tr("unknown command or file \"%1\"; run 'tessera --help'").arg(command)));
        return 2;
    }
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + command);
    try {
        Engine engine(cliEngineConfig());
        return it->second(engine, rest);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "tessera %s: %s\n", qPrintable(command), oneLine(e.message).c_str());
        return 2;
    } catch (const Error& e) {
        std::fprintf(stderr, "tessera %s: %s\n", qPrintable(command), oneLine(e.what()).c_str());
        return e.kind() == ErrorKind::Internal ? 1 : 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tessera %s: %s\n", qPrintable(command), oneLine(e.what()).c_str());
        return 1;
    }
}

}  // namespace tessera::cli
