#include "source/tiff_jpeg.h"

#include <algorithm>

namespace tessera {

namespace {

// First position of the two-byte marker ff xx in [from, to), or npos.
std::size_t findMarker(const std::vector<std::uint8_t>& b, std::uint8_t m, std::size_t from,
                       std::size_t to) {
    for (std::size_t i = from; i + 1 < to; ++i)
        if (b[i] == 0xff && b[i + 1] == m) return i;
    return std::size_t(-1);
}

constexpr std::size_t npos = std::size_t(-1);

}  // namespace

std::optional<std::vector<std::uint8_t>> spliceJpegTile(const std::vector<std::uint8_t>& tables,
                                                        std::vector<std::uint8_t> frame,
                                                        bool photometricRgb) {
    const std::size_t n = frame.size();
    if (n < 4 || frame[0] != 0xff || frame[1] != 0xd8 || frame[n - 2] != 0xff ||
        frame[n - 1] != 0xd9)
        return std::nullopt;
    // The frame starts at its SOF (baseline or progressive); anything between SOI and SOF
    // (some writers repeat quantisation tables there) is dropped, as large_image does.
    std::size_t start = 2;
    if (!(frame[2] == 0xff && (frame[3] == 0xc0 || frame[3] == 0xc2))) {
        start = findMarker(frame, 0xc0, 2, n - 2);
        if (start == npos) start = findMarker(frame, 0xc2, 2, n - 2);
        if (start == npos) return std::nullopt;
    }
    if (photometricRgb) {
        std::size_t sof = findMarker(frame, 0xc0, 0, n);
        if (sof == npos) sof = findMarker(frame, 0xc2, 0, n);
        const std::size_t sos = findMarker(frame, 0xda, 0, n);
        // 3-component frame (length 0x11) with ids 0,1,2 in SOF and SOS.
        if (sof != npos && sos != npos && sof >= start && sos >= start && sof + 19 <= n &&
            sos + 11 <= n && frame[sof + 2] == 0x00 && frame[sof + 3] == 0x11 &&
            frame[sof + 10] == 0 && frame[sof + 13] == 1 && frame[sof + 16] == 2 &&
            frame[sos + 5] == 0 && frame[sos + 7] == 1 && frame[sos + 9] == 2) {
            const std::uint8_t rgb[3] = {'R', 'G', 'B'};
            for (int i = 0; i < 3; ++i) {
                frame[sof + 10 + std::size_t(i) * 3] = rgb[i];
                frame[sos + 5 + std::size_t(i) * 2] = rgb[i];
            }
        }
    }
    std::vector<std::uint8_t> out;
    const std::size_t tablesBody = tables.size() >= 4 ? tables.size() - 4 : 0;
    out.reserve(4 + tablesBody + (n - 2 - start));
    out.push_back(0xff);
    out.push_back(0xd8);
    if (tablesBody) out.insert(out.end(), tables.begin() + 2, tables.end() - 2);
    out.insert(out.end(), frame.begin() + std::ptrdiff_t(start), frame.end() - 2);
    out.push_back(0xff);
    out.push_back(0xd9);
    return out;
}

}  // namespace tessera
