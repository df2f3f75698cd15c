// JPEG passthrough against decode + re-encode: full-resolution JPEG tiles of a slide through
// Engine::tile, served as stored (default style, passthrough) beside the same tiles decoded,
// styled and re-encoded (a style equal to the RGB default forces decoding). Uses the shared
// CMU-1-Small-Region.svs when present, else a generated 4096² JPEG pyramid. The tile cache is
// too small to hold anything, so every request does the work. Prints tiles/s and the ratio.
#include <QCoreApplication>

#include <tiffio.h>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "service/engine.h"
#include "support/fixtures.h"
#include "support/tiff_fixtures.h"

using namespace tessera;
using namespace tessera::test;

namespace {

// Tiles per second over all full-resolution tiles, repeated for at least `seconds`.
double tilesPerSecond(Engine& engine, const TileRequest& base, int tilesX, int tilesY,
                      double seconds, std::size_t& bytes) {
    const auto t0 = std::chrono::steady_clock::now();
    long n = 0;
    bytes = 0;
    for (;;) {
        for (int y = 0; y < tilesY; ++y)
            for (int x = 0; x < tilesX; ++x) {
                TileRequest r = base;
                r.x = x;
                r.y = y;
                bytes += engine.tile(r).bytes->size();
                ++n;
            }
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (s >= seconds) {
            bytes /= std::size_t(n);  // mean bytes per tile
            return double(n) / s;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::string path;
    const std::string shared = sharedDataDir();
    if (!shared.empty() && std::filesystem::exists(shared + "/wsi/CMU-1-Small-Region.svs")) {
        path = shared + "/wsi/CMU-1-Small-Region.svs";
    } else {
        TiffPyramidSpec spec;
        spec.width = spec.height = 4096;
        spec.compression = COMPRESSION_JPEG;
        spec.ycbcr = true;
        spec.levels = 5;
        path = writeTiffPyramid(tempDir() + "/bench_slide.tif", spec);
    }
    EngineConfig config;
    config.tileCacheBytes = 1;  // nothing fits: every request is computed
    config.decodedCacheBytes = 1;
    Engine engine(config);
    TileRequest t;
    t.image.uri = path;
    t.encoding = Encoding::JPEG;
    const auto meta = engine.metadata(t.image);
    const int levels = meta["levels"].get<int>();
    const int tw = meta["tileWidth"].get<int>(), th = meta["tileHeight"].get<int>();
    const int tilesX = (meta["sizeX"].get<int>() + tw - 1) / tw;
    const int tilesY = (meta["sizeY"].get<int>() + th - 1) / th;
    t.z = levels - 1;

    std::size_t passBytes = 0, decodeBytes = 0;
    const double pass = tilesPerSecond(engine, t, tilesX, tilesY, 2.0, passBytes);
    TileRequest d = t;
    d.style.styleJson = R"({"bands":[{"band":1,"palette":["#000","#f00"],"min":0,"max":255},)"
                        R"({"band":2,"palette":["#000","#0f0"],"min":0,"max":255},)"
                        R"({"band":3,"palette":["#000","#00f"],"min":0,"max":255}]})";
    const double decode = tilesPerSecond(engine, d, tilesX, tilesY, 2.0, decodeBytes);

    std::printf("image: %s (%dx%d tiles of %dx%d, z=%d)\n", path.c_str(), tilesX, tilesY, tw, th,
                t.z);
    std::printf("decode + style + JPEG encode (baseline): %9.1f tiles/s  %6.2fx\n", decode, 1.0);
    std::printf("JPEG passthrough:                        %9.1f tiles/s  %6.2fx\n", pass,
                pass / decode);
    std::printf("mean bytes per tile: passthrough %zu, re-encoded %zu\n", passBytes, decodeBytes);
    return 0;
}
