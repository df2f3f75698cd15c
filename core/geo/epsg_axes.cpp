#include "geo/epsg_axes.h"

#include <ogr_spatialref.h>

#include <map>
#include <mutex>

namespace tessera {

namespace {

struct EpsgFacts {
    bool swapped = false;
    bool geographic = false;
};

EpsgFacts epsgFacts(int epsg) {
    static std::mutex mutex;
    static std::map<int, EpsgFacts> cache;
    std::lock_guard lock(mutex);
    if (auto it = cache.find(epsg); it != cache.end()) return it->second;
    EpsgFacts f;
    OGRSpatialReference srs;
    if (srs.importFromEPSG(epsg) == OGRERR_NONE) {
        f.swapped = srs.EPSGTreatsAsLatLong() || srs.EPSGTreatsAsNorthingEasting();
        f.geographic = srs.IsGeographic();
    }
    cache.emplace(epsg, f);
    return f;
}

}  // namespace

bool epsgAxisSwapped(int epsg) {
    return epsgFacts(epsg).swapped;
}

bool epsgGeographic(int epsg) {
    return epsgFacts(epsg).geographic;
}

}  // namespace tessera
