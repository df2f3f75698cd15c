#include "cog_convert_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>

#include "jobs_panel.h"

namespace tessera::ui {

namespace {

QString defaultOutput(const QString& input) {
    if (input.isEmpty() || input.contains(QStringLiteral("://")) ||
        input.startsWith(QStringLiteral("/vsi")))
        return {};
    const QFileInfo fi(input);
    return fi.absolutePath() + QLatin1Char('/') + fi.completeBaseName() +
           QStringLiteral("_cog.tif");
}

}  // namespace

CogConvertDialog::CogConvertDialog(const QString& input, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Convert to COG"));
    input_ = new QLineEdit(input, this);
    output_ = new QLineEdit(defaultOutput(input), this);
    auto* browseIn = new QPushButton(tr("Browse…"), this);
    auto* browseOut = new QPushButton(tr("Browse…"), this);
    connect(browseIn, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Image to Convert"), input_->text());
        if (!f.isEmpty()) {
            input_->setText(f);
            if (output_->text().isEmpty()) output_->setText(defaultOutput(f));
        }
    });
    connect(browseOut, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Write COG"), output_->text(),
                                                       tr("GeoTIFF (*.tif *.tiff)"));
        if (!f.isEmpty()) output_->setText(f);
    });
    auto row = [this](QLineEdit* edit, QPushButton* button) {
        auto* w = new QWidget(this);
        auto* l = new QHBoxLayout(w);
        l->setContentsMargins(0, 0, 0, 0);
        l->addWidget(edit, 1);
        l->addWidget(button);
        return w;
    };
    compress_ = new QComboBox(this);
    for (const auto& c : availableCogCompressions()) compress_->addItem(QString::fromStdString(c));
    compress_->setCurrentText(QStringLiteral("DEFLATE"));
    quality_ = new QSpinBox(this);
    quality_->setRange(1, 100);
    quality_->setValue(85);
    predictor_ = new QComboBox(this);
    predictor_->addItem(tr("Default"), QString());
    for (const char* p : {"YES", "NO", "STANDARD", "FLOATING_POINT"})
        predictor_->addItem(QLatin1String(p), QLatin1String(p));
    blockSize_ = new QComboBox(this);
    for (int b : {128, 256, 512, 1024, 2048}) blockSize_->addItem(QString::number(b), b);
    blockSize_->setCurrentText(QStringLiteral("512"));
    resampling_ = new QComboBox(this);
    resampling_->addItem(tr("Default"), QString());
    for (const auto& r : cogResamplings())
        resampling_->addItem(QString::fromStdString(r), QString::fromStdString(r));
    crs_ = new QLineEdit(this);
    crs_->setPlaceholderText(tr("Keep (e.g. EPSG:3857)"));
    nodata_ = new QLineEdit(this);
    nodata_->setPlaceholderText(tr("Keep"));
    bigTiff_ = new QComboBox(this);
    for (const char* b : {"IF_SAFER", "IF_NEEDED", "YES", "NO"})
        bigTiff_->addItem(QLatin1String(b));
    overwrite_ = new QCheckBox(tr("Replace the output if it exists"), this);
    auto updateQuality = [this] {
        const QString c = compress_->currentText();
        quality_->setEnabled(c == QStringLiteral("JPEG") || c == QStringLiteral("WEBP"));
    };
    connect(compress_, &QComboBox::currentTextChanged, this, updateQuality);
    updateQuality();

    auto* form = new QFormLayout;
    form->addRow(tr("Input:"), row(input_, browseIn));
    form->addRow(tr("Output:"), row(output_, browseOut));
    form->addRow(tr("Compression:"), compress_);
    form->addRow(tr("Quality:"), quality_);
    form->addRow(tr("Predictor:"), predictor_);
    form->addRow(tr("Block size:"), blockSize_);
    form->addRow(tr("Overview resampling:"), resampling_);
    form->addRow(tr("Target CRS:"), crs_);
    form->addRow(tr("Nodata:"), nodata_);
    form->addRow(tr("BigTIFF:"), bigTiff_);
    form->addRow(QString(), overwrite_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Convert"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString CogConvertDialog::inputPath() const {
    return input_->text().trimmed();
}

QString CogConvertDialog::outputPath() const {
    return output_->text().trimmed();
}

CogConvertOptions CogConvertDialog::options() const {
    CogConvertOptions o;
    o.compression = compress_->currentText().toStdString();
    if (quality_->isEnabled()) o.quality = quality_->value();
    o.predictor = predictor_->currentData().toString().toStdString();
    o.blockSize = blockSize_->currentData().toInt();
    o.resampling = resampling_->currentData().toString().toStdString();
    o.targetCrs = crs_->text().trimmed().toStdString();
    bool ok = false;
    const double nd = nodata_->text().trimmed().toDouble(&ok);
    if (ok) o.nodata = nd;
    o.bigTiff = bigTiff_->currentText().toStdString();
    o.overwrite = overwrite_->isChecked();
    return o;
}

JobId CogConvertDialog::submit() const {
    const std::string in = inputPath().toStdString();
    const std::string out = outputPath().toStdString();
    const CogConvertOptions o = options();
    JobSpec spec;
    spec.title = tr("Convert %1 to COG").arg(QFileInfo(outputPath()).fileName()).toStdString();
    spec.kind = "convert";
    spec.work = [in, out, o](JobContext& ctx) {
        ctx.setProgress(0.0, tr("Converting").toStdString());
        if (!convertToCog(in, out, o, ctx.progressCallback())) throw JobCancelled{};
        return out;
    };
    return viewerJobQueue().submit(std::move(spec));
}

void CogConvertDialog::accept() {
    if (inputPath().isEmpty() || outputPath().isEmpty()) {
        QMessageBox::warning(this, windowTitle(), tr("Choose an input and an output file."));
        return;
    }
    if (!nodata_->text().trimmed().isEmpty()) {
        bool ok = false;
        nodata_->text().trimmed().toDouble(&ok);
        if (!ok) {
            QMessageBox::warning(this, windowTitle(), tr("The nodata value is not a number."));
            return;
        }
    }
    if (QFileInfo::exists(outputPath()) && !overwrite_->isChecked()) {
        QMessageBox::warning(this, windowTitle(),
                             tr("%1 exists. Tick \"Replace\" to overwrite it.").arg(outputPath()));
        return;
    }
    Q_EMIT submitted(submit());
    QDialog::accept();
}

}  // namespace tessera::ui
