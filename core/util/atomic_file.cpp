#include "util/atomic_file.h"

#include <QSaveFile>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

void write(const std::string& path, const char* data, std::size_t size) {
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        fail(ErrorKind::IO,
             trf("AtomicFile", "Cannot write %1: %2", path, file.errorString().toStdString()));
    if (file.write(data, qint64(size)) != qint64(size) || !file.commit())
        fail(ErrorKind::IO,
             trf("AtomicFile", "Cannot write %1: %2", path, file.errorString().toStdString()));
}

}  // namespace

void writeFileAtomically(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    write(path, reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

void writeFileAtomically(const std::string& path, const std::string& text) {
    write(path, text.data(), text.size());
}

}  // namespace tessera
