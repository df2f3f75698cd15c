#include "tile_canvas.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QVector2D>
#include <QVector4D>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "tile_priority.h"

namespace tessera::ui {

namespace {

const char* kVertexShader = R"(
attribute vec2 a_pos;
uniform vec4 u_rect;
uniform vec4 u_tex;
uniform vec2 u_viewport;
varying vec2 v_tex;
void main() {
    vec2 p = mix(u_rect.xy, u_rect.zw, a_pos);
    v_tex = mix(u_tex.xy, u_tex.zw, a_pos);
    gl_Position = vec4(p.x / u_viewport.x * 2.0 - 1.0, 1.0 - p.y / u_viewport.y * 2.0, 0.0, 1.0);
}
)";

const char* kFragmentShader = R"(
uniform sampler2D u_sampler;
varying vec2 v_tex;
void main() { gl_FragColor = texture2D(u_sampler, v_tex); }
)";

}  // namespace

// Transparent child covering the canvas; paints the canvas's overlays.
class CanvasOverlay : public QWidget {
  public:
    explicit CanvasOverlay(TileCanvas* canvas) : QWidget(canvas), canvas_(canvas) {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setAttribute(Qt::WA_TranslucentBackground);
    }

  protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        canvas_->paintOverlay(p);
    }

  private:
    TileCanvas* canvas_;
};

TileCanvas::TileCanvas(QWidget* parent) : QOpenGLWidget(parent) {
    overlay_ = new CanvasOverlay(this);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_AcceptTouchEvents, false);
    setMinimumSize(200, 150);
    animTimer_.setInterval(15);
    connect(&animTimer_, &QTimer::timeout, this, &TileCanvas::animationStep);
}

TileCanvas::~TileCanvas() {
    loader_.reset();
    if (initialized_) {
        makeCurrent();
        textures_.clear(this);
        quad_.destroy();
        doneCurrent();
    }
}

void TileCanvas::setImage(std::shared_ptr<Engine> engine, const ImageRef& image, int width,
                          int height, int levels, const StyleSpec& style, int tileWidth,
                          int tileHeight) {
    clearImage();
    engine_ = std::move(engine);
    image_ = image;
    style_ = style;
    view_ = ViewTransform(width, height, levels, tileWidth, tileHeight);
    view_.setViewport(QSizeF(this->width(), this->height()));
    view_.fit();
    autoFit_ = true;
    // Pin every level whose whole pyramid level is at most 16 tiles.
    int pinned = 0;
    for (int z = 0; z < levels; ++z)
        if (view_.tilesX(z) * view_.tilesY(z) <= 16) pinned = z;
    textures_.setPinnedLevel(pinned);
    loader_ = std::make_unique<TileLoader>(engine_, image_);
    loader_->setStyle(style_);
    connect(loader_.get(), &TileLoader::tileLoaded, this, &TileCanvas::onTileLoaded);
    connect(loader_.get(), &TileLoader::tileFailed, this,
            [this](GridTile key, quint64 version, const QString& message) {
                if (!loader_ || version != loader_->version()) return;
                failed_.insert(key);
                Q_EMIT tileError(message);
                updateComplete();
            });
    connect(loader_.get(), &TileLoader::idle, this, [this] { update(); });
    viewMoved();
}

void TileCanvas::clearImage() {
    animTimer_.stop();
    loader_.reset();
    pending_.clear();
    failed_.clear();
    selection_.reset();
    marker_.reset();
    if (initialized_) {
        makeCurrent();
        textures_.clear(this);
        doneCurrent();
    }
    view_ = ViewTransform();
    complete_ = false;
    update();
}

void TileCanvas::setStyle(const StyleSpec& style) {
    style_ = style;
    if (!loader_) return;
    loader_->setStyle(style_);
    failed_.clear();
    // Images of the old version waiting for upload are dropped; textures stay until replaced.
    pending_.clear();
    complete_ = false;
    scheduleRequests();
    update();
}

void TileCanvas::setScaleFunction(ScaleUnit unit, std::function<std::optional<double>(QPointF)> f) {
    scaleUnit_ = unit;
    perPixel_ = std::move(f);
    update();
}

void TileCanvas::setTextureBudget(std::size_t bytes) {
    textures_.setBudget(std::max<std::size_t>(bytes, std::size_t(16) << 20));
    update();
}

int TileCanvas::targetLevel() const {
    return view_.levelForZoom(view_.zoom() * devicePixelRatioF());
}

