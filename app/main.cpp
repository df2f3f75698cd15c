// Entry point of the `tessera` executable: `tessera <command> ...` runs a CLI command headless
// (QCoreApplication); `tessera` alone or with a path/URL starts the desktop viewer
// (QApplication); `tessera --no-gui` keeps the CLI's no-argument behaviour.
#include <QCoreApplication>
#include <clocale>
#include <cstring>
#include <memory>

#include "cli/cli.h"

#ifdef TESSERA_HAVE_GUI
#include <unistd.h>
#include <QApplication>

#include "viewer_app.h"
#endif

namespace {

// QCoreApplication applies the system locale to the C library (setlocale(LC_ALL, "")): under
// de_DE.UTF-8, strtod and printf would read and write "0,5". Numbers in files, URLs and JSON
// always use '.', so LC_NUMERIC goes back to "C" before any library (cfitsio caches the decimal
// point on first use) parses one; translations and Qt's own QLocale formatting are unaffected.
void useCNumericLocale() {
    std::setlocale(LC_NUMERIC, "C");
}

}  // namespace

int main(int argc, char** argv) {
    const bool cli = argc >= 2 && (tessera::cli::isCliCommand(QString::fromLocal8Bit(argv[1])) ||
                                   std::strcmp(argv[1], "--no-gui") == 0);
#ifdef TESSERA_HAVE_GUI
    if (!cli) {
        // QtWebEngine (the Globe panel) needs shared GL contexts; WebGL under Xvfb/software GL
        // needs the GPU blocklist ignored, and Chromium's sandbox refuses to run as root.
        QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
        if (!qEnvironmentVariableIsSet("QTWEBENGINE_CHROMIUM_FLAGS"))
            qputenv("QTWEBENGINE_CHROMIUM_FLAGS", geteuid() == 0
                                                      ? "--ignore-gpu-blocklist --no-sandbox"
                                                      : "--ignore-gpu-blocklist");
        QApplication app(argc, argv);
        useCNumericLocale();
        QCoreApplication::setApplicationName(QStringLiteral("tessera"));
        QCoreApplication::setOrganizationName(QStringLiteral("tessera"));
        QCoreApplication::setApplicationVersion(QStringLiteral(TESSERA_APP_VERSION));
        return tessera::ui::runViewer(app, QCoreApplication::arguments().mid(1));
    }
#endif
    (void)cli;
    QCoreApplication app(argc, argv);
    useCNumericLocale();
    QCoreApplication::setApplicationName(QStringLiteral("tessera"));
    QCoreApplication::setOrganizationName(QStringLiteral("tessera"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TESSERA_APP_VERSION));
    return tessera::cli::run(argc, argv);
}
