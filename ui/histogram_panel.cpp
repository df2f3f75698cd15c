#include "histogram_panel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QThreadPool>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace tessera::ui {

HistogramView::HistogramView(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(110);
    setMouseTracking(true);
}

void HistogramView::setData(std::vector<double> counts, std::vector<double> edges, QColor colour) {
    counts_ = std::move(counts);
    edges_ = std::move(edges);
    colour_ = colour;
    if (edges_.size() >= 2) setRange(edges_.front(), edges_.back());
    update();
}

void HistogramView::setRange(double lo, double hi) {
    lo_ = std::min(lo, hi);
    hi_ = std::max(lo, hi);
    update();
}

QRectF HistogramView::plotRect() const {
    return QRectF(8, 6, width() - 16, height() - 26);
}

double HistogramView::xOf(double v) const {
    if (edges_.size() < 2 || edges_.back() == edges_.front()) return plotRect().left();
    const QRectF r = plotRect();
    return r.left() + (v - edges_.front()) / (edges_.back() - edges_.front()) * r.width();
}

double HistogramView::valueAt(double x) const {
    if (edges_.size() < 2) return 0;
    const QRectF r = plotRect();
    const double t = std::clamp((x - r.left()) / r.width(), 0.0, 1.0);
    return edges_.front() + t * (edges_.back() - edges_.front());
}

void HistogramView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const QRectF r = plotRect();
    if (counts_.empty()) {
        p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
        p.drawText(rect(), Qt::AlignCenter, tr("No histogram"));
        return;
    }
    // Square-root scale so small bins stay visible.
    double peak = 0;
    for (double c : counts_) peak = std::max(peak, std::sqrt(std::max(c, 0.0)));
    if (peak <= 0) peak = 1;
    p.setPen(Qt::NoPen);
    p.setBrush(colour_);
    const double bw = r.width() / counts_.size();
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        const double h = std::sqrt(std::max(counts_[i], 0.0)) / peak * r.height();
        p.drawRect(QRectF(r.left() + i * bw, r.bottom() - h, std::max(bw, 1.0), h));
    }
    // Shade outside the range, handles at min and max.
    const double x0 = xOf(lo_), x1 = xOf(hi_);
    p.setBrush(QColor(0, 0, 0, 60));
    p.drawRect(QRectF(r.left(), r.top(), std::max(0.0, x0 - r.left()), r.height()));
    p.drawRect(QRectF(x1, r.top(), std::max(0.0, r.right() - x1), r.height()));
    for (double x : {x0, x1}) {
        p.setPen(QPen(QColor(230, 120, 0), 2));
        p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
        p.setBrush(QColor(230, 120, 0));
        p.drawPolygon(QPolygonF({QPointF(x, r.bottom()), QPointF(x - 5, r.bottom() + 8),
                                 QPointF(x + 5, r.bottom() + 8)}));
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRectF(0, r.bottom() + 8, width(), 14), Qt::AlignLeft, QString::number(lo_, 'g', 6));
    p.drawText(QRectF(0, r.bottom() + 8, width(), 14), Qt::AlignRight,
               QString::number(hi_, 'g', 6));
}

void HistogramView::mousePressEvent(QMouseEvent* e) {
    if (!hasData()) return;
    const double x = e->position().x();
    dragging_ = std::abs(x - xOf(lo_)) <= std::abs(x - xOf(hi_)) ? 1 : 2;
    mouseMoveEvent(e);
}

void HistogramView::mouseMoveEvent(QMouseEvent* e) {
    if (!dragging_) {
        const double x = e->position().x();
        const bool near = hasData() && std::min(std::abs(x - xOf(lo_)), std::abs(x - xOf(hi_))) < 6;
        setCursor(near ? Qt::SizeHorCursor : Qt::ArrowCursor);
        return;
    }
    const double v = valueAt(e->position().x());
    if (dragging_ == 1)
        lo_ = std::min(v, hi_);
    else
        hi_ = std::max(v, lo_);
    update();
}

void HistogramView::mouseReleaseEvent(QMouseEvent*) {
    if (!dragging_) return;
    dragging_ = 0;
    Q_EMIT rangeEdited(lo_, hi_);
}