void TileCanvas::setSelectionMode(bool on) {
    selectionMode_ = on;
    setCursor(on ? Qt::CrossCursor : Qt::ArrowCursor);
}

void TileCanvas::setSelection(std::optional<QRectF> r) {
    selection_ = r;
    update();
}

void TileCanvas::setMarker(std::optional<QPointF> p) {
    marker_ = p;
    update();
}

// --- navigation -------------------------------------------------------------------------

void TileCanvas::fitToWindow() {
    if (!view_.valid()) return;
    animTimer_.stop();
    view_.fit();
    autoFit_ = true;
    viewMoved();
}

void TileCanvas::zoomOneToOne() {
    if (!view_.valid()) return;
    animateZoomTo(1.0 / devicePixelRatioF(), QPointF(width() / 2.0, height() / 2.0));
}

void TileCanvas::zoomIn() {
    animateZoomTo(animTimer_.isActive() ? animTarget_ * 2 : view_.zoom() * 2,
                  QPointF(width() / 2.0, height() / 2.0));
}

void TileCanvas::zoomOut() {
    animateZoomTo(animTimer_.isActive() ? animTarget_ / 2 : view_.zoom() / 2,
                  QPointF(width() / 2.0, height() / 2.0));
}

void TileCanvas::animateZoomTo(double zoom, QPointF anchor) {
    if (!view_.valid()) return;
    animTarget_ = std::clamp(zoom, view_.minZoom(), view_.maxZoom());
    animAnchor_ = anchor;
    autoFit_ = false;
    if (!animTimer_.isActive()) animTimer_.start();
}

void TileCanvas::animationStep() {
    const double current = std::log(view_.zoom());
    const double target = std::log(animTarget_);
    double next = current + (target - current) * 0.35;
    if (std::abs(target - next) < 0.003) {
        next = target;
        animTimer_.stop();
    }
    view_.zoomAround(std::exp(next), animAnchor_);
    viewMoved();
}

void TileCanvas::setZoom(double zoom) {
    animTimer_.stop();
    autoFit_ = false;
    view_.zoomAround(zoom, QPointF(width() / 2.0, height() / 2.0));
    viewMoved();
}

void TileCanvas::centreOn(QPointF p) {
    autoFit_ = false;
    view_.setCentre(p);
    viewMoved();
}

void TileCanvas::panBy(QPointF d) {
    autoFit_ = false;
    view_.panByScreen(d);
    viewMoved();
}

void TileCanvas::viewMoved() {
    complete_ = false;
    scheduleRequests();
    update();
    Q_EMIT viewChanged();
}

// --- requests ------------------------------------------------------------------------------

void TileCanvas::scheduleRequests() {
    if (requestScheduled_) return;
    requestScheduled_ = true;
    QTimer::singleShot(0, this, [this] {
        requestScheduled_ = false;
        updateRequests();
    });
}

void TileCanvas::updateRequests() {
    if (!loader_ || !view_.valid()) return;
    const int target = targetLevel();
    const QRectF visible = view_.visibleImageRect();
    // Coarse → fine: the top level (whole image), a coarse level over the view, then the target.
    std::vector<int> levels{0};
    if (target - 3 > 0) levels.push_back(target - 3);
    if (target > 0) levels.push_back(target);
    std::vector<GridTile> wanted;
    const quint64 version = loader_->version();
    for (int z : levels) {
        const QRectF area =
            z == 0 ? QRectF(0, 0, view_.imageWidth(), view_.imageHeight()) : visible;
        for (const GridTile& k : view_.tilesIn(z, area)) {
            if (textures_.hasVersion(k, version) || failed_.contains(k)) continue;
            bool waiting = false;
            for (const Pending& p : pending_)
                if (p.key == k && p.version == version) waiting = true;
            if (!waiting) wanted.push_back(k);
        }
    }
    sortByPriority(wanted, view_.levels(), view_.centre());
    loader_->setWanted(wanted);
    updateComplete();
}

void TileCanvas::onTileLoaded(GridTile key, quint64 version, const QImage& image) {
    if (!loader_ || version != loader_->version()) return;
    pending_.push_back({key, version, image});
    update();
}

