// The viewer's QSettings keys and defaults, in one place.
#pragma once

#include <QString>

namespace tessera::ui::settings {

inline QString recentFiles() {
    return QStringLiteral("viewer/recentFiles");
}
inline QString recentLocations() {
    return QStringLiteral("viewer/recentLocations");
}
inline QString cacheMegabytes() {
    return QStringLiteral("viewer/textureCacheMB");
}
inline QString geometry() {
    return QStringLiteral("viewer/geometry");
}
inline QString windowState() {
    return QStringLiteral("viewer/windowState");
}
inline QString sampleSize() {
    return QStringLiteral("viewer/sampleSize");
}

inline QString serverPort() {
    return QStringLiteral("viewer/serverPort");
}

constexpr int kDefaultServerPort = 8000;  // 0 = a free port
constexpr int kDefaultCacheMegabytes = 512;
constexpr int kMaxRecentFiles = 10;
constexpr int kWindowStateVersion = 1;

}  // namespace tessera::ui::settings
