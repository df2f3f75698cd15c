#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QThreadPool>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <atomic>
#include <cmath>

#include "cog_convert_dialog.h"
#include "formats_settings_dialog.h"
#include "globe_panel.h"
#include "histogram_panel.h"
#include "http/server.h"
#include "jobs_panel.h"
#include "library/library_db.h"
#include "library_panel.h"
#include "metadata_panel.h"
#include "open_location_dialog.h"
#include "overview_map.h"
#include "pixel_inspector.h"
#include "pixel_probe.h"
#include "region_export_dialog.h"
#include "sample/sample_image.h"
#include "settings_keys.h"
#include "style_editor.h"
#include "thumbnail_export_dialog.h"
#include "tile_canvas.h"
#include "util/error.h"

namespace tessera::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    qRegisterMetaType<tessera::ui::SessionPtr>();
    setWindowTitle(tr("Tessera"));
    setWindowIcon(QIcon(QStringLiteral(":/tessera/icons/tessera.svg")));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    QSettings settings;
    EngineConfig config;
    config.tileCacheBytes = std::size_t(64) << 20;  // encoded tiles; the canvas keeps textures
    engine_ = std::make_shared<Engine>(config);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    banner_ = new QFrame(central);
    banner_->setStyleSheet(QStringLiteral(
        "QFrame { background: #fbe3e4; color: #7a1c1c; border-bottom: 1px solid #e0b4b4; }"));
    auto* bannerLayout = new QHBoxLayout(banner_);
    bannerLayout->setContentsMargins(8, 4, 4, 4);
    bannerLabel_ = new QLabel(banner_);
    bannerLabel_->setWordWrap(true);
    bannerLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bannerClose = new QPushButton(tr("Dismiss"), banner_);
    bannerLayout->addWidget(bannerLabel_, 1);
    bannerLayout->addWidget(bannerClose);
    banner_->hide();
    connect(bannerClose, &QPushButton::clicked, banner_, &QWidget::hide);
    canvas_ = new TileCanvas(central);
    canvas_->setTextureBudget(
        std::size_t(
            settings.value(settings::cacheMegabytes(), settings::kDefaultCacheMegabytes).toInt())
        << 20);
    layout->addWidget(banner_);
    layout->addWidget(canvas_, 1);
    setCentralWidget(central);

    probe_ = new PixelProbe(this);

    posLabel_ = new QLabel(this);
    geoLabel_ = new QLabel(this);
    valuesLabel_ = new QLabel(this);
    zoomLabel_ = new QLabel(this);
    for (QLabel* l : {posLabel_, geoLabel_, valuesLabel_}) {
        l->setMinimumWidth(120);
        statusBar()->addWidget(l);
    }
    serverLabel_ = new QLabel(this);
    serverLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(serverLabel_);
    statusBar()->addPermanentWidget(zoomLabel_);

    buildDocks();
    buildActions();

    connect(canvas_, &TileCanvas::viewChanged, this, [this] {
        overview_->setViewRect(canvas_->transform().visibleImageRect());
        updateZoomLabel();
    });
    connect(canvas_, &TileCanvas::cursorMoved, this, [this](QPointF p, bool inside) {
        if (!inside) {
            posLabel_->setText(tr("outside the image"));
            geoLabel_->clear();
            valuesLabel_->clear();
            return;
        }
        posLabel_->setText(tr("x %1  y %2").arg(std::floor(p.x())).arg(std::floor(p.y())));
        if (auto ll = geo_.lonLat(p))
            geoLabel_->setText(
                tr("lon %1°  lat %2°").arg(ll->x(), 0, 'f', 6).arg(ll->y(), 0, 'f', 6));
        else if (geo_.celestial())
            geoLabel_->setText(geo_.skyText(p));  // FITS WCS: RA/Dec
        probe_->probe(p, false);
    });
    connect(canvas_, &TileCanvas::cursorLeft, this, [this] {
        posLabel_->clear();
        geoLabel_->clear();
        valuesLabel_->clear();
    });
    connect(canvas_, &TileCanvas::pointClicked, this, [this](QPointF p) {
        canvas_->setMarker(p);
        probe_->probe(p, true);
    });
    connect(canvas_, &TileCanvas::tileError, this,
            [this](const QString& m) { showError(tr("Some tiles could not be read: %1").arg(m)); });
    connect(canvas_, &TileCanvas::selectionChanged, this, [this](QRectF) {
        statusBar()->showMessage(tr("Region selected: use File ▸ Export Region to save it."), 5000);
    });
    connect(probe_, &PixelProbe::result, this, [this](QPointF p, bool pinned, const QString& json) {
        inspector_->showPixel(p, pinned, json);
        if (pinned) return;
        const auto v = nlohmann::json::parse(json.toStdString(), nullptr, false);
        QStringList parts;
        if (v.is_object() && v.contains("bands"))
            for (auto it = v["bands"].begin(); it != v["bands"].end(); ++it)
                parts << QStringLiteral("%1=%2").arg(
                    QString::fromStdString(it.key()),
                    it.value().is_null() ? QStringLiteral("—")
                                         : QString::fromStdString(it.value().dump()));
        valuesLabel_->setText(parts.isEmpty() ? QString()
                                              : tr("bands %1").arg(parts.join(QLatin1Char(' '))));
    });
    connect(probe_, &PixelProbe::failed, this,
            [this](const QString& m) { statusBar()->showMessage(m, 4000); });

    restoreGeometry(settings.value(settings::geometry()).toByteArray());
    restoreState(settings.value(settings::windowState()).toByteArray(),
                 settings::kWindowStateVersion);
    if (!settings.contains(settings::geometry())) resize(1200, 800);
    updateActions();
    updateZoomLabel();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks() {
    auto addDock = [this](const QString& title, const QString& name, QWidget* w,
                          Qt::DockWidgetArea area) {
        auto* dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setWidget(w);
        addDockWidget(area, dock);
        return dock;
    };
    overview_ = new OverviewMap(this);
    metadata_ = new MetadataPanel(this);
    inspector_ = new PixelInspector(this);
    histogram_ = new HistogramPanel(this);
    styleEditor_ = new StyleEditor(this);
    auto* ov =
        addDock(tr("Overview"), QStringLiteral("overviewDock"), overview_, Qt::LeftDockWidgetArea);
    auto* px = addDock(tr("Pixel Inspector"), QStringLiteral("pixelDock"), inspector_,
                       Qt::LeftDockWidgetArea);
    auto* md =
        addDock(tr("Metadata"), QStringLiteral("metadataDock"), metadata_, Qt::LeftDockWidgetArea);
    auto* st =
        addDock(tr("Style"), QStringLiteral("styleDock"), styleEditor_, Qt::RightDockWidgetArea);
    auto* hi = addDock(tr("Histogram"), QStringLiteral("histogramDock"), histogram_,
                       Qt::RightDockWidgetArea);
    tabifyDockWidget(px, md);
    px->raise();
    globe_ = new GlobePanel(this);
    globeDock_ = addDock(tr("Globe"), QStringLiteral("globeDock"), globe_, Qt::RightDockWidgetArea);
    tabifyDockWidget(st, globeDock_);  // shown as a tab over the style editor's large area
    globeDock_->hide();
    st->raise();
    connect(globe_, &GlobePanel::startRequested, this, &MainWindow::startServer);
    // Shown: start the server on demand (when there is an image to serve) and load the page.
    connect(globeDock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!visible) return;
        if (session_ && (!server_ || !server_->isRunning()))
            startServer();
        else
            updateGlobe();
    });
    // Initial proportions (a saved layout replaces them): docks sized once the window is laid out.
    QTimer::singleShot(0, this, [this, ov, px, st, hi] {
        if (QSettings().contains(settings::windowState())) return;
        resizeDocks({ov, px}, {220, 400}, Qt::Vertical);
        resizeDocks({st, hi}, {520, 220}, Qt::Vertical);
        resizeDocks({ov, st}, {240, 330}, Qt::Horizontal);
    });

    connect(overview_, &OverviewMap::navigate, canvas_, &TileCanvas::centreOn);
    // The image library: made now when the library file exists (its scheduled re-sync runs),
    // else when the dock is first shown, so a viewer never creates the file unasked.
    libraryDock_ = addDock(tr("Library"), QStringLiteral("libraryDock"), new QWidget(this),
                           Qt::BottomDockWidgetArea);
    libraryDock_->hide();
    if (QFileInfo::exists(QString::fromStdString(LibraryDb::defaultPath()))) ensureLibraryPanel();
    connect(libraryDock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) ensureLibraryPanel();
    });
    connect(styleEditor_, &StyleEditor::styleChanged, this, &MainWindow::applyStyle);
    connect(histogram_, &HistogramPanel::rangeEdited, styleEditor_, &StyleEditor::setBandRange);
    // Jobs (conversions, exports): hidden until the first job arrives.
    auto* jobs = new JobsPanel(viewerJobQueue(), this);
    QDockWidget* jobsDock =
        addDock(tr("Jobs"), QStringLiteral("jobsDock"), jobs, Qt::BottomDockWidgetArea);
    jobsDock->hide();
    connect(jobs, &JobsPanel::jobAdded, jobsDock, [jobsDock] {
        jobsDock->show();
        jobsDock->raise();
    });
}

