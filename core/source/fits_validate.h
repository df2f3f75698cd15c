// FITS structure checks made before cfitsio is given a file: every HDU header is read by a small
// bounded parser and its sizes — BITPIX, NAXIS/NAXISn, PCOUNT/GCOUNT and, for tile-compressed
// images, ZBITPIX, ZNAXISn, ZTILEn, the tile count against the table rows, THEAP and every heap
// descriptor — are checked against the file size and memory budgets. A header that lies gives a
// clear Error; cfitsio never sees it (ZTILE1 = 0 made it divide by zero, NAXIS1 = 1e18 made it
// allocate gigabytes). .fits.gz files are checked on the inflated stream, with a size limit.
//
// Thread safety: free functions; each call reads the file through its own handle.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace tessera {

struct FitsTileLayout;

struct FitsLimits {
    // cfitsio inflates a .fits.gz file into memory: refuse streams that inflate to more.
    std::uint64_t maxInflatedBytes = std::uint64_t(1) << 30;
    // One decoded tile of a tile-compressed image (cfitsio decodes whole tiles, up to 8 bytes
    // per pixel).
    std::uint64_t maxTileBytes = std::uint64_t(256) << 20;
    // Header cards of all HDUs together, and HDUs walked: the walk stops (keeping what it has)
    // beyond these.
    std::uint64_t maxHeaderCards = 1000000;
    int maxHdus = 10000;
};

// One HDU that passed the checks.
struct FitsHduCheck {
    int hdu = 1;                   // 1-based, as cfitsio counts
    bool image = false;            // the primary array or an IMAGE extension
    bool compressed = false;       // a tile-compressed image (BINTABLE with ZIMAGE = T)
    int bitpix = 0;                // BITPIX, or ZBITPIX for a compressed image
    std::vector<long long> naxes;  // NAXISn, or ZNAXISn for a compressed image
    std::vector<long long> tile;   // ZTILEn (compressed images)
    // Compressed images with RICE_1 or gzip tiles: where each tile's bytes are, for
    // FitsTileGuard (fits_tile_check.h).
    std::shared_ptr<const FitsTileLayout> tiles;
    std::uint64_t headerOffset = 0;
    std::uint64_t dataOffset = 0;
    std::uint64_t dataBytes = 0;  // without the padding to 2880 bytes
};

struct FitsStructure {
    std::uint64_t fileBytes = 0;  // inflated size for .gz (as far as the walk read)
    bool gzip = false;
    std::vector<FitsHduCheck> hdus;  // the HDUs that passed, in file order
    // Why the walk stopped before the end of the file, when an HDU after the first is cut short
    // or lies: the HDUs from there on must never be given to cfitsio (it reads each header on
    // the way to a later HDU).
    std::optional<Error> stopped;
};

// Walks the HDUs of a local FITS file (plain or gzip-compressed). `uri` names the file in
// messages. Throws Error(NotFound/IO) when the file cannot be read, Error(BadRequest) when the
// first HDU's header is malformed or lies (e.g. "…: the header of HDU 1 says NAXIS1 =
// 1000000000000000000, which needs … bytes of data, but the file has 2880 bytes"),
// Error(Unsupported) when it exceeds a limit.
FitsStructure checkFitsStructure(const std::string& path, const std::string& uri,
                                 const FitsLimits& limits = {});

}  // namespace tessera
