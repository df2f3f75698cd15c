// CogConvertDialog: File → Convert to COG… — input, output and the COG options (compression,
// quality, predictor, block size, overview resampling, target CRS, nodata, BigTIFF, overwrite).
// Accepting submits the conversion to the viewer's job queue (jobs_panel.h).
// Thread safety: GUI thread only; the conversion runs on a job worker.
#pragma once

#include <QDialog>

#include "cog/cog_convert.h"
#include "jobs/job.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace tessera::ui {

class CogConvertDialog : public QDialog {
    Q_OBJECT
  public:
    // input: the open image's path or URL ("" = none).
    explicit CogConvertDialog(const QString& input, QWidget* parent = nullptr);

    QString inputPath() const;
    QString outputPath() const;
    CogConvertOptions options() const;
    // Submits the conversion of inputPath() to outputPath() to the viewer's job queue.
    JobId submit() const;

    void accept() override;

  Q_SIGNALS:
    void submitted(JobId id);

  private:
    QLineEdit* input_;
    QLineEdit* output_;
    QComboBox* compress_;
    QSpinBox* quality_;
    QComboBox* predictor_;
    QComboBox* blockSize_;
    QComboBox* resampling_;
    QLineEdit* crs_;
    QLineEdit* nodata_;
    QComboBox* bigTiff_;
    QCheckBox* overwrite_;
};

}  // namespace tessera::ui
