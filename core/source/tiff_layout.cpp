#include "source/tiff_layout.h"

#include <tiffio.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

constexpr std::uint32_t kMaxAssociatedSide = 8192;  // large_image's limit
constexpr int kMaxIfds = 4096;                      // IFDs read from one file (chain + SubIFDs)

std::string firstWord(const std::string& s) {
    const std::string t = trimmed(s);
    std::size_t e = 0;
    while (e < t.size() && !std::isspace(static_cast<unsigned char>(t[e]))) ++e;
    return t.substr(0, e);
}

// Strings as JSON-safe text: invalid UTF-8 bytes are replaced.
nlohmann::json text(const char* s) {
    const std::string dumped = nlohmann::json(std::string(s))
                                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return nlohmann::json::parse(dumped);
}

void readTags(TIFF* tif, TiffIfd& d) {
    nlohmann::json& t = d.tags;
    t = nlohmann::json::object();
    struct U16 {
        ttag_t tag;
        const char* name;
    };
    for (const U16& f :
         {U16{TIFFTAG_BITSPERSAMPLE, "BitsPerSample"}, U16{TIFFTAG_COMPRESSION, "Compression"},
          U16{TIFFTAG_PHOTOMETRIC, "Photometric"}, U16{TIFFTAG_ORIENTATION, "Orientation"},
          U16{TIFFTAG_SAMPLESPERPIXEL, "SamplesPerPixel"},
          U16{TIFFTAG_PLANARCONFIG, "PlanarConfig"}, U16{TIFFTAG_RESOLUTIONUNIT, "ResolutionUnit"},
          U16{TIFFTAG_SAMPLEFORMAT, "SampleFormat"}, U16{TIFFTAG_PREDICTOR, "Predictor"}}) {
        std::uint16_t v = 0;
        if (TIFFGetField(tif, f.tag, &v)) t[f.name] = v;
    }
    for (const U16& f :
         {U16{TIFFTAG_IMAGEWIDTH, "ImageWidth"}, U16{TIFFTAG_IMAGELENGTH, "ImageLength"},
          U16{TIFFTAG_TILEWIDTH, "TileWidth"}, U16{TIFFTAG_TILELENGTH, "TileLength"},
          U16{TIFFTAG_ROWSPERSTRIP, "RowsPerStrip"}, U16{TIFFTAG_SUBFILETYPE, "NewSubfileType"}}) {
        std::uint32_t v = 0;
        if (TIFFGetField(tif, f.tag, &v)) t[f.name] = v;
    }
    for (const U16& f :
         {U16{TIFFTAG_XRESOLUTION, "XResolution"}, U16{TIFFTAG_YRESOLUTION, "YResolution"}}) {
        float v = 0;
        if (TIFFGetField(tif, f.tag, &v)) t[f.name] = double(v);
    }
    for (const U16& f :
         {U16{TIFFTAG_IMAGEDESCRIPTION, "ImageDescription"}, U16{TIFFTAG_MAKE, "Make"},
          U16{TIFFTAG_MODEL, "Model"}, U16{TIFFTAG_SOFTWARE, "Software"},
          U16{TIFFTAG_DATETIME, "DateTime"}, U16{TIFFTAG_ARTIST, "Artist"},
          U16{TIFFTAG_HOSTCOMPUTER, "HostComputer"}, U16{TIFFTAG_COPYRIGHT, "Copyright"},
          U16{TIFFTAG_DOCUMENTNAME, "DocumentName"}, U16{TIFFTAG_PAGENAME, "PageName"}}) {
        char* v = nullptr;
        if (TIFFGetField(tif, f.tag, &v) && v) t[f.name] = text(v);
    }
    std::uint16_t sh = 0, sv = 0;
    if (TIFFGetFieldDefaulted(tif, TIFFTAG_YCBCRSUBSAMPLING, &sh, &sv) &&
        d.photometric == PHOTOMETRIC_YCBCR)
        t["YCbCrSubsampling"] = {sh, sv};
    std::uint32_t n = 0;
    void* tables = nullptr;
    if (TIFFGetField(tif, TIFFTAG_JPEGTABLES, &n, &tables) && n > 0) {
        d.hasJpegTables = true;
        t["JPEGTables"] = std::to_string(n) + " bytes";
    }
    // Custom (anonymous) tags present in this IFD, by number.
    const int count = TIFFGetTagListCount(tif);
    for (int i = 0; i < count; ++i) {
        const std::uint32_t tag = TIFFGetTagListEntry(tif, i);
        const TIFFField* fld = TIFFFieldWithTag(tif, tag);
        const char* name = fld ? TIFFFieldName(fld) : nullptr;
        std::string key = name && *name ? name : ("Tag" + std::to_string(tag));
        if (!t.contains(key)) t[key] = true;
    }
}

