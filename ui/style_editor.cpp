#include "style_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

#include "service/image_view.h"
#include "stats/stretch.h"
#include "style/color.h"
#include "style/style.h"
#include "util/atomic_file.h"

namespace tessera::ui {

namespace {

// Min/max mode combo entries: display text and the JSON they stand for ("T" / "N" take the
// value box).
struct ModeItem {
    const char* label;
    const char* value;
};
const ModeItem kModes[] = {
    {QT_TRANSLATE_NOOP("StyleEditor", "(unset: auto)"), ""},
    {QT_TRANSLATE_NOOP("StyleEditor", "auto"), "auto"},
    {QT_TRANSLATE_NOOP("StyleEditor", "band min"), "min"},
    {QT_TRANSLATE_NOOP("StyleEditor", "band max"), "max"},
    {QT_TRANSLATE_NOOP("StyleEditor", "full range of type"), "full"},
    {QT_TRANSLATE_NOOP("StyleEditor", "min:T (histogram cut)"), "min:"},
    {QT_TRANSLATE_NOOP("StyleEditor", "max:T (histogram cut)"), "max:"},
    {QT_TRANSLATE_NOOP("StyleEditor", "auto:T"), "auto:"},
    {QT_TRANSLATE_NOOP("StyleEditor", "number"), "#"},
};

QIcon swatchIcon(const nlohmann::json& palette) {
    auto p = parsePalette(palette);
    if (!p || p->empty()) return {};
    const int w = 64, h = 12;
    const std::vector<unsigned char> rgba = paletteSwatch(*p, w, h);
    QImage img(rgba.data(), w, h, w * 4, QImage::Format_RGBA8888);
    return QIcon(QPixmap::fromImage(img.copy()));
}

QString entrySummary(const nlohmann::json& e, int index) {
    QString band = e.contains("band")
                       ? QString::fromStdString(e["band"].is_string() ? e["band"].get<std::string>()
                                                                      : e["band"].dump())
                       : QCoreApplication::translate("StyleEditor", "default band");
    QString s = QCoreApplication::translate("StyleEditor", "%1. band %2").arg(index + 1).arg(band);
    if (e.contains("palette"))
        s += QStringLiteral(" · ") + QString::fromStdString(e["palette"].is_string()
                                                                ? e["palette"].get<std::string>()
                                                                : e["palette"].dump());
    if (e.contains("min") || e.contains("max"))
        s += QStringLiteral(" · %1…%2")
                 .arg(QString::fromStdString(e.value("min", nlohmann::json("auto")).dump()),
                      QString::fromStdString(e.value("max", nlohmann::json("auto")).dump()));
    return s;
}

}  // namespace

StyleEditor::StyleEditor(QWidget* parent) : QWidget(parent) {
    buildUi();
    announceTimer_.setSingleShot(true);
    announceTimer_.setInterval(200);
    connect(&announceTimer_, &QTimer::timeout, this, &StyleEditor::announce);
    jsonTimer_.setSingleShot(true);
    jsonTimer_.setInterval(300);
    connect(&jsonTimer_, &QTimer::timeout, this, &StyleEditor::jsonEdited);
    commit(false);
}

void StyleEditor::buildUi() {
    auto* top = new QVBoxLayout(this);
    top->setContentsMargins(4, 4, 4, 4);

    auto* presets = new QHBoxLayout;
    auto* defaultButton = new QPushButton(tr("Default"), this);
    defaultButton->setToolTip(tr("large_image's default style for this image"));
    auto* rawButton = new QPushButton(tr("Raw"), this);
    rawButton->setToolTip(tr("No style: samples converted to 8-bit"));
    stretch_ = new QComboBox(this);
    stretch_->addItems({tr("Stretch: min/max"), tr("Stretch: 2–98 %"), tr("Stretch: mean ± 2σ"),
                        tr("Stretch: zscale")});
    stretch_->setCurrentIndex(1);
    auto* stretchButton = new QPushButton(tr("Apply"), this);
    presets->addWidget(defaultButton);
    presets->addWidget(rawButton);
    presets->addWidget(stretch_, 1);
    presets->addWidget(stretchButton);
    top->addLayout(presets);
    connect(defaultButton, &QPushButton::clicked, this, [this] { setStyleJson(QString()); });
    connect(rawButton, &QPushButton::clicked, this, [this] { setStyleJson(QStringLiteral("{}")); });
    connect(stretchButton, &QPushButton::clicked, this,
            [this] { applyStretch(stretch_->currentIndex()); });

    auto* bandsBox = new QGroupBox(tr("Band entries"), this);
    auto* bandsLayout = new QHBoxLayout(bandsBox);
    list_ = new QListWidget(bandsBox);
    list_->setMaximumHeight(110);
    auto* buttons = new QVBoxLayout;
    add_ = new QPushButton(tr("Add"), bandsBox);
    remove_ = new QPushButton(tr("Remove"), bandsBox);
    up_ = new QPushButton(tr("Up"), bandsBox);
    down_ = new QPushButton(tr("Down"), bandsBox);
    for (auto* b : {add_, remove_, up_, down_}) buttons->addWidget(b);
    buttons->addStretch();
    bandsLayout->addWidget(list_, 1);
    bandsLayout->addLayout(buttons);
    top->addWidget(bandsBox);
    connect(add_, &QPushButton::clicked, this, &StyleEditor::addEntry);
    connect(remove_, &QPushButton::clicked, this, [this] {
        const int r = list_->currentRow();
        if (r < 0 || r >= int(entries_.size())) return;
        entries_.erase(entries_.begin() + r);
        if (entries_.empty() && extras_.empty()) mode_ = Mode::Default;
        rebuildList();
        list_->setCurrentRow(std::min(r, int(entries_.size()) - 1));
        commit(false);
    });
    auto move = [this](int delta) {
        const int r = list_->currentRow();
        const int to = r + delta;
        if (r < 0 || to < 0 || to >= int(entries_.size())) return;
        std::swap(entries_[std::size_t(r)], entries_[std::size_t(to)]);
        rebuildList();
        list_->setCurrentRow(to);
        commit(false);
    };
    connect(up_, &QPushButton::clicked, this, [move] { move(-1); });
    connect(down_, &QPushButton::clicked, this, [move] { move(1); });
    connect(list_, &QListWidget::currentRowChanged, this, [this] { loadEntryIntoForm(); });

    form_ = new QWidget(this);
    auto* form = new QFormLayout(form_);
    form->setContentsMargins(0, 0, 0, 0);
    band_ = new QComboBox(form_);
    band_->setEditable(true);
    band_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    band_->setMinimumContentsLength(8);
    minMode_ = new QComboBox(form_);
    maxMode_ = new QComboBox(form_);
    for (const ModeItem& m : kModes) {
        minMode_->addItem(tr(m.label), QString::fromLatin1(m.value));
        maxMode_->addItem(tr(m.label), QString::fromLatin1(m.value));
    }
    auto makeSpin = [this] {
        auto* s = new QDoubleSpinBox(form_);
        s->setRange(-1e12, 1e12);
        s->setDecimals(4);
        s->setKeyboardTracking(false);
        return s;
    };
    minValue_ = makeSpin();
    maxValue_ = makeSpin();
    auto row = [this](QWidget* a, QWidget* b) {
        auto* w = new QWidget(form_);
        auto* l = new QHBoxLayout(w);
        l->setContentsMargins(0, 0, 0, 0);
        l->addWidget(a, 1);
        l->addWidget(b, 1);
        return w;
    };
    palette_ = new QComboBox(form_);
    palette_->setEditable(true);
    palette_->setIconSize(QSize(64, 12));
    palette_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    palette_->setMinimumContentsLength(10);
    palette_->setInsertPolicy(QComboBox::NoInsert);
    scheme_ = new QComboBox(form_);
    scheme_->addItem(tr("linear"), QStringLiteral("linear"));
    scheme_->addItem(tr("discrete"), QStringLiteral("discrete"));
    nodataOn_ = new QCheckBox(tr("nodata"), form_);
    nodata_ = makeSpin();
    composite_ = new QComboBox(form_);
    composite_->addItem(tr("(none)"), QString());
    composite_->addItem(tr("lighten"), QStringLiteral("lighten"));
    composite_->addItem(tr("multiply"), QStringLiteral("multiply"));
    clamp_ = new QCheckBox(tr("Clamp values to min/max"), form_);
    clamp_->setChecked(true);
    form->addRow(tr("Band"), band_);
    form->addRow(tr("Min"), row(minMode_, minValue_));
    form->addRow(tr("Max"), row(maxMode_, maxValue_));
    form->addRow(tr("Palette"), palette_);
    form->addRow(tr("Scheme"), scheme_);
    form->addRow(nodataOn_, nodata_);
    form->addRow(tr("Composite"), composite_);
    form->addRow(QString(), clamp_);
    top->addWidget(form_);
    fillPalettes();

    auto changed = [this] { formChanged(); };
    connect(band_, &QComboBox::currentTextChanged, this, changed);
    connect(minMode_, &QComboBox::currentIndexChanged, this, changed);
    connect(maxMode_, &QComboBox::currentIndexChanged, this, changed);
    connect(minValue_, &QDoubleSpinBox::valueChanged, this, changed);
    connect(maxValue_, &QDoubleSpinBox::valueChanged, this, changed);
    connect(palette_, &QComboBox::currentTextChanged, this, changed);
    connect(scheme_, &QComboBox::currentIndexChanged, this, changed);
    connect(nodataOn_, &QCheckBox::toggled, this, changed);
    connect(nodata_, &QDoubleSpinBox::valueChanged, this, changed);
    connect(composite_, &QComboBox::currentIndexChanged, this, changed);
    connect(clamp_, &QCheckBox::toggled, this, changed);

    auto* jsonLabel = new QLabel(tr("Style JSON (empty = default style, {} = raw)"), this);
    json_ = new QPlainTextEdit(this);
    json_->setFont(QFont(QStringLiteral("monospace")));
    json_->setTabChangesFocus(true);
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    error_->hide();
    top->addWidget(jsonLabel);
    top->addWidget(json_, 1);
    top->addWidget(error_);
    connect(json_, &QPlainTextEdit::textChanged, this, [this] {
        if (!updating_) jsonTimer_.start();
    });

    auto* files = new QHBoxLayout;
    auto* load = new QPushButton(tr("Load…"), this);
    auto* save = new QPushButton(tr("Save…"), this);
    files->addStretch();
    files->addWidget(load);
    files->addWidget(save);
    top->addLayout(files);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load style"), QString(), tr("Style files (*.json);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !loadFile(path, &error))
            QMessageBox::warning(this, tr("Load style"), error);
    });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save style"), QStringLiteral("style.json"), tr("Style files (*.json)"));
        QString error;
        if (!path.isEmpty() && !saveFile(path, &error))
            QMessageBox::warning(this, tr("Save style"), error);
    });
}

