// The picture of the built-in sample image as a pure function of pixel position, so the file
// can be generated in parallel and tests can compare the file against it. Thread-safe (pure).
#pragma once

#include <array>
#include <cstdint>

namespace tessera {

// The RGB value of full-resolution pixel (x, y) of the size × size sample, before JPEG
// compression. What it draws, so a person recognises every zoom level:
//   - a smooth map-like colour field (water, sand, grass, forest, rock, snow) from value noise;
//   - a Mandelbrot set island right of centre, and left of centre a red and white target of
//     concentric rings whose spacing grows geometrically (rings at every zoom near its centre);
//   - grid lines every 16, 128, 1024 and 8192 pixels, wider and stronger for larger steps
//     (left/top aligned: pixel x is on the 128-grid when x % 128 < 2);
//   - in the middle of every 1024-pixel cell a coloured disc with a dark rim and a white square
//     on its north side (the colour tells cells apart, the square shows which way is up).
std::array<std::uint8_t, 3> samplePixel(int x, int y, int size);

// Pixel layout constants of the pattern, for tests.
constexpr int kSampleMarkerSpacing = 1024;  // markers sit at (k + 1/2) * spacing
constexpr int kSampleMarkerRadius = 40;     // filled disc; a 8-pixel rim follows

// EPSG:3857 geotransform (GDAL order) of the sample of that size: a 40 km square centred on
// Geneva (6.1432° E, 46.2044° N).
std::array<double, 6> sampleGeoTransform(int size);

}  // namespace tessera
