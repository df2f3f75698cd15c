#include "service/metadata_json.h"

#include <cmath>

#include "geo/footprint.h"
#include "source/gdal_metadata.h"

namespace tessera {

namespace {

nlohmann::json optionalNumber(const std::optional<double>& v) {
    return v && std::isfinite(*v) ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json metadataJson(const ImageView& view) {
    const SourceInfo& info = view.info();
    const TileGrid& g = view.grid();
    nlohmann::json m;
    m["levels"] = g.levels();
    m["sizeX"] = g.sizeX();
    m["sizeY"] = g.sizeY();
    m["tileWidth"] = g.tileWidth();
    m["tileHeight"] = g.tileHeight();
    m["magnification"] = optionalNumber(info.magnification);
    m["mm_x"] = optionalNumber(info.mmX);
    m["mm_y"] = optionalNumber(info.mmY);
    m["dtype"] = numpyName(info.dtype);
    m["bandCount"] = info.bandCount;
    m["geospatial"] = info.geospatial;
    m["sourceLevels"] = view.sourceGrid().levels();
    m["sourceSizeX"] = info.sizeX;
    m["sourceSizeY"] = info.sizeY;
    m["projection"] =
        view.projected() ? nlohmann::json(view.projectionSrs()) : nlohmann::json(nullptr);
    m["bounds"] = nullptr;
    m["sourceBounds"] = nullptr;
    if (info.geospatial) {
        if (auto native = footprint(info)) {
            m["sourceBounds"] = footprintJson(*native);
            m["bounds"] = m["sourceBounds"];
        }
        if (view.projected()) {
            if (auto fp = footprint(info, view.projectionSrs())) m["bounds"] = footprintJson(*fp);
        }
    }
    m["bands"] = bandsJson(view);
    if (!info.frames.is_null()) m["frames"] = info.frames;
    for (const auto& [k, v] : info.extra.items()) m[k] = v;
    return m;
}

nlohmann::json infoMetadataJson(const ImageView& view) {
    nlohmann::json m = metadataJson(view);
    if (view.info().geospatial) {
        if (auto fp = footprint(view.info(), "EPSG:4326")) {
            clampBoxLatitude(*fp);
            fp->srs = "epsg:4326";
            m["bounds"] = footprintJson(*fp);
        }
    }
    if (!m.contains("frames")) m["frames"] = false;
    return m;
}

nlohmann::json bandsJson(const ImageView& view) {
    const SourceInfo& info = view.info();
    nlohmann::json out = nlohmann::json::object();
    for (int b = 1; b <= info.bandCount; ++b) {
        BandStats stats = view.source().statistics(b, 0, true);
        out[std::to_string(b)] = bandInfoJson(info.bands[std::size_t(b - 1)], stats);
    }
    return out;
}

nlohmann::json framesJson(const ImageView& view) {
    const SourceInfo& info = view.info();
    nlohmann::json frames = nlohmann::json::array();
    if (info.frames.is_array() && !info.frames.empty()) {
        // Group the metadata frames by Frame index; one entry per frame with its channels.
        std::map<int, nlohmann::json> byFrame;
        for (const auto& f : info.frames) {
            const int fid = f.value("Frame", 0);
            nlohmann::json& entry = byFrame[fid];
            if (entry.is_null())
                entry = {{"frame", "Frame " + std::to_string(fid)},
                         {"bands", nlohmann::json::array()}};
            entry["bands"].push_back({{"index", f.value("Index", fid)},
                                      {"frame", fid},
                                      {"name", f.value("Name", std::string())}});
        }
        for (auto& [fid, entry] : byFrame) frames.push_back(entry);
    } else {
        nlohmann::json bands = nlohmann::json::array();
        for (int b = 1; b <= info.bandCount; ++b)
            bands.push_back({{"index", b},
                             {"frame", nullptr},
                             {"name", info.bands[std::size_t(b - 1)].interpretation}});
        frames.push_back({{"frame", "Frame null"}, {"bands", bands}});
    }
    return {{"frames", frames}};
}

}  // namespace tessera
