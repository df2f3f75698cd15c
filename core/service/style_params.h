// The simple style query parameters of django-large-image (band, min, max, palette/cmap,
// nodata, scheme) turned into style JSON, with its "nully" values ignored. Shared by the
// HTTP API and the CLI so both accept the same parameters.
#pragma once

#include <optional>
#include <string>

namespace tessera {

struct SimpleStyleParams {
    std::optional<std::string> style;  // full style JSON; wins when present
    std::optional<std::string> band;
    std::optional<std::string> min;
    std::optional<std::string> max;
    std::optional<std::string> palette;  // alias cmap
    std::optional<std::string> nodata;
    std::optional<std::string> scheme;
};

// True for None, '', 'undefined', 'none', 'null', 'false' (case-insensitive).
bool isNully(const std::string& value);

// The style JSON to use ("" = default style). Throws Error(BadRequest) for a malformed style
// ("`style` query parameter is malformed and likely not properly URL encoded: ...") or a
// non-integer band.
std::string styleJsonFromParams(const SimpleStyleParams& params);

}  // namespace tessera