TiffIfd readIfd(TIFF* tif) {
    TiffIfd d;
    d.offset = TIFFCurrentDirOffset(tif);
    TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &d.width);
    TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &d.height);
    d.tiled = TIFFIsTiled(tif) != 0;
    if (d.tiled) {
        TIFFGetField(tif, TIFFTAG_TILEWIDTH, &d.tileWidth);
        TIFFGetField(tif, TIFFTAG_TILELENGTH, &d.tileHeight);
    } else {
        TIFFGetFieldDefaulted(tif, TIFFTAG_ROWSPERSTRIP, &d.rowsPerStrip);
        d.rowsPerStrip = std::clamp<std::uint32_t>(d.rowsPerStrip, 1, std::max(d.height, 1u));
        d.tileWidth = d.width;
        d.tileHeight = d.rowsPerStrip;
    }
    TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &d.compression);
    if (!TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &d.photometric)) d.photometric = 1;
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &d.samplesPerPixel);
    TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &d.bitsPerSample);
    TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &d.sampleFormat);
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &d.planarConfig);
    TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &d.orientation);
    if (d.orientation < 1 || d.orientation > 8) d.orientation = 1;
    std::uint16_t nExtra = 0;
    std::uint16_t* extra = nullptr;
    if (TIFFGetField(tif, TIFFTAG_EXTRASAMPLES, &nExtra, &extra) && nExtra > 0 && extra)
        d.extraAlpha = extra[nExtra - 1] == EXTRASAMPLE_ASSOCALPHA ||
                       extra[nExtra - 1] == EXTRASAMPLE_UNASSALPHA;
    TIFFGetField(tif, TIFFTAG_SUBFILETYPE, &d.subfileType);
    char* desc = nullptr;
    if (TIFFGetField(tif, TIFFTAG_IMAGEDESCRIPTION, &desc) && desc) d.description = desc;
    readTags(tif, d);
    return d;
}

}  // namespace

bool tiffHasGeoTags(TIFF* tif) {
    const int count = TIFFGetTagListCount(tif);
    for (int i = 0; i < count; ++i) {
        const std::uint32_t tag = TIFFGetTagListEntry(tif, i);
        // ModelPixelScale, ModelTiepoint, ModelTransformation, GeoKeyDirectory
        if (tag == 33550 || tag == 33922 || tag == 34264 || tag == 34735) return true;
    }
    return false;
}

namespace {

// The associated-image name large_image derives from an IFD ("" = not an associated image).
std::string associatedName(const TiffIfd& d, bool aperio) {
    std::string id;
    if (!d.description.empty()) {
        id = asciiLower(firstWord(d.description));
        const std::size_t nl = d.description.find('\n');
        if (nl != std::string::npos) {
            const std::string second = asciiLower(firstWord(d.description.substr(nl + 1)));
            if (!second.empty()) id = second;
        }
    }
    static const std::set<std::string> known{"label", "macro", "thumbnail", "overview"};
    if (!known.count(id)) {
        id.clear();
        if (aperio && d.chainIndex == 1 && !d.tiled)
            id = "thumbnail";
        else if (!d.tiled && d.subfileType == 1)
            id = "label";
        else if (!d.tiled && d.subfileType == 9)
            id = "macro";
    }
    if (d.width > kMaxAssociatedSide || d.height > kMaxAssociatedSide) return {};
    return id;
}

bool plausibleLevel(const TiffIfd& top, const TiffIfd& d, int& factor) {
    if (d.width == 0 || d.height == 0 || d.width > top.width || d.height > top.height) return false;
    const double rx = double(top.width) / d.width;
    const int k = int(std::lround(std::log2(rx)));
    if (k < 0 || k > 30) return false;
    const double f = std::ldexp(1.0, k);
    // Level sizes are the top size halved k times (floor or ceil at each step).
    auto near = [&](std::uint32_t full, std::uint32_t got) {
        const double expect = full / f;
        return std::abs(expect - got) <= 1.0 + 1e-9;
    };
    if (!near(top.width, d.width) || !near(top.height, d.height)) return false;
    factor = 1 << k;
    return true;
}

}  // namespace

