#include "open_location_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "image_session.h"

namespace tessera::ui {

OpenLocationDialog::OpenLocationDialog(const QStringList& history, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Open Location"));
    auto* label = new QLabel(tr("URL or GDAL path of an image:"), this);
    edit_ = new QComboBox(this);
    edit_->setEditable(true);
    edit_->addItems(history);
    edit_->setCurrentText(QString());
    edit_->lineEdit()->setPlaceholderText(QStringLiteral("https://example.com/image.tif"));
    edit_->setMinimumWidth(460);
    hint_ = new QLabel(
        tr("Examples: https://host/cog.tif, s3://bucket/key.tif, /vsizip/archive.zip/image.tif"),
        this);
    hint_->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(edit_);
    layout->addWidget(hint_);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(edit_, &QComboBox::currentTextChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Open)->setEnabled(!location().isEmpty());
    });
    buttons->button(QDialogButtonBox::Open)->setEnabled(false);
}

QString OpenLocationDialog::location() const {
    return edit_->currentText().trimmed();
}

}  // namespace tessera::ui