void TileCanvas::updateComplete() {
    bool done = loader_ && view_.valid() && loader_->isIdle() && pending_.empty();
    if (done) {
        const quint64 version = loader_->version();
        for (const GridTile& k : view_.tilesIn(targetLevel(), view_.visibleImageRect()))
            if (!textures_.hasVersion(k, version) && !failed_.contains(k)) {
                done = false;
                break;
            }
    }
    if (done && !complete_) {
        complete_ = true;
        Q_EMIT viewCompleted();
    } else if (!done) {
        complete_ = false;
    }
}

// --- GL ------------------------------------------------------------------------------------

void TileCanvas::initializeGL() {
    initializeOpenGLFunctions();
    program_.addShaderFromSourceCode(QOpenGLShader::Vertex, kVertexShader);
    program_.addShaderFromSourceCode(QOpenGLShader::Fragment, kFragmentShader);
    program_.bindAttributeLocation("a_pos", 0);
    if (!program_.link())
        qWarning("TileCanvas: shader link failed: %s", qPrintable(program_.log()));
    static const GLfloat quad[] = {0, 0, 1, 0, 0, 1, 1, 1};
    quad_.create();
    quad_.bind();
    quad_.allocate(quad, sizeof(quad));
    quad_.release();
    initialized_ = true;
}

void TileCanvas::resizeGL(int, int) {
    view_.setViewport(QSizeF(width(), height()));
    if (autoFit_) view_.fit();
    viewMoved();
}

int TileCanvas::uploadPending() {
    if (pending_.empty() || !loader_) return 0;
    // Coarse tiles first: they fill the most screen area.
    std::stable_sort(pending_.begin(), pending_.end(),
                     [](const Pending& a, const Pending& b) { return a.key.z < b.key.z; });
    int n = 0;
    while (!pending_.empty() && n < kMaxUploadsPerFrame) {
        Pending p = std::move(pending_.front());
        pending_.pop_front();
        if (p.version != loader_->version()) continue;
        textures_.insert(this, p.key, p.version, p.image, frame_);
        ++n;
    }
    return n;
}

void TileCanvas::paintGL() {
    QElapsedTimer timer;
    timer.start();
    ++frame_;
    const qreal dpr = devicePixelRatioF();
    const int fbw = int(std::lround(width() * dpr)), fbh = int(std::lround(height() * dpr));
    glViewport(0, 0, fbw, fbh);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_STENCIL_TEST);
    glClearColor(background_.redF(), background_.greenF(), background_.blueF(), 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);

    const bool uploaded = uploadPending() > 0;
    if (loader_ && view_.valid()) {
        drawTiles(!animTimer_.isActive() && !dragging_);
        textures_.evict(this, frame_);
    }
    if (measure_) glFinish();
    overlay_->update();

    if (!pending_.empty()) update();  // the rest next frame
    if (uploaded) scheduleRequests();
    updateComplete();
    frameTimes_.push_back(timer.nsecsElapsed() / 1e6);
    if (frameTimes_.size() > 4096) frameTimes_.pop_front();
}

void TileCanvas::drawTiles(bool snap) {
    program_.bind();
    quad_.bind();
    program_.enableAttributeArray(0);
    program_.setAttributeBuffer(0, GL_FLOAT, 0, 2);
    program_.setUniformValue("u_sampler", 0);
    const qreal dpr = devicePixelRatioF();
    program_.setUniformValue("u_viewport", QVector2D(float(width() * dpr), float(height() * dpr)));
    glActiveTexture(GL_TEXTURE0);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);

    const int target = targetLevel();
    const bool magnified = view_.zoom() * dpr / view_.levelScale(target) >= 2.0;
    const GLint magFilter = magnified ? GL_NEAREST : GL_LINEAR;
    auto toScreen = [&](const QRectF& r) {
        return QRectF(view_.imageToScreen(r.topLeft()) * dpr,
                      view_.imageToScreen(r.bottomRight()) * dpr);
    };
    for (const GridTile& k : view_.tilesIn(target, view_.visibleImageRect())) {
        const QRectF cell = view_.tileImageRect(k);
        // The tile itself, or the nearest coarser tile loaded, cut to this cell.
        for (int z = target; z >= 0; --z) {
            const int shift = target - z;
            const GridTile a{z, k.x >> shift, k.y >> shift};
            const TileTexture* t = textures_.find(a);
            if (!t) continue;
            const QRectF ar = view_.tileImageRect(a);
            const QRectF tex((cell.left() - ar.left()) / ar.width(),
                             (cell.top() - ar.top()) / ar.height(), cell.width() / ar.width(),
                             cell.height() / ar.height());
            textures_.touch(a, frame_);
            glBindTexture(GL_TEXTURE_2D, t->id);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER,
                            z == target ? magFilter : GL_LINEAR);
            drawTexture(*t, toScreen(cell), tex, snap);
            break;
        }
    }
    glDisable(GL_BLEND);
    program_.disableAttributeArray(0);
    quad_.release();
    program_.release();
}

