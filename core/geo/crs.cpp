#include "geo/crs.h"

#include <cpl_conv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "source/gdal_env.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

constexpr std::size_t kCacheLimit = 64;

// PROJ reduces longitudes in steps of a turn on some inverse projections: a Web Mercator x of
// 1e17 takes 3 s and 1e18 minutes, with no way to cancel (fuzz_gdal_tiff: a GeoTIFF origin of
// 1e154; also ?left=1e20&units=EPSG:3857). No real CRS coordinate comes near this bound.
constexpr double kMaxCoordinate = 1e12;

using SrsPtr = std::shared_ptr<OGRSpatialReference>;

// Parses (and caches per thread) a CRS string. Returns null when it is not a CRS.
SrsPtr parseSrs(const std::string& crs) {
    thread_local std::unordered_map<std::string, SrsPtr> cache;
    if (auto it = cache.find(crs); it != cache.end()) return it->second;
    ensureGdal();
    std::string input = trimmed(crs);
    if (startsWithNoCase(input, "proj4:")) input = trimmed(input.substr(6));
    SrsPtr srs;
    if (!input.empty()) {
        auto candidate = std::make_shared<OGRSpatialReference>();
        const char* options[] = {"ALLOW_NETWORK_ACCESS=NO", "ALLOW_FILE_ACCESS=NO", nullptr};
        clearGdalError();
        if (candidate->SetFromUserInput(input.c_str(), options) == OGRERR_NONE &&
            !candidate->IsEmpty()) {
            candidate->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            srs = std::move(candidate);
        }
    }
    if (cache.size() >= kCacheLimit) cache.clear();
    cache.emplace(crs, srs);
    return srs;
}

SrsPtr requireSrs(const std::string& crs) {
    SrsPtr srs = parseSrs(crs);
    if (!srs) {
        std::string detail = gdalLastError();
        if (detail.empty()) detail = trc("Crs", "unknown projection");
        fail(ErrorKind::BadRequest,
             trf("Crs", "\"%1\" is not a coordinate reference system Tessera knows (%2).", crs,
                 detail));
    }
    return srs;
}

// Per-thread cache of coordinate transformations between two CRS strings.
OGRCoordinateTransformation* transformation(const std::string& from, const std::string& to) {
    thread_local std::unordered_map<std::string, std::unique_ptr<OGRCoordinateTransformation>>
        cache;
    std::string key = from;
    key.push_back('\x1f');
    key += to;
    if (auto it = cache.find(key); it != cache.end()) return it->second.get();
    SrsPtr a = requireSrs(from);
    SrsPtr b = requireSrs(to);
    clearGdalError();
    std::unique_ptr<OGRCoordinateTransformation> ct(
        OGRCreateCoordinateTransformation(a.get(), b.get()));
    if (!ct)
        fail(ErrorKind::Unsupported, trf("Crs", "Cannot transform coordinates from %1 to %2: %3",
                                         from, to, gdalLastError()));
    if (cache.size() >= kCacheLimit) cache.clear();
    OGRCoordinateTransformation* raw = ct.get();
    cache.emplace(std::move(key), std::move(ct));
    return raw;
}

}  // namespace

std::string crsToWkt(const std::string& crs) {
    SrsPtr srs = requireSrs(crs);
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", "MULTILINE=NO", nullptr};
    if (srs->exportToWkt(&wkt, options) != OGRERR_NONE || !wkt) {
        CPLFree(wkt);
        fail(ErrorKind::BadRequest, trf("Crs", "\"%1\" cannot be written as WKT.", crs));
    }
    std::string out(wkt);
    CPLFree(wkt);
    return out;
}

bool isValidCrs(const std::string& crs) {
    return parseSrs(crs) != nullptr;
}

bool isGeographic(const std::string& crs) {
    SrsPtr srs = parseSrs(crs);
    return srs && srs->IsGeographic();
}

