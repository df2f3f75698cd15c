// OpenLocationDialog: asks for a URL or GDAL path (http(s)://, s3://, /vsi…), remembering the
// last few locations typed.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;

namespace tessera::ui {

class OpenLocationDialog : public QDialog {
    Q_OBJECT
  public:
    explicit OpenLocationDialog(const QStringList& history, QWidget* parent = nullptr);
    QString location() const;

  private:
    QComboBox* edit_;
    QLabel* hint_;
};

}  // namespace tessera::ui
