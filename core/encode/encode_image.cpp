// encodeImage: the one entry point that picks the encoder for an Encoding.
#include "encode/encoder.h"

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

Bytes encodeImage(const Image& img, Encoding encoding, const EncodeOptions& options,
                  const GeoReference* geo) {
    switch (encoding) {
        case Encoding::PNG:
            return encodePng(img, options.pngLevel);
        case Encoding::JPEG:
            return encodeJpeg(img, options.jpegQuality, options.jpegSubsampling);
        case Encoding::WebP:
            return encodeWebp(img, options.webpQuality, options.webpLossless);
        case Encoding::TIFF:
            return encodeTiff(img, options, geo);
    }
    fail(ErrorKind::Unsupported, trc("Encoder", "Unknown output encoding."));
}

}  // namespace tessera
