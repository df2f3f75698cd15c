#include "scale_bar.h"

#include <QCoreApplication>
#include <cmath>

namespace tessera::ui {

double niceLengthBelow(double x) {
    if (!(x > 0) || !std::isfinite(x)) return 0;
    const double p = std::pow(10.0, std::floor(std::log10(x)));
    const double m = x / p;
    const double step = m >= 5 ? 5 : m >= 2 ? 2 : 1;
    return step * p;
}

namespace {

QString number(double v) {
    return QString::number(v, 'g', 6);
}

QString label(double length, ScaleUnit unit) {
    auto tr = [](const char* s) { return QCoreApplication::translate("ScaleBar", s); };
    switch (unit) {
        case ScaleUnit::Metres:
            if (length >= 1000) return tr("%1 km").arg(number(length / 1000));
            if (length >= 1) return tr("%1 m").arg(number(length));
            if (length >= 0.01) return tr("%1 cm").arg(number(length * 100));
            return tr("%1 mm").arg(number(length * 1000));
        case ScaleUnit::Micrometres:
            if (length >= 1000) return tr("%1 mm").arg(number(length / 1000));
            if (length >= 1) return tr("%1 µm").arg(number(length));
            return tr("%1 nm").arg(number(length * 1000));
        case ScaleUnit::Pixels:
            break;
    }
    return tr("%1 px").arg(number(length));
}

}  // namespace

ScaleBar makeScaleBar(double unitsPerScreenPixel, double maxWidth, ScaleUnit unit) {
    ScaleBar bar;
    if (!(unitsPerScreenPixel > 0) || !(maxWidth > 0)) return bar;
    bar.length = niceLengthBelow(unitsPerScreenPixel * maxWidth);
    bar.screenPixels = bar.length / unitsPerScreenPixel;
    bar.label = label(bar.length, unit);
    return bar;
}

}  // namespace tessera::ui