void StyleEditor::fillPalettes() {
    palette_->addItem(tr("(none)"), QString());
    nlohmann::json listing;
    try {
        listing = colormapListing();
    } catch (const std::exception&) {
        listing = nlohmann::json::object();
    }
    int withIcons = 0;
    auto addName = [&](const std::string& name) {
        const QString n = QString::fromStdString(name);
        if (palette_->findText(n) >= 0) return;
        // Swatches for the first few hundred names; the rest are plain text.
        const QIcon icon = withIcons < 400 ? swatchIcon(nlohmann::json(name)) : QIcon();
        ++withIcons;
        palette_->addItem(icon, n, n);
    };
    for (const char* group : {"simple", "matplotlib", "palettable"}) {
        if (!listing.contains(group)) continue;
        const auto& g = listing[group];
        if (g.is_array()) {
            for (const auto& n : g)
                if (n.is_string()) addName(n.get<std::string>());
        } else if (g.is_object()) {
            for (auto it = g.begin(); it != g.end(); ++it) {
                if (it.value().is_array()) {
                    for (const auto& n : it.value())
                        if (n.is_string()) addName(n.get<std::string>());
                } else {
                    addName(it.key());
                }
            }
        }
    }
}

void StyleEditor::setSession(SessionPtr session) {
    session_ = std::move(session);
    updating_ = true;
    band_->clear();
    band_->addItem(tr("(default)"), QString());
    if (session_) {
        for (int b = 1; b <= session_->bandCount; ++b) {
            const QString in =
                QString::fromStdString(session_->info.bands[std::size_t(b - 1)].interpretation);
            band_->addItem(QStringLiteral("%1 (%2)").arg(b).arg(in), b);
        }
    }
    for (const char* name : {"red", "green", "blue", "gray", "alpha", "palette"})
        band_->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    updating_ = false;
    setStyleJson(QString());
}

