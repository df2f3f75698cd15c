// TileLoader: fetches tile images for the canvas off the GUI thread. The canvas hands it the
// tiles it wants in priority order (tile_priority.h); the loader keeps them in a queue, starts
// at most maxConcurrent() Engine::tileImage calls on its own QThreadPool, never starts a tile
// already in flight for the current render version, drops queued tiles that are no longer
// wanted, and abandons work of older versions (a style or frame change starts a new version).
//
// Thread safety: a TileLoader lives on the GUI thread and all its members are called there;
// workers only call the Engine (thread-safe) and post their result back to the GUI thread.
// Signals are emitted on the GUI thread.
#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QThreadPool>
#include <deque>
#include <memory>
#include <vector>

#include "grid_tile.h"
#include "service/engine.h"

namespace tessera::ui {

class TileLoader : public QObject {
    Q_OBJECT
  public:
    TileLoader(std::shared_ptr<Engine> engine, ImageRef image, QObject* parent = nullptr);
    ~TileLoader() override;  // drops the queue and waits for running requests

    // A new style/frame: bumps the version, drops the queue; running work is abandoned (its
    // result is discarded when it lands).
    void setStyle(const StyleSpec& style);
    const StyleSpec& style() const noexcept { return style_; }
    quint64 version() const noexcept { return version_; }

    // Replaces the queue with `keys` (already in request order). Tiles in flight for the current
    // version are not queued again.
    void setWanted(const std::vector<GridTile>& keys);

    void setMaxConcurrent(int n);
    int maxConcurrent() const noexcept { return maxConcurrent_; }
    int queuedCount() const noexcept { return int(queue_.size()); }
    int inFlightCount() const noexcept { return int(inFlight_.size()); }
    bool isInFlight(const GridTile& key) const { return inFlight_.contains(key); }
    bool isIdle() const noexcept { return queue_.empty() && inFlight_.isEmpty(); }

    // Statistics for tests and the benchmark: requests started in the current version, and the
    // largest number of starts of one tile in it (1 unless the canvas evicted and asked again).
    int startedCount() const noexcept { return started_; }
    int maxStartsOfOneTile() const;
    // The order in which tiles were started in the current version (kept up to 4096 entries).
    const std::vector<GridTile>& startOrder() const noexcept { return startOrder_; }

  Q_SIGNALS:
    void tileLoaded(tessera::ui::GridTile key, quint64 version, const QImage& image);
    void tileFailed(tessera::ui::GridTile key, quint64 version, const QString& message);
    void idle();

  private:
    void startNext();
    void finished(GridTile key, quint64 version, const QImage& image, const QString& error);

    std::shared_ptr<Engine> engine_;
    ImageRef image_;
    StyleSpec style_;
    quint64 version_ = 1;
    std::deque<GridTile> queue_;
    QHash<GridTile, quint64> inFlight_;  // key → version of the running request
    QHash<GridTile, int> starts_;
    std::vector<GridTile> startOrder_;
    int started_ = 0;
    int maxConcurrent_ = 4;
    QThreadPool pool_;
};

}  // namespace tessera::ui