void MainWindow::convertToCog(const QString& input) {
    auto* dialog = new CogConvertDialog(input, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::ensureLibraryPanel() {
    if (library_) return;
    library_ = new LibraryPanel(libraryDock_);
    QWidget* placeholder = libraryDock_->widget();
    libraryDock_->setWidget(library_);
    delete placeholder;
    connect(library_, &LibraryPanel::openRequested, this, &MainWindow::openLocation);
    connect(library_, &LibraryPanel::convertRequested, this, &MainWindow::convertToCog);
}

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QToolBar* tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolbar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);

    QAction* open = file->addAction(tr("&Open…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Image"), QString(),
            tr("Images (*.tif *.tiff *.ptif *.svs *.ndpi *.scn *.vrt *.fits *.fit *.fts *.jp2 "
               "*.png *.jpg *.jpeg *.img *.nc);;All files (*)"));
        if (!path.isEmpty()) openLocation(path);
    });
    open->setShortcut(QKeySequence::Open);
    QAction* openUrl = file->addAction(tr("Open &Location…"), this, [this] {
        QSettings s;
        OpenLocationDialog dialog(s.value(settings::recentLocations()).toStringList(), this);
        if (dialog.exec() != QDialog::Accepted) return;
        QStringList history = s.value(settings::recentLocations()).toStringList();
        history.removeAll(dialog.location());
        history.prepend(dialog.location());
        s.setValue(settings::recentLocations(), history.mid(0, settings::kMaxRecentFiles));
        openLocation(dialog.location());
    });
    openUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open &Sample Image"), this, &MainWindow::openSample);
    file->addSeparator();
    QAction* exportRegionAction =
        file->addAction(tr("Export &Region…"), this, &MainWindow::exportRegion);
    exportRegionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction* exportThumbAction =
        file->addAction(tr("Export &Thumbnail…"), this, &MainWindow::exportThumbnail);
    file->addAction(tr("Convert to &COG…"), this, [this] {
        convertToCog(session_ ? QString::fromStdString(session_->ref.uri) : QString());
    });
    file->addAction(tr("Output &Formats and CRSes…"), this, [this] {
        FormatsSettingsDialog dialog(this);
        dialog.exec();
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    updateRecentMenu();

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    QAction* fit = viewMenu_->addAction(tr("&Fit to Window"), canvas_, &TileCanvas::fitToWindow);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction* one =
        viewMenu_->addAction(tr("&Actual Pixels (1:1)"), canvas_, &TileCanvas::zoomOneToOne);
    one->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* zin = viewMenu_->addAction(tr("Zoom &In"), canvas_, &TileCanvas::zoomIn);
    zin->setShortcut(QKeySequence::ZoomIn);
    QAction* zout = viewMenu_->addAction(tr("Zoom &Out"), canvas_, &TileCanvas::zoomOut);
    zout->setShortcut(QKeySequence::ZoomOut);
    selectAction_ = viewMenu_->addAction(tr("&Select Region"));
    selectAction_->setCheckable(true);
    selectAction_->setShortcut(QKeySequence(Qt::Key_R));
    selectAction_->setToolTip(
        tr("Drag on the image to select a region (Shift+drag works at any time)"));
    connect(selectAction_, &QAction::toggled, canvas_, &TileCanvas::setSelectionMode);
    viewMenu_->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>()) viewMenu_->addAction(d->toggleViewAction());
    viewMenu_->addSeparator();
    viewMenu_->addAction(tr("Texture &Cache Size…"), this, &MainWindow::setCacheSize);

    buildServerMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Tessera"), this, [this] {
        QMessageBox::about(
            this, tr("About Tessera"),
            tr("<b>Tessera</b> %1<br>A viewer for very large images (COG, GeoTIFF, "
               "whole-slide TIFF, FITS).<br><br>Keys: arrows pan, +/− zoom, Home fits, 1 "
               "shows actual pixels, Shift+drag selects a region.")
                .arg(QApplication::applicationVersion()));
    });

    tools->addAction(open);
    tools->addAction(openUrl);
    tools->addSeparator();
    tools->addAction(fit);
    tools->addAction(one);
    tools->addAction(zin);
    tools->addAction(zout);
    tools->addAction(selectAction_);
    tools->addSeparator();
    tools->addAction(exportRegionAction);
    tools->addAction(exportThumbAction);

    frameLabel_ = new QLabel(this);
    frameSlider_ = new QSlider(Qt::Horizontal, this);
    frameSlider_->setMinimumWidth(160);
    frameSlider_->setMaximumWidth(260);
    auto* frameBox = new QWidget(this);
    auto* frameLayout = new QHBoxLayout(frameBox);
    frameLayout->setContentsMargins(8, 0, 8, 0);
    frameLayout->addWidget(new QLabel(tr("Frame"), frameBox));
    frameLayout->addWidget(frameSlider_);
    frameLayout->addWidget(frameLabel_);
    tools->addSeparator();
    frameAction_ = tools->addWidget(frameBox);
    frameAction_->setVisible(false);
    connect(frameSlider_, &QSlider::valueChanged, this, &MainWindow::setFrame);

    imageActions_ = {exportRegionAction, exportThumbAction, fit, one, zin, zout, selectAction_};
}

