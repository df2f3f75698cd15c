#include "export_widgets.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

#include "formats/service_config.h"

namespace tessera::ui {

QComboBox* makeFormatCombo(QWidget* parent) {
    auto* c = new QComboBox(parent);
    c->addItem(QStringLiteral("PNG"), int(Encoding::PNG));
    c->addItem(QStringLiteral("JPEG"), int(Encoding::JPEG));
    c->addItem(QStringLiteral("WebP"), int(Encoding::WebP));
    c->addItem(QStringLiteral("TIFF"), int(Encoding::TIFF));
    return c;
}

Encoding formatOf(const QComboBox* combo) {
    return Encoding(combo->currentData().toInt());
}

void setFormat(QComboBox* combo, Encoding e) {
    combo->setCurrentIndex(std::max(0, combo->findData(int(e))));
}

QString withExtension(const QString& path, Encoding e) {
    return withExtension(path, QString::fromLatin1(fileExtension(e)));
}

QString withExtension(const QString& path, const QString& ext) {
    if (path.isEmpty()) return path;
    const QFileInfo fi(path);
    const QString base =
        fi.suffix().isEmpty() ? path : path.left(path.size() - fi.suffix().size() - 1);
    return base + QLatin1Char('.') + ext;
}

QComboBox* makeRegistryFormatCombo(QWidget* parent) {
    auto* c = new QComboBox(parent);
    for (const OutputFormat& f : ServiceConfig::current()->formats.writable()) {
        c->addItem(QStringLiteral("%1 (.%2, %3)")
                       .arg(QString::fromStdString(f.driver), QString::fromStdString(f.extension),
                            QString::fromStdString(f.mimeType)),
                   QString::fromStdString(f.driver));
        c->setItemData(c->count() - 1, QString::fromStdString(f.extension), Qt::UserRole + 1);
    }
    return c;
}

QString registryFormatOf(const QComboBox* combo) {
    return combo->currentData().toString();
}

void setRegistryFormat(QComboBox* combo, const QString& driver) {
    const int i = combo->findData(driver, Qt::UserRole, Qt::MatchFixedString);
    if (i >= 0) combo->setCurrentIndex(i);
}

QString extensionOf(const QComboBox* combo) {
    const QVariant ext = combo->currentData(Qt::UserRole + 1);
    if (ext.isValid()) return ext.toString();
    return QString::fromLatin1(fileExtension(formatOf(combo)));
}

QWidget* makePathRow(QWidget* parent, QLineEdit** edit, const QComboBox* format) {
    auto* w = new QWidget(parent);
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    auto* e = new QLineEdit(w);
    auto* b = new QPushButton(QObject::tr("Browse…"), w);
    l->addWidget(e, 1);
    l->addWidget(b);
    QObject::connect(b, &QPushButton::clicked, w, [w, e, format] {
        const QString p = QFileDialog::getSaveFileName(w, QObject::tr("Export to"), e->text());
        if (!p.isEmpty()) e->setText(withExtension(p, extensionOf(format)));
    });
    QObject::connect(format, &QComboBox::currentIndexChanged, w,
                     [e, format] { e->setText(withExtension(e->text(), extensionOf(format))); });
    *edit = e;
    return w;
}

}  // namespace tessera::ui
