// The simple style query parameters of django-large-image (band, min, max, palette/cmap,
// nodata, scheme) turned into style JSON, with its "nully" values ignored. Shared by the
// HTTP API and the CLI so both accept the same parameters. A full `style` is checked for size
// and nesting on its raw bytes, then passed on exactly as written (never parsed and re-dumped).
#pragma once

#include <optional>
#include <string>

#include "style/style.h"

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

// The style JSON to use ("" = default style): `style` as given, or JSON built from band & co.
// Throws Error(BadRequest) for a style over the limits (checked before any parse), a malformed
// style ("`style` query parameter is malformed and likely not properly URL encoded: ...") or a
// non-integer band.
std::string styleJsonFromParams(const SimpleStyleParams& params, const StyleLimits& limits = {});

}  // namespace tessera
