// Scale bar arithmetic: the longest "nice" length (1, 2 or 5 × 10^k) that fits a maximum
// on-screen width, labelled in metres/kilometres (georeferenced), µm/mm (slides with mm_x)
// or pixels. Pure functions.
#pragma once

#include <QString>

namespace tessera::ui {

enum class ScaleUnit { Pixels, Metres, Micrometres };

struct ScaleBar {
    double length = 0;  // in the unit's base (px, m or µm)
    double screenPixels = 0;
    QString label;  // e.g. "500 m", "2 km", "50 µm", "1 mm", "256 px"
};

// The largest 1/2/5 × 10^k not above x (x > 0).
double niceLengthBelow(double x);

// unitsPerScreenPixel: how many base units one screen pixel spans. maxWidth in screen pixels.
ScaleBar makeScaleBar(double unitsPerScreenPixel, double maxWidth, ScaleUnit unit);

}  // namespace tessera::ui
