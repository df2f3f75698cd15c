// Conversions between core Images (1–4 channels, 8/16-bit or float samples) and QImages, for
// textures, previews and the thumbnail label. Pure functions; callable from any thread.
#pragma once

#include <QImage>

#include "raster/image.h"

namespace tessera::ui {

// An RGBA8888 (not premultiplied) copy of img: L → grey, LA → grey + alpha, RGB → opaque.
// Samples become 8 bits by large_image's rules (raster/to_8bit.h), as in the server's PNGs.
// An empty or inconsistent img → null QImage.
QImage toQImage(const Image& img);

// An 8-bit RGBA core Image from any QImage.
Image fromQImage(const QImage& image);

}  // namespace tessera::ui
