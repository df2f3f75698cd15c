#include "http/api_state.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "http/routes.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

ApiState::ApiState(std::shared_ptr<Engine> engine) : engine_(std::move(engine)) {
    if (!engine_) engine_ = std::make_shared<Engine>();
    addImageRoutes(routes_);
    addStandaloneRoutes(routes_);
    addLibraryRoutes(routes_);
    addJobRoutes(routes_);
    addWmsRoutes(routes_);
    addWmtsRoutes(routes_);
    addWcsRoutes(routes_);
    addDziRoutes(routes_);
    addStylePresetRoutes(routes_);
    addPageRoutes(routes_);
    assetsDir_ = findWebAssetsDir();
}

nlohmann::json ApiState::settings() const {
    std::lock_guard lock(settingsMutex_);
    return {{"auto_use_large_images", autoUseLargeImages_},
            {"max_small_image_size", maxSmallImageSize_}};
}

nlohmann::json ApiState::updateSettings(const nlohmann::json& changes) {
    if (!changes.is_object())
        fail(ErrorKind::BadRequest, trc("Http", "The settings must be a JSON object."));
    std::optional<bool> autoUse;
    std::optional<int> maxSmall;
    for (const auto& [key, value] : changes.items()) {
        if (key == "auto_use_large_images") {
            if (!value.is_boolean())
                fail(ErrorKind::BadRequest,
                     trc("Http", "auto_use_large_images must be true or false."));
            autoUse = value.get<bool>();
        } else if (key == "max_small_image_size") {
            if (!value.is_number_integer() || value.get<long long>() < 1 ||
                value.get<long long>() > 65536)
                fail(ErrorKind::BadRequest,
                     trc("Http", "max_small_image_size must be an integer between 1 and 65536."));
            maxSmall = value.get<int>();
        } else {
            fail(ErrorKind::BadRequest, trf("Http", "Unknown setting \"%1\".", key));
        }
    }
    std::lock_guard lock(settingsMutex_);
    if (autoUse) autoUseLargeImages_ = *autoUse;
    if (maxSmall) maxSmallImageSize_ = *maxSmall;
    return {{"auto_use_large_images", autoUseLargeImages_},
            {"max_small_image_size", maxSmallImageSize_}};
}

QString findWebAssetsDir() {
    auto usable = [](const QString& dir) {
        return !dir.isEmpty() && (QFileInfo::exists(dir + QStringLiteral("/cesium/Cesium.js")) ||
                                  QFileInfo::exists(dir + QStringLiteral("/swagger-ui")));
    };
    const QString env = qEnvironmentVariable("TESSERA_WEB_ASSETS");
    if (!env.isEmpty()) return QDir(env).absolutePath();  // explicit choice wins, even if empty
    QStringList candidates{QStringLiteral(TESSERA_WEB_BUILD_DIR)};
    if (QCoreApplication::instance())
        candidates << QCoreApplication::applicationDirPath() +
                          QStringLiteral("/../share/tessera/web");
    candidates << QStringLiteral(TESSERA_WEB_INSTALL_DIR);
    for (const QString& c : candidates)
        if (usable(c)) return QDir(c).canonicalPath();
    return {};
}

}  // namespace tessera::http
