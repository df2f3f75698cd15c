// FormatsSettingsDialog: the output formats registry and the supported CRS list (ServiceConfig),
// each with the file it came from, the problems found while reading them, buttons that open the
// user's files for editing (creating them from the shipped defaults first) and a Reload button.
// Thread safety: GUI thread only.
#pragma once

#include <QDialog>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTreeWidget;

namespace tessera::ui {

class FormatsSettingsDialog : public QDialog {
    Q_OBJECT
  public:
    explicit FormatsSettingsDialog(QWidget* parent = nullptr);

    // Re-reads the configuration files (ServiceConfig::reload) and refreshes the lists.
    void reload();
    // Creates the user file from the shipped defaults when missing; returns its path.
    static QString ensureUserFile(const QString& name);

    QTreeWidget* formatsList() const noexcept { return formats_; }
    QListWidget* crsList() const noexcept { return crs_; }
    QString problemsText() const;

  Q_SIGNALS:
    void configurationReloaded();

  private:
    void refresh();
    void editFile(const QString& name);
    QTreeWidget* formats_;
    QListWidget* crs_;
    QLabel* formatsFile_;
    QLabel* crsFile_;
    QPlainTextEdit* problems_;
};

}  // namespace tessera::ui
