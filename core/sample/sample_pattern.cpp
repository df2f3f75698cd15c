#include "sample/sample_pattern.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <numbers>
#include <vector>

namespace tessera {

namespace {

struct Rgb {
    double r, g, b;
};

Rgb mix(const Rgb& a, const Rgb& b, double t) {
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

// Integer hash of a lattice point (a murmur-style finaliser); deterministic everywhere.
std::uint32_t hashPoint(std::int32_t x, std::int32_t y, std::uint32_t seed) {
    std::uint32_t h = seed ^ (std::uint32_t(x) * 0x8da6b343u) ^ (std::uint32_t(y) * 0xd8163841u);
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    h *= 0x297a2d39u;
    h ^= h >> 15;
    return h;
}

double latticeValue(std::int32_t x, std::int32_t y, std::uint32_t seed) {
    return double(hashPoint(x, y, seed) >> 8) * (1.0 / 16777216.0);
}

// Smoothly interpolated lattice noise in [0, 1).
double valueNoise(double px, double py, std::uint32_t seed) {
    const double fx0 = std::floor(px), fy0 = std::floor(py);
    const auto ix = std::int32_t(fx0), iy = std::int32_t(fy0);
    double fx = px - fx0, fy = py - fy0;
    fx = fx * fx * (3 - 2 * fx);
    fy = fy * fy * (3 - 2 * fy);
    const double v00 = latticeValue(ix, iy, seed), v10 = latticeValue(ix + 1, iy, seed);
    const double v01 = latticeValue(ix, iy + 1, seed), v11 = latticeValue(ix + 1, iy + 1, seed);
    const double top = v00 + (v10 - v00) * fx;
    const double bottom = v01 + (v11 - v01) * fx;
    return top + (bottom - top) * fy;
}

// Terrain height in [0, 1]: five octaves of value noise, 4 to 64 cells across the image.
double terrainHeight(double u, double v) {
    double sum = 0, norm = 0, amplitude = 1, frequency = 4;
    for (std::uint32_t octave = 0; octave < 5; ++octave) {
        sum += amplitude * valueNoise(u * frequency, v * frequency, 0x9e3779b9u * (octave + 1));
        norm += amplitude;
        amplitude *= 0.5;
        frequency *= 2;
    }
    return std::clamp((sum / norm - 0.5) * 2.4 + 0.5, 0.0, 1.0);
}

// Terrain heights on a lattice every `step` pixels (at most 1025 × 1025 points), bilinearly
// interpolated in between: the field is smooth (its finest octave spans size/64 pixels), so this
// looks the same as evaluating the noise per pixel at a fraction of the cost. One table per size,
// built on first use and kept for the life of the process.
struct TerrainTable {
    int size = 0;
    int step = 1;
    int points = 0;  // per axis
    std::vector<float> heights;
};

const TerrainTable& terrainTable(int size) {
    thread_local const TerrainTable* last = nullptr;
    if (last && last->size == size) return *last;
    static std::mutex mutex;
    static std::map<int, std::unique_ptr<TerrainTable>> tables;
    std::lock_guard lock(mutex);
    auto& slot = tables[size];
    if (!slot) {
        auto table = std::make_unique<TerrainTable>();
        table->size = size;
        table->step = std::max(1, size / 1024);
        table->points = size / table->step + 1;
        table->heights.resize(std::size_t(table->points) * std::size_t(table->points));
        const double s = size;
        for (int j = 0; j < table->points; ++j)
            for (int i = 0; i < table->points; ++i)
                table->heights[std::size_t(j) * std::size_t(table->points) + std::size_t(i)] =
                    float(terrainHeight(i * table->step / s, j * table->step / s));
        slot = std::move(table);
    }
    last = slot.get();
    return *last;
}

double terrainAt(const TerrainTable& t, int x, int y) {
    const double gx = (x + 0.5) / t.step, gy = (y + 0.5) / t.step;
    const int i = std::min(int(gx), t.points - 2), j = std::min(int(gy), t.points - 2);
    const double fx = gx - i, fy = gy - j;
    const float* row0 = t.heights.data() + std::size_t(j) * std::size_t(t.points) + std::size_t(i);
    const float* row1 = row0 + t.points;
    const double top = row0[0] + (row0[1] - row0[0]) * fx;
    const double bottom = row1[0] + (row1[1] - row1[0]) * fx;
    return top + (bottom - top) * fy;
}

Rgb terrainColour(double h) {
    struct Stop {
        double at;
        Rgb colour;
    };
    static constexpr Stop kStops[] = {
        {0.00, {12, 40, 110}},   {0.40, {40, 110, 185}},  {0.45, {215, 200, 150}},
        {0.50, {120, 175, 85}},  {0.66, {40, 110, 50}},   {0.80, {135, 118, 100}},
        {0.92, {245, 245, 245}}, {1.00, {255, 255, 255}},
    };
    for (std::size_t i = 1; i < std::size(kStops); ++i) {
        if (h <= kStops[i].at) {
            const double t = (h - kStops[i - 1].at) / (kStops[i].at - kStops[i - 1].at);
            return mix(kStops[i - 1].colour, kStops[i].colour, t);
        }
    }
    return kStops[std::size(kStops) - 1].colour;
}

// Escape iteration count of c = (cr, ci), or kMaxIterations inside the set.
constexpr int kMaxIterations = 160;

int mandelbrot(double cr, double ci) {
    // Main cardioid and period-2 bulb: inside, no iteration needed.
    const double q = (cr - 0.25) * (cr - 0.25) + ci * ci;
    if (q * (q + (cr - 0.25)) <= 0.25 * ci * ci) return kMaxIterations;
    if ((cr + 1) * (cr + 1) + ci * ci <= 1.0 / 16) return kMaxIterations;
    double zr = 0, zi = 0;
    for (int n = 0; n < kMaxIterations; ++n) {
        const double zr2 = zr * zr, zi2 = zi * zi;
        if (zr2 + zi2 > 4) return n;
        zi = 2 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
    }
    return kMaxIterations;
}

}  // namespace

std::array<std::uint8_t, 3> samplePixel(int x, int y, int size) {
    const double s = size;
    const double px = x + 0.5, py = y + 0.5;
    Rgb c = terrainColour(terrainAt(terrainTable(size), x, y));

    // Mandelbrot island: real -2.15..0.65, imaginary -1.4..1.4 over a square of 0.36·size.
    {
        const double half = 0.18 * s;
        const double dx = px - 0.70 * s, dy = py - 0.55 * s;
        if (std::abs(dx) < half && std::abs(dy) < half) {
            const int n = mandelbrot(-0.75 + dx / half * 1.4, dy / half * 1.4);
            if (n >= kMaxIterations) {
                c = {45, 12, 70};
            } else if (n >= 4) {
                static constexpr Rgb kBands[] = {{255, 236, 120}, {250, 150, 40}, {220, 60, 60},
                                                 {150, 40, 140},  {70, 60, 190},  {60, 170, 220}};
                c = mix(c, kBands[n % std::size(kBands)], 0.85);
            }
        }
    }

    // Target: red and white rings, six per doubling of the radius.
    {
        const double dx = px - 0.27 * s, dy = py - 0.40 * s;
        const double r2 = dx * dx + dy * dy;
        const double outer = 0.17 * s;
        if (r2 < outer * outer) {
            if (r2 < 16) {
                c = {200, 25, 30};
            } else {
                const double t = 3.0 * std::log2(r2);  // 6·log2(r)
                const double ring = std::floor(t);
                if (t - ring < 0.25) {
                    const Rgb ringColour =
                        (std::int64_t(ring) & 1) ? Rgb{250, 250, 250} : Rgb{200, 25, 30};
                    c = mix(c, ringColour, 0.9);
                }
            }
        }
    }

    // Grid: the finer the step, the thinner and fainter the line.
    auto onLine = [&](int step, int width) { return x % step < width || y % step < width; };
    if (onLine(8192, 12)) {
        c = {250, 210, 20};
    } else if (onLine(1024, 4)) {
        c = mix(c, {20, 20, 20}, 0.7);
    } else if (onLine(128, 2)) {
        c = mix(c, {255, 255, 255}, 0.45);
    } else if (onLine(16, 1)) {
        c = mix(c, {255, 255, 255}, 0.22);
    }

    // Markers in the middle of every 1024-pixel cell.
    {
        constexpr int kSpacing = kSampleMarkerSpacing;
        const int col = x / kSpacing, row = y / kSpacing;
        const int dx = x - (col * kSpacing + kSpacing / 2);
        const int dy = y - (row * kSpacing + kSpacing / 2);
        const int d2 = dx * dx + dy * dy;
        constexpr int kRim = kSampleMarkerRadius + 8;
        if (d2 < kRim * kRim) {
            static constexpr Rgb kMarkers[] = {{230, 30, 40},  {30, 160, 60},  {40, 80, 220},
                                               {245, 200, 20}, {160, 40, 190}, {20, 190, 200},
                                               {250, 120, 20}, {240, 240, 240}};
            if (d2 >= kSampleMarkerRadius * kSampleMarkerRadius)
                c = {15, 15, 15};
            else if (std::abs(dx) <= 6 && dy >= -32 && dy <= -20)
                c = {255, 255, 255};
            else
                c = kMarkers[(col * 7 + row * 3) % 8];
        }
    }

    auto toByte = [](double v) { return std::uint8_t(std::clamp(v, 0.0, 255.0) + 0.5); };
    return {toByte(c.r), toByte(c.g), toByte(c.b)};
}

std::array<double, 6> sampleGeoTransform(int size) {
    constexpr double kEarthRadius = 6378137.0;
    constexpr double kLon = 6.1432, kLat = 46.2044;  // Geneva
    constexpr double kSide = 40000.0;                // metres (EPSG:3857 units)
    const double cx = std::round(kEarthRadius * kLon * std::numbers::pi / 180.0);
    const double cy = std::round(
        kEarthRadius * std::log(std::tan(std::numbers::pi / 4 + kLat * std::numbers::pi / 360.0)));
    const double pixel = kSide / size;
    return {cx - kSide / 2, pixel, 0.0, cy + kSide / 2, 0.0, -pixel};
}

}  // namespace tessera
