#include "image_session.h"

#include <QFileInfo>
#include <QUrl>
#include <algorithm>

#include "service/image_view.h"
#include "source/open_source.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::ui {

bool isRemoteLocation(const QString& uri) {
    return !isFileSystemPath(uri.toStdString());
}

SessionPtr openSession(std::shared_ptr<Engine> engine, const QString& uri) {
    if (uri.trimmed().isEmpty())
        fail(ErrorKind::BadRequest, trc("Viewer", "No file or URL was given."));
    QString location = uri.trimmed();
    if (location.startsWith(QLatin1String("file://"))) location = QUrl(location).toLocalFile();
    if (!isRemoteLocation(location) && !QFileInfo::exists(location))
        fail(ErrorKind::NotFound,
             trf("Viewer", "The file %1 does not exist.", location.toStdString()));
    auto s = std::make_shared<ImageSession>();
    s->engine = std::move(engine);
    s->ref.uri = location.toStdString();
    auto view = s->engine->view(s->ref);
    s->info = view->info();
    s->metadata = s->engine->metadata(s->ref);
    s->width = view->grid().sizeX();
    s->height = view->grid().sizeY();
    s->levels = view->grid().levels();
    s->bandCount = s->info.bandCount;
    s->frameCount = std::max(1, s->info.frameCount);
    if (s->metadata.contains("frames") && s->metadata["frames"].is_array())
        s->frameCount = std::max(s->frameCount, int(s->metadata["frames"].size()));
    s->displayName = isRemoteLocation(location) ? location : QFileInfo(location).fileName();
    if (s->width <= 0 || s->height <= 0 || s->levels <= 0)
        fail(ErrorKind::Unsupported, trc("Viewer", "The image has no pixels."));
    return s;
}

}  // namespace tessera::ui
