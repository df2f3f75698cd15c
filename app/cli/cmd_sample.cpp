// tessera sample [--size N] [--dir DIR]: makes the built-in sample image (once) and prints its
// path; progress goes to stderr.
#include <cstdio>

#include "cli/commands.h"
#include "cli/options.h"
#include "sample/sample_image.h"

namespace tessera::cli {

// Shared with the no-argument start: ensures the sample, drawing a progress line on stderr.
std::string ensureSampleWithProgress(const std::string& dir, int size) {
    int lastPercent = -1;
    std::string lastStage;
    const std::string path = ensureSampleImage(dir, size, [&](const SampleProgress& s) {
        const int percent = int(s.fraction * 100);
        if (percent != lastPercent || s.stage != lastStage) {
            std::fprintf(stderr, "\r%s: %3d%%", s.stage.c_str(), percent);
            std::fflush(stderr);
            lastPercent = percent;
            lastStage = s.stage;
        }
        return true;
    });
    if (lastPercent >= 0) std::fputc('\n', stderr);
    return path;
}

int cmdSample(Engine&, const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "Make the built-in sample image and print its path."));
    p.addOption(
        {QStringLiteral("size"),
         QCoreApplication::translate("Cli", "Side in pixels (power of two, default 16384)."),
         QStringLiteral("px")});
    p.addOption({QStringLiteral("dir"),
                 QCoreApplication::translate("Cli", "Directory (default: the user cache)."),
                 QStringLiteral("dir")});
    parseOrThrow(p, args, 0, 0);
    const std::string path = ensureSampleWithProgress(p.value(QStringLiteral("dir")).toStdString(),
                                                      intOption(p, QStringLiteral("size"), 16384));
    std::printf("%s\n", path.c_str());
    return 0;
}

}  // namespace tessera::cli
