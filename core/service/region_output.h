// Writing a resolved region in any output format of the formats registry and, optionally, warped
// into an output CRS of the configured list (ServiceConfig). Used by Engine::region when a request
// names a registry format or an output CRS. Safe from any thread.
#pragma once

#include <string>

#include "encode/encoder.h"
#include "formats/format_registry.h"
#include "service/area.h"
#include "service/image_view.h"
#include "service/requests.h"

namespace tessera {

struct RegionOutput {
    Bytes bytes;
    std::string mimeType;  // the format's, or "application/zip" for multi-file formats
};

// The registry entry a request writes: r.format looked up with requireWritable, else the entry
// of r.encoding's driver (GTiff, PNG, JPEG, WEBP).
OutputFormat regionFormat(const RegionRequest& r);

// True for picture formats (PNG, JPEG, WebP, GIF, BMP...: an image/* MIME type other than TIFF
// and JPEG 2000), which are always written styled; data formats write raw data when the request
// gives no style.
bool isPictureFormat(const OutputFormat& f);

RegionOutput writeRegion(ImageView& view, const ResolvedArea& area, const RegionRequest& r);

}  // namespace tessera
