// MainWindow: the viewer's window — the tile canvas in the centre, dock panels (overview,
// metadata, pixel inspector, histogram, style editor), menus and toolbar, the status bar
// (pixel position, lon/lat, band values, zoom) and a banner for errors. Opens files (dialog,
// drag and drop, command line, recent files), URLs, and the built-in sample; all image work
// runs on worker threads. Settings (recent files, cache size, layout) persist in QSettings.
// The Server menu runs the embedded HTTP server (tessera_http) on the open image, and the Globe
// dock shows its CesiumJS page (or the pixel viewer page) with the current style.
//
// Thread safety: GUI thread only.
#pragma once

#include <QMainWindow>
#include <QUrl>
#include <memory>
#include <string>

#include "geo_locator.h"
#include "image_session.h"

class QAction;
class QLabel;
class QMenu;
class QSlider;
class QSpinBox;
class QFrame;
class QDockWidget;

namespace tessera::http {
class Server;
}

namespace tessera::ui {

class GlobePanel;
class TileCanvas;
class OverviewMap;
class MetadataPanel;
class PixelInspector;
class HistogramPanel;
class StyleEditor;
class PixelProbe;
class LibraryPanel;

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
    GlobePanel* globePanel() const noexcept { return globe_; }
    QDockWidget* globeDock() const noexcept { return globeDock_; }
    // The image library dock (View menu); its panel is made when the library file exists or
    // when the dock is first shown (null until then).
    QDockWidget* libraryDock() const noexcept { return libraryDock_; }
    LibraryPanel* libraryPanel() const noexcept { return library_; }
    QAction* serverAction() const noexcept { return serverAction_; }
    // The embedded server (null until first started) and the open image's id in its registry.
    http::Server* server() const noexcept { return server_.get(); }
    QString serverImageId() const { return QString::fromStdString(serverImageId_); }
    // The page the Globe panel shows for the current image and style (empty when not serving).
    QUrl globePageUrl() const;
    QString bannerText() const;
    QString statusText() const;  // the status bar labels joined, for tests
    QStringList recentFiles() const;

  public Q_SLOTS:
    void showError(const QString& message);
    // Starts the server on the port from settings (false + an error message on failure).
    bool startServer();
    void stopServer();
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
    void removeRecent(const QString& uri);
    void updateRecentMenu();
    void updateZoomLabel();
    void updateActions();
    void setCacheSize();
    void buildServerMenu();
    void registerWithServer();
    void serverStateChanged();
    void updateGlobe();
    QString globePage() const;  // "cesium" for georeferenced images, else "viewer"

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

    std::unique_ptr<http::Server> server_;
    std::string serverImageId_;
    GlobePanel* globe_ = nullptr;
    QDockWidget* globeDock_ = nullptr;
    QDockWidget* libraryDock_ = nullptr;
    LibraryPanel* library_ = nullptr;
    void ensureLibraryPanel();
    // File → Convert to COG… and the library's context menu: the dialog, preset to input.
    void convertToCog(const QString& input);
    QAction* serverAction_ = nullptr;
    QAction* copyUrlAction_ = nullptr;
    QAction* openBrowserAction_ = nullptr;
    QLabel* serverLabel_ = nullptr;
};

}  // namespace tessera::ui
