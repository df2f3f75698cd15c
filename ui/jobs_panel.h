// JobsPanel: the viewer's Jobs dock — every job of a JobQueue (conversions, exports, ...) with
// its title, a progress bar, its state, a Cancel button while it runs and "Show File" once its
// output exists. viewerJobQueue() is the viewer's one queue, shared by the dialogs.
// Thread safety: GUI thread only; queue listeners (worker threads) marshal to the GUI thread
// with QMetaObject::invokeMethod. viewerJobQueue() may be used from any thread.
#pragma once

#include <QWidget>
#include <map>

#include "jobs/job_queue.h"

class QTreeWidget;
class QTreeWidgetItem;
class QPushButton;

namespace tessera::ui {

// The viewer's job queue (two workers), created on first use and alive until exit.
JobQueue& viewerJobQueue();

class JobsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit JobsPanel(JobQueue& queue, QWidget* parent = nullptr);
    ~JobsPanel() override;

    QTreeWidget* list() const noexcept { return tree_; }
    // The row of a job (nullptr when not shown), for tests.
    QTreeWidgetItem* itemFor(JobId id) const;

  Q_SIGNALS:
    // A job was added (the main window raises the dock).
    void jobAdded(JobId id);

  private:
    void apply(const JobSnapshot& s);
    void clearFinished();

    JobQueue& queue_;
    QTreeWidget* tree_;
    QPushButton* clear_;
    std::map<JobId, QTreeWidgetItem*> items_;
    int listener_ = 0;
};

}  // namespace tessera::ui
