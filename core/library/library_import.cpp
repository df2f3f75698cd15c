#include "library/library_import.h"

#include <unistd.h>

#include <QFile>
#include <QTemporaryFile>
#include <filesystem>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

namespace fs = std::filesystem;

// A free name in dir for fileName: "a.tif", else "a (2).tif", "a (3).tif", ...
fs::path freeName(const fs::path& dir, const std::string& fileName) {
    fs::path candidate = dir / fileName;
    std::error_code ec;
    if (!fs::exists(candidate, ec)) return candidate;
    const auto dot = fileName.find('.');
    const std::string stem =
        dot == std::string::npos || dot == 0 ? fileName : fileName.substr(0, dot);
    const std::string ext = stem.size() == fileName.size() ? std::string() : fileName.substr(dot);
    for (int n = 2;; ++n) {
        candidate = dir / (stem + " (" + std::to_string(n) + ")" + ext);
        if (!fs::exists(candidate, ec)) return candidate;
    }
}

// Copies src to a temporary file in dest's folder, flushes it to disk and renames it to dest.
void copyAtomically(const fs::path& src, const fs::path& dest) {
    QFile in(QString::fromStdString(src.string()));
    if (!in.open(QIODevice::ReadOnly))
        fail(ErrorKind::IO,
             trf("Library", "Cannot read %1: %2", src.string(), in.errorString().toStdString()));
    QTemporaryFile out(
        QString::fromStdString((dest.parent_path() / ".tessera-import-XXXXXX.part").string()));
    if (!out.open())
        fail(ErrorKind::IO, trf("Library", "Cannot write in %1: %2", dest.parent_path().string(),
                                out.errorString().toStdString()));
    std::vector<char> buffer(std::size_t(4) << 20);
    for (;;) {
        const qint64 n = in.read(buffer.data(), qint64(buffer.size()));
        if (n < 0)
            fail(ErrorKind::IO, trf("Library", "Cannot read %1: %2", src.string(),
                                    in.errorString().toStdString()));
        if (n == 0) break;
        if (out.write(buffer.data(), n) != n)
            fail(ErrorKind::IO, trf("Library", "Cannot write %1: %2", dest.string(),
                                    out.errorString().toStdString()));
    }
    if (!out.flush() || ::fsync(out.handle()) != 0)
        fail(ErrorKind::IO, trf("Library", "Cannot write %1.", dest.string()));
    std::error_code ec;
    fs::rename(out.fileName().toStdString(), dest, ec);
    if (ec) fail(ErrorKind::IO, trf("Library", "Cannot write %1: %2", dest.string(), ec.message()));
    out.setAutoRemove(false);
    QFile::setPermissions(
        QString::fromStdString(dest.string()),
        QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
}

}  // namespace

LibraryImage importLibraryFile(LibraryStore& store, const std::string& file, ImportMode mode,
                               const LibrarySyncOptions& options) {
    std::error_code ec;
    const fs::path src = fs::absolute(file, ec).lexically_normal();
    if (!fs::is_regular_file(src, ec))
        fail(ErrorKind::NotFound, trf("Library", "%1 is not a file.", file));
    if (!isLibraryImageName(src.filename().string()))
        fail(ErrorKind::Unsupported,
             trf("Library", "%1 does not have an image file extension.", file));
    const fs::path dir = store.managedFolderPath();
    fs::create_directories(dir, ec);
    if (ec) fail(ErrorKind::IO, trf("Library", "Cannot create %1: %2", dir.string(), ec.message()));
    const std::int64_t folderId = store.addFolder(dir.string(), true);
    if (src.parent_path() == fs::path(store.folder(folderId)->uri))
        return recordLibraryFile(store, folderId, src.string(), options);  // already there

    const fs::path dest = freeName(dir, src.filename().string());
    bool moved = false;
    if (mode == ImportMode::Move) {
        fs::rename(src, dest, ec);  // same file system: atomic, nothing to copy
        moved = !ec;
    }
    if (!moved) {
        copyAtomically(src, dest);
        if (mode == ImportMode::Move) {
            fs::remove(src, ec);
            if (ec)
                fail(ErrorKind::IO, trf("Library", "Copied %1 but cannot remove it: %2",
                                        src.string(), ec.message()));
        }
    }
    return recordLibraryFile(store, folderId, dest.string(), options);
}

}  // namespace tessera
