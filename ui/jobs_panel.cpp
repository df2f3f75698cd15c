#include "jobs_panel.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

enum Column { Title, Progress, State, Actions };

}  // namespace

JobQueue& viewerJobQueue() {
    static JobQueue queue(2, 100);
    return queue;
}

JobsPanel::JobsPanel(JobQueue& queue, QWidget* parent) : QWidget(parent), queue_(queue) {
    tree_ = new QTreeWidget(this);
    tree_->setColumnCount(4);
    tree_->setHeaderLabels({tr("Job"), tr("Progress"), tr("State"), QString()});
    tree_->setRootIsDecorated(false);
    tree_->setUniformRowHeights(true);
    tree_->header()->setSectionResizeMode(Title, QHeaderView::Stretch);
    tree_->header()->setSectionResizeMode(Progress, QHeaderView::Interactive);
    tree_->header()->resizeSection(Progress, 160);
    tree_->header()->setSectionResizeMode(Actions, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(false);
    clear_ = new QPushButton(tr("Clear Finished"), this);
    connect(clear_, &QPushButton::clicked, this, &JobsPanel::clearFinished);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(clear_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(tree_);
    layout->addLayout(buttons);

    for (const JobSnapshot& s : queue_.jobs()) apply(s);
    QPointer<JobsPanel> self(this);
    listener_ = queue_.addListener([self](const JobSnapshot& s) {
        if (!self) return;
        // Queued to the GUI thread; dropped if the panel is gone by then.
        QMetaObject::invokeMethod(
            self.data(),
            [self, s] {
                if (self) self->apply(s);
            },
            Qt::QueuedConnection);
    });
}

JobsPanel::~JobsPanel() {
    queue_.removeListener(listener_);
}

QTreeWidgetItem* JobsPanel::itemFor(JobId id) const {
    auto it = items_.find(id);
    return it == items_.end() ? nullptr : it->second;
}

void JobsPanel::apply(const JobSnapshot& s) {
    QTreeWidgetItem* item = itemFor(s.id);
    // Snapshots can arrive out of order across threads: keep the newest.
    if (item && item->data(Progress, Qt::UserRole).toULongLong() >= s.version) return;
    if (!item) {
        item = new QTreeWidgetItem(tree_);
        items_[s.id] = item;
        auto* bar = new QProgressBar(tree_);
        bar->setRange(0, 1000);
        bar->setTextVisible(true);
        tree_->setItemWidget(item, Progress, bar);
        auto* actions = new QWidget(tree_);
        auto* row = new QHBoxLayout(actions);
        row->setContentsMargins(0, 0, 0, 0);
        auto* cancel = new QPushButton(tr("Cancel"), actions);
        cancel->setObjectName(QStringLiteral("cancel"));
        auto* show = new QPushButton(tr("Show File"), actions);
        show->setObjectName(QStringLiteral("show"));
        show->hide();
        row->addWidget(cancel);
        row->addWidget(show);
        tree_->setItemWidget(item, Actions, actions);
        const JobId id = s.id;
        connect(cancel, &QPushButton::clicked, this, [this, id] { queue_.cancel(id); });
        connect(show, &QPushButton::clicked, this, [item] {
            const QString path = item->data(Title, Qt::UserRole).toString();
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
        });
        Q_EMIT jobAdded(id);
    }
    item->setText(Title, QString::fromStdString(s.title));
    item->setToolTip(Title, QString::fromStdString(s.message));
    item->setText(State, QString::fromStdString(jobStateLabel(s.state)));
    item->setToolTip(State,
                     QString::fromStdString(s.state == JobState::Failed ? s.error : s.message));
    if (auto* bar = qobject_cast<QProgressBar*>(tree_->itemWidget(item, Progress))) {
        bar->setValue(int(s.progress * 1000));
        bar->setFormat(s.state == JobState::Running || s.state == JobState::Done
                           ? QStringLiteral("%1%").arg(int(s.progress * 100))
                           : QString::fromStdString(jobStateLabel(s.state)));
    }
    if (QWidget* actions = tree_->itemWidget(item, Actions)) {
        if (auto* cancel = actions->findChild<QPushButton*>(QStringLiteral("cancel")))
            cancel->setVisible(!isFinished(s.state));
        if (auto* show = actions->findChild<QPushButton*>(QStringLiteral("show")))
            show->setVisible(s.state == JobState::Done && !s.resultPath.empty());
    }
    if (s.state == JobState::Done)
        item->setData(Title, Qt::UserRole, QString::fromStdString(s.resultPath));
    if (isFinished(s.state)) item->setData(State, Qt::UserRole, true);
    item->setData(Progress, Qt::UserRole, QVariant::fromValue<qulonglong>(s.version));
}

void JobsPanel::clearFinished() {
    for (auto it = items_.begin(); it != items_.end();) {
        if (it->second->data(State, Qt::UserRole).toBool()) {
            queue_.remove(it->first);
            delete it->second;
            it = items_.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace tessera::ui
