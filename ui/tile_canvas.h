// TileCanvas: the image view — an OpenGL widget that draws the visible tiles of the level that
// matches the zoom as textures, filling any tile not loaded yet from the nearest coarser tile
// already loaded (the top level is requested first and kept resident), so the view is never
// blank. Tiles come from a TileLoader (worker threads) in priority order; at most
// kMaxUploadsPerFrame textures are uploaded per frame. Smooth wheel/pinch zoom around the cursor,
// drag pan, keyboard navigation, rubber-band selection; overlays: scale bar and selection.
//
// Thread safety: GUI thread only.
#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QOpenGLBuffer>
#include <QOpenGLFunctions>
#include <QOpenGLShaderProgram>
#include <QOpenGLWidget>
#include <QPainter>
#include <QSet>
#include <QTimer>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "scale_bar.h"
#include "service/engine.h"
#include "texture_cache.h"
#include "tile_loader.h"
#include "view_transform.h"

namespace tessera::ui {

class TileCanvas : public QOpenGLWidget, protected QOpenGLFunctions {
    Q_OBJECT
  public:
    static constexpr int kMaxUploadsPerFrame = 8;

    explicit TileCanvas(QWidget* parent = nullptr);
    ~TileCanvas() override;

    // Shows an image (levels and tile size from its metadata: 256, or a TIFF's native tiles),
    // fitted to the view; replaces any previous one.
    void setImage(std::shared_ptr<Engine> engine, const ImageRef& image, int width, int height,
                  int levels, const StyleSpec& style, int tileWidth = 256, int tileHeight = 256);
    void clearImage();
    bool hasImage() const noexcept { return loader_ != nullptr; }

    // A new render version: tiles are requested again; old textures show until replaced.
    void setStyle(const StyleSpec& style);
    const StyleSpec& style() const noexcept { return style_; }

    // How the scale bar measures: units per full-resolution pixel at an image point.
    void setScaleFunction(ScaleUnit unit, std::function<std::optional<double>(QPointF)> perPixel);

    void setTextureBudget(std::size_t bytes);
    void setBackground(const QColor& c) {
        background_ = c;
        update();
    }
    QColor background() const { return background_; }

    const ViewTransform& transform() const noexcept { return view_; }
    TileLoader* loader() const noexcept { return loader_.get(); }
    const TextureCache& textures() const noexcept { return textures_; }
    int targetLevel() const;
    // True when every visible tile of the target level is drawn in the current version and
    // nothing is queued, running or waiting for upload.
    bool isViewComplete() const noexcept { return complete_; }
    bool isAnimating() const noexcept { return animTimer_.isActive(); }

    // Selection mode: left drag draws a rectangle (else Shift+drag does).
    void setSelectionMode(bool on);
    bool selectionMode() const noexcept { return selectionMode_; }
    std::optional<QRectF> selection() const { return selection_; }
    void setSelection(std::optional<QRectF> imageRect);
    void setMarker(std::optional<QPointF> imagePoint);

    // Frame timing (paintGL durations, with glFinish when measuring is on).
    void setMeasureFrames(bool on) { measure_ = on; }
    std::vector<double> frameTimesMs() const { return {frameTimes_.begin(), frameTimes_.end()}; }
    void resetFrameTimes() { frameTimes_.clear(); }

  public Q_SLOTS:
    void fitToWindow();
    void zoomOneToOne();
    void zoomIn();
    void zoomOut();
    // Animated zoom keeping the image point under `anchor` (widget coordinates) fixed.
    void animateZoomTo(double zoom, QPointF anchor);
    // Immediate view changes (navigation from the overview, tests, benchmark).
    void setZoom(double zoom);
    void centreOn(QPointF imagePoint);
    void panBy(QPointF screenDelta);

  Q_SIGNALS:
    void viewChanged();
    void cursorMoved(QPointF imagePoint, bool insideImage);
    void cursorLeft();
    void pointClicked(QPointF imagePoint);
    void selectionChanged(QRectF imageRect);
    void viewCompleted();
    void tileError(const QString& message);

  protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void leaveEvent(QEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    bool event(QEvent* e) override;

  private:
    void onTileLoaded(GridTile key, quint64 version, const QImage& image);
    void scheduleRequests();
    void updateRequests();
    void viewMoved();
    int uploadPending();
    void drawTiles(bool snap);
    void drawTexture(const TileTexture& t, const QRectF& screenRect, const QRectF& texRect,
                     bool snap);
    friend class CanvasOverlay;
    void paintOverlay(QPainter& p);
    void updateComplete();
    void animationStep();

    std::shared_ptr<Engine> engine_;
    ImageRef image_;
    StyleSpec style_;
    std::unique_ptr<TileLoader> loader_;
    ViewTransform view_;
    TextureCache textures_;
    // Loaded images waiting for upload, in arrival order.
    struct Pending {
        GridTile key;
        quint64 version;
        QImage image;
    };
    std::deque<Pending> pending_;
    QSet<GridTile> failed_;
    bool requestScheduled_ = false;
    bool complete_ = false;
    bool initialized_ = false;
    bool autoFit_ = true;  // refit on resize until the user navigates
    quint64 frame_ = 0;
    QColor background_{40, 42, 46};

    QOpenGLShaderProgram program_;
    QOpenGLBuffer quad_{QOpenGLBuffer::VertexBuffer};

    QTimer animTimer_;
    double animTarget_ = 1;
    QPointF animAnchor_;

    ScaleUnit scaleUnit_ = ScaleUnit::Pixels;
    std::function<std::optional<double>(QPointF)> perPixel_;

    bool dragging_ = false;
    bool selecting_ = false;
    bool moved_ = false;
    QPointF pressPos_;
    QPointF lastPos_;
    bool selectionMode_ = false;
    std::optional<QRectF> selection_;
    std::optional<QPointF> marker_;

    // Scale bar, selection, marker and messages are painted by a transparent child widget so
    // they appear on screen and in QWidget::grab() alike.
    QWidget* overlay_ = nullptr;

    bool measure_ = false;
    std::deque<double> frameTimes_;
};

}  // namespace tessera::ui
