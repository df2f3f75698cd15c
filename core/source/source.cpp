#include "source/source.h"

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

Raster Source::readProjected(const ProjectedWindow&) const {
    fail(ErrorKind::Unsupported,
         trc("Source", "This image is not georeferenced, so it cannot be reprojected."));
}

Raster Source::associatedImage(const std::string& name) const {
    fail(ErrorKind::NotFound, trf("Source", "No associated image named \"%1\".", name));
}

}  // namespace tessera