HistogramPanel::HistogramPanel(QWidget* parent) : QWidget(parent) {
    band_ = new QComboBox(this);
    info_ = new QLabel(this);
    info_->setWordWrap(true);
    view_ = new HistogramView(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(band_);
    layout->addWidget(view_, 1);
    layout->addWidget(info_);
    connect(band_, &QComboBox::currentIndexChanged, this, [this] { showBand(); });
    connect(view_, &HistogramView::rangeEdited, this, [this](double lo, double hi) {
        const int b = currentBand();
        if (b <= 0) return;
        ranges_[b] = {lo, hi};
        Q_EMIT rangeEdited(b, lo, hi);
    });
}

void HistogramPanel::clear() {
    session_.reset();
    data_ = nullptr;
    ranges_.clear();
    band_->clear();
    view_->setData({}, {}, QColor());
    info_->clear();
}

int HistogramPanel::currentBand() const {
    return band_->currentIndex() + (band_->count() ? 1 : 0);
}

void HistogramPanel::setSession(SessionPtr session, int frame) {
    const int keepBand = band_->currentIndex();
    clear();
    session_ = session;
    if (!session) return;
    info_->setText(tr("Computing histogram…"));
    for (int b = 1; b <= session->bandCount; ++b) {
        QString name =
            QString::fromStdString(session->info.bands[std::size_t(b - 1)].interpretation);
        band_->addItem(tr("Band %1 (%2)").arg(b).arg(name));
    }
    band_->setCurrentIndex(std::clamp(keepBand, 0, std::max(0, band_->count() - 1)));
    QPointer<HistogramPanel> self(this);
    QThreadPool::globalInstance()->start([self, session, frame]() {
        HistogramRequest r;
        r.image = session->ref;
        r.bins = 128;
        r.frame = frame;
        r.maxSize = 1024;
        nlohmann::json out;
        QString error;
        try {
            out = session->engine->histogram(r);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, session, out, error]() {
                if (!self || self->session_ != session) return;
                if (!error.isEmpty()) {
                    self->info_->setText(tr("Histogram failed: %1").arg(error));
                    Q_EMIT self->failed(error);
                    return;
                }
                self->data_ = out;
                self->showBand();
            },
            Qt::QueuedConnection);
    });
}

void HistogramPanel::setBandRange(int band, double lo, double hi) {
    ranges_[band] = {lo, hi};
    if (band == currentBand()) view_->setRange(lo, hi);
}

void HistogramPanel::showBand() {
    const int b = currentBand();
    if (!data_.is_array() || b <= 0 || std::size_t(b) > data_.size()) return;
    const nlohmann::json& h = data_[std::size_t(b - 1)];
    if (!h.is_object() || !h.contains("hist")) {
        view_->setData({}, {}, QColor());
        return;
    }
    std::vector<double> counts, edges;
    for (const auto& v : h["hist"]) counts.push_back(v.is_number() ? v.get<double>() : 0.0);
    for (const auto& v : h["bin_edges"]) edges.push_back(v.is_number() ? v.get<double>() : 0.0);
    QColor colour(110, 110, 110);
    if (session_ && std::size_t(b) <= session_->info.bands.size()) {
        const std::string& in = session_->info.bands[std::size_t(b - 1)].interpretation;
        if (in == "red")
            colour = QColor(210, 60, 60);
        else if (in == "green")
            colour = QColor(60, 170, 60);
        else if (in == "blue")
            colour = QColor(60, 100, 220);
    }
    view_->setData(counts, edges, colour);
    auto it = ranges_.find(b);
    if (it != ranges_.end()) view_->setRange(it->second.first, it->second.second);
    auto num = [&](const char* k) {
        return h.contains(k) && h[k].is_number() ? h[k].get<double>() : 0.0;
    };
    info_->setText(tr("min %1  max %2  mean %3  σ %4")
                       .arg(num("min"), 0, 'g', 6)
                       .arg(num("max"), 0, 'g', 6)
                       .arg(num("mean"), 0, 'g', 6)
                       .arg(num("stdev"), 0, 'g', 6));
}

}  // namespace tessera::ui
