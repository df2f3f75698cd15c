#include "sample/sample_image.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>
#include <QUuid>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "source/gdal_env.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

constexpr int kBlock = 256;  // COG tile size; overviews go down to one tile

// Share of the whole job each stage takes (measured at 16384² on 2 cores: generating about
// 16 CPU-s on all cores, overviews 2 CPU-s on one, the JPEG COG 6 CPU-s on all).
constexpr double kGenerateEnd = 0.60;
constexpr double kOverviewsEnd = 0.76;

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// Calls the user's callback with a fraction that never goes back; remembers a cancel.
class ProgressReporter {
  public:
    explicit ProgressReporter(std::function<bool(const SampleProgress&)> callback)
        : callback_(std::move(callback)) {}

    // false once the user cancelled.
    bool report(double fraction, const std::string& stage) {
        if (cancelled_) return false;
        fraction = std::clamp(fraction, last_, 1.0);
        if (!callback_) return true;
        // Skip reports that change nothing visible, but always pass stage changes and the end,
        // and call at least every 200 ms so a cancel is noticed while waiting.
        const auto now = std::chrono::steady_clock::now();
        if (reported_ && stage == stage_ && fraction < 1.0 && fraction - last_ < 0.001 &&
            now - lastCall_ < std::chrono::milliseconds(200))
            return true;
        last_ = fraction;
        stage_ = stage;
        reported_ = true;
        lastCall_ = now;
        if (!callback_(SampleProgress{fraction, stage})) cancelled_ = true;
        return !cancelled_;
    }
    bool cancelled() const { return cancelled_; }

  private:
    std::function<bool(const SampleProgress&)> callback_;
    double last_ = 0;
    std::string stage_;
    bool reported_ = false;
    bool cancelled_ = false;
    std::chrono::steady_clock::time_point lastCall_;
};

// Maps a GDAL progress (0..1 of one step) onto [begin, end] of the whole job.
struct GdalProgressSpan {
    ProgressReporter* reporter;
    double begin, end;
    std::string stage;
};

int CPL_STDCALL gdalProgress(double complete, const char*, void* arg) {
    auto* span = static_cast<GdalProgressSpan*>(arg);
    return span->reporter->report(span->begin + (span->end - span->begin) * complete, span->stage)
               ? TRUE
               : FALSE;
}

[[noreturn]] void failCancelled() {
    fail(ErrorKind::BadRequest, trc("SampleImage", "Making the sample image was cancelled."));
}

[[noreturn]] void failGdal(const std::string& what) {
    std::string detail = gdalLastError();
    if (detail.empty()) detail = CPLGetLastErrorMsg();
    fail(ErrorKind::IO,
         trf("SampleImage", "Could not write the sample image (%1): %2", what, detail));
}

// The sample at path is usable: opens, has the right size, bands, overviews and COG layout.
bool isUsableSample(const std::string& path, int size) {
    if (!QFileInfo::exists(q(path))) return false;
    clearGdalError();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(
        path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) return false;
    if (ds->GetRasterXSize() != size || ds->GetRasterYSize() != size) return false;
    if (ds->GetRasterCount() != 3) return false;
    if (size > kBlock && ds->GetRasterBand(1)->GetOverviewCount() < 1) return false;
    const char* layout = ds->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE");
    return layout != nullptr && EQUAL(layout, "COG");
}

// Removes every file of one generation attempt (the temporary GTiff, its sidecars, the part
// file and anything GDAL put next to them).
void removeTemporaries(const QString& dir, const QString& prefix) {
    QDir d(dir);
    const QStringList names =
        d.entryList({prefix + QStringLiteral("*")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QString& name : names) d.remove(name);
}

// Removes leftovers of generations that died (a killed process) when they have not been
// touched for ten minutes: a live generation modifies its files constantly (each stage takes
// well under a minute), so only dead ones are that old.
void removeStaleTemporaries(const QString& dir, int size) {
    QDir d(dir);
    const QString pattern = QStringLiteral(".tessera-sample-%1-*").arg(size);
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-10 * 60);
    for (const QFileInfo& fi :
         d.entryInfoList({pattern}, QDir::Files | QDir::Hidden | QDir::System)) {
        if (fi.lastModified().toUTC() < cutoff) d.remove(fi.fileName());
    }
}

