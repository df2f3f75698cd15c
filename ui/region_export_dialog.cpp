#include "region_export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "export_widgets.h"
#include "formats/service_config.h"
#include "geo/crs.h"

namespace tessera::ui {

RegionExportDialog::RegionExportDialog(SessionPtr session, const StyleSpec& style, QRectF bounds,
                                       QWidget* parent)
    : QDialog(parent), session_(std::move(session)), style_(style), task_(new ExportTask(this)) {
    setWindowTitle(tr("Export Region"));
    auto* form = new QFormLayout;
    units_ = new QComboBox(this);
    units_->addItem(tr("Pixels"), QStringLiteral("pixels"));
    if (session_ && session_->info.geospatial) {
        units_->addItem(tr("Longitude/latitude (EPSG:4326)"), QStringLiteral("EPSG:4326"));
        try {
            if (auto code = epsgCode(session_->info.projectionWkt))
                units_->addItem(tr("Image CRS (EPSG:%1)").arg(*code),
                                QStringLiteral("EPSG:%1").arg(*code));
        } catch (const std::exception&) {
        }
    }
    auto spin = [this] {
        auto* s = new QDoubleSpinBox(this);
        s->setRange(-1e15, 1e15);
        s->setDecimals(6);
        return s;
    };
    left_ = spin();
    top_ = spin();
    right_ = spin();
    bottom_ = spin();
    width_ = new QSpinBox(this);
    height_ = new QSpinBox(this);
    for (auto* s : {width_, height_}) {
        s->setRange(0, 65536);
        s->setSpecialValueText(tr("native"));
    }
    width_->setValue(2048);
    height_->setValue(2048);
    format_ = makeRegistryFormatCombo(this);
    setRegistryFormat(format_, QStringLiteral("PNG"));
    crs_ = new QComboBox(this);
    crs_->addItem(tr("Image CRS (no reprojection)"), QString());
    if (session_ && session_->info.geospatial)
        for (int code : ServiceConfig::current()->epsgCodes)
            crs_->addItem(QStringLiteral("EPSG:%1").arg(code), QStringLiteral("EPSG:%1").arg(code));
    crs_->setEnabled(crs_->count() > 1);
    styled_ = new QRadioButton(tr("Apply the current style"), this);
    raw_ = new QRadioButton(tr("Raw data (TIFF keeps source samples)"), this);
    styled_->setChecked(true);
    form->addRow(tr("Units"), units_);
    form->addRow(tr("Left"), left_);
    form->addRow(tr("Top"), top_);
    form->addRow(tr("Right"), right_);
    form->addRow(tr("Bottom"), bottom_);
    form->addRow(tr("Max width"), width_);
    form->addRow(tr("Max height"), height_);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Output CRS"), crs_);
    form->addRow(QString(), styled_);
    form->addRow(QString(), raw_);
    form->addRow(tr("File"), makePathRow(this, &path_, format_));
    path_->setText(QDir::home().filePath(QStringLiteral("region.png")));

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

    left_->setValue(bounds.left());
    top_->setValue(bounds.top());
    right_->setValue(bounds.right());
    bottom_->setValue(bounds.bottom());

    connect(export_, &QPushButton::clicked, this, &RegionExportDialog::startExport);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (task_->isRunning()) {
            task_->cancel();
            error_->setText(tr("Cancelled: nothing was written."));
            setBusy(false);
        } else {
            reject();
        }
    });
    connect(task_, &ExportTask::finished, this,
            [this](bool ok, bool cancelled, const QString& message) {
                setBusy(false);
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

RegionExportSettings RegionExportDialog::settings() const {
    RegionExportSettings s;
    s.bounds =
        QRectF(QPointF(left_->value(), top_->value()), QPointF(right_->value(), bottom_->value()));
    s.units = units_->currentData().toString();
    s.maxWidth = width_->value();
    s.maxHeight = height_->value();
    s.format = registryFormatOf(format_);
    s.encoding = parseEncoding(s.format.toStdString()).value_or(Encoding::TIFF);
    if (s.format.compare(QStringLiteral("GTiff"), Qt::CaseInsensitive) == 0)
        s.encoding = Encoding::TIFF;
    s.outputCrs = crs_->currentData().toString();
    s.applyStyle = styled_->isChecked();
    s.style = style_;
    return s;
}

void RegionExportDialog::setSettings(const RegionExportSettings& s) {
    const int u = units_->findData(s.units);
    if (u >= 0) units_->setCurrentIndex(u);
    left_->setValue(s.bounds.left());
    top_->setValue(s.bounds.top());
    right_->setValue(s.bounds.right());
    bottom_->setValue(s.bounds.bottom());
    width_->setValue(s.maxWidth);
    height_->setValue(s.maxHeight);
    if (!s.format.isEmpty())
        setRegistryFormat(format_, s.format);
    else
        setRegistryFormat(format_, s.encoding == Encoding::TIFF
                                       ? QStringLiteral("GTiff")
                                       : QString::fromLatin1(encodingName(s.encoding)));
    const int c = crs_->findData(s.outputCrs);
    crs_->setCurrentIndex(c >= 0 ? c : 0);
    (s.applyStyle ? styled_ : raw_)->setChecked(true);
}

QString RegionExportDialog::path() const {
    return path_->text();
}
void RegionExportDialog::setPath(const QString& p) {
    path_->setText(p);
}
QString RegionExportDialog::errorText() const {
    return error_->text();
}

void RegionExportDialog::setBusy(bool busy) {
    progress_->setVisible(busy);
    export_->setEnabled(!busy);
    for (QWidget* w : {static_cast<QWidget*>(units_), static_cast<QWidget*>(format_),
                       static_cast<QWidget*>(crs_)})
        w->setEnabled(!busy);
}

void RegionExportDialog::startExport() {
    if (!session_ || task_->isRunning()) return;
    const RegionExportSettings s = settings();
    if (path().trimmed().isEmpty()) {
        error_->setText(tr("Choose a file to export to."));
        return;
    }
    if (!(s.bounds.width() != 0 && s.bounds.height() != 0)) {
        error_->setText(
            tr("The region is empty: left must differ from right and top from bottom."));
        return;
    }
    error_->clear();
    setBusy(true);
    SessionPtr session = session_;
    task_->start([session, s] { return renderRegion(*session, s); }, path());
}

}  // namespace tessera::ui
