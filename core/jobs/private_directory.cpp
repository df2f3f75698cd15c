#include "jobs/private_directory.h"

#include <QDir>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

PrivateDirectory::PrivateDirectory(const std::string& prefix) {
    const std::string pattern = QDir::tempPath().toStdString() + "/" + prefix + "XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data()))  // creates it with mode 0700, or fails: never reuses a name
        fail(ErrorKind::IO, trf("Jobs", "Cannot make a private temporary directory in %1: %2",
                                QDir::tempPath().toStdString(), std::strerror(errno)));
    path_ = buf.data();
}

PrivateDirectory::~PrivateDirectory() {
    QDir(QString::fromStdString(path_)).removeRecursively();
}

}  // namespace tessera
