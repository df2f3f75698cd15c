// TIFF layout discovery: walks every IFD of a TIFF (the main chain and SubIFDs), and sorts them
// into pyramid levels and associated images (label, macro, thumbnail) the way large_image's
// tiff source does; also parses the Aperio ImageDescription and tells georeferenced TIFFs apart.
//
// Thread safety: plain data and free functions; discoverTiffLayout uses the handle it is given.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

typedef struct tiff TIFF;

namespace tessera {

// What one IFD holds (the tags that matter for reading it).
struct TiffIfd {
    int chainIndex = -1;  // position in the main IFD chain; -1 for a SubIFD
    int parent = -1;      // for SubIFDs: chain index of the IFD that lists it
    std::uint64_t offset = 0;
    std::uint32_t width = 0, height = 0;
    bool tiled = false;
    std::uint32_t tileWidth = 0, tileHeight = 0;  // tiles, or width × rowsPerStrip for strips
    std::uint32_t rowsPerStrip = 0;
    std::uint16_t compression = 1, photometric = 1, samplesPerPixel = 1, bitsPerSample = 1;
    std::uint16_t sampleFormat = 1, planarConfig = 1, orientation = 1;
    bool extraAlpha = false;  // ExtraSamples marks the last sample as alpha
    std::uint32_t subfileType = 0;
    std::string description;
    bool hasJpegTables = false;
    nlohmann::json tags;  // tag name → value, for internal metadata
};

struct TiffAssociated {
    std::string name;
    int ifd = -1;  // index into TiffLayout::ifds
};

struct TiffLevel {
    int ifd = -1;    // index into TiffLayout::ifds
    int factor = 1;  // nominal power-of-two downsampling from level 0
};

struct TiffLayout {
    std::vector<TiffIfd> ifds;
    std::vector<TiffLevel> levels;  // full resolution first
    std::vector<TiffAssociated> associated;
    bool georeferenced = false;  // GeoKeyDirectory / ModelTiepoint / ModelTransformation tags
    bool aperio = false;
    std::string aperioHeader;                             // the description's first segment
    std::map<std::string, std::string> aperioProperties;  // Aperio key = value properties
};

// Reads every IFD of tif and classifies them. Throws Error(Unsupported) when no IFD can be a
// pyramid level. Changes tif's current directory.
TiffLayout discoverTiffLayout(TIFF* tif);

// True when the current IFD has GeoTIFF tags (ModelPixelScale, ModelTiepoint,
// ModelTransformation or GeoKeyDirectory).
bool tiffHasGeoTags(TIFF* tif);

// Aperio ImageDescription: "Aperio Image Library ...\r\n<header>|Key = Value|Key = Value...".
// Returns false when desc is not an Aperio description.
bool parseAperioDescription(const std::string& desc, std::string& header,
                            std::map<std::string, std::string>& props);

}  // namespace tessera
