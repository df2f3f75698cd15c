#include "encode/encoding.h"

#include <cctype>

namespace tessera {

namespace {

bool equalsNoCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

}  // namespace

std::optional<Encoding> parseEncoding(std::string_view name) {
    struct Alias {
        std::string_view name;
        Encoding encoding;
    };
    static constexpr Alias kAliases[] = {
        {"png", Encoding::PNG},   {"jpeg", Encoding::JPEG},  {"jpg", Encoding::JPEG},
        {"jfif", Encoding::JPEG}, {"webp", Encoding::WebP},  {"tif", Encoding::TIFF},
        {"tiff", Encoding::TIFF}, {"tiled", Encoding::TIFF},
    };
    if (!name.empty() && name.front() == '.') name.remove_prefix(1);
    for (const Alias& a : kAliases) {
        if (equalsNoCase(name, a.name)) return a.encoding;
    }
    return std::nullopt;
}

const char* mimeType(Encoding e) noexcept {
    switch (e) {
        case Encoding::PNG:
            return "image/png";
        case Encoding::JPEG:
            return "image/jpeg";
        case Encoding::WebP:
            return "image/webp";
        case Encoding::TIFF:
            return "image/tiff";
    }
    return "application/octet-stream";
}

const char* fileExtension(Encoding e) noexcept {
    switch (e) {
        case Encoding::PNG:
            return "png";
        case Encoding::JPEG:
            return "jpeg";
        case Encoding::WebP:
            return "webp";
        case Encoding::TIFF:
            return "tiff";
    }
    return "bin";
}

const char* encodingName(Encoding e) noexcept {
    switch (e) {
        case Encoding::PNG:
            return "PNG";
        case Encoding::JPEG:
            return "JPEG";
        case Encoding::WebP:
            return "WEBP";
        case Encoding::TIFF:
            return "TIFF";
    }
    return "";
}

}  // namespace tessera
