// Fuzz target: TIFF bytes in GDAL's /vsimem/ opened with the libtiff slide reader (TiffSource,
// any TIFF accepted, as `source=tiff` forces it) under the server's per-request memory budget:
// layout and internal metadata, one tile's worth of pixels at every level (at most four), a
// 64-pixel overview of the whole image, stored JPEG tiles, associated images and statistics.
// Checks: only tessera::Error refuses input; reads return the requested size and band count.
#include <algorithm>

#include "fuzz_support.h"
#include "source/tiff_source.h"

using namespace tessera;

namespace {

void checkRead(const TiffSource& src, const ReadWindow& w) {
    Raster r;
    if (!fuzz::refusedOrDone([&] { r = src.read(w); })) return;
    fuzz::expect(r.width() == w.outWidth && r.height() == w.outHeight,
                 "a read returned another size than requested");
    fuzz::expect(r.bands() == src.info().bandCount, "a read returned another band count");
    fuzz::expect(r.type() == src.info().dtype, "a read returned another sample type");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::init();
    if (!fuzz::looksLikeTiff(data, size)) return 0;
    const fuzz::InputFile file(data, size, "tif", true);
    RequestScope scope(fuzz::serverRequest());
    std::shared_ptr<TiffSource> src;
    if (!fuzz::refusedOrDone(
            [&] { src = TiffSource::open(file.path, file.path, TiffSource::Accept::AnyTiff); }))
        return 0;
    const SourceInfo& info = src->info();
    fuzz::expect(info.sizeX > 0 && info.sizeY > 0 && info.bandCount > 0 && !info.levels.empty(),
                 "an opened TIFF has no pixels, bands or levels");
    fuzz::refusedOrDone([&] { (void)src->internalMetadata(); });

    // One 256-pixel tile at each of the first levels, read from the top-left corner.
    const int levels = std::min<int>(int(info.levels.size()), 4);
    for (int l = 0; l < levels; ++l) {
        const double scale = double(info.sizeX) / std::max(1, info.levels[std::size_t(l)].width);
        ReadWindow w;
        w.x1 = std::min<double>(info.sizeX, 256 * scale);
        w.y1 = std::min<double>(info.sizeY, 256 * scale);
        w.outWidth = std::max(1, int(w.x1 / scale));
        w.outHeight = std::max(1, int(w.y1 / scale));
        checkRead(*src, w);
        fuzz::refusedOrDone([&] { (void)src->rawTile(l, 0, 0, 0); });
    }
    // The whole image fitted in 64 × 64 (what a thumbnail reads).
    ReadWindow all;
    all.x1 = info.sizeX;
    all.y1 = info.sizeY;
    const double fit = std::max(info.sizeX, info.sizeY) / 64.0;
    all.outWidth = std::max(1, int(info.sizeX / std::max(1.0, fit)));
    all.outHeight = std::max(1, int(info.sizeY / std::max(1.0, fit)));
    all.resample = Resample::Average;
    checkRead(*src, all);

    for (const std::string& name : src->associatedImageNames())
        fuzz::refusedOrDone([&] { (void)src->associatedImage(name); });
    fuzz::refusedOrDone([&] { (void)src->statistics(1, 0, true); });
    return 0;
}