bool parseAperioDescription(const std::string& desc, std::string& header,
                            std::map<std::string, std::string>& props) {
    if (desc.rfind("Aperio", 0) != 0) return false;
    std::size_t start = 0;
    bool first = true;
    while (start <= desc.size()) {
        std::size_t bar = desc.find('|', start);
        if (bar == std::string::npos) bar = desc.size();
        const std::string part = desc.substr(start, bar - start);
        if (first) {
            header = trimmed(part);
            first = false;
        } else {
            const std::size_t eq = part.find('=');
            if (eq != std::string::npos) {
                const std::string key = trimmed(part.substr(0, eq));
                if (!key.empty()) props[key] = trimmed(part.substr(eq + 1));
            }
        }
        start = bar + 1;
    }
    return true;
}

TiffLayout discoverTiffLayout(TIFF* tif) {
    TiffLayout layout;
    std::set<std::uint64_t> seen;
    if (!TIFFSetDirectory(tif, 0))
        fail(ErrorKind::Unsupported, trc("TiffSource", "The TIFF file has no image."));
    layout.georeferenced = tiffHasGeoTags(tif);
    // The chain and the SubIFDs together are bounded (libtiff stops chain loops; a SubIFD list
    // may name any offsets, so they are deduplicated and capped too). SubIFDs of SubIFDs are not
    // followed.
    std::vector<std::pair<int, std::uint64_t>> subOffsets;
    for (int index = 0; index < kMaxIfds; ++index) {
        TiffIfd d = readIfd(tif);
        d.chainIndex = index;
        if (!seen.insert(d.offset).second) break;
        std::uint16_t nSub = 0;
        std::uint64_t* subs = nullptr;
        if (TIFFGetField(tif, TIFFTAG_SUBIFD, &nSub, &subs) && subs)
            for (int i = 0; i < nSub && subOffsets.size() < std::size_t(kMaxIfds); ++i)
                subOffsets.emplace_back(index, subs[i]);
        layout.ifds.push_back(std::move(d));
        if (!TIFFReadDirectory(tif)) break;
    }
    for (const auto& [parent, off] : subOffsets) {
        if (layout.ifds.size() >= std::size_t(kMaxIfds)) break;
        if (off == 0 || seen.count(off) || !TIFFSetSubDirectory(tif, off)) continue;
        seen.insert(off);
        TiffIfd d = readIfd(tif);
        d.parent = parent;
        layout.ifds.push_back(std::move(d));
    }
    if (layout.ifds.empty())
        fail(ErrorKind::Unsupported, trc("TiffSource", "The TIFF file has no image."));
    const TiffIfd& first = layout.ifds.front();
    layout.aperio =
        parseAperioDescription(first.description, layout.aperioHeader, layout.aperioProperties);

    // Candidates for levels: tiled, not masks. Without any tiled IFD, the first IFD alone.
    std::vector<int> candidates;
    for (int i = 0; i < int(layout.ifds.size()); ++i) {
        const TiffIfd& d = layout.ifds[std::size_t(i)];
        if (d.tiled && !(d.subfileType & FILETYPE_MASK) && d.width > 0 && d.height > 0)
            candidates.push_back(i);
    }
    if (candidates.empty()) candidates.push_back(0);
    int top = candidates.front();
    for (int i : candidates) {
        const TiffIfd& d = layout.ifds[std::size_t(i)];
        const TiffIfd& t = layout.ifds[std::size_t(top)];
        if (double(d.width) * d.height > double(t.width) * t.height) top = i;
    }
    const TiffIfd& t = layout.ifds[std::size_t(top)];
    std::map<int, int> byFactor;  // factor → ifd
    byFactor[1] = top;
    std::set<int> used{top};
    for (int i : candidates) {
        if (i == top) continue;
        const TiffIfd& d = layout.ifds[std::size_t(i)];
        int factor = 0;
        if (d.tileWidth != t.tileWidth || d.tileHeight != t.tileHeight) continue;
        if (d.samplesPerPixel != t.samplesPerPixel || d.bitsPerSample != t.bitsPerSample ||
            d.sampleFormat != t.sampleFormat)
            continue;
        if (!plausibleLevel(t, d, factor) || factor == 1) continue;
        if (byFactor.emplace(factor, i).second) used.insert(i);
    }
    for (const auto& [factor, ifd] : byFactor) layout.levels.push_back({ifd, factor});

    std::set<std::string> names;
    for (int i = 0; i < int(layout.ifds.size()); ++i) {
        if (used.count(i)) continue;
        const TiffIfd& d = layout.ifds[std::size_t(i)];
        if (d.subfileType & FILETYPE_MASK) continue;
        std::string name = associatedName(d, layout.aperio);
        if (name.empty() || !names.insert(name).second) continue;
        layout.associated.push_back({name, i});
    }
    return layout;
}

}  // namespace tessera
