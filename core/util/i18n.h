// Translation of user-visible strings in core code. `trc("Context", "text")` goes through
// QCoreApplication::translate, so lupdate (run with -tr-function-alias translate+=trc) extracts
// it and shipped translations apply to core messages as they do to the GUI's tr().
#pragma once

#include <QCoreApplication>
#include <QString>
#include <string>

namespace tessera {

inline std::string trc(const char* context, const char* text) {
    return QCoreApplication::translate(context, text).toStdString();
}

// Replaces %1, %2, ... in a translated template with the given values, as QString::arg does.
template <typename... Args>
std::string trf(const char* context, const char* text, const Args&... args) {
    QString s = QCoreApplication::translate(context, text);
    ((s = s.arg(QString::fromStdString(args))), ...);
    return s.toStdString();
}

}  // namespace tessera
