// RegionExportDialog: exports a region — from the canvas selection or typed bounds in pixels or
// a CRS — at a chosen output size, in any writable format of the formats registry, optionally
// reprojected to a configured output CRS, styled or raw, with progress and cancel.
//
// Thread safety: GUI thread only; the work runs in an ExportTask.
#pragma once

#include <QDialog>

#include "export_job.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace tessera::ui {

class RegionExportDialog : public QDialog {
    Q_OBJECT
  public:
    RegionExportDialog(SessionPtr session, const StyleSpec& style, QRectF pixelBounds,
                       QWidget* parent = nullptr);

    RegionExportSettings settings() const;
    void setSettings(const RegionExportSettings& s);
    QString path() const;
    void setPath(const QString& path);
    // Starts the export (as the Export button does).
    void startExport();
    QString errorText() const;
    ExportTask* task() const noexcept { return task_; }
    // The writable formats of the registry and the output CRSes (first: the image's own CRS).
    QComboBox* formatCombo() const noexcept { return format_; }
    QComboBox* crsCombo() const noexcept { return crs_; }

  Q_SIGNALS:
    void exported(const QString& path);

  private:
    void setBusy(bool busy);
    SessionPtr session_;
    StyleSpec style_;
    QComboBox* units_;
    QDoubleSpinBox* left_;
    QDoubleSpinBox* top_;
    QDoubleSpinBox* right_;
    QDoubleSpinBox* bottom_;
    QSpinBox* width_;
    QSpinBox* height_;
    QComboBox* format_;
    QComboBox* crs_;
    QRadioButton* styled_;
    QRadioButton* raw_;
    QLineEdit* path_;
    QLabel* error_;
    QProgressBar* progress_;
    QPushButton* export_;
    QPushButton* cancel_;
    ExportTask* task_;
};

}  // namespace tessera::ui