void MainWindow::updateActions() {
    for (QAction* a : imageActions_) a->setEnabled(session_ != nullptr);
}

void MainWindow::updateZoomLabel() {
    if (!session_) {
        zoomLabel_->setText(tr("No image"));
        return;
    }
    const auto& t = canvas_->transform();
    zoomLabel_->setText(tr("Zoom %1 %  ·  level %2 of %3")
                            .arg(t.zoom() * 100.0, 0, 'f', t.zoom() < 0.1 ? 2 : 1)
                            .arg(canvas_->targetLevel())
                            .arg(t.levels() - 1));
}

void MainWindow::showError(const QString& message) {
    bannerLabel_->setText(message);
    banner_->show();
    statusBar()->showMessage(message, 10000);
}

QString MainWindow::bannerText() const {
    return banner_->isVisible() ? bannerLabel_->text() : QString();
}

QString MainWindow::statusText() const {
    return QStringList{posLabel_->text(), geoLabel_->text(), valuesLabel_->text(),
                       zoomLabel_->text()}
        .join(QStringLiteral(" | "));
}

void MainWindow::openLocation(const QString& uri) {
    const quint64 generation = ++openGeneration_;
    statusBar()->showMessage(tr("Opening %1…").arg(uri));
    QApplication::setOverrideCursor(Qt::BusyCursor);
    std::shared_ptr<Engine> engine = engine_;
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, engine, uri, generation]() {
        SessionPtr session;
        QString error;
        bool unsafe = false;  // failed the crash-isolated probe (core/probe)
        try {
            session = openSession(engine, uri);
        } catch (const Error& e) {
            error = QString::fromStdString(e.what());
            unsafe = e.kind() == ErrorKind::Unsafe;
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, session, error, unsafe, uri, generation]() {
                if (!self) return;
                QApplication::restoreOverrideCursor();
                // A file that cannot be read safely does not stay one click away.
                if (unsafe) self->removeRecent(uri);
                if (generation != self->openGeneration_) return;  // a newer open replaced this one
                if (!error.isEmpty()) {
                    const QString message = tr("Cannot open %1: %2").arg(uri, error);
                    self->showError(message);
                    auto* box = new QMessageBox(QMessageBox::Warning, tr("Open Image"), message,
                                                QMessageBox::Ok, self);
                    box->setAttribute(Qt::WA_DeleteOnClose);
                    box->open();
                    Q_EMIT self->openFailed(message);
                    return;
                }
                self->addRecent(uri);
                self->setSession(session);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::setSession(SessionPtr session) {
    session_ = std::move(session);
    banner_->hide();
    style_ = StyleSpec{};
    geo_ = GeoLocator(session_->info);
    setWindowTitle(tr("%1 — Tessera").arg(session_->displayName));
    canvas_->setImage(session_->engine, session_->ref, session_->width, session_->height,
                      session_->levels, style_, session_->metadata.value("tileWidth", 256),
                      session_->metadata.value("tileHeight", 256));
    canvas_->setSelection(std::nullopt);
    // Georeferenced: ground metres (geodesic, so web-mercator scale distortion is accounted
    // for; GDAL sources also report mm_x from the geotransform, which is not ground distance).
    // Slides: µm from mm_x. Otherwise pixels.
    if (geo_.valid()) {
        GeoLocator geo = geo_;
        canvas_->setScaleFunction(ScaleUnit::Metres,
                                  [geo](QPointF p) { return geo.metresPerPixel(p); });
    } else if (session_->info.mmX && *session_->info.mmX > 0) {
        const double umPerPixel = *session_->info.mmX * 1000.0;
        canvas_->setScaleFunction(ScaleUnit::Micrometres, [umPerPixel](QPointF) {
            return std::optional<double>(umPerPixel);
        });
    } else {
        canvas_->setScaleFunction(ScaleUnit::Pixels, {});
    }
    overview_->setSession(session_, style_);
    metadata_->setSession(session_);
    inspector_->setSession(session_);
    histogram_->setSession(session_, 0);
    probe_->setSession(session_);
    probe_->setStyle(style_);
    {
        const QSignalBlocker block(styleEditor_);
        styleEditor_->setSession(session_);
        styleEditor_->setFrame(0);
    }
    {
        const QSignalBlocker block(frameSlider_);
        frameSlider_->setRange(0, session_->frameCount - 1);
        frameSlider_->setValue(0);
    }
    frameLabel_->setText(tr("%1 / %2").arg(1).arg(session_->frameCount));
    frameAction_->setVisible(session_->frameCount > 1);
    updateActions();
    updateZoomLabel();
    overview_->setViewRect(canvas_->transform().visibleImageRect());
    statusBar()->showMessage(
        tr("Opened %1: %2 × %3 pixels, %n band(s)", nullptr, session_->bandCount)
            .arg(session_->displayName)
            .arg(session_->width)
            .arg(session_->height),
        5000);
    registerWithServer();
    Q_EMIT sessionOpened();
}

void MainWindow::applyStyle(const QString& styleJson) {
    if (!session_) return;
    style_.styleJson = styleJson.toStdString();
    canvas_->setStyle(style_);
    overview_->setStyle(style_);
    probe_->setStyle(style_);
    updateGlobe();
}

void MainWindow::setFrame(int frame) {
    if (!session_) return;
    style_.frame = frame;
    frameLabel_->setText(tr("%1 / %2").arg(frame + 1).arg(session_->frameCount));
    canvas_->setStyle(style_);
    overview_->setStyle(style_);
    probe_->setStyle(style_);
    styleEditor_->setFrame(frame);
    histogram_->setSession(session_, frame);
}

void MainWindow::openSample() {
    QSettings settings;
    const int size = settings.value(settings::sampleSize(), 16384).toInt();
    auto* progress = new QProgressDialog(tr("Preparing the built-in sample image…"), tr("Cancel"),
                                         0, 1000, this);
    progress->setWindowTitle(tr("Sample Image"));
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    connect(progress, &QProgressDialog::canceled, this, [cancelled] { cancelled->store(true); });
    QPointer<MainWindow> self(this);
    QPointer<QProgressDialog> dialog(progress);
    statusBar()->showMessage(tr("Preparing the built-in sample image…"));
    QThreadPool::globalInstance()->start([self, dialog, cancelled, size]() {
        QString path, error;
        try {
            path = QString::fromStdString(
                ensureSampleImage({}, size, [dialog, cancelled](const SampleProgress& p) {
                    const QString stage = QString::fromStdString(p.stage);
                    const int value = int(p.fraction * 1000);
                    QMetaObject::invokeMethod(
                        qApp,
                        [dialog, stage, value]() {
                            if (!dialog) return;
                            dialog->setLabelText(stage);
                            dialog->setValue(value);
                        },
                        Qt::QueuedConnection);
                    return !cancelled->load();
                }));
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, dialog, path, error, cancelled]() {
                if (dialog) dialog->close();
                if (!self) return;
                if (!error.isEmpty()) {
                    if (!cancelled->load())
                        self->showError(tr("The sample image could not be made: %1").arg(error));
                    else
                        self->statusBar()->showMessage(tr("Sample image cancelled."), 4000);
                    return;
                }
                self->openLocation(path);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::exportRegion() {
    if (!session_) return;
    QRectF bounds =
        canvas_->selection().value_or(canvas_->transform().visibleImageRect().intersected(
            QRectF(0, 0, session_->width, session_->height)));
    bounds = QRectF(QPointF(std::floor(bounds.left()), std::floor(bounds.top())),
                    QPointF(std::ceil(bounds.right()), std::ceil(bounds.bottom())));
    auto* dialog = new RegionExportDialog(session_, style_, bounds, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegionExportDialog::exported, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Exported %1").arg(path), 6000);
    });
    dialog->open();
}

void MainWindow::exportThumbnail() {
    if (!session_) return;
    auto* dialog = new ThumbnailExportDialog(session_, style_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ThumbnailExportDialog::exported, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Exported %1").arg(path), 6000);
    });
    dialog->open();
}

void MainWindow::setCacheSize() {
    QSettings settings;
    bool ok = false;
    const int mb = QInputDialog::getInt(
        this, tr("Texture Cache"), tr("Texture cache size (MB):"),
        settings.value(settings::cacheMegabytes(), settings::kDefaultCacheMegabytes).toInt(), 32,
        16384, 32, &ok);
    if (!ok) return;
    settings.setValue(settings::cacheMegabytes(), mb);
    canvas_->setTextureBudget(std::size_t(mb) << 20);
}

void MainWindow::buildServerMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Server"));
    serverAction_ = menu->addAction(tr("&Run Server"));
    serverAction_->setCheckable(true);
    serverAction_->setToolTip(tr("Serve the open image over HTTP (tiles, API, globe page)"));
    connect(serverAction_, &QAction::triggered, this, [this](bool on) {
        if (on)
            startServer();
        else
            stopServer();
    });
    menu->addAction(tr("Server &Port…"), this, [this] {
        QSettings settings;
        bool ok = false;
        const int port = QInputDialog::getInt(
            this, tr("Server Port"), tr("Port for the HTTP server (0 = any free port):"),
            settings.value(settings::serverPort(), settings::kDefaultServerPort).toInt(), 0, 65535,
            1, &ok);
        if (!ok) return;
        settings.setValue(settings::serverPort(), port);
        if (server_ && server_->isRunning()) startServer();  // restart on the new port
    });
    menu->addSeparator();
    copyUrlAction_ = menu->addAction(tr("&Copy URL"), this, [this] {
        if (!server_ || !server_->isRunning()) return;
        const QUrl url = server_->url();
        QApplication::clipboard()->setText(url.toString());
        statusBar()->showMessage(tr("Copied %1").arg(url.toString()), 4000);
    });
    openBrowserAction_ = menu->addAction(tr("Open in &Browser"), this, [this] {
        if (!server_ || !server_->isRunning()) return;
        const QUrl url = serverImageId_.empty() ? server_->url() : globePageUrl();
        if (!QDesktopServices::openUrl(url))
            showError(tr("Could not open a browser for %1").arg(url.toString()));
    });
    menu->addSeparator();
    menu->addAction(globeDock_->toggleViewAction());
    serverStateChanged();
}

QString MainWindow::globePage() const {
    return geo_.valid() ? QStringLiteral("cesium") : QStringLiteral("viewer");
}

bool MainWindow::startServer() {
    if (!server_) {
        server_ = std::make_unique<http::Server>(engine_);
        connect(server_.get(), &http::Server::started, this, [this](const QUrl& url) {
            statusBar()->showMessage(tr("Server running at %1").arg(url.toString()), 8000);
            serverStateChanged();
        });
        connect(server_.get(), &http::Server::stopped, this, &MainWindow::serverStateChanged);
        registerWithServer();
    }
    const int port =
        QSettings().value(settings::serverPort(), settings::kDefaultServerPort).toInt();
    if (!server_->start(QHostAddress(QHostAddress::LocalHost), quint16(port))) {
        showError(
            tr("The server could not start on port %1: %2").arg(port).arg(server_->errorString()));
        serverStateChanged();
        return false;
    }
    serverStateChanged();
    return true;
}

void MainWindow::stopServer() {
    if (server_) server_->stop();
    serverStateChanged();
}

void MainWindow::registerWithServer() {
    if (!server_) return;
    if (!serverImageId_.empty()) server_->registry().remove(serverImageId_);
    serverImageId_.clear();
    if (session_)
        serverImageId_ =
            server_->registry().add(session_->ref, session_->displayName.toStdString());
    updateGlobe();
}

void MainWindow::serverStateChanged() {
    const bool running = server_ && server_->isRunning();
    {
        const QSignalBlocker block(serverAction_);
        serverAction_->setChecked(running);
    }
    copyUrlAction_->setEnabled(running);
    openBrowserAction_->setEnabled(running);
    serverLabel_->setText(running ? tr("Server: %1").arg(server_->url().toString()) : QString());
    updateGlobe();
}

QUrl MainWindow::globePageUrl() const {
    if (!server_ || !server_->isRunning() || serverImageId_.empty()) return {};
    QUrl url = server_->pageUrl(serverImageId_, globePage());
    if (!style_.styleJson.empty()) {
        // Percent-encoded by hand so '+', '&' and '=' inside the JSON survive the query.
        QString query = url.query(QUrl::FullyEncoded);
        if (!query.isEmpty()) query += QLatin1Char('&');
        query +=
            QStringLiteral("style=") +
            QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(style_.styleJson)));
        url.setQuery(query, QUrl::StrictMode);
    }
    return url;
}

void MainWindow::updateGlobe() {
    if (!globe_) return;
    const QUrl url = globePageUrl();
    if (!url.isEmpty()) {
        if (globeDock_->isVisible()) globe_->setPage(url);
        return;
    }
    if (!session_)
        globe_->showPlaceholder(tr("Open an image to see it on the globe."), false);
    else
        globe_->showPlaceholder(tr("Start the server to see the globe."), true);
}

QStringList MainWindow::recentFiles() const {
    return QSettings().value(settings::recentFiles()).toStringList();
}

void MainWindow::addRecent(const QString& uri) {
    QSettings settings;
    QStringList list = settings.value(settings::recentFiles()).toStringList();
    const QString entry = isRemoteLocation(uri) ? uri : QFileInfo(uri).absoluteFilePath();
    list.removeAll(entry);
    list.prepend(entry);
    settings.setValue(settings::recentFiles(), list.mid(0, settings::kMaxRecentFiles));
    updateRecentMenu();
}

void MainWindow::removeRecent(const QString& uri) {
    QSettings settings;
    QStringList list = settings.value(settings::recentFiles()).toStringList();
    const QString entry = isRemoteLocation(uri) ? uri : QFileInfo(uri).absoluteFilePath();
    if (list.removeAll(entry) + list.removeAll(uri) == 0) return;
    settings.setValue(settings::recentFiles(), list);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    const QStringList list = recentFiles();
    for (const QString& f : list) recentMenu_->addAction(f, this, [this, f] { openLocation(f); });
    if (!list.isEmpty()) {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("Clear Menu"), this, [this] {
            QSettings().remove(settings::recentFiles());
            updateRecentMenu();
        });
    }
    recentMenu_->setEnabled(!list.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    QSettings settings;
    settings.setValue(settings::geometry(), saveGeometry());
    settings.setValue(settings::windowState(), saveState(settings::kWindowStateVersion));
    QMainWindow::closeEvent(e);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls() || e->mimeData()->hasText()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    const QMimeData* m = e->mimeData();
    QString uri;
    if (m->hasUrls() && !m->urls().isEmpty()) {
        const QUrl url = m->urls().front();
        uri = url.isLocalFile() ? url.toLocalFile() : url.toString();
    } else if (m->hasText()) {
        uri = m->text().trimmed();
    }
    if (uri.isEmpty()) return;
    e->acceptProposedAction();
    openLocation(uri);
}

}  // namespace tessera::ui
