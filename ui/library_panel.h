// LibraryPanel: the image library dock — a grid of thumbnails (name, file size; sync state and
// errors in the tooltip), search, filters (format, size range, georeferenced), and the actions
// Add Folder…, Add S3 Prefix…, Sync Now, Import…, Pre-cache thumbnails. Double-click asks the
// window to open the image. Sync, import, pre-cache and queries run on worker threads (the GUI
// never waits on the database or a file; tasks are jobs on a JobQueue); a QTimer re-syncs every N
// minutes (library setting, 0 = off). LibraryModel is the list model behind the grid. Thread
// safety: GUI thread only (workers report back through queued calls).
#pragma once

#include <QAbstractListModel>
#include <QFuture>
#include <QImage>
#include <QWidget>
#include <atomic>
#include <memory>
#include <vector>

#include "jobs/job.h"
#include "library/library_store.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListView;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;

namespace tessera {
class JobQueue;
}

namespace tessera::ui {

class LibraryModel : public QAbstractListModel {
    Q_OBJECT
  public:
    static constexpr int PathRole = Qt::UserRole + 1;
    static constexpr int IdRole = Qt::UserRole + 2;
    static constexpr int StateRole = Qt::UserRole + 3;

    struct Row {
        LibraryImage image;
        QImage thumbnail;  // null when none is stored yet
    };

    explicit LibraryModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    void setRows(std::vector<Row> rows);
    const Row* row(int i) const;

  private:
    std::vector<Row> rows_;
};

class LibraryPanel : public QWidget {
    Q_OBJECT
  public:
    // dbPath "" = LibraryDb::defaultPath().
    explicit LibraryPanel(QWidget* parent = nullptr, const QString& dbPath = {});
    ~LibraryPanel() override;

    LibraryModel* model() const noexcept { return model_; }
    QListView* view() const noexcept { return view_; }
    const std::shared_ptr<LibraryStore>& store() const noexcept { return store_; }
    bool isBusy() const noexcept { return busy_; }
    QString statusText() const;

  public Q_SLOTS:
    void addFolder(const QString& uri);
    void syncNow();
    void importFiles(const QStringList& files, bool move);
    void precacheThumbnails();
    void cancel();
    // Re-runs the query with the current search and filters (on a worker).
    void refresh();

  Q_SIGNALS:
    // Double-click on a readable image.
    void openRequested(const QString& path);
    // "Convert to COG…" from an image's context menu.
    void convertRequested(const QString& path);
    // A background task (sync, import, pre-cache) finished; the model is being refreshed.
    void taskFinished(const QString& summary);

  private:
    void chooseFolder();
    void chooseS3Prefix();
    void chooseImport();
    void setIntervalMinutes(int minutes);
    // Runs a library job (library/library_jobs.h) on the panel's queue; one at a time.
    void runJob(const QString& title, JobSpec spec);
    void jobChanged(const JobSnapshot& snapshot);
    std::shared_ptr<std::string> newSummary();
    void setBusy(bool busy, const QString& text);
    void updateFormats();

    std::shared_ptr<LibraryStore> store_;
    QString openError_;
    LibraryModel* model_;
    QListView* view_;
    QLineEdit* search_;
    QComboBox* format_;
    QDoubleSpinBox* minMb_;
    QDoubleSpinBox* maxMb_;
    QCheckBox* geoOnly_;
    QSpinBox* interval_;
    QPushButton* syncButton_;
    QPushButton* cancelButton_;
    QList<QPushButton*> taskButtons_;
    QProgressBar* progress_;
    QLabel* status_;
    QTimer* searchDelay_;
    QTimer* schedule_;
    bool busy_ = false;
    std::unique_ptr<JobQueue> jobs_;
    JobId currentJob_ = 0;
    // The running job's outcome, written by the job before it finishes.
    std::shared_ptr<std::string> summary_ = std::make_shared<std::string>();
    QFuture<void> query_;
    quint64 queryGeneration_ = 0;
};

}  // namespace tessera::ui