void StyleEditor::addEntry() {
    nlohmann::json e = nlohmann::json::object();
    const int next = int(entries_.size()) + 1;
    if (session_ && next <= session_->bandCount)
        e["band"] = next;
    else
        e["band"] = 1;
    entries_.push_back(e);
    mode_ = Mode::Custom;
    rebuildList();
    list_->setCurrentRow(int(entries_.size()) - 1);
    commit(false);
}

void StyleEditor::rebuildList() {
    const bool was = updating_;
    updating_ = true;
    const int row = list_->currentRow();
    list_->clear();
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        auto* item = new QListWidgetItem(entrySummary(entries_[i], int(i)), list_);
        if (entries_[i].contains("palette")) item->setIcon(swatchIcon(entries_[i]["palette"]));
    }
    if (!entries_.empty()) list_->setCurrentRow(std::clamp(row, 0, int(entries_.size()) - 1));
    updating_ = was;
    loadEntryIntoForm();
}

void StyleEditor::setModeValue(QComboBox* mode, QDoubleSpinBox* value, const nlohmann::json& v) {
    int index = 0;
    double number = 0;
    if (v.is_number()) {
        index = mode->findData(QStringLiteral("#"));
        number = v.get<double>();
    } else if (v.is_string()) {
        const QString s = QString::fromStdString(v.get<std::string>());
        bool isNumber = false;
        const double n = s.toDouble(&isNumber);
        if (isNumber) {
            index = mode->findData(QStringLiteral("#"));
            number = n;
        } else if (s.contains(QLatin1Char(':'))) {
            const QString prefix = s.section(QLatin1Char(':'), 0, 0) + QLatin1Char(':');
            index = std::max(0, mode->findData(prefix));
            number = s.section(QLatin1Char(':'), 1).toDouble();
        } else {
            index = std::max(0, mode->findData(s));
        }
    }
    mode->setCurrentIndex(index);
    value->setValue(number);
    const QString data = mode->currentData().toString();
    value->setEnabled(data == QStringLiteral("#") || data.endsWith(QLatin1Char(':')));
}

