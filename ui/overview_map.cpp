#include "overview_map.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QThreadPool>
#include <algorithm>

#include "image_to_qimage.h"

namespace tessera::ui {

OverviewMap::OverviewMap(QWidget* parent) : QWidget(parent) {
    setMinimumSize(120, 100);
    setCursor(Qt::PointingHandCursor);
}

void OverviewMap::setSession(SessionPtr session, const StyleSpec& style) {
    session_ = std::move(session);
    style_ = style;
    picture_ = QImage();
    view_ = QRectF();
    render();
}

void OverviewMap::setStyle(const StyleSpec& style) {
    style_ = style;
    render();
}

void OverviewMap::clear() {
    session_.reset();
    picture_ = QImage();
    ++generation_;
    update();
}

void OverviewMap::render() {
    const quint64 gen = ++generation_;
    update();
    if (!session_) return;
    SessionPtr session = session_;
    ThumbnailRequest r;
    r.image = session->ref;
    r.maxWidth = r.maxHeight = 384;
    r.style = style_;
    QPointer<OverviewMap> self(this);
    QThreadPool::globalInstance()->start([self, session, r, gen]() {
        QImage img;
        try {
            img = toQImage(session->engine->thumbnailImage(r));
        } catch (const std::exception&) {
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, img, gen]() {
                if (!self || gen != self->generation_) return;
                self->picture_ = img;
                self->update();
            },
            Qt::QueuedConnection);
    });
}

void OverviewMap::setViewRect(const QRectF& r) {
    view_ = r;
    update();
}

QRectF OverviewMap::pictureRect() const {
    if (!session_) return {};
    const double s =
        std::min((width() - 8.0) / session_->width, (height() - 8.0) / session_->height);
    const double w = session_->width * s, h = session_->height * s;
    return QRectF((width() - w) / 2, (height() - h) / 2, w, h);
}

QPointF OverviewMap::toWidget(QPointF p) const {
    const QRectF r = pictureRect();
    if (!session_ || r.isEmpty()) return {};
    return QPointF(r.left() + p.x() / session_->width * r.width(),
                   r.top() + p.y() / session_->height * r.height());
}

QPointF OverviewMap::toImage(QPointF w) const {
    const QRectF r = pictureRect();
    if (!session_ || r.isEmpty()) return {};
    return QPointF((w.x() - r.left()) / r.width() * session_->width,
                   (w.y() - r.top()) / r.height() * session_->height);
}

void OverviewMap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(40, 42, 46));
    if (!session_) return;
    const QRectF r = pictureRect();
    if (!picture_.isNull()) {
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(r, picture_);
    } else {
        p.setPen(QColor(180, 180, 180));
        p.drawText(rect(), Qt::AlignCenter, tr("Rendering overview…"));
    }
    if (!view_.isEmpty()) {
        QRectF v(toWidget(view_.topLeft()), toWidget(view_.bottomRight()));
        v = v.intersected(r.adjusted(-1, -1, 1, 1));
        p.setBrush(QColor(255, 210, 0, 40));
        p.setPen(QPen(QColor(0, 0, 0, 160), 3));
        p.drawRect(v);
        p.setPen(QPen(QColor(255, 210, 0), 1.5));
        p.drawRect(v);
    }
}

void OverviewMap::mousePressEvent(QMouseEvent* e) {
    if (!session_ || e->button() != Qt::LeftButton) return;
    dragging_ = true;
    Q_EMIT navigate(toImage(e->position()));
}

void OverviewMap::mouseMoveEvent(QMouseEvent* e) {
    if (dragging_) Q_EMIT navigate(toImage(e->position()));
}

void OverviewMap::mouseReleaseEvent(QMouseEvent*) {
    dragging_ = false;
}

}  // namespace tessera::ui
