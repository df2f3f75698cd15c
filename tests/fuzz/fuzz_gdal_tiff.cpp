// Fuzz target: TIFF / COG bytes in GDAL's /vsimem/, opened through the Engine with the GDAL
// reader forced (source=gdal, as `?source=gdal` would), under the server's per-request memory
// budget: metadata, internal metadata, bands, a tile at the coarsest and the finest level, a
// pixel, a histogram, and for georeferenced files a Web Mercator tile. Checks: only
// tessera::Error refuses input; an encoded tile is a PNG.
#include <cstring>

#include "fuzz_support.h"
#include "service/engine.h"

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

void checkPng(const Encoded& e) {
    static const unsigned char kSig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    fuzz::expect(e.bytes && e.bytes->size() > 8 && std::memcmp(e.bytes->data(), kSig, 8) == 0,
                 "a PNG tile is not a PNG");
}

void exercise(const ImageRef& ref) {
    Engine& en = engine();
    nlohmann::json tiles;
    if (!fuzz::refusedOrDone([&] { tiles = en.tilesMetadata(ref); })) return;
    const int levels = tiles.value("levels", 0);
    fuzz::expect(levels >= 1, "tiles/metadata reports no level");
    fuzz::refusedOrDone([&] { (void)en.metadata(ref); });
    fuzz::refusedOrDone([&] { (void)en.internalMetadata(ref); });
    fuzz::refusedOrDone([&] { (void)en.bands(ref); });
    for (int z : {0, levels - 1}) {
        TileRequest t;
        t.image = ref;
        t.z = z;
        fuzz::refusedOrDone([&] { checkPng(en.tile(t)); });
    }
    PixelRequest px;
    px.image = ref;
    fuzz::refusedOrDone([&] { (void)en.pixel(px); });
    HistogramRequest h;
    h.image = ref;
    h.bins = 16;
    h.maxSize = 128;
    fuzz::refusedOrDone([&] { (void)en.histogram(h); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::init();
    // TIFF only: other bytes would reach GDAL drivers that follow references (VRT, ...).
    if (!fuzz::looksLikeTiff(data, size)) return 0;
    const fuzz::InputFile file(data, size, "tif", true);
    {
        RequestScope scope(fuzz::serverRequest());
        ImageRef ref{file.path, "", "gdal"};
        exercise(ref);
        bool geospatial = false;
        fuzz::refusedOrDone(
            [&] { geospatial = engine().metadata(ref).value("geospatial", false); });
        if (geospatial) {
            ref.projection = "EPSG:3857";
            exercise(ref);
        }
    }
    engine().sourceCache().clear();
    engine().tileStore().clear();
    return 0;
}