nlohmann::json StyleEditor::modeValue(const QComboBox* mode, const QDoubleSpinBox* value) const {
    const QString data = mode->currentData().toString();
    if (data.isEmpty()) return nullptr;
    if (data == QStringLiteral("#")) return value->value();
    if (data.endsWith(QLatin1Char(':')))
        return (data + QString::number(std::clamp(value->value(), 0.0, 1.0), 'g', 6)).toStdString();
    return data.toStdString();
}

void StyleEditor::loadEntryIntoForm() {
    const int r = list_->currentRow();
    const bool has = r >= 0 && r < int(entries_.size());
    form_->setEnabled(has);
    remove_->setEnabled(has);
    up_->setEnabled(has && r > 0);
    down_->setEnabled(has && r + 1 < int(entries_.size()));
    if (!has) {
        // No entry selected: show a blank form.
        const bool was = updating_;
        updating_ = true;
        band_->setCurrentIndex(0);
        setModeValue(minMode_, minValue_, nlohmann::json());
        setModeValue(maxMode_, maxValue_, nlohmann::json());
        palette_->setCurrentIndex(0);
        scheme_->setCurrentIndex(0);
        nodataOn_->setChecked(false);
        composite_->setCurrentIndex(0);
        clamp_->setChecked(true);
        updating_ = was;
        return;
    }
    const bool was = updating_;
    updating_ = true;
    const nlohmann::json& e = entries_[std::size_t(r)];
    if (!e.contains("band")) {
        band_->setCurrentIndex(0);
    } else if (e["band"].is_number_integer()) {
        const int i = band_->findData(e["band"].get<int>());
        if (i >= 0)
            band_->setCurrentIndex(i);
        else
            band_->setEditText(QString::number(e["band"].get<int>()));
    } else if (e["band"].is_string()) {
        const QString s = QString::fromStdString(e["band"].get<std::string>());
        const int i = band_->findData(s);
        if (i >= 0)
            band_->setCurrentIndex(i);
        else
            band_->setEditText(s);
    }
    setModeValue(minMode_, minValue_, e.value("min", nlohmann::json()));
    setModeValue(maxMode_, maxValue_, e.value("max", nlohmann::json()));
    if (!e.contains("palette"))
        palette_->setCurrentIndex(0);
    else if (e["palette"].is_string()) {
        const QString p = QString::fromStdString(e["palette"].get<std::string>());
        const int i = palette_->findText(p);
        if (i >= 0)
            palette_->setCurrentIndex(i);
        else
            palette_->setEditText(p);
    } else {
        palette_->setEditText(QString::fromStdString(e["palette"].dump()));
    }
    scheme_->setCurrentIndex(e.value("scheme", std::string("linear")) == "discrete" ? 1 : 0);
    nodataOn_->setChecked(e.contains("nodata") && e["nodata"].is_number());
    nodata_->setValue(e.contains("nodata") && e["nodata"].is_number() ? e["nodata"].get<double>()
                                                                      : 0.0);
    nodata_->setEnabled(nodataOn_->isChecked());
    const int ci =
        composite_->findData(QString::fromStdString(e.value("composite", std::string())));
    composite_->setCurrentIndex(std::max(0, ci));
    clamp_->setChecked(e.value("clamp", true));
    updating_ = was;
}