std::optional<int> epsgCode(const std::string& crs) {
    thread_local std::unordered_map<std::string, std::optional<int>> memo;
    if (auto it = memo.find(crs); it != memo.end()) return it->second;
    std::optional<int> result;
    if (SrsPtr srs = parseSrs(crs)) {
        auto codeOf = [](const OGRSpatialReference& s) -> std::optional<int> {
            const char* name = s.GetAuthorityName(nullptr);
            const char* code = s.GetAuthorityCode(nullptr);
            if (name && code && std::string(name) == "EPSG") return std::atoi(code);
            return std::nullopt;
        };
        result = codeOf(*srs);
        if (!result) {
            OGRSpatialReference copy(*srs);
            if (copy.AutoIdentifyEPSG() == OGRERR_NONE) result = codeOf(copy);
        }
        if (!result) {
            int count = 0;
            int* confidence = nullptr;
            OGRSpatialReferenceH* matches = srs->FindMatches(nullptr, &count, &confidence);
            if (matches && count > 0 && confidence[0] >= 90) {
                result = codeOf(*OGRSpatialReference::FromHandle(matches[0]));
            }
            OSRFreeSRSArray(matches);
            CPLFree(confidence);
        }
    }
    if (memo.size() >= kCacheLimit) memo.clear();
    memo.emplace(crs, result);
    return result;
}

std::string proj4String(const std::string& crs) {
    SrsPtr srs = parseSrs(crs);
    if (!srs) return {};
    char* p = nullptr;
    std::string out;
    if (srs->exportToProj4(&p) == OGRERR_NONE && p) out = trimmed(p);
    CPLFree(p);
    return out;
}

std::string epsgString(const std::string& crs) {
    if (auto code = epsgCode(crs)) return "epsg:" + std::to_string(*code);
    return proj4String(crs);
}

std::string projectionName(const std::string& crs) {
    std::string s = trimmed(crs);
    if (startsWithNoCase(s, "proj4:")) s = trimmed(s.substr(6));
    if (startsWithNoCase(s, "epsg:")) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    return s;
}

bool transformPoints(const std::string& fromCrs, const std::string& toCrs, std::vector<Point2>& pts,
                     std::vector<bool>* ok) {
    if (ok) ok->assign(pts.size(), false);
    if (pts.empty()) return true;
    OGRCoordinateTransformation* ct = transformation(fromCrs, toCrs);
    std::vector<double> xs(pts.size()), ys(pts.size());
    std::vector<int> success(pts.size(), 0);
    // Only points within kMaxCoordinate go to PROJ; the others fail (in place, order kept).
    std::vector<std::size_t> sane;
    for (std::size_t i = 0; i < pts.size(); ++i)
        if (std::abs(pts[i].x) <= kMaxCoordinate && std::abs(pts[i].y) <= kMaxCoordinate) {
            xs[sane.size()] = pts[i].x;
            ys[sane.size()] = pts[i].y;
            sane.push_back(i);
        }
    if (!sane.empty()) ct->Transform(sane.size(), xs.data(), ys.data(), nullptr, success.data());
    for (std::size_t k = sane.size(); k-- > 0;) {  // back to the points' own slots
        const std::size_t i = sane[k];
        xs[i] = xs[k];
        ys[i] = ys[k];
        success[i] = success[k];
        if (i != k) success[k] = 0;
    }
    bool all = true;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const bool good = success[i] && std::isfinite(xs[i]) && std::isfinite(ys[i]);
        if (good) pts[i] = {xs[i], ys[i]};
        if (ok) (*ok)[i] = good;
        all = all && good;
    }
    return all;
}

Point2 transformPoint(const std::string& fromCrs, const std::string& toCrs, Point2 p) {
    std::vector<Point2> v{p};
    if (!transformPoints(fromCrs, toCrs, v))
        fail(ErrorKind::Unsupported,
             trf("Crs", "The point (%1, %2) cannot be transformed from %3 to %4.",
                 std::to_string(p.x), std::to_string(p.y), fromCrs, toCrs));
    return v[0];
}

