// The desktop viewer's entry point: installs translations, shows the main window and opens the
// path/URL given on the command line or, without one, the built-in sample.
#pragma once

#include <QStringList>

class QApplication;

namespace tessera::ui {

// Loads the translation for the system locale (or $TESSERA_LANG, e.g. "de") from :/i18n.
// Returns true when one was installed.
bool installTranslations(QApplication& app);

// Runs the viewer's event loop. arguments: the optional path or URL (first non-option argument).
int runViewer(QApplication& app, const QStringList& arguments);

}  // namespace tessera::ui