void TileCanvas::drawTexture(const TileTexture&, const QRectF& s, const QRectF& tex, bool snap) {
    QRectF r = s;
    if (snap)
        r = QRectF(QPointF(std::round(s.left()), std::round(s.top())),
                   QPointF(std::round(s.right()), std::round(s.bottom())));
    program_.setUniformValue(
        "u_rect", QVector4D(float(r.left()), float(r.top()), float(r.right()), float(r.bottom())));
    program_.setUniformValue("u_tex", QVector4D(float(tex.left()), float(tex.top()),
                                                float(tex.right()), float(tex.bottom())));
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

void TileCanvas::resizeEvent(QResizeEvent* e) {
    QOpenGLWidget::resizeEvent(e);
    overlay_->setGeometry(rect());
}

void TileCanvas::paintOverlay(QPainter& p) {
    p.setRenderHint(QPainter::Antialiasing, true);
    if (!loader_) {
        p.setPen(QColor(200, 200, 200));
        QFont f = p.font();
        f.setPointSizeF(f.pointSizeF() * 1.3);
        p.setFont(f);
        p.drawText(rect(), Qt::AlignCenter,
                   tr("Open an image: File ▸ Open, drop a file here, or File ▸ Open Location."));
        return;
    }
    // Selection rectangle.
    if (selection_) {
        const QRectF r(view_.imageToScreen(selection_->topLeft()),
                       view_.imageToScreen(selection_->bottomRight()));
        p.setPen(QPen(QColor(255, 210, 0), 1.5, Qt::DashLine));
        p.setBrush(QColor(255, 210, 0, 40));
        p.drawRect(r.normalized());
    }
    if (marker_) {
        const QPointF c = view_.imageToScreen(*marker_);
        p.setPen(QPen(Qt::black, 3));
        p.drawLine(c - QPointF(8, 0), c + QPointF(8, 0));
        p.drawLine(c - QPointF(0, 8), c + QPointF(0, 8));
        p.setPen(QPen(QColor(0, 230, 255), 1.5));
        p.drawLine(c - QPointF(8, 0), c + QPointF(8, 0));
        p.drawLine(c - QPointF(0, 8), c + QPointF(0, 8));
    }
    // Scale bar, lower left.
    double perImagePixel = 1.0;
    if (perPixel_) {
        if (auto v = perPixel_(view_.centre())) perImagePixel = *v;
    }
    const ScaleUnit unit = perPixel_ ? scaleUnit_ : ScaleUnit::Pixels;
    const ScaleBar bar =
        makeScaleBar(perImagePixel / view_.zoom(), std::min(200.0, width() / 3.0), unit);
    if (bar.screenPixels > 0) {
        const QFontMetrics fm(p.font());
        const double x = 14, y = height() - 14;
        const QRectF box(x - 6, y - fm.height() - 14,
                         std::max(bar.screenPixels, double(fm.horizontalAdvance(bar.label))) + 12,
                         fm.height() + 20);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0, 0, 0, 140));
        p.drawRoundedRect(box, 4, 4);
        p.setPen(QPen(Qt::white, 2));
        p.drawLine(QPointF(x, y - 4), QPointF(x + bar.screenPixels, y - 4));
        p.drawLine(QPointF(x, y - 8), QPointF(x, y));
        p.drawLine(QPointF(x + bar.screenPixels, y - 8), QPointF(x + bar.screenPixels, y));
        p.drawText(QPointF(x, y - 10), bar.label);
    }
    // Loading indicator, upper right.
    const int busy = loader_->queuedCount() + loader_->inFlightCount() + int(pending_.size());
    if (busy > 0) {
        const QString text = tr("Loading %n tile(s)…", nullptr, busy);
        const QFontMetrics fm(p.font());
        const QRectF box(width() - fm.horizontalAdvance(text) - 22, 8,
                         fm.horizontalAdvance(text) + 14, fm.height() + 8);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0, 0, 0, 140));
        p.drawRoundedRect(box, 4, 4);
        p.setPen(Qt::white);
        p.drawText(box, Qt::AlignCenter, text);
    }
}

