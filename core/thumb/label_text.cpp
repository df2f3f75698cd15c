#include "thumb/label_text.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <QString>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <type_traits>
#include <vector>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

struct FtLibrary {
    FT_Library lib = nullptr;
    FtLibrary() {
        if (FT_Init_FreeType(&lib) != 0)
            fail(ErrorKind::Internal, trc("Label", "FreeType could not be initialised."));
    }
    ~FtLibrary() {
        if (lib) FT_Done_FreeType(lib);
    }
};

struct FtFace {
    FT_Face face = nullptr;
    FtFace(FT_Library lib, const std::string& path) {
        if (FT_New_Face(lib, path.c_str(), 0, &face) != 0)
            fail(ErrorKind::Unsupported, trf("Label", "The label font %1 cannot be read.", path));
    }
    ~FtFace() {
        if (face) FT_Done_Face(face);
    }
};

struct Layout {
    int width = 0;
    int ascent = 0;
    int descent = 0;
};

Layout measure(FT_Face face, const std::vector<char32_t>& text) {
    Layout l;
    l.ascent = int(face->size->metrics.ascender >> 6);
    l.descent = int(-face->size->metrics.descender >> 6);
    FT_UInt previous = 0;
    long pen = 0;
    for (char32_t c : text) {
        const FT_UInt glyph = FT_Get_Char_Index(face, c);
        if (previous && glyph && FT_HAS_KERNING(face)) {
            FT_Vector k;
            FT_Get_Kerning(face, previous, glyph, FT_KERNING_DEFAULT, &k);
            pen += k.x;
        }
        if (FT_Load_Glyph(face, glyph, FT_LOAD_DEFAULT) == 0) pen += face->glyph->advance.x;
        previous = glyph;
    }
    l.width = int((pen + 63) >> 6);
    return l;
}

}  // namespace

std::string labelFontPath() {
    if (const char* env = std::getenv("TESSERA_LABEL_FONT"); env && *env) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(env, ec)) return env;
    }
    static const char* candidates[] = {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  // Debian, Ubuntu
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",           // Fedora, openSUSE
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",  // Arch
        "/usr/local/share/fonts/DejaVuSans.ttf",
        "/usr/local/share/fonts/dejavu/DejaVuSans.ttf",
        "/Library/Fonts/DejaVuSans.ttf",
    };
    for (const char* p : candidates) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec)) return p;
    }
    fail(ErrorKind::Unsupported,
         trc("Label",
             "The label font DejaVu Sans was not found (install the fonts-dejavu-core package, or "
             "set TESSERA_LABEL_FONT to a TrueType font file)."));
}

LabelBox drawLabel(Image& img, const std::string& utf8Text) {
    LabelBox box;
    if (utf8Text.empty() || img.empty() || img.channels < 1 || img.channels > 4) return box;
    const QString qs = QString::fromUtf8(utf8Text.data(), qsizetype(utf8Text.size()));
    if (qs.toUtf8().toStdString() != utf8Text)
        fail(ErrorKind::BadRequest, trc("Label", "The label text is not valid UTF-8."));
    std::vector<char32_t> text;
    for (char32_t c : qs.toUcs4())
        if (c >= 0x20) text.push_back(c);  // control characters (newlines, tabs) are dropped
    if (text.empty()) return box;

    FtLibrary lib;
    FtFace font(lib.lib, labelFontPath());
    FT_Face face = font.face;
    int px = std::max(8, int(std::lround(std::min(img.width, img.height) * 0.08)));
    Layout layout;
    for (;;) {
        FT_Set_Pixel_Sizes(face, 0, FT_UInt(px));
        layout = measure(face, text);
        const int pad = std::max(2, px / 4);
        if (layout.width + 4 * pad <= img.width || px <= 6) break;
        --px;
    }
    const int pad = std::max(2, px / 4);
    const int margin = pad;
    box.x0 = std::clamp(margin, 0, img.width);
    box.x1 = std::clamp(margin + layout.width + 2 * pad, 0, img.width);
    box.y1 = std::clamp(img.height - margin, 0, img.height);
    box.y0 = std::clamp(box.y1 - (layout.ascent + layout.descent + 2 * pad), 0, img.height);
    if (box.empty()) return box;

    const int colour = img.hasAlpha() ? img.channels - 1 : img.channels;
    dispatchType(img.type, [&](auto tag) {
        using T = decltype(tag);
        const double white = typeFullMax(img.type);
        auto* pixels = reinterpret_cast<T*>(img.pixels.data());
        auto at = [&](int x, int y, int c) -> T& {
            return pixels[(std::size_t(y) * img.width + x) * std::size_t(img.channels) + c];
        };
        auto store = [&](T& dst, double v) {
            if constexpr (std::is_floating_point_v<T>)
                dst = static_cast<T>(v);
            else
                dst = static_cast<T>(std::clamp(std::lround(v), 0L, long(white)));
        };
        // The dark box: the image darkened to 35 %, opaque.
        for (int y = box.y0; y < box.y1; ++y)
            for (int x = box.x0; x < box.x1; ++x) {
                for (int c = 0; c < colour; ++c) {
                    T& p = at(x, y, c);
                    store(p, double(p) * 0.35);
                }
                if (img.hasAlpha()) store(at(x, y, img.channels - 1), white);
            }
        // White glyphs, blended by their coverage.
        const int baseline = box.y0 + pad + layout.ascent;
        long pen = long(box.x0 + pad) << 6;
        FT_UInt previous = 0;
        for (char32_t ch : text) {
            const FT_UInt glyph = FT_Get_Char_Index(face, ch);
            if (previous && glyph && FT_HAS_KERNING(face)) {
                FT_Vector k;
                FT_Get_Kerning(face, previous, glyph, FT_KERNING_DEFAULT, &k);
                pen += k.x;
            }
            previous = glyph;
            if (FT_Load_Glyph(face, glyph, FT_LOAD_DEFAULT) != 0) continue;
            if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0) continue;
            const FT_Bitmap& bm = face->glyph->bitmap;
            const int left = int(pen >> 6) + face->glyph->bitmap_left;
            const int top = baseline - face->glyph->bitmap_top;
            for (unsigned row = 0; row < bm.rows; ++row) {
                const int y = top + int(row);
                if (y < box.y0 || y >= box.y1) continue;
                const unsigned char* line = bm.buffer + std::ptrdiff_t(row) * bm.pitch;
                for (unsigned col = 0; col < bm.width; ++col) {
                    const int x = left + int(col);
                    if (x < box.x0 || x >= box.x1) continue;
                    const double a = line[col] / 255.0;
                    if (a <= 0) continue;
                    for (int c = 0; c < colour; ++c) {
                        T& p = at(x, y, c);
                        store(p, double(p) + (white - double(p)) * a);
                    }
                }
            }
            pen += face->glyph->advance.x;
        }
    });
    return box;
}

}  // namespace tessera
