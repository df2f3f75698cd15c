// Fuzz target: an image made from the input (size up to 64 × 64, 1–4 channels, 8 or 16 bits,
// deflate level 0–9, pixels from the remaining bytes) encoded with Tessera's PNG encoder and
// decoded again through GDAL. Checks: the encoder never refuses such an image, and decoding
// gives back exactly the same size, channels, sample type and pixels.
#include <fuzzer/FuzzedDataProvider.h>

#include "encode/encoder.h"
#include "fuzz_support.h"

using namespace tessera;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::init();
    FuzzedDataProvider in(data, size);
    const int width = in.ConsumeIntegralInRange(1, 64);
    const int height = in.ConsumeIntegralInRange(1, 64);
    const int channels = in.ConsumeIntegralInRange(1, 4);
    const DataType type = in.ConsumeBool() ? DataType::UInt16 : DataType::UInt8;
    const int level = in.ConsumeIntegralInRange(0, 9);
    Image img(width, height, channels, type);
    // The remaining bytes, repeated, are the pixels (runs compress, noise does not).
    const std::vector<std::uint8_t> fill = in.ConsumeRemainingBytes<std::uint8_t>();
    if (!fill.empty())
        for (std::size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = fill[i % fill.size()];

    Bytes png;
    fuzz::expect(fuzz::refusedOrDone([&] { png = encodePng(img, level); }),
                 "the PNG encoder refused an 8/16-bit image of 1-4 channels");
    Image back;
    fuzz::expect(fuzz::refusedOrDone([&] { back = decodeImage(png); }),
                 "GDAL could not decode the encoder's PNG");
    fuzz::expect(back.width == width && back.height == height, "the PNG has another size");
    fuzz::expect(back.channels == channels, "the PNG has another channel count");
    fuzz::expect(back.type == type, "the PNG has another sample type");
    fuzz::expect(back.pixels == img.pixels, "the PNG's pixels differ from the encoded image");
    return 0;
}
