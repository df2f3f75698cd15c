#include "pixel_probe.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <cmath>

namespace tessera::ui {

PixelProbe::PixelProbe(QObject* parent) : QObject(parent) {}

PixelProbe::~PixelProbe() = default;

void PixelProbe::setSession(SessionPtr session) {
    session_ = std::move(session);
    next_.reset();
    last_.reset();
}

void PixelProbe::setStyle(const StyleSpec& style) {
    style_ = style;
    if (last_ && !next_) probe(last_->first, last_->second);
}

void PixelProbe::probe(QPointF p, bool pinned) {
    if (!session_) return;
    next_ = std::make_pair(p, pinned);
    last_ = next_;
    if (!running_) startNext();
}

void PixelProbe::startNext() {
    if (!next_ || !session_) return;
    const auto [point, pinned] = *next_;
    next_.reset();
    running_ = true;
    PixelRequest r;
    r.image = session_->ref;
    r.left = std::floor(point.x());
    r.top = std::floor(point.y());
    r.style = style_;
    SessionPtr session = session_;
    QPointer<PixelProbe> self(this);
    QThreadPool::globalInstance()->start([session, r, point = point, pinned = pinned, self]() {
        QString json, error;
        try {
            json = QString::fromStdString(session->engine->pixel(r).dump());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, point, pinned, json, error]() {
                if (!self) return;
                self->running_ = false;
                if (error.isEmpty())
                    Q_EMIT self->result(point, pinned, json);
                else
                    Q_EMIT self->failed(error);
                self->startNext();
            },
            Qt::QueuedConnection);
    });
}

}  // namespace tessera::ui
