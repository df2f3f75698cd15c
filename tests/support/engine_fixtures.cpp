#include "support/engine_fixtures.h"

namespace tessera::test {

Image decoded(const Encoded& e) {
    return decodeImage(*e.bytes);
}

int px(const Image& img, int x, int y, int c) {
    return img.pixels[(std::size_t(y) * img.width + x) * img.channels + c];
}

}  // namespace tessera::test