void StyleEditor::formChanged() {
    if (updating_) return;
    const int r = list_->currentRow();
    if (r < 0 || r >= int(entries_.size())) return;
    nlohmann::json& e = entries_[std::size_t(r)];
    // Band: combo data (int or name), or typed text.
    const QString text = band_->currentText();
    const int idx = band_->findText(text);
    const QVariant data = idx >= 0 ? band_->itemData(idx) : QVariant();
    if (idx == 0)
        e.erase("band");
    else if (data.typeId() == QMetaType::Int)
        e["band"] = data.toInt();
    else if (idx > 0)
        e["band"] = data.toString().toStdString();
    else {
        bool ok = false;
        const int n = text.toInt(&ok);
        if (ok)
            e["band"] = n;
        else if (!text.isEmpty())
            e["band"] = text.toStdString();
    }
    auto setOrErase = [&](const char* key, const nlohmann::json& v) {
        if (v.is_null())
            e.erase(key);
        else
            e[key] = v;
    };
    setOrErase("min", modeValue(minMode_, minValue_));
    setOrErase("max", modeValue(maxMode_, maxValue_));
    for (const auto& pair :
         {std::make_pair(minMode_, minValue_), std::make_pair(maxMode_, maxValue_)}) {
        const QString d = pair.first->currentData().toString();
        pair.second->setEnabled(d == QStringLiteral("#") || d.endsWith(QLatin1Char(':')));
    }
    const QString pal = palette_->currentText().trimmed();
    if (pal.isEmpty() || (palette_->currentIndex() == 0 && pal == palette_->itemText(0)))
        e.erase("palette");
    else if (pal.startsWith(QLatin1Char('['))) {
        const auto parsed = nlohmann::json::parse(pal.toStdString(), nullptr, false);
        e["palette"] = parsed.is_discarded() ? nlohmann::json(pal.toStdString()) : parsed;
    } else
        e["palette"] = pal.toStdString();
    setOrErase("scheme",
               scheme_->currentIndex() == 1 ? nlohmann::json("discrete") : nlohmann::json());
    nodata_->setEnabled(nodataOn_->isChecked());
    setOrErase("nodata",
               nodataOn_->isChecked() ? nlohmann::json(nodata_->value()) : nlohmann::json());
    const QString comp = composite_->currentData().toString();
    setOrErase("composite", comp.isEmpty() ? nlohmann::json() : nlohmann::json(comp.toStdString()));
    setOrErase("clamp", clamp_->isChecked() ? nlohmann::json() : nlohmann::json(false));
    mode_ = Mode::Custom;
    if (auto* item = list_->item(r)) {
        item->setText(entrySummary(e, r));
        item->setIcon(e.contains("palette") ? swatchIcon(e["palette"]) : QIcon());
    }
    commit(false);
}

