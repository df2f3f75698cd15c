#include "export_job.h"

#include <QCoreApplication>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPointer>
#include <QThreadPool>
#include <algorithm>

#include "image_to_qimage.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::ui {

Bytes renderRegion(const ImageSession& s, const RegionExportSettings& settings) {
    RegionRequest r;
    r.image = s.ref;
    r.left = settings.bounds.left();
    r.top = settings.bounds.top();
    r.right = settings.bounds.right();
    r.bottom = settings.bounds.bottom();
    r.units = settings.units.toStdString();
    r.width = settings.maxWidth;
    r.height = settings.maxHeight;
    r.encoding = settings.encoding;
    r.style = settings.style;
    r.styleGiven = settings.applyStyle;
    if (!settings.applyStyle && settings.encoding != Encoding::TIFF) r.style.styleJson = "{}";
    Encoded e = s.engine->region(r);
    if (!e.bytes || e.bytes->empty())
        fail(ErrorKind::Internal, trc("Viewer", "The region is empty."));
    return *e.bytes;
}

Bytes renderThumbnail(const ImageSession& s, const ThumbnailExportSettings& settings) {
    ThumbnailRequest r;
    r.image = s.ref;
    r.maxWidth = settings.width;
    r.maxHeight = settings.height;
    r.encoding = settings.encoding;
    r.style = settings.style;
    if (!settings.applyStyle) r.style.styleJson = "{}";
    if (settings.label.isEmpty()) {
        Encoded e = s.engine->thumbnail(r);
        if (!e.bytes || e.bytes->empty())
            fail(ErrorKind::Internal, trc("Viewer", "The thumbnail is empty."));
        return *e.bytes;
    }
    // The label is drawn in the GUI layer: render, paint text in the lower-left, encode.
    QImage img = toQImage(s.engine->thumbnailImage(r));
    if (img.isNull()) fail(ErrorKind::Internal, trc("Viewer", "The thumbnail is empty."));
    {
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing, true);
        QFont font(QStringLiteral("Sans"));
        font.setPixelSize(std::clamp(img.height() / 14, 9, 48));
        font.setBold(true);
        const QFontMetrics fm(font);
        const int margin = std::max(3, img.height() / 60);
        QPainterPath path;
        path.addText(QPointF(margin + 1, img.height() - margin - fm.descent()), font,
                     settings.label);
        p.setPen(QPen(QColor(0, 0, 0, 200), std::max(2.0, font.pixelSize() / 8.0)));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        p.drawPath(path);
    }
    return encodeImage(fromQImage(img), settings.encoding);
}

ExportTask::ExportTask(QObject* parent)
    : QObject(parent), cancelled_(std::make_shared<std::atomic<bool>>(false)) {}

ExportTask::~ExportTask() {
    cancelled_->store(true);
}

void ExportTask::cancel() {
    cancelled_->store(true);
}

void ExportTask::start(std::function<Bytes()> produce, const QString& path) {
    running_ = true;
    cancelled_->store(false);
    auto cancelled = cancelled_;
    QPointer<ExportTask> self(this);
    const std::string target = path.toStdString();
    QThreadPool::globalInstance()->start([self, cancelled, produce = std::move(produce), target]() {
        bool ok = false, wasCancelled = false;
        QString message;
        try {
            Bytes bytes = produce();
            if (cancelled->load()) {
                wasCancelled = true;
            } else {
                writeFileAtomically(target, bytes);
                ok = true;
            }
        } catch (const std::exception& e) {
            message = QString::fromStdString(e.what());
        }
        if (cancelled->load() && !ok) wasCancelled = true;
        QMetaObject::invokeMethod(
            qApp,
            [self, ok, wasCancelled, message]() {
                if (!self) return;
                self->running_ = false;
                Q_EMIT self->finished(ok, wasCancelled, message);
            },
            Qt::QueuedConnection);
    });
}

}  // namespace tessera::ui
