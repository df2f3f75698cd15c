// WebP through libwebp's advanced API: lossy (quality) or lossless, method 0 (the fastest, per
// codec-floor.md). Gray is expanded to RGB (LA to RGBA); alpha is kept. As in PIL (exact=False),
// lossless output may change the colour of fully transparent pixels; visible pixels are exact.
#include <webp/encode.h>

#include <string>

#include "encode/encoder.h"
#include "encode/image_convert.h"
#include "raster/to_8bit.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

using encode_detail::checkImage;

// libwebp writer appending to a Bytes.
int appendToBytes(const std::uint8_t* data, std::size_t size, const WebPPicture* picture) {
    auto* out = static_cast<Bytes*>(picture->custom_ptr);
    out->insert(out->end(), data, data + size);
    return 1;
}

// Owns a WebPPicture for the duration of one encode.
struct Picture {
    WebPPicture pic;
    Picture() {
        if (!WebPPictureInit(&pic))
            fail(ErrorKind::Internal, trc("Encoder", "The WebP library version does not match."));
    }
    Picture(const Picture&) = delete;
    Picture& operator=(const Picture&) = delete;
    ~Picture() { WebPPictureFree(&pic); }
};

std::string webpErrorText(WebPEncodingError e) {
    switch (e) {
        case VP8_ENC_ERROR_OUT_OF_MEMORY:
        case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY:
            return trc("Encoder", "out of memory");
        case VP8_ENC_ERROR_BAD_DIMENSION:
            return trc("Encoder", "WebP images cannot be larger than 16383 pixels on a side");
        case VP8_ENC_ERROR_PARTITION0_OVERFLOW:
        case VP8_ENC_ERROR_PARTITION_OVERFLOW:
            return trc("Encoder", "the image is too complex");
        case VP8_ENC_ERROR_FILE_TOO_BIG:
            return trc("Encoder", "the file would be too big");
        default:
            return trf("Encoder", "libwebp error %1", std::to_string(int(e)));
    }
}

}  // namespace

Bytes encodeWebp(const Image& img, int quality, bool lossless) {
    checkImage(img, "WebP");
    if (quality < 0 || quality > 100)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "WebP quality %1 is outside 0 to 100.", std::to_string(quality)));
    if (img.width > WEBP_MAX_DIMENSION || img.height > WEBP_MAX_DIMENSION)
        fail(ErrorKind::Unsupported,
             trc("Encoder", "WebP images cannot be larger than 16383 pixels on a side."));

    WebPConfig config;
    if (!WebPConfigInit(&config))
        fail(ErrorKind::Internal, trc("Encoder", "The WebP library version does not match."));
    config.quality = float(quality);
    config.method = 0;
    config.lossless = lossless ? 1 : 0;
    if (!WebPValidateConfig(&config))
        fail(ErrorKind::Internal, trc("Encoder", "Invalid WebP encoder settings."));

    thread_local std::vector<std::uint8_t> converted;
    thread_local std::vector<std::uint8_t> expanded;
    const std::uint8_t* samples = imageTo8Bit(img, converted);
    const std::size_t pixels = std::size_t(img.width) * std::size_t(img.height);

    Picture picture;
    WebPPicture& pic = picture.pic;
    pic.width = img.width;
    pic.height = img.height;
    pic.use_argb = lossless ? 1 : 0;
    int ok = 0;
    switch (img.channels) {
        case 1:  // L → RGB
            expanded.resize(pixels * 3);
            for (std::size_t i = 0; i < pixels; ++i) {
                const std::uint8_t v = samples[i];
                expanded[3 * i] = expanded[3 * i + 1] = expanded[3 * i + 2] = v;
            }
            ok = WebPPictureImportRGB(&pic, expanded.data(), img.width * 3);
            break;
        case 2:  // LA → RGBA
            expanded.resize(pixels * 4);
            for (std::size_t i = 0; i < pixels; ++i) {
                const std::uint8_t v = samples[2 * i];
                expanded[4 * i] = expanded[4 * i + 1] = expanded[4 * i + 2] = v;
                expanded[4 * i + 3] = samples[2 * i + 1];
            }
            ok = WebPPictureImportRGBA(&pic, expanded.data(), img.width * 4);
            break;
        case 3:
            ok = WebPPictureImportRGB(&pic, samples, img.width * 3);
            break;
        default:
            ok = WebPPictureImportRGBA(&pic, samples, img.width * 4);
            break;
    }
    if (!ok) fail(ErrorKind::Internal, trc("Encoder", "Out of memory while encoding a WebP."));

    Bytes out;
    pic.writer = appendToBytes;
    pic.custom_ptr = &out;
    if (!WebPEncode(&config, &pic)) {
        const ErrorKind kind = pic.error_code == VP8_ENC_ERROR_BAD_DIMENSION ||
                                       pic.error_code == VP8_ENC_ERROR_FILE_TOO_BIG
                                   ? ErrorKind::Unsupported
                                   : ErrorKind::Internal;
        fail(kind, trf("Encoder", "WebP encoding failed: %1.", webpErrorText(pic.error_code)));
    }

    constexpr std::size_t kKeep = std::size_t(64) << 20;
    if (converted.capacity() > kKeep) std::vector<std::uint8_t>().swap(converted);
    if (expanded.capacity() > kKeep) std::vector<std::uint8_t>().swap(expanded);
    return out;
}

}  // namespace tessera
