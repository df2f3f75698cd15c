#include "thumbnail_export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "export_widgets.h"

namespace tessera::ui {

ThumbnailExportDialog::ThumbnailExportDialog(SessionPtr session, const StyleSpec& style,
                                             QWidget* parent)
    : QDialog(parent), session_(std::move(session)), style_(style), task_(new ExportTask(this)) {
    setWindowTitle(tr("Export Thumbnail"));
    auto* form = new QFormLayout;
    width_ = new QSpinBox(this);
    height_ = new QSpinBox(this);
    for (auto* s : {width_, height_}) {
        s->setRange(1, 4096);
        s->setValue(512);
        s->setSuffix(tr(" px"));
    }
    format_ = makeFormatCombo(this);
    styled_ = new QCheckBox(tr("Apply the current style"), this);
    styled_->setChecked(true);
    label_ = new QLineEdit(this);
    label_->setPlaceholderText(tr("Optional text for the lower-left corner"));
    form->addRow(tr("Max width"), width_);
    form->addRow(tr("Max height"), height_);
    form->addRow(tr("Format"), format_);
    form->addRow(QString(), styled_);
    form->addRow(tr("Label"), label_);
    form->addRow(tr("File"), makePathRow(this, &path_, format_));
    path_->setText(QDir::home().filePath(QStringLiteral("thumbnail.png")));
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 0);
    progress_->hide();
    auto* buttons = new QDialogButtonBox(this);
    export_ = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    cancel_ = buttons->addButton(QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(error_);
    layout->addWidget(progress_);
    layout->addWidget(buttons);
    connect(export_, &QPushButton::clicked, this, &ThumbnailExportDialog::startExport);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (task_->isRunning()) {
            task_->cancel();
            error_->setText(tr("Cancelled: nothing was written."));
            progress_->hide();
            export_->setEnabled(true);
        } else {
            reject();
        }
    });
    connect(task_, &ExportTask::finished, this,
            [this](bool ok, bool cancelled, const QString& message) {
                progress_->hide();
                export_->setEnabled(true);
                if (ok) {
                    Q_EMIT exported(path());
                    accept();
                } else if (cancelled) {
                    error_->setText(tr("Cancelled: nothing was written."));
                } else {
                    error_->setText(tr("Export failed: %1").arg(message));
                }
            });
}

ThumbnailExportSettings ThumbnailExportDialog::settings() const {
    ThumbnailExportSettings s;
    s.width = width_->value();
    s.height = height_->value();
    s.encoding = formatOf(format_);
    s.applyStyle = styled_->isChecked();
    s.style = style_;
    s.label = label_->text();
    return s;
}

void ThumbnailExportDialog::setSettings(const ThumbnailExportSettings& s) {
    width_->setValue(s.width);
    height_->setValue(s.height);
    setFormat(format_, s.encoding);
    styled_->setChecked(s.applyStyle);
    label_->setText(s.label);
}

QString ThumbnailExportDialog::path() const {
    return path_->text();
}
void ThumbnailExportDialog::setPath(const QString& p) {
    path_->setText(p);
}
QString ThumbnailExportDialog::errorText() const {
    return error_->text();
}

void ThumbnailExportDialog::startExport() {
    if (!session_ || task_->isRunning()) return;
    if (path().trimmed().isEmpty()) {
        error_->setText(tr("Choose a file to export to."));
        return;
    }
    error_->clear();
    progress_->show();
    export_->setEnabled(false);
    SessionPtr session = session_;
    const ThumbnailExportSettings s = settings();
    task_->start([session, s] { return renderThumbnail(*session, s); }, path());
}

}  // namespace tessera::ui
