// GdalSource read costs: a 256×256 unprojected tile read (baseline) against a 256×256 warp to
// EPSG:3857 of the same area, a reduced (overview) read, and the first-open cost. Prints
// per-operation times and ratios to the baseline measured in the same run; asserts nothing.
#include <QCoreApplication>

#include <chrono>
#include <cstdio>
#include <functional>

#include "geo/crs.h"
#include "source/open_source.h"
#include "support/fixtures.h"

using namespace tessera;
using namespace tessera::test;

namespace {

double msPer(int n, const std::function<void(int)>& f) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) f(i);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
               .count() /
           n;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    FixtureSpec spec;
    spec.width = 4096;
    spec.height = 4096;
    spec.geoTransform = {-10.0, 0.001, 0.0, 10.0, 0.0, -0.001};
    const std::string path = writeFixture(tempDir() + "/bench.tif", spec);
    const double open = msPer(5, [&](int) { openSource(path); });
    SourcePtr s = openSource(path);
    const int n = 200;
    const double tile = msPer(n, [&](int i) {
        const int x = (i * 256) % 3840, y = ((i / 15) * 256) % 3840;
        s->read({double(x), double(y), x + 256.0, y + 256.0, 256, 256, {}, 0, Resample::Nearest});
    });
    const double reduced = msPer(n, [&](int i) {
        const int x = (i * 1024) % 3072;
        s->read({double(x), 0, x + 1024.0, 1024, 256, 256, {}, 0, Resample::Nearest});
    });
    const Point2 a = transformPoint("EPSG:4326", "EPSG:3857", {-9.0, 7.0});
    const double side = 256 * 111.32;  // about one source pixel per output pixel
    const double warp = msPer(n, [&](int i) {
        const double x = a.x + (i % 10) * side, y = a.y - (i / 10 % 10) * side;
        s->readProjected(
            {"EPSG:3857", {x, y - side, x + side, y}, 256, 256, {}, 0, Resample::Nearest});
    });
    const double warpZoomedOut = msPer(50, [&](int i) {
        const double big = side * 8, x = a.x + (i % 2) * big;
        s->readProjected(
            {"EPSG:3857", {x, a.y - big, x + big, a.y}, 256, 256, {}, 0, Resample::Nearest});
    });
    std::printf("open (probe + SourceInfo):         %8.3f ms  %6.2fx\n", open, open / tile);
    std::printf("read 256² tile, full res (base):   %8.3f ms  %6.2fx\n", tile, 1.0);
    std::printf("read 1024²→256² (overview):        %8.3f ms  %6.2fx\n", reduced, reduced / tile);
    std::printf("warp 256² to EPSG:3857, full res:  %8.3f ms  %6.2fx\n", warp, warp / tile);
    std::printf("warp 256² to EPSG:3857, 1/8 res:   %8.3f ms  %6.2fx\n", warpZoomedOut,
                warpZoomedOut / tile);
    return 0;
}
