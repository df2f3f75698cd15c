// data/pixel: raw band values at the native pixel and the styled value of that pixel.
#include <cmath>

#include "service/area.h"
#include "service/metadata_json.h"

namespace tessera {

nlohmann::json pixelJson(ImageView& view, const PixelRequest& r) {
    const SourceInfo& info = view.info();
    if (!std::isfinite(r.left) || !std::isfinite(r.top)) return nlohmann::json::object();
    const Point2 p = pointToSourcePixel(view, r.left, r.top, r.units);
    const double px = std::floor(p.x), py = std::floor(p.y);
    if (px < 0 || py < 0 || px >= info.sizeX || py >= info.sizeY) return nlohmann::json::object();

    // Styled value of the pixel: a 1×1 render of the same area a tile would show.
    ReadArea area{false, px, py, px + 1, py + 1, 1, 1};
    if (view.projected()) {
        const double u = view.grid().unitsAcrossLevel0();
        const double res = u / view.grid().sizeX();
        const Point2 wp = pointToWorldPixel(view, r.left, r.top, r.units);
        const double wx = std::floor(wp.x), wy = std::floor(wp.y);
        area = {true,
                -u / 2 + wx * res,
                u / 2 - (wy + 1) * res,
                -u / 2 + (wx + 1) * res,
                u / 2 - wy * res,
                1,
                1};
    }
    Image img = view.render(r.style, area);
    nlohmann::json out = nlohmann::json::object();
    nlohmann::json values = nlohmann::json::array();
    static const char* kLetters[4][4] = {{"l"}, {"l", "a"}, {"r", "g", "b"}, {"r", "g", "b", "a"}};
    const int c = std::clamp(img.channels, 1, 4);
    for (int i = 0; i < c; ++i) {
        nlohmann::json v;
        switch (img.type) {
            case DataType::UInt16:
                v = reinterpret_cast<const std::uint16_t*>(img.pixels.data())[i];
                break;
            case DataType::Float32:
                v = reinterpret_cast<const float*>(img.pixels.data())[i];
                break;
            default:
                v = img.pixels[std::size_t(i)];
                break;
        }
        out[kLetters[c - 1][i]] = v;
        values.push_back(v);
    }
    out["value"] = values;

    ReadWindow w;
    w.x0 = px, w.y0 = py, w.x1 = px + 1, w.y1 = py + 1;
    w.outWidth = w.outHeight = 1;
    w.frame = r.style.frame;
    Raster raw = view.source().read(w);
    nlohmann::json bands = nlohmann::json::object();
    for (int b = 0; b < raw.bands(); ++b) {
        const double v = raw.value(0, 0, b);
        bands[std::to_string(b + 1)] =
            std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
    }
    out["bands"] = bands;
    return out;
}

}  // namespace tessera
