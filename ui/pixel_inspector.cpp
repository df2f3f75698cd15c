#include "pixel_inspector.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <nlohmann/json.hpp>

namespace tessera::ui {

namespace {

QString valueText(const nlohmann::json& v) {
    if (v.is_null()) return QStringLiteral("—");
    if (v.is_number_integer() || v.is_number_unsigned()) return QString::number(v.get<long long>());
    if (v.is_number()) return QString::number(v.get<double>(), 'g', 8);
    return QString::fromStdString(v.dump());
}

}  // namespace

PixelInspector::PixelInspector(QWidget* parent) : QWidget(parent) {
    where_ = new QLabel(this);
    where_->setWordWrap(true);
    where_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    swatch_ = new QLabel(this);
    swatch_->setFixedHeight(18);
    table_ = new QTableWidget(0, 2, this);
    table_->setHorizontalHeaderLabels({tr("Channel"), tr("Value")});
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(where_);
    layout->addWidget(swatch_);
    layout->addWidget(table_);
    clear();
}

void PixelInspector::setSession(SessionPtr session) {
    session_ = std::move(session);
    geo_ = session_ ? GeoLocator(session_->info) : GeoLocator();
    clear();
}

void PixelInspector::clear() {
    where_->setText(tr("Move the pointer over the image, or click a point to pin it."));
    swatch_->setStyleSheet(QString());
    table_->setRowCount(0);
}

void PixelInspector::showPixel(QPointF p, bool pinned, const QString& json) {
    const nlohmann::json v = nlohmann::json::parse(json.toStdString(), nullptr, false);
    QString text = (pinned ? tr("Pinned point x %1, y %2") : tr("Pointer x %1, y %2"))
                       .arg(std::floor(p.x()))
                       .arg(std::floor(p.y()));
    if (auto ll = geo_.lonLat(p))
        text += QLatin1Char('\n') +
                tr("lon %1°, lat %2°").arg(ll->x(), 0, 'f', 6).arg(ll->y(), 0, 'f', 6);
    table_->setRowCount(0);
    if (!v.is_object() || v.empty()) {
        where_->setText(text + QLatin1Char('\n') + tr("Outside the image."));
        swatch_->setStyleSheet(QString());
        return;
    }
    where_->setText(text);
    auto addRow = [&](const QString& label, const QString& value) {
        const int r = table_->rowCount();
        table_->insertRow(r);
        table_->setItem(r, 0, new QTableWidgetItem(label));
        table_->setItem(r, 1, new QTableWidgetItem(value));
    };
    if (v.contains("bands") && v["bands"].is_object()) {
        for (auto it = v["bands"].begin(); it != v["bands"].end(); ++it)
            addRow(tr("Band %1").arg(QString::fromStdString(it.key())), valueText(it.value()));
    }
    int rgba[4] = {0, 0, 0, 255};
    static const char* keys[] = {"r", "g", "b", "a", "l"};
    for (const char* k : keys) {
        if (!v.contains(k)) continue;
        addRow(tr("Styled %1").arg(QString::fromLatin1(k).toUpper()), valueText(v[k]));
        const int n = v[k].is_number() ? int(v[k].get<double>()) : 0;
        if (k[0] == 'r') rgba[0] = n;
        if (k[0] == 'g') rgba[1] = n;
        if (k[0] == 'b') rgba[2] = n;
        if (k[0] == 'a') rgba[3] = n;
        if (k[0] == 'l') rgba[0] = rgba[1] = rgba[2] = n;
    }
    swatch_->setStyleSheet(QStringLiteral("background: rgba(%1,%2,%3,%4); border: 1px solid #888;")
                               .arg(rgba[0])
                               .arg(rgba[1])
                               .arg(rgba[2])
                               .arg(rgba[3]));
}

QString PixelInspector::valueOf(const QString& label) const {
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, 0)->text() == label) return table_->item(r, 1)->text();
    return {};
}

}  // namespace tessera::ui
