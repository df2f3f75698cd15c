// HistogramPanel: the histogram of one band (chosen in a combo box) drawn as bars, with two
// draggable handles for the display min and max; dragging a handle writes the range into the
// style (the window forwards rangeEdited to the style editor). Computed on a worker thread.
//
// Thread safety: GUI thread only.
#pragma once

#include <QWidget>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "image_session.h"

class QComboBox;
class QLabel;

namespace tessera::ui {

// The bars and handles; public for tests (drag with QTest on it).
class HistogramView : public QWidget {
    Q_OBJECT
  public:
    explicit HistogramView(QWidget* parent = nullptr);
    // counts[i] covers [edges[i], edges[i+1]).
    void setData(std::vector<double> counts, std::vector<double> edges, QColor colour);
    void setRange(double lo, double hi);
    double rangeMin() const noexcept { return lo_; }
    double rangeMax() const noexcept { return hi_; }
    // Widget x of a data value and back.
    double xOf(double value) const;
    double valueAt(double x) const;
    bool hasData() const noexcept { return !counts_.empty(); }
    QSize sizeHint() const override { return {260, 140}; }

  Q_SIGNALS:
    void rangeEdited(double lo, double hi);

  protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;

  private:
    QRectF plotRect() const;
    std::vector<double> counts_, edges_;
    QColor colour_{80, 140, 220};
    double lo_ = 0, hi_ = 0;
    int dragging_ = 0;  // 0 none, 1 min, 2 max
};

class HistogramPanel : public QWidget {
    Q_OBJECT
  public:
    explicit HistogramPanel(QWidget* parent = nullptr);
    void setSession(SessionPtr session, int frame = 0);
    void clear();
    // The handles follow the style's numbers when the style names them for a band (1-based).
    void setBandRange(int band, double lo, double hi);
    int currentBand() const;  // 1-based, 0 when none
    HistogramView* view() const noexcept { return view_; }
    bool isLoaded() const noexcept { return !data_.is_null(); }

  Q_SIGNALS:
    // The user dragged a handle: band 1-based.
    void rangeEdited(int band, double lo, double hi);
    void failed(const QString& message);

  private:
    void showBand();
    QComboBox* band_;
    QLabel* info_;
    HistogramView* view_;
    SessionPtr session_;
    nlohmann::json data_;
    std::map<int, std::pair<double, double>> ranges_;
};

}  // namespace tessera::ui
