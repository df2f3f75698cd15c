#include "encode/image_convert.h"

#include <string>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera::encode_detail {

void checkImage(const Image& img, const char* format) {
    if (img.width <= 0 || img.height <= 0)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "Cannot encode an empty image as %1.", std::string(format)));
    if (img.channels < 1 || img.channels > 4)
        fail(ErrorKind::Unsupported,
             trf("Encoder", "Cannot encode an image with %1 channels as %2 (1 to 4 are supported).",
                 std::to_string(img.channels), std::string(format)));
    const std::size_t expected = std::size_t(img.width) * std::size_t(img.height) *
                                 std::size_t(img.channels) * sampleSize(img.type);
    if (img.pixels.size() != expected)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "The image's pixel buffer holds %1 bytes where %2 are expected.",
                 std::to_string(img.pixels.size()), std::to_string(expected)));
}

}  // namespace tessera::encode_detail
