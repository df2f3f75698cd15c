#include "tile_loader.h"

#include <QPointer>
#include <QSet>
#include <QThread>
#include <algorithm>

#include "image_to_qimage.h"
#include "util/error.h"

namespace tessera::ui {

TileLoader::TileLoader(std::shared_ptr<Engine> engine, ImageRef image, QObject* parent)
    : QObject(parent), engine_(std::move(engine)), image_(std::move(image)) {
    qRegisterMetaType<tessera::ui::GridTile>();
    maxConcurrent_ = std::max(2, QThread::idealThreadCount());
    pool_.setMaxThreadCount(maxConcurrent_);
    pool_.setExpiryTimeout(-1);
}

TileLoader::~TileLoader() {
    queue_.clear();
    pool_.clear();
    pool_.waitForDone();
}

void TileLoader::setStyle(const StyleSpec& style) {
    style_ = style;
    ++version_;
    queue_.clear();
    starts_.clear();
    startOrder_.clear();
    started_ = 0;
}

void TileLoader::setMaxConcurrent(int n) {
    maxConcurrent_ = std::max(1, n);
    pool_.setMaxThreadCount(maxConcurrent_);
    startNext();
}

void TileLoader::setWanted(const std::vector<GridTile>& keys) {
    queue_.clear();
    QSet<GridTile> seen;
    for (const GridTile& k : keys) {
        if (seen.contains(k)) continue;
        seen.insert(k);
        auto it = inFlight_.constFind(k);
        if (it != inFlight_.constEnd() && it.value() == version_) continue;
        queue_.push_back(k);
    }
    startNext();
}

int TileLoader::maxStartsOfOneTile() const {
    int m = 0;
    for (int v : starts_) m = std::max(m, v);
    return m;
}

void TileLoader::startNext() {
    std::deque<GridTile> deferred;  // still running for an older version: ask once it lands
    while (!queue_.empty() && inFlight_.size() < maxConcurrent_) {
        const GridTile key = queue_.front();
        queue_.pop_front();
        auto running = inFlight_.constFind(key);
        if (running != inFlight_.constEnd()) {
            if (running.value() != version_) deferred.push_back(key);
            continue;
        }
        inFlight_.insert(key, version_);
        ++starts_[key];
        ++started_;
        if (startOrder_.size() < 4096) startOrder_.push_back(key);

        TileRequest request;
        request.image = image_;
        request.z = key.z;
        request.x = key.x;
        request.y = key.y;
        request.style = style_;
        request.edgeCrop = true;
        const quint64 version = version_;
        std::shared_ptr<Engine> engine = engine_;
        QPointer<TileLoader> self(this);
        pool_.start([engine, request, key, version, self]() {
            QImage image;
            QString error;
            try {
                image = toQImage(*engine->tilePixels(request));
                if (image.isNull()) error = tr("The tile image is empty.");
            } catch (const std::exception& e) {
                error = QString::fromStdString(e.what());
            }
            // The loader waits for its pool before it is destroyed, so self is alive here.
            QMetaObject::invokeMethod(
                self.data(),
                [self, key, version, image, error]() {
                    if (self) self->finished(key, version, image, error);
                },
                Qt::QueuedConnection);
        });
    }
    queue_.insert(queue_.begin(), deferred.begin(), deferred.end());
}

void TileLoader::finished(GridTile key, quint64 version, const QImage& image,
                          const QString& error) {
    auto it = inFlight_.find(key);
    if (it != inFlight_.end() && it.value() == version) inFlight_.erase(it);
    if (version == version_) {
        if (error.isEmpty())
            Q_EMIT tileLoaded(key, version, image);
        else
            Q_EMIT tileFailed(key, version, error);
    }
    startNext();
    if (isIdle()) Q_EMIT idle();
}

}  // namespace tessera::ui
