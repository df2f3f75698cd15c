// FitsWcs: the celestial world coordinate system of a FITS image, through WCSLIB: pixel ↔
// celestial longitude/latitude (RA/Dec, galactic, ecliptic) for every projection WCSLIB knows
// (TAN, SIN, AZP, ZEA, ARC, CAR, AIT, ..., with SIP/TPV distortions), from header cards or from
// the keywords FitsSource publishes in SourceInfo::extra["wcs"].
//
// Thread safety: const members may be called from any thread at once (WCSLIB calls on one
// object are serialised by a mutex; header parsing by a global one). Copies share the state.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "source/source_info.h"

namespace tessera {

class FitsWcs {
  public:
    struct World {
        double lng = 0;  // degrees: RA, GLON, ELON, ...
        double lat = 0;  // degrees: Dec, GLAT, ELAT, ...
    };
    struct Pixel {
        double x = 0;
        double y = 0;
    };

    // From header cards (80 characters each, concatenated). nullopt when the header holds no
    // celestial WCS (no longitude/latitude axis pair) or WCSLIB rejects it.
    static std::optional<FitsWcs> fromHeader(const std::string& cards);
    // From {KEY: value} keywords (strings, numbers, booleans), e.g. extra["wcs"]["keywords"].
    static std::optional<FitsWcs> fromKeywords(const nlohmann::json& keywords);
    // From a source's info: extra["wcs"]["keywords"] when present.
    static std::optional<FitsWcs> fromSourceInfo(const SourceInfo& info);

    // FITS pixel coordinates (1-based: (1, 1) is the centre of the first stored pixel, FITS row
    // 1 at the bottom) → world coordinates; nullopt where the projection is undefined.
    std::optional<World> pixelToWorld(double p1, double p2) const;
    std::optional<Pixel> worldToPixel(double lng, double lat) const;

    // Display pixel coordinates as FitsSource shows the image (x right, y down, (0, 0) the
    // top-left corner, so FITS row NAXIS2 is on top) → world coordinates, and back.
    std::optional<World> displayToWorld(double x, double y) const;
    std::optional<Pixel> worldToDisplay(double lng, double lat) const;

    // Axis names ("RA", "Dec", "GLON", "GLAT", ...), the reference system ("ICRS", "FK5",
    // "FK4", "galactic", "ecliptic", ...) and the projection code ("TAN").
    const std::string& lngName() const;
    const std::string& latName() const;
    const std::string& system() const;
    const std::string& projection() const;
    bool equatorial() const;
    int imageHeight() const;  // NAXIS2 (0 when the header does not say)

    // "hh:mm:ss.ss" for a right ascension in degrees; "±dd:mm:ss.s" for a declination.
    static std::string formatHours(double degrees, int decimals = 2);
    static std::string formatDegrees(double degrees, int decimals = 1);

  private:
    struct Impl;
    explicit FitsWcs(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<Impl> impl_;
};

// Header cards for keywords (the inverse of fitsHeaderKeywords for WCS use): "KEY     = value".
std::string fitsCardsFromKeywords(const nlohmann::json& keywords);

}  // namespace tessera