double metresPerUnit(const std::string& crs) {
    SrsPtr srs = requireSrs(crs);
    if (srs->IsGeographic()) {
        OGRErr err = OGRERR_NONE;
        const double a = srs->GetSemiMajor(&err);
        const double radiansPerUnit = srs->GetAngularUnits(nullptr);
        return (err == OGRERR_NONE ? a : 6378137.0) * radiansPerUnit;
    }
    const double m = srs->GetLinearUnits(nullptr);
    return m > 0 ? m : 1.0;
}

void requireProjectedCrs(const std::string& crs) {
    SrsPtr srs = requireSrs(crs);
    if (srs->IsGeographic())
        fail(ErrorKind::BadRequest,
             trc("Crs",
                 "Projection must not be geographic (it needs to use linear units, not "
                 "longitude/latitude)."));
}

double unitsAcrossLevel0(const std::string& crs) {
    requireProjectedCrs(crs);
    std::vector<Point2> equator{{-180.0, 0.0}, {180.0, 0.0}};
    std::vector<bool> ok;
    double units = 0;
    try {
        transformPoints("EPSG:4326", crs, equator, &ok);
        if (ok[0] && ok[1]) units = std::abs(equator[1].x - equator[0].x);
    } catch (const Error&) {
        units = 0;
    }
    // Projections where ±180° meet (polar stereographic) give a near-zero width.
    if (!(units > 1e-6) || !std::isfinite(units))
        fail(ErrorKind::BadRequest,
             trc("Crs", "unitsPerPixel must be specified for this projection"));
    return units;
}

double geodesicDistance(double lon1, double lat1, double lon2, double lat2) {
    constexpr double a = 6378137.0;
    constexpr double f = 1 / 298.257223563;
    constexpr double b = a * (1 - f);
    constexpr double deg = M_PI / 180.0;
    const double L = (lon2 - lon1) * deg;
    const double U1 = std::atan((1 - f) * std::tan(lat1 * deg));
    const double U2 = std::atan((1 - f) * std::tan(lat2 * deg));
    const double sinU1 = std::sin(U1), cosU1 = std::cos(U1);
    const double sinU2 = std::sin(U2), cosU2 = std::cos(U2);
    double lambda = L;
    double sinSigma = 0, cosSigma = 0, sigma = 0, cosSqAlpha = 0, cos2SigmaM = 0;
    for (int iter = 0; iter < 200; ++iter) {
        const double sinLambda = std::sin(lambda), cosLambda = std::cos(lambda);
        sinSigma = std::sqrt(std::pow(cosU2 * sinLambda, 2) +
                             std::pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
        if (sinSigma == 0) return 0;  // coincident points
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
        sigma = std::atan2(sinSigma, cosSigma);
        const double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
        cosSqAlpha = 1 - sinAlpha * sinAlpha;
        cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0;
        const double C = f / 16 * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
        const double prev = lambda;
        lambda =
            L + (1 - C) * f * sinAlpha *
                    (sigma + C * sinSigma *
                                 (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        if (std::abs(lambda - prev) < 1e-12) {
            const double uSq = cosSqAlpha * (a * a - b * b) / (b * b);
            const double A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
            const double B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
            const double deltaSigma =
                B * sinSigma *
                (cos2SigmaM + B / 4 *
                                  (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                                   B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) *
                                       (-3 + 4 * cos2SigmaM * cos2SigmaM)));
            return b * A * (sigma - deltaSigma);
        }
    }
    // No convergence (nearly antipodal): great-circle distance on the mean radius.
    const double p1 = lat1 * deg, p2 = lat2 * deg;
    const double h = std::pow(std::sin((p2 - p1) / 2), 2) +
                     std::cos(p1) * std::cos(p2) * std::pow(std::sin(L / 2), 2);
    return 2 * 6371008.8 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace tessera
