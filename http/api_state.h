// ApiState: what every route handler shares — the engine, the image registry, the API
// settings (auto_use_large_images, max_small_image_size), the web assets directory and the
// route table itself (for the OpenAPI document).
//
// Thread safety: engine and registry are thread-safe; settings are guarded by a mutex; the
// route table and assetsDir are written before the server starts and only read afterwards.
#pragma once

#include <QString>
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "http/image_registry.h"
#include "http/route_table.h"
#include "http/server_limits.h"
#include "jobs/job_queue.h"
#include "service/engine.h"

namespace tessera {
class LibraryStore;
}

namespace tessera::http {

class ApiState {
  public:
    explicit ApiState(std::shared_ptr<Engine> engine);

    Engine& engine() noexcept { return *engine_; }
    const std::shared_ptr<Engine>& enginePtr() const noexcept { return engine_; }
    ImageRegistry& registry() noexcept { return registry_; }
    // The image library served under /api/library (null = none). Set before the server starts.
    const std::shared_ptr<LibraryStore>& library() const noexcept { return library_; }
    void setLibrary(std::shared_ptr<LibraryStore> library) { library_ = std::move(library); }
    const RouteTable& routes() const noexcept { return routes_; }
    // Jobs submitted over HTTP (region jobs); results live until evicted from the history.
    JobQueue& jobs() noexcept { return *jobs_; }

    // The server's limits and per-request budgets (set before the server starts; read-only
    // afterwards, so handlers may read them without a lock).
    const ServerLimits& limits() const noexcept { return limits_; }
    void setLimits(const ServerLimits& limits) { limits_ = limits; }

    // Directory holding cesium/ and swagger-ui/ ("" when none was found).
    const QString& assetsDir() const noexcept { return assetsDir_; }
    void setAssetsDir(const QString& dir) { assetsDir_ = dir; }

    // {"auto_use_large_images": bool, "max_small_image_size": int}.
    nlohmann::json settings() const;
    // Applies known keys of a JSON object; throws Error(BadRequest) for anything else
    // (unknown keys, wrong types, sizes outside 1..65536). Nothing changes on error.
    nlohmann::json updateSettings(const nlohmann::json& changes);

  private:
    std::shared_ptr<Engine> engine_;
    ImageRegistry registry_;
    std::shared_ptr<LibraryStore> library_;
    RouteTable routes_;
    QString assetsDir_;
    ServerLimits limits_;
    mutable std::mutex settingsMutex_;
    bool autoUseLargeImages_ = true;
    int maxSmallImageSize_ = 4096;
    // Last: destroyed first, so running jobs stop before the engine goes.
    std::unique_ptr<JobQueue> jobs_ = std::make_unique<JobQueue>(2, 100);
};

// Where the vendored web assets are: env TESSERA_WEB_ASSETS, else the build tree's copy, else
// <prefix>/share/tessera/web next to the executable, else the configured install prefix.
// Returns "" when none holds cesium/Cesium.js or swagger-ui/.
QString findWebAssetsDir();

}  // namespace tessera::http
