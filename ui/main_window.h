// MainWindow: the viewer's window — the tile canvas in the centre, dock panels (overview,
// metadata, pixel inspector, histogram, style editor), menus and toolbar, the status bar
// (pixel position, lon/lat, band values, zoom) and a banner for errors. Opens files (dialog,
// drag and drop, command line, recent files), URLs, and the built-in sample; all image work
// runs on worker threads. Settings (recent files, cache size, layout) persist in QSettings.
//
// Thread safety: GUI thread only.
#pragma once

#include <QMainWindow>
#include <memory>

#include "geo_locator.h"
#include "image_session.h"

class QAction;
class QLabel;
class QMenu;
class QSlider;
class QSpinBox;
class QFrame;

namespace tessera::ui {

class TileCanvas;
class OverviewMap;
class MetadataPanel;
class PixelInspector;
class HistogramPanel;
class StyleEditor;
class PixelProbe;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a file path or URL on a worker; the result arrives as sessionOpened/openFailed.
    void openLocation(const QString& uri);
    // Opens the built-in sample, generating it first (with a progress dialog) when missing.
    void openSample();

    SessionPtr session() const { return session_; }
    StyleSpec currentStyle() const { return style_; }
    TileCanvas* canvas() const noexcept { return canvas_; }
    OverviewMap* overviewMap() const noexcept { return overview_; }
    MetadataPanel* metadataPanel() const noexcept { return metadata_; }
    PixelInspector* pixelInspector() const noexcept { return inspector_; }
    HistogramPanel* histogramPanel() const noexcept { return histogram_; }
    StyleEditor* styleEditor() const noexcept { return styleEditor_; }
    QSlider* frameSlider() const noexcept { return frameSlider_; }
    QString bannerText() const;
    QString statusText() const;  // the status bar labels joined, for tests
    QStringList recentFiles() const;

  public Q_SLOTS:
    void showError(const QString& message);
    void exportRegion();
    void exportThumbnail();

  Q_SIGNALS:
    void sessionOpened();
    void openFailed(const QString& message);

  protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

  private:
    void buildActions();
    void buildDocks();
    void setSession(SessionPtr session);
    void applyStyle(const QString& styleJson);
    void setFrame(int frame);
    void addRecent(const QString& uri);
    void updateRecentMenu();
    void updateZoomLabel();
    void updateActions();
    void setCacheSize();

    std::shared_ptr<Engine> engine_;
    SessionPtr session_;
    StyleSpec style_;
    GeoLocator geo_;
    quint64 openGeneration_ = 0;

    TileCanvas* canvas_;
    QFrame* banner_;
    QLabel* bannerLabel_;
    OverviewMap* overview_ = nullptr;
    MetadataPanel* metadata_ = nullptr;
    PixelInspector* inspector_ = nullptr;
    HistogramPanel* histogram_ = nullptr;
    StyleEditor* styleEditor_ = nullptr;
    PixelProbe* probe_;
    QSlider* frameSlider_ = nullptr;
    QLabel* frameLabel_ = nullptr;
    QAction* frameAction_ = nullptr;
    QLabel* posLabel_;
    QLabel* geoLabel_;
    QLabel* valuesLabel_;
    QLabel* zoomLabel_;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QList<QAction*> imageActions_;
    QAction* selectAction_ = nullptr;
};

}  // namespace tessera::ui
