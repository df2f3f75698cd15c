#include "source/source.h"

#include <cmath>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

Raster Source::readProjected(const ProjectedWindow&) const {
    fail(ErrorKind::Unsupported,
         trc("Source", "This image is not georeferenced, so it cannot be reprojected."));
}

std::vector<int> checkedSingleFrameBands(const SourceInfo& info, const std::vector<int>& bands,
                                         int frame) {
    if (frame != 0)
        fail(ErrorKind::BadRequest,
             trf("Source", "Frame %1 does not exist (this image has one frame).",
                 std::to_string(frame)));
    std::vector<int> out = bands;
    if (out.empty())
        for (int b = 1; b <= info.bandCount; ++b) out.push_back(b);
    for (int b : out)
        if (b < 1 || b > info.bandCount)
            fail(ErrorKind::BadRequest,
                 trf("Source", "Band %1 does not exist (the image has %2 bands).",
                     std::to_string(b), std::to_string(info.bandCount)));
    return out;
}

void checkBlockBytes(const std::string& uri, long long blockWidth, long long blockHeight,
                     double blockBytes, double limit) {
    if (blockBytes <= limit) return;
    fail(ErrorKind::Unsupported,
         trf("Source",
             "%1 stores its image in blocks of %2×%3 pixels (%4 MiB decoded each), more than "
             "the %5 MiB Tessera decodes at once.",
             uri, std::to_string(blockWidth), std::to_string(blockHeight),
             std::to_string(std::llround(blockBytes / 1048576.0)),
             std::to_string(std::llround(limit / 1048576.0))));
}

Raster Source::associatedImage(const std::string& name) const {
    fail(ErrorKind::NotFound, trf("Source", "No associated image named \"%1\".", name));
}

}  // namespace tessera
