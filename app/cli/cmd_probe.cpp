// tessera probe FILE... [--source NAME] [--seconds S] [--memory MB]: checks, in a separate
// process under memory and time limits, that each file can be read safely (core/probe), and
// prints one JSON object per file. Exit 0 when every file reads, 2 otherwise (one stderr line
// per file that does not). `tessera probe --child ...` is that separate process (hidden).
#include <cstdio>

#include "cli/commands.h"
#include "cli/options.h"
#include "probe/probe.h"
#include "probe/probe_checks.h"

namespace tessera::cli {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Cli", text);
}

QCommandLineOption hidden(QCommandLineOption o) {
    o.setFlags(QCommandLineOption::HiddenFromHelp);
    return o;
}

}  // namespace

int cmdProbe(Engine&, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Check in a separate, limited process that files can be read safely."));
    p.addPositionalArgument(QStringLiteral("files"), tr("Local image files."),
                            QStringLiteral("FILE..."));
    p.addOption({QStringLiteral("source"), tr("Force a reader: gdal, tiff or fits."),
                 QStringLiteral("name")});
    p.addOption({QStringLiteral("seconds"), tr("Wall-clock limit per file (default 15)."),
                 QStringLiteral("s")});
    p.addOption({QStringLiteral("memory"), tr("Address-space limit in MB (default 4096)."),
                 QStringLiteral("mb")});
    p.addOption(hidden({QStringLiteral("child"), tr("Be the checking process.")}));
    p.addOption(hidden({QStringLiteral("cpu"), tr("CPU seconds per file."), QStringLiteral("s")}));
    p.addOption(hidden({QStringLiteral("soft"), tr("Deep-check seconds."), QStringLiteral("s")}));
    const QStringList files = parseOrThrow(p, args, 1, 1 << 20);
    const std::string source = p.value(QStringLiteral("source")).toStdString();

    if (p.isSet(QStringLiteral("child"))) {
        ProbeChildOptions o;
        for (const QString& f : files) o.uris.push_back(f.toStdString());
        o.sourceName = source;
        o.cpuSeconds = intOption(p, QStringLiteral("cpu"), o.cpuSeconds);
        if (p.isSet(QStringLiteral("soft")))
            o.softSeconds = doubleOption(p, QStringLiteral("soft"));
        return runProbeChild(o);
    }

    if (!probeEnabled()) throw UsageError{tr("probing is off (TESSERA_PROBE=off)").toStdString()};
    ProbeLimits limits = probeLimits();
    if (p.isSet(QStringLiteral("seconds")))
        limits.wallSeconds = doubleOption(p, QStringLiteral("seconds"));
    if (p.isSet(QStringLiteral("memory")))
        limits.addressSpaceBytes =
            std::uint64_t(doubleOption(p, QStringLiteral("memory")) * double(1 << 20));
    if (!(limits.wallSeconds > 0) || limits.addressSpaceBytes < (std::uint64_t(64) << 20))
        throw UsageError{tr("--seconds must be positive and --memory at least 64").toStdString()};
    setProbeLimits(limits);

    std::vector<std::string> uris;
    for (const QString& f : files) uris.push_back(f.toStdString());
    ProbeFilesOptions o;
    o.sourceName = source;
    o.fresh = true;
    const std::vector<ProbeVerdict> verdicts = probeFiles(uris, o);
    nlohmann::json out = nlohmann::json::array();
    bool allOk = true;
    for (std::size_t i = 0; i < uris.size(); ++i) {
        const ProbeVerdict& v = verdicts[i];
        nlohmann::json j = toJson(v);
        j["path"] = uris[i];
        j["safe"] = v.safe();
        if (v.unsafe()) j["reason"] = unsafeReason(v);
        out.push_back(j);
        if (v.status == ProbeStatus::Ok) continue;
        allOk = false;
        const std::string why = v.unsafe() ? unsafeError(v).what() : v.message;
        std::fprintf(stderr, "tessera probe: %s: %s\n", uris[i].c_str(), why.c_str());
    }
    printJson(out);
    return allOk ? 0 : 2;
}

}  // namespace tessera::cli
