#include "export_job.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPointer>
#include <QThreadPool>
#include <algorithm>

#include "image_to_qimage.h"
#include "jobs_panel.h"
#include "service/region_output.h"
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
    r.format = settings.format.toStdString();
    r.outputCrs = settings.outputCrs.toStdString();
    // Raw pictures (PNG, JPEG...) are the unstyled 8-bit conversion; data formats keep samples.
    const bool picture =
        r.format.empty() ? settings.encoding != Encoding::TIFF : isPictureFormat(regionFormat(r));
    if (!settings.applyStyle && picture) r.style.styleJson = "{}";
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
    // The Engine draws the label (FreeType, white on a dark box, as LCO's thumbnails).
    r.label = settings.label.toStdString();
    Encoded e = s.engine->thumbnail(r);
    if (!e.bytes || e.bytes->empty())
        fail(ErrorKind::Internal, trc("Viewer", "The thumbnail is empty."));
    return *e.bytes;
}

ExportTask::ExportTask(QObject* parent)
    : QObject(parent), cancelled_(std::make_shared<std::atomic<bool>>(false)) {}

ExportTask::~ExportTask() {
    cancelled_->store(true);
    if (job_) viewerJobQueue().cancel(job_);
}

void ExportTask::cancel() {
    cancelled_->store(true);
    if (job_) viewerJobQueue().cancel(job_);
}

void ExportTask::start(std::function<Bytes()> produce, const QString& path, const QString& title) {
    running_ = true;
    cancelled_->store(false);
    auto cancelled = cancelled_;
    QPointer<ExportTask> self(this);
    const std::string target = path.toStdString();
    JobQueue& queue = viewerJobQueue();
    JobSpec spec;
    spec.title =
        (title.isEmpty()
             ? QCoreApplication::translate("Viewer", "Export %1").arg(QFileInfo(path).fileName())
             : title)
            .toStdString();
    spec.kind = "export";
    spec.work = [cancelled, produce = std::move(produce), target](JobContext& ctx) {
        ctx.setProgress(0.05, trc("Viewer", "Rendering"));
        Bytes bytes = produce();
        if (cancelled->load()) throw JobCancelled{};
        ctx.throwIfCancelled();
        ctx.setProgress(0.9, trc("Viewer", "Writing"));
        writeFileAtomically(target, bytes);
        return target;
    };
    // The outcome reaches the GUI thread once, from the listener or (if the job finished before
    // its id was known here) from the check after submit.
    auto id = std::make_shared<std::atomic<JobId>>(0);
    auto reported = std::make_shared<std::atomic<bool>>(false);
    auto token = std::make_shared<std::atomic<int>>(0);
    auto report = [self, reported, token](const JobSnapshot& s) {
        if (!isFinished(s.state) || reported->exchange(true)) return;
        const bool ok = s.state == JobState::Done;
        const bool wasCancelled = s.state == JobState::Cancelled;
        const QString message = QString::fromStdString(s.error);
        if (!qApp) return;
        QMetaObject::invokeMethod(
            qApp,
            [self, ok, wasCancelled, message, token]() {
                viewerJobQueue().removeListener(token->load());
                if (!self) return;
                self->running_ = false;
                self->job_ = 0;
                Q_EMIT self->finished(ok, wasCancelled, message);
            },
            Qt::QueuedConnection);
    };
    token->store(queue.addListener([id, report](const JobSnapshot& s) {
        if (s.id == id->load()) report(s);
    }));
    job_ = queue.submit(std::move(spec));
    id->store(job_);
    if (auto s = queue.job(job_)) report(*s);
}

}  // namespace tessera::ui
