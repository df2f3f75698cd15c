// OverviewMap: a small picture of the whole image (a styled thumbnail rendered on a worker)
// with the canvas's view rectangle drawn on it; click or drag to move the view there.
//
// Thread safety: GUI thread only.
#pragma once

#include <QImage>
#include <QWidget>

#include "image_session.h"

namespace tessera::ui {

class OverviewMap : public QWidget {
    Q_OBJECT
  public:
    explicit OverviewMap(QWidget* parent = nullptr);

    void setSession(SessionPtr session, const StyleSpec& style);
    void setStyle(const StyleSpec& style);
    void clear();
    // The view rectangle in full-resolution image pixels.
    void setViewRect(const QRectF& imageRect);
    bool hasPicture() const noexcept { return !picture_.isNull(); }
    // Widget position of an image point and back (for tests).
    QPointF toWidget(QPointF imagePoint) const;
    QPointF toImage(QPointF widgetPoint) const;
    QSize sizeHint() const override { return {240, 200}; }

  Q_SIGNALS:
    void navigate(QPointF imageCentre);

  protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;

  private:
    QRectF pictureRect() const;
    void render();
    SessionPtr session_;
    StyleSpec style_;
    QImage picture_;
    QRectF view_;
    bool dragging_ = false;
    quint64 generation_ = 0;
};

}  // namespace tessera::ui
