#include "formats_settings_dialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "formats/service_config.h"

namespace tessera::ui {

namespace {

QString fileLabel(const std::string& file, const QString& userPath) {
    if (file.empty()) return QObject::tr("Built-in defaults (no user file at %1)").arg(userPath);
    return QString::fromStdString(file);
}

}  // namespace

FormatsSettingsDialog::FormatsSettingsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Output Formats and CRSes"));
    resize(760, 620);

    auto* formatsBox = new QGroupBox(tr("Output formats"), this);
    formats_ = new QTreeWidget(formatsBox);
    formats_->setHeaderLabels(
        {tr("GDAL driver"), tr("MIME type"), tr("Mode"), tr("Extension"), tr("Native for")});
    formats_->setRootIsDecorated(false);
    formats_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    formatsFile_ = new QLabel(formatsBox);
    formatsFile_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    formatsFile_->setWordWrap(true);
    auto* editFormats = new QPushButton(tr("Edit formats file…"), formatsBox);
    auto* fl = new QVBoxLayout(formatsBox);
    fl->addWidget(formats_, 1);
    auto* fr = new QHBoxLayout;
    fr->addWidget(formatsFile_, 1);
    fr->addWidget(editFormats);
    fl->addLayout(fr);

    auto* crsBox = new QGroupBox(tr("Supported output CRSes"), this);
    crs_ = new QListWidget(crsBox);
    crs_->setFlow(QListView::LeftToRight);
    crs_->setWrapping(true);
    crs_->setResizeMode(QListView::Adjust);
    crs_->setUniformItemSizes(true);
    crsFile_ = new QLabel(crsBox);
    crsFile_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    crsFile_->setWordWrap(true);
    auto* editCrs = new QPushButton(tr("Edit CRS file…"), crsBox);
    auto* cl = new QVBoxLayout(crsBox);
    cl->addWidget(crs_, 1);
    auto* cr = new QHBoxLayout;
    cr->addWidget(crsFile_, 1);
    cr->addWidget(editCrs);
    cl->addLayout(cr);

    auto* problemsBox = new QGroupBox(tr("Problems"), this);
    problems_ = new QPlainTextEdit(problemsBox);
    problems_->setReadOnly(true);
    problems_->setMaximumHeight(90);
    auto* pl = new QVBoxLayout(problemsBox);
    pl->addWidget(problems_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* reloadButton = buttons->addButton(tr("Reload"), QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(formatsBox, 3);
    layout->addWidget(crsBox, 2);
    layout->addWidget(problemsBox);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(reloadButton, &QPushButton::clicked, this, &FormatsSettingsDialog::reload);
    connect(editFormats, &QPushButton::clicked, this,
            [this] { editFile(QStringLiteral("formats.conf")); });
    connect(editCrs, &QPushButton::clicked, this, [this] { editFile(QStringLiteral("crs.conf")); });
    refresh();
}

QString FormatsSettingsDialog::problemsText() const {
    return problems_->toPlainText();
}

void FormatsSettingsDialog::reload() {
    ServiceConfig::reload();
    refresh();
    Q_EMIT configurationReloaded();
}

void FormatsSettingsDialog::refresh() {
    auto config = ServiceConfig::current();
    const QString dir = QString::fromStdString(ServiceConfig::userConfigDir());
    formats_->clear();
    for (const OutputFormat& f : config->formats.formats()) {
        QStringList sources;
        for (const auto& [src, dst] : config->formats.nativeMappings()) {
            const OutputFormat* o = config->formats.find(dst);
            if (o && o->driver == f.driver)
                sources << (src == "*" ? tr("(default)") : QString::fromStdString(src));
        }
        auto* item = new QTreeWidgetItem(
            formats_, {QString::fromStdString(f.driver), QString::fromStdString(f.mimeType),
                       f.writable ? tr("read/write") : tr("read-only"),
                       QStringLiteral(".") + QString::fromStdString(f.extension),
                       sources.join(QStringLiteral(", "))});
        if (!f.writable)
            item->setForeground(2, palette().brush(QPalette::Disabled, QPalette::Text));
    }
    crs_->clear();
    for (int code : config->epsgCodes) crs_->addItem(QStringLiteral("EPSG:%1").arg(code));
    formatsFile_->setText(
        tr("From: %1").arg(fileLabel(config->formatsFile, dir + QStringLiteral("/formats.conf"))));
    crsFile_->setText(tr("From: %1 — %n CRS(es)", nullptr, int(config->epsgCodes.size()))
                          .arg(fileLabel(config->crsFile, dir + QStringLiteral("/crs.conf"))));
    QStringList lines;
    for (const ConfigProblem& p : config->problems) {
        const QString where =
            p.line > 0 ? QStringLiteral("%1:%2").arg(QString::fromStdString(p.file)).arg(p.line)
                       : QString::fromStdString(p.file);
        lines << where + QStringLiteral(": ") + QString::fromStdString(p.message);
    }
    problems_->setPlainText(lines.isEmpty() ? tr("No problems.") : lines.join(QLatin1Char('\n')));
}

QString FormatsSettingsDialog::ensureUserFile(const QString& name) {
    const QString dir = QString::fromStdString(ServiceConfig::userConfigDir());
    const QString path = QDir(dir).filePath(name);
    if (QFileInfo::exists(path)) return path;
    if (!QDir().mkpath(dir)) return {};
    const std::string text = name == QStringLiteral("crs.conf")
                                 ? ServiceConfig::defaultCrsText()
                                 : ServiceConfig::defaultFormatsText();
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)) return {};
    f.write(text.data(), qint64(text.size()));
    return f.error() == QFileDevice::NoError ? path : QString();
}

void FormatsSettingsDialog::editFile(const QString& name) {
    const QString path = ensureUserFile(name);
    if (path.isEmpty()) {
        QMessageBox::warning(
            this, windowTitle(),
            tr("Could not create %1 in %2.")
                .arg(name, QString::fromStdString(ServiceConfig::userConfigDir())));
        return;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        QMessageBox::information(this, windowTitle(),
                                 tr("Edit %1 with a text editor, then press Reload.").arg(path));
}

}  // namespace tessera::ui
