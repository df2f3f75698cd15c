// Exports: a region or a thumbnail of the image, rendered by the Engine on a worker thread and
// written atomically (temporary file + rename, nothing half-written on failure or cancel).
// The settings structs are what the export dialogs collect; render*() are blocking and may run
// on any thread; ExportTask runs one of them with cancel support.
//
// Thread safety: renderRegion/renderThumbnail: any thread. ExportTask: GUI thread (its worker
// only touches the atomic cancel flag and the produce function's own data).
#pragma once

#include <QObject>
#include <QRectF>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

#include "encode/encoder.h"
#include "image_session.h"

namespace tessera::ui {

struct RegionExportSettings {
    QRectF bounds;                             // left, top, right, bottom in `units`
    QString units = QStringLiteral("pixels");  // "pixels", "EPSG:4326", ... (Engine units)
    int maxWidth = 0;                          // 0 = native resolution
    int maxHeight = 0;
    Encoding encoding = Encoding::PNG;
    bool applyStyle = true;  // false: raw data (TIFF keeps source samples)
    StyleSpec style;
    QString format;     // formats-registry driver ("COG", "netCDF"...); "" = encoding
    QString outputCrs;  // "EPSG:32633": reproject to it; "" = the image's CRS
};

struct ThumbnailExportSettings {
    int width = 512;
    int height = 512;
    Encoding encoding = Encoding::PNG;
    bool applyStyle = true;
    StyleSpec style;
    QString label;  // drawn in the lower-left corner when not empty
};

Bytes renderRegion(const ImageSession& session, const RegionExportSettings& settings);
Bytes renderThumbnail(const ImageSession& session, const ThumbnailExportSettings& settings);

class ExportTask : public QObject {
    Q_OBJECT
  public:
    explicit ExportTask(QObject* parent = nullptr);
    ~ExportTask() override;
    // Submits produce() as a job of the viewer's job queue (shown in the Jobs dock), then
    // writes its bytes to path atomically unless cancelled. title "" = "Export <file name>".
    void start(std::function<Bytes()> produce, const QString& path, const QString& title = {});
    void cancel();
    bool isRunning() const noexcept { return running_; }

  Q_SIGNALS:
    // ok = written; cancelled = the user cancelled (nothing written); message for failures.
    void finished(bool ok, bool cancelled, const QString& message);

  private:
    std::shared_ptr<std::atomic<bool>> cancelled_;
    bool running_ = false;
    std::uint64_t job_ = 0;  // the JobId in viewerJobQueue(), 0 = none
};

}  // namespace tessera::ui