// --- input ---------------------------------------------------------------------------------

void TileCanvas::wheelEvent(QWheelEvent* e) {
    if (!view_.valid()) return;
    const QPoint pixels = e->pixelDelta();
    const double steps = !pixels.isNull() ? pixels.y() / 120.0 : e->angleDelta().y() / 120.0;
    if (steps == 0) return;
    const double base = animTimer_.isActive() ? animTarget_ : view_.zoom();
    animateZoomTo(base * std::pow(1.25, steps), e->position());
    e->accept();
}

void TileCanvas::mousePressEvent(QMouseEvent* e) {
    setFocus(Qt::MouseFocusReason);
    if (e->button() != Qt::LeftButton || !view_.valid()) return;
    pressPos_ = lastPos_ = e->position();
    moved_ = false;
    if (selectionMode_ || (e->modifiers() & Qt::ShiftModifier)) {
        selecting_ = true;
        selection_ = QRectF(view_.screenToImage(pressPos_), QSizeF(0, 0));
    } else {
        dragging_ = true;
        animTimer_.stop();
        setCursor(Qt::ClosedHandCursor);
    }
}

void TileCanvas::mouseMoveEvent(QMouseEvent* e) {
    if (view_.valid()) {
        const QPointF ip = view_.screenToImage(e->position());
        const bool inside = ip.x() >= 0 && ip.y() >= 0 && ip.x() < view_.imageWidth() &&
                            ip.y() < view_.imageHeight();
        Q_EMIT cursorMoved(ip, inside);
    }
    if ((e->position() - pressPos_).manhattanLength() > 3) moved_ = true;
    if (dragging_) {
        panBy(e->position() - lastPos_);
        lastPos_ = e->position();
    } else if (selecting_) {
        QPointF a = view_.screenToImage(pressPos_), b = view_.screenToImage(e->position());
        auto clampPt = [&](QPointF q) {
            return QPointF(std::clamp(q.x(), 0.0, double(view_.imageWidth())),
                           std::clamp(q.y(), 0.0, double(view_.imageHeight())));
        };
        selection_ = QRectF(clampPt(a), clampPt(b)).normalized();
        update();
    }
}

void TileCanvas::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return;
    if (dragging_) {
        dragging_ = false;
        setCursor(selectionMode_ ? Qt::CrossCursor : Qt::ArrowCursor);
        update();  // redraw snapped to device pixels
        if (!moved_) Q_EMIT pointClicked(view_.screenToImage(e->position()));
    } else if (selecting_) {
        selecting_ = false;
        if (selection_ && selection_->width() >= 1 && selection_->height() >= 1)
            Q_EMIT selectionChanged(*selection_);
        else
            selection_.reset();
        update();
    }
}

void TileCanvas::leaveEvent(QEvent* e) {
    Q_EMIT cursorLeft();
    QOpenGLWidget::leaveEvent(e);
}

void TileCanvas::keyPressEvent(QKeyEvent* e) {
    if (!view_.valid()) return QOpenGLWidget::keyPressEvent(e);
    const double step = std::min(width(), height()) / 6.0;
    switch (e->key()) {
        case Qt::Key_Left:
            panBy(QPointF(step, 0));
            break;
        case Qt::Key_Right:
            panBy(QPointF(-step, 0));
            break;
        case Qt::Key_Up:
            panBy(QPointF(0, step));
            break;
        case Qt::Key_Down:
            panBy(QPointF(0, -step));
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            break;
        case Qt::Key_Minus:
            zoomOut();
            break;
        case Qt::Key_Home:
            fitToWindow();
            break;
        case Qt::Key_1:
            zoomOneToOne();
            break;
        case Qt::Key_Escape:
            selection_.reset();
            update();
            break;
        default:
            QOpenGLWidget::keyPressEvent(e);
            return;
    }
    e->accept();
}

bool TileCanvas::event(QEvent* e) {
    if (e->type() == QEvent::NativeGesture && view_.valid()) {
        auto* g = static_cast<QNativeGestureEvent*>(e);
        if (g->gestureType() == Qt::ZoomNativeGesture) {
            animTimer_.stop();
            autoFit_ = false;
            view_.zoomAround(view_.zoom() * (1.0 + g->value()), g->position());
            viewMoved();
            return true;
        }
    }
    return QOpenGLWidget::event(e);
}

}  // namespace tessera::ui
