// Thumbnail labels as LCO's thumbnail service draws them: white text in the lower-left corner,
// here on a dark box so it stays legible on bright images. Text is rendered with FreeType in
// DejaVu Sans (Debian fonts-dejavu-core), found through $TESSERA_LABEL_FONT or a short list of
// system paths. The font size follows the image (8 % of its shorter side, at least 8 px) and
// shrinks until the text fits the width.
//
// Thread safety: functions may be called from any thread (each call uses its own FreeType
// library instance).
#pragma once

#include <string>

#include "raster/image.h"

namespace tessera {

// Path of the label font. Throws Error(Unsupported) naming the font and package when absent.
std::string labelFontPath();

// The area a label covered (pixels, x1/y1 exclusive); empty when nothing was drawn.
struct LabelBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const noexcept { return x1 <= x0 || y1 <= y0; }
};

// Draws UTF-8 text into img (1–4 channels, any sample type: white is the type's full value,
// 1.0 for floats; alpha becomes opaque inside the box). Empty text draws nothing. Throws
// Error(Unsupported) when the font is missing, Error(BadRequest) for text that is not UTF-8.
LabelBox drawLabel(Image& img, const std::string& utf8Text);

}  // namespace tessera