QString StyleEditor::composeJson() const {
    if (mode_ == Mode::Default) return QString();
    if (mode_ == Mode::Raw) return QStringLiteral("{}");
    nlohmann::json out;
    if (entries_.size() == 1 && extras_.empty()) {
        out = entries_.front();
    } else {
        out = extras_;
        out["bands"] = nlohmann::json::array();
        for (const auto& e : entries_) out["bands"].push_back(e);
    }
    return QString::fromStdString(out.dump(2));
}

bool StyleEditor::parseInto(const QString& text, QString* error) {
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        mode_ = Mode::Default;
        entries_.clear();
        extras_ = nlohmann::json::object();
        return true;
    }
    try {
        const Style parsed = parseStyle(t.toStdString());
        (void)parsed;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    const nlohmann::json j = nlohmann::json::parse(t.toStdString(), nullptr, false);
    if (!j.is_object()) {
        if (error) *error = tr("Style is not a valid json object.");
        return false;
    }
    entries_.clear();
    extras_ = nlohmann::json::object();
    if (j.empty()) {
        mode_ = Mode::Raw;
        return true;
    }
    mode_ = Mode::Custom;
    if (j.contains("bands") && j["bands"].is_array()) {
        for (const auto& e : j["bands"]) entries_.push_back(e);
        for (auto it = j.begin(); it != j.end(); ++it)
            if (it.key() != "bands") extras_[it.key()] = it.value();
    } else {
        entries_.push_back(j);
    }
    return true;
}

bool StyleEditor::setStyleJson(const QString& text) {
    QString error;
    if (!parseInto(text, &error)) {
        updating_ = true;
        json_->setPlainText(text);
        updating_ = false;
        error_->setText(error);
        error_->show();
        return false;
    }
    rebuildList();
    updating_ = true;
    json_->setPlainText(text.trimmed().isEmpty() ? QString() : composeJson());
    updating_ = false;
    commit(true);
    return true;
}

void StyleEditor::jsonEdited() {
    const QString text = json_->toPlainText();
    QString error;
    if (!parseInto(text, &error)) {
        // Keep the user's text; show why it is not a style.
        error_->setText(error);
        error_->show();
        return;
    }
    rebuildList();
    commit(true);
}

