// Fuzz target: FITS bytes in a scratch file (cfitsio reads local files) opened with FitsSource —
// the in-process reader the crash-isolating probe runs — under the server's per-request memory
// budget: header cards, a 256-pixel corner and a 64-pixel overview of the first and last frame,
// approximate statistics, then the LCO thumbnail through the Engine's auto-detecting open path
// (`tessera thumbnail FILE`). Checks: only tessera::Error refuses input; reads return the
// requested size, band count and type.
#include <algorithm>

#include "fuzz_support.h"
#include "service/engine.h"
#include "source/fits_source.h"

using namespace tessera;

namespace {

Engine& engine() {
    static Engine e([] {
        EngineConfig c;
        c.tileCacheBytes = std::size_t(8) << 20;
        c.decodedCacheBytes = std::size_t(8) << 20;
        c.maxOpenSources = 2;
        return c;
    }());
    return e;
}

void checkRead(const FitsSource& src, const ReadWindow& w) {
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
    const fuzz::InputFile file(data, size, "fits", false);
    RequestScope scope(fuzz::serverRequest());
    std::shared_ptr<FitsSource> src;
    if (!fuzz::refusedOrDone([&] { src = FitsSource::open(file.path, file.path); })) return 0;
    const SourceInfo& info = src->info();
    fuzz::expect(info.sizeX > 0 && info.sizeY > 0 && info.bandCount > 0,
                 "an opened FITS file has no pixels or bands");
    fuzz::expect(info.frameCount >= 1 && std::size_t(info.frameCount) == src->frameRefs().size(),
                 "the frame count does not match the frame list");
    fuzz::refusedOrDone([&] { (void)src->internalMetadata(); });

    for (int frame : {0, info.frameCount - 1}) {
        ReadWindow corner;
        corner.frame = frame;
        corner.x1 = std::min(info.sizeX, 256);
        corner.y1 = std::min(info.sizeY, 256);
        corner.outWidth = int(corner.x1);
        corner.outHeight = int(corner.y1);
        checkRead(*src, corner);

        ReadWindow all;
        all.frame = frame;
        all.x1 = info.sizeX;
        all.y1 = info.sizeY;
        const double fit = std::max(1.0, std::max(info.sizeX, info.sizeY) / 64.0);
        all.outWidth = std::max(1, int(info.sizeX / fit));
        all.outHeight = std::max(1, int(info.sizeY / fit));
        checkRead(*src, all);
        if (info.frameCount == 1) break;
    }
    fuzz::refusedOrDone([&] { (void)src->statistics(1, 0, true); });
    src.reset();

    ThumbnailRequest t;
    t.image.uri = file.path;
    t.maxWidth = 64;
    t.maxHeight = 64;
    fuzz::refusedOrDone([&] { (void)engine().thumbnail(t); });
    engine().sourceCache().clear();
    engine().tileStore().clear();
    return 0;
}