// Generates the full-resolution pixels into ds, strip by strip: worker threads compute rows
// (samplePixel) into a few strip buffers while this thread hands finished strips to GDAL.
void generatePixels(GDALDataset& ds, int size, ProgressReporter& progress) {
    const int strips = (size + kBlock - 1) / kBlock;
    constexpr int kBuffers = 4;
    const std::size_t stripBytes = std::size_t(size) * kBlock * 3;
    std::vector<std::vector<std::uint8_t>> buffers(kBuffers);
    for (auto& b : buffers) b.resize(stripBytes);

    std::mutex mutex;
    std::condition_variable changed;
    std::vector<int> rowsDone(std::size_t(strips), 0);
    int written = 0;  // strips handed to GDAL
    bool stop = false;
    std::atomic<int> nextRow{0};

    auto worker = [&] {
        for (;;) {
            const int row = nextRow.fetch_add(1);
            if (row >= size) return;
            const int strip = row / kBlock;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return stop || strip < written + kBuffers; });
                if (stop) return;
            }
            std::uint8_t* out = buffers[std::size_t(strip % kBuffers)].data() +
                                std::size_t(row % kBlock) * std::size_t(size) * 3;
            for (int x = 0; x < size; ++x) {
                const auto rgb = samplePixel(x, row, size);
                out[0] = rgb[0];
                out[1] = rgb[1];
                out[2] = rgb[2];
                out += 3;
            }
            {
                std::lock_guard lock(mutex);
                ++rowsDone[std::size_t(strip)];
            }
            changed.notify_all();
        }
    };

    // Joins the workers on every way out (end, error, cancel, a throwing progress callback).
    struct Workers {
        std::mutex& mutex;
        std::condition_variable& changed;
        bool& stop;
        std::vector<std::thread> threads;
        ~Workers() {
            {
                std::lock_guard lock(mutex);
                stop = true;
            }
            changed.notify_all();
            for (auto& t : threads) t.join();
        }
    } workers{mutex, changed, stop, {}};
    const int threadCount = std::max(1, int(std::thread::hardware_concurrency()));
    for (int i = 0; i < threadCount; ++i) workers.threads.emplace_back(worker);

    const std::string stage = trc("SampleImage", "Generating pixels");
    for (int strip = 0; strip < strips; ++strip) {
        const int y0 = strip * kBlock;
        const int rows = std::min(kBlock, size - y0);
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return rowsDone[std::size_t(strip)] == rows; });
        }
        clearGdalError();
        const CPLErr err =
            ds.RasterIO(GF_Write, 0, y0, size, rows, buffers[std::size_t(strip % kBuffers)].data(),
                        size, rows, GDT_Byte, 3, nullptr, 3, GSpacing(size) * 3, 1, nullptr);
        {
            std::lock_guard lock(mutex);
            written = strip + 1;
        }
        changed.notify_all();
        if (err != CE_None) failGdal(trc("SampleImage", "writing pixels"));
        if (!progress.report(kGenerateEnd * double(strip + 1) / strips, stage)) failCancelled();
    }
}

// Writes the temporary tiled GTiff with overviews that the COG is copied from.
void writeIntermediate(const std::string& path, int size, ProgressReporter& progress) {
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!gtiff) fail(ErrorKind::Internal, trc("SampleImage", "GDAL has no GTiff driver."));
    CPLStringList options;
    options.SetNameValue("TILED", "YES");
    options.SetNameValue("BLOCKXSIZE", std::to_string(kBlock).c_str());
    options.SetNameValue("BLOCKYSIZE", std::to_string(kBlock).c_str());
    options.SetNameValue("INTERLEAVE", "PIXEL");
    options.SetNameValue("BIGTIFF", "IF_SAFER");
    // Uncompressed: 4/3 · 3 · size² bytes on disk for a minute (1.1 GB at 16384²), but a third
    // less CPU than ZSTD or DEFLATE level 1, which must be decoded twice (overviews, COG).
    options.SetNameValue("COMPRESS", "NONE");
    clearGdalError();
    std::unique_ptr<GDALDataset> ds(
        gtiff->Create(path.c_str(), size, size, 3, GDT_Byte, options.List()));
    if (!ds) failGdal(trc("SampleImage", "creating the temporary file"));

    OGRSpatialReference srs;
    srs.importFromEPSG(3857);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ds->SetSpatialRef(&srs);
    std::array<double, 6> gt = sampleGeoTransform(size);
    ds->SetGeoTransform(gt.data());
    const GDALColorInterp interps[3] = {GCI_RedBand, GCI_GreenBand, GCI_BlueBand};
    for (int b = 0; b < 3; ++b) ds->GetRasterBand(b + 1)->SetColorInterpretation(interps[b]);
    ds->SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION", "Tessera built-in sample image");

    generatePixels(*ds, size, progress);

    std::vector<int> factors;
    for (int f = 2; size / f >= kBlock; f *= 2) factors.push_back(f);
    if (!factors.empty()) {
        GdalProgressSpan span{&progress, kGenerateEnd, kOverviewsEnd,
                              trc("SampleImage", "Building overviews")};
        progress.report(kGenerateEnd, span.stage);
        clearGdalError();
        const CPLErr err = ds->BuildOverviews("AVERAGE", int(factors.size()), factors.data(), 0,
                                              nullptr, gdalProgress, &span);
        // GDAL 3.6 may report success after a cancel from the progress callback.
        if (progress.cancelled()) failCancelled();
        if (err != CE_None) failGdal(trc("SampleImage", "building overviews"));
    }
    ds->FlushCache(true);
    if (CPLGetLastErrorType() == CE_Failure) failGdal(trc("SampleImage", "writing pixels"));
}

