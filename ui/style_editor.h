// StyleEditor: builds large_image style JSON visually — band entries (add, remove, reorder),
// band, min/max modes, palette with swatches, scheme, nodata, composite, clamp — with the JSON
// text kept in sync both ways. Invalid JSON shows parseStyle's message inline and keeps the
// user's text; valid changes are announced (debounced) for live preview. Stretch presets
// compute min/max from an overview on a worker; styles load from and save to files.
//
// Thread safety: GUI thread only.
#pragma once

#include <QTimer>
#include <QWidget>
#include <nlohmann/json.hpp>
#include <vector>

#include "image_session.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace tessera::ui {

class StyleEditor : public QWidget {
    Q_OBJECT
  public:
    explicit StyleEditor(QWidget* parent = nullptr);

    void setSession(SessionPtr session);
    void setFrame(int frame) { frame_ = frame; }

    // The current style text: "" = default style, "{}" = raw, else style JSON.
    QString styleJson() const { return current_; }
    // Replaces the style (as if typed in the JSON view). Returns false (and shows the error)
    // when it is not a valid style.
    bool setStyleJson(const QString& text);
    QString errorText() const;
    // Sets numeric min/max of the entry for a band (1-based), creating entries when needed.
    void setBandRange(int band, double lo, double hi);
    // Stretch presets: 0 min/max, 1 2–98 %, 2 mean ± 2σ, 3 zscale. Runs on a worker.
    void applyStretch(int preset);

    bool loadFile(const QString& path, QString* error = nullptr);
    bool saveFile(const QString& path, QString* error = nullptr);

    // Widgets, for tests.
    QPlainTextEdit* jsonEdit() const noexcept { return json_; }
    QListWidget* entryList() const noexcept { return list_; }
    QComboBox* paletteCombo() const noexcept { return palette_; }
    QComboBox* bandCombo() const noexcept { return band_; }
    QComboBox* minModeCombo() const noexcept { return minMode_; }
    QDoubleSpinBox* minValueSpin() const noexcept { return minValue_; }
    QComboBox* maxModeCombo() const noexcept { return maxMode_; }
    QDoubleSpinBox* maxValueSpin() const noexcept { return maxValue_; }
    void addEntry();

  Q_SIGNALS:
    // A valid new style (debounced while typing or dragging).
    void styleChanged(const QString& styleJson);
    void stretchFailed(const QString& message);

  private:
    enum class Mode { Default, Raw, Custom };
    void buildUi();
    void fillPalettes();
    void rebuildList();
    void loadEntryIntoForm();
    void formChanged();
    void jsonEdited();
    void commit(bool fromJsonView);
    QString composeJson() const;
    bool parseInto(const QString& text, QString* error);
    void setModeValue(QComboBox* mode, QDoubleSpinBox* value, const nlohmann::json& v);
    nlohmann::json modeValue(const QComboBox* mode, const QDoubleSpinBox* value) const;
    void announce();

    SessionPtr session_;
    int frame_ = 0;
    Mode mode_ = Mode::Default;
    std::vector<nlohmann::json> entries_;
    nlohmann::json extras_ = nlohmann::json::object();  // top-level keys besides "bands"
    QString current_;
    QString announced_;
    bool updating_ = false;
    QTimer announceTimer_;
    QTimer jsonTimer_;

    QListWidget* list_;
    QPushButton* add_;
    QPushButton* remove_;
    QPushButton* up_;
    QPushButton* down_;
    QComboBox* band_;
    QComboBox* minMode_;
    QDoubleSpinBox* minValue_;
    QComboBox* maxMode_;
    QDoubleSpinBox* maxValue_;
    QComboBox* palette_;
    QComboBox* scheme_;
    QCheckBox* nodataOn_;
    QDoubleSpinBox* nodata_;
    QComboBox* composite_;
    QCheckBox* clamp_;
    QWidget* form_;
    QComboBox* stretch_;
    QPlainTextEdit* json_;
    QLabel* error_;
};

}  // namespace tessera::ui
