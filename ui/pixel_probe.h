// PixelProbe: asks the Engine for the band values and styled colour of one pixel (the cursor's
// or a clicked point) on a worker thread, throttled: at most one request runs at a time and
// only the latest position waiting is asked next.
//
// Thread safety: GUI thread only; results are delivered by a signal on the GUI thread.
#pragma once

#include <QObject>
#include <QPointF>
#include <nlohmann/json.hpp>
#include <optional>

#include "image_session.h"

namespace tessera::ui {

class PixelProbe : public QObject {
    Q_OBJECT
  public:
    explicit PixelProbe(QObject* parent = nullptr);
    ~PixelProbe() override;

    void setSession(SessionPtr session);
    // A new style re-asks for the last point, so styled values never lag behind the canvas.
    void setStyle(const StyleSpec& style);
    // Asks for the pixel at an image point (full-resolution pixels); `pinned` marks clicks.
    void probe(QPointF imagePoint, bool pinned = false);

  Q_SIGNALS:
    // values: Engine::pixel's answer ({} outside the image).
    void result(QPointF imagePoint, bool pinned, const QString& json);
    void failed(const QString& message);

  private:
    void startNext();
    SessionPtr session_;
    StyleSpec style_;
    bool running_ = false;
    std::optional<std::pair<QPointF, bool>> next_;
    std::optional<std::pair<QPointF, bool>> last_;
};

}  // namespace tessera::ui