void writeCog(const std::string& source, const std::string& target, ProgressReporter& progress) {
    GDALDriver* cog = GetGDALDriverManager()->GetDriverByName("COG");
    if (!cog) fail(ErrorKind::Unsupported, trc("SampleImage", "GDAL has no COG driver."));
    clearGdalError();
    std::unique_ptr<GDALDataset> src(GDALDataset::Open(
        source.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!src) failGdal(trc("SampleImage", "reopening the temporary file"));
    CPLStringList options;
    options.SetNameValue("COMPRESS", "JPEG");
    options.SetNameValue("QUALITY", "85");
    options.SetNameValue("BLOCKSIZE", std::to_string(kBlock).c_str());
    options.SetNameValue("OVERVIEWS", "FORCE_USE_EXISTING");
    options.SetNameValue("NUM_THREADS", "ALL_CPUS");
    options.SetNameValue("BIGTIFF", "IF_SAFER");
    GdalProgressSpan span{&progress, kOverviewsEnd, 0.999, trc("SampleImage", "Writing COG")};
    progress.report(kOverviewsEnd, span.stage);
    std::unique_ptr<GDALDataset> out(
        cog->CreateCopy(target.c_str(), src.get(), FALSE, options.List(), gdalProgress, &span));
    if (progress.cancelled()) failCancelled();
    if (!out) failGdal(trc("SampleImage", "writing the COG"));
}

// Serialises generations inside this process; QLockFile does it across processes.
std::mutex& processMutex() {
    static std::mutex m;
    return m;
}

}  // namespace

std::string defaultSampleDir() {
    if (const char* env = std::getenv("TESSERA_SAMPLE_DIR"); env && *env) return env;
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (base.isEmpty()) base = QDir::tempPath();
    return QDir(base).filePath(QStringLiteral("tessera/sample")).toStdString();
}

std::string sampleFileName(int size) {
    return "tessera-sample-" + std::to_string(size) + ".tif";
}

std::string ensureSampleImage(const std::string& dirArg, int size,
                              std::function<bool(const SampleProgress&)> callback) {
    if (size < 256 || size > 32768 || (size & (size - 1)) != 0)
        fail(ErrorKind::BadRequest, trf("SampleImage",
                                        "The sample image size must be a power of two from 256 to "
                                        "32768, not %1.",
                                        std::to_string(size)));
    ensureGdal();
    const QString dir = QDir::cleanPath(q(dirArg.empty() ? defaultSampleDir() : dirArg));
    const std::string finalPath = QDir(dir).filePath(q(sampleFileName(size))).toStdString();
    ProgressReporter progress(std::move(callback));
    const std::string doneStage = trc("SampleImage", "Done");

    if (isUsableSample(finalPath, size)) {
        removeStaleTemporaries(dir, size);
        progress.report(1.0, doneStage);
        return finalPath;
    }
    if (!QDir().mkpath(dir))
        fail(ErrorKind::IO,
             trf("SampleImage", "Could not create the folder %1.", dir.toStdString()));

    std::lock_guard processLock(processMutex());
    QLockFile fileLock(q(finalPath) + QStringLiteral(".lock"));
    fileLock.setStaleLockTime(15 * 60 * 1000);  // a live generation takes far less
    const std::string waitStage = trc("SampleImage", "Waiting for another Tessera process");
    while (!fileLock.tryLock(250)) {
        if (fileLock.error() == QLockFile::PermissionError ||
            fileLock.error() == QLockFile::UnknownError)
            break;  // cannot lock here: go on; unique temporary names keep the file safe
        if (isUsableSample(finalPath, size)) {
            progress.report(1.0, doneStage);
            return finalPath;
        }
        if (!progress.report(0.0, waitStage)) failCancelled();
    }
    // Another thread or process may have finished it while we waited.
    if (isUsableSample(finalPath, size)) {
        progress.report(1.0, doneStage);
        return finalPath;
    }
    removeStaleTemporaries(dir, size);

    const QString prefix = QStringLiteral(".tessera-sample-%1-%2")
                               .arg(size)
                               .arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(13));
    const std::string tmpPath =
        QDir(dir).filePath(prefix + QStringLiteral(".tmp.tif")).toStdString();
    const std::string partPath =
        QDir(dir).filePath(prefix + QStringLiteral(".part.tif")).toStdString();
    struct Cleanup {
        QString dir, prefix;
        ~Cleanup() { removeTemporaries(dir, prefix); }
    } cleanup{dir, prefix};

    writeIntermediate(tmpPath, size, progress);
    writeCog(tmpPath, partPath, progress);
    if (!isUsableSample(partPath, size))
        fail(ErrorKind::IO,
             trc("SampleImage", "The sample image just written does not read back."));
    // rename(2) replaces the final name atomically: readers see the old file or the new one.
    if (std::rename(partPath.c_str(), finalPath.c_str()) != 0)
        fail(ErrorKind::IO, trf("SampleImage", "Could not move the sample image into place: %1",
                                std::string(std::strerror(errno))));
    progress.report(1.0, doneStage);
    return finalPath;
}

}  // namespace tessera
