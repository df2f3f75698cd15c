#include "viewer_app.h"

#include <QApplication>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include "main_window.h"
#include "probe/probe.h"

namespace tessera::ui {

bool installTranslations(QApplication& app) {
    const QString forced = qEnvironmentVariable("TESSERA_LANG");
    const QLocale locale = forced.isEmpty() ? QLocale() : QLocale(forced);
    auto* translator = new QTranslator(&app);
    if (translator->load(locale, QStringLiteral("tessera"), QStringLiteral("_"),
                         QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}

int runViewer(QApplication& app, const QStringList& arguments) {
    installTranslations(app);
    // Files never seen before are first read by this binary in a limited child process
    // (`tessera probe --child`), so a file that would crash a reader cannot take the app down.
    setProbeExecutable("/proc/self/exe");
    QString location;
    for (const QString& a : arguments)
        if (!a.startsWith(QLatin1String("--"))) {
            location = a;
            break;
        }
    MainWindow window;
    window.show();
    QTimer::singleShot(0, &window, [&window, location] {
        if (location.isEmpty())
            window.openSample();
        else
            window.openLocation(location);
    });
    return app.exec();
}

}  // namespace tessera::ui