void StyleEditor::commit(bool fromJsonView) {
    error_->hide();
    error_->clear();
    current_ = composeJson();
    if (!fromJsonView) {
        updating_ = true;
        json_->setPlainText(current_);
        updating_ = false;
    }
    if (list_->count() == 0) loadEntryIntoForm();
    announceTimer_.start();
}

void StyleEditor::announce() {
    if (current_ == announced_) return;
    announced_ = current_;
    Q_EMIT styleChanged(current_);
}

QString StyleEditor::errorText() const {
    return error_->isVisible() || !error_->text().isEmpty() ? error_->text() : QString();
}

void StyleEditor::setBandRange(int band, double lo, double hi) {
    if (mode_ != Mode::Custom || entries_.empty()) {
        entries_.clear();
        extras_ = nlohmann::json::object();
        const int n = session_ ? session_->bandCount : 1;
        if (n >= 3) {
            const char* colours[] = {"#f00", "#0f0", "#00f"};
            for (int b = 0; b < 3; ++b)
                entries_.push_back({{"band", b + 1},
                                    {"palette", nlohmann::json::array({"#000", colours[b]})},
                                    {"min", "auto"},
                                    {"max", "auto"},
                                    {"composite", "lighten"}});
        } else {
            entries_.push_back({{"band", band}});
        }
        mode_ = Mode::Custom;
    }
    bool found = false;
    for (auto& e : entries_) {
        if (e.contains("band") && e["band"].is_number_integer() && e["band"].get<int>() == band) {
            e["min"] = lo;
            e["max"] = hi;
            found = true;
        }
    }
    if (!found) {
        if (entries_.size() == 1 && !entries_.front().contains("band")) {
            entries_.front()["band"] = band;
            entries_.front()["min"] = lo;
            entries_.front()["max"] = hi;
        } else {
            entries_.push_back({{"band", band}, {"min", lo}, {"max", hi}});
        }
    }
    rebuildList();
    commit(false);
}

void StyleEditor::applyStretch(int preset) {
    if (!session_) return;
    StretchParams params;
    params.kind = preset == 0   ? StretchKind::MinMax
                  : preset == 2 ? StretchKind::StdDev
                  : preset == 3 ? StretchKind::ZScale
                                : StretchKind::Percentile;
    SessionPtr session = session_;
    const int frame = frame_;
    QPointer<StyleEditor> self(this);
    QThreadPool::globalInstance()->start([self, session, frame, params]() {
        QString result, error;
        try {
            auto view = session->engine->view(session->ref);
            const Raster r = view->overview(frame, 1024);
            std::vector<StretchRange> ranges;
            const int n = std::min(r.bands(), session->bandCount);
            for (int b = 0; b < n; ++b) {
                const auto& nd = session->info.bands[std::size_t(b)].nodata;
                const double value = nd ? *nd : 0.0;
                ranges.push_back(computeStretch(r, b, params, nd ? &value : nullptr));
            }
            result = QString::fromStdString(styleFromStretch(n, ranges).dump(2));
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, session, result, error]() {
                if (!self || self->session_ != session) return;
                if (!error.isEmpty()) {
                    self->error_->setText(tr("Stretch failed: %1").arg(error));
                    self->error_->show();
                    Q_EMIT self->stretchFailed(error);
                    return;
                }
                self->setStyleJson(result);
            },
            Qt::QueuedConnection);
    });
}

bool StyleEditor::loadFile(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = tr("Cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray bytes = f.read(16 << 20);
    if (!setStyleJson(QString::fromUtf8(bytes))) {
        if (error) *error = tr("%1 is not a valid style: %2").arg(path, error_->text());
        return false;
    }
    return true;
}

bool StyleEditor::saveFile(const QString& path, QString* error) {
    try {
        writeFileAtomically(
            path.toStdString(),
            (current_.isEmpty() ? QStringLiteral("") : current_).toStdString() + "\n");
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

}  // namespace tessera::ui
