// JPEG through libjpeg-turbo's TurboJPEG API, with one compressor handle per thread. Alpha is
// dropped the way large_image does it through PIL's convert (RGBA→RGB, LA→L): the alpha samples
// are discarded, colours are not premultiplied or composited.
#include <turbojpeg.h>

#include <cstring>
#include <string>

#include "encode/encoder.h"
#include "encode/image_convert.h"
#include "raster/to_8bit.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {

using encode_detail::checkImage;

// Per-thread TurboJPEG handle and output buffer (tjAlloc'd, sized with tjBufSize).
struct JpegThreadState {
    tjhandle handle = nullptr;
    unsigned char* buffer = nullptr;
    unsigned long bufferSize = 0;
    std::vector<std::uint8_t> converted;  // samples converted to 8-bit
    std::vector<std::uint8_t> gray;       // L of an LA image

    JpegThreadState() = default;
    JpegThreadState(const JpegThreadState&) = delete;
    JpegThreadState& operator=(const JpegThreadState&) = delete;
    ~JpegThreadState() {
        if (buffer) tjFree(buffer);
        if (handle) tjDestroy(handle);
    }
};

JpegThreadState& threadState() {
    thread_local JpegThreadState state;
    return state;
}

}  // namespace

Bytes encodeJpeg(const Image& img, int quality, int subsampling) {
    checkImage(img, "JPEG");
    if (quality < 0 || quality > 100)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "JPEG quality %1 is outside 0 to 100.", std::to_string(quality)));
    static constexpr int kSubsampling[3] = {TJSAMP_444, TJSAMP_422, TJSAMP_420};
    if (subsampling < 0 || subsampling > 2)
        fail(ErrorKind::BadRequest,
             trf("Encoder", "JPEG subsampling %1 is not one of 0 (4:4:4), 1 (4:2:2), 2 (4:2:0).",
                 std::to_string(subsampling)));
    if (img.width > 65500 || img.height > 65500)
        fail(ErrorKind::Unsupported,
             trc("Encoder", "JPEG images cannot be larger than 65500 pixels on a side."));

    JpegThreadState& st = threadState();
    if (!st.handle) st.handle = tjInitCompress();
    if (!st.handle)
        fail(ErrorKind::Internal, trc("Encoder", "Could not create a JPEG compressor."));

    const std::uint8_t* samples = imageTo8Bit(img, st.converted);
    const std::size_t pixels = std::size_t(img.width) * std::size_t(img.height);
    int pixelFormat = TJPF_GRAY;
    int sampling = TJSAMP_GRAY;
    int pitch = img.width * img.channels;
    switch (img.channels) {
        case 1:
            break;
        case 2:  // LA → L
            st.gray.resize(pixels);
            for (std::size_t i = 0; i < pixels; ++i) st.gray[i] = samples[2 * i];
            samples = st.gray.data();
            pitch = img.width;
            break;
        case 3:
            pixelFormat = TJPF_RGB;
            sampling = kSubsampling[subsampling];
            break;
        default:  // RGBA → RGB: TJPF_RGBX reads three samples and skips the fourth
            pixelFormat = TJPF_RGBX;
            sampling = kSubsampling[subsampling];
            break;
    }

    const int qualityArg = quality < 1 ? 1 : quality;
    const unsigned long needed = tjBufSize(img.width, img.height, sampling);
    if (needed == static_cast<unsigned long>(-1) || needed > 0x7fffffffUL) {
        // Too big for a tjAlloc'd worst-case buffer: let TurboJPEG allocate and grow its own.
        unsigned char* own = nullptr;
        unsigned long ownSize = 0;
        const int rc = tjCompress2(st.handle, samples, img.width, pitch, img.height, pixelFormat,
                                   &own, &ownSize, sampling, qualityArg, 0);
        if (rc != 0) {
            const std::string why = tjGetErrorStr2(st.handle);
            if (own) tjFree(own);
            fail(ErrorKind::Internal, trf("Encoder", "JPEG compression failed: %1", why));
        }
        Bytes out(own, own + ownSize);
        tjFree(own);
        return out;
    }
    // A buffer of tjBufSize bytes always holds the result, so TurboJPEG never reallocates it.
    if (needed > st.bufferSize) {
        if (st.buffer) tjFree(st.buffer);
        st.buffer = tjAlloc(int(needed));
        st.bufferSize = st.buffer ? needed : 0;
        if (!st.buffer)
            fail(ErrorKind::Internal, trc("Encoder", "Out of memory while encoding a JPEG."));
    }
    unsigned long size = st.bufferSize;
    if (tjCompress2(st.handle, samples, img.width, pitch, img.height, pixelFormat, &st.buffer,
                    &size, sampling, qualityArg, TJFLAG_NOREALLOC) != 0) {
        const std::string why = tjGetErrorStr2(st.handle);
        fail(ErrorKind::Internal, trf("Encoder", "JPEG compression failed: %1", why));
    }
    Bytes out(st.buffer, st.buffer + size);

    constexpr unsigned long kKeep = 64ul << 20;
    if (st.bufferSize > kKeep) {
        tjFree(st.buffer);
        st.buffer = nullptr;
        st.bufferSize = 0;
    }
    if (st.converted.capacity() > kKeep) std::vector<std::uint8_t>().swap(st.converted);
    if (st.gray.capacity() > kKeep) std::vector<std::uint8_t>().swap(st.gray);
    return out;
}

}  // namespace tessera
