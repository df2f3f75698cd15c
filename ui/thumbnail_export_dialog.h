// ThumbnailExportDialog: exports a thumbnail (maximum size, format, styled or raw, optional
// label text drawn in the lower-left corner) with progress and cancel.
//
// Thread safety: GUI thread only; the work runs in an ExportTask.
#pragma once

#include <QDialog>

#include "export_job.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QCheckBox;
class QSpinBox;

namespace tessera::ui {

class ThumbnailExportDialog : public QDialog {
    Q_OBJECT
  public:
    ThumbnailExportDialog(SessionPtr session, const StyleSpec& style, QWidget* parent = nullptr);

    ThumbnailExportSettings settings() const;
    void setSettings(const ThumbnailExportSettings& s);
    QString path() const;
    void setPath(const QString& path);
    void startExport();
    QString errorText() const;
    ExportTask* task() const noexcept { return task_; }

  Q_SIGNALS:
    void exported(const QString& path);

  private:
    SessionPtr session_;
    StyleSpec style_;
    QSpinBox* width_;
    QSpinBox* height_;
    QComboBox* format_;
    QCheckBox* styled_;
    QLineEdit* label_;
    QLineEdit* path_;
    QLabel* error_;
    QProgressBar* progress_;
    QPushButton* export_;
    QPushButton* cancel_;
    ExportTask* task_;
};

}  // namespace tessera::ui
