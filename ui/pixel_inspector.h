// PixelInspector: raw band values and the styled RGBA of the pixel under the cursor, or of a
// clicked (pinned) point, with its image and geographic coordinates.
//
// Thread safety: GUI thread only.
#pragma once

#include <QPointF>
#include <QWidget>
#include <optional>

#include "geo_locator.h"
#include "image_session.h"

class QLabel;
class QTableWidget;

namespace tessera::ui {

class PixelInspector : public QWidget {
    Q_OBJECT
  public:
    explicit PixelInspector(QWidget* parent = nullptr);

    void setSession(SessionPtr session);
    // Shows an Engine::pixel answer (JSON text) for an image point.
    void showPixel(QPointF imagePoint, bool pinned, const QString& json);
    void clear();
    QTableWidget* table() const noexcept { return table_; }
    // The value text in the table for a row label ("Band 1", "R", ...), for tests.
    QString valueOf(const QString& label) const;

  private:
    QLabel* where_;
    QLabel* swatch_;
    QTableWidget* table_;
    SessionPtr session_;
    GeoLocator geo_;
};

}  // namespace tessera::ui
