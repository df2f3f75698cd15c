// Writing a resolved region in any output format of the formats registry and, optionally, warped
// into an output CRS of the configured list (ServiceConfig), and what such an answer costs in
// memory, checked against the request's budget before anything is read. Used by Engine::region
// (and the tile, thumbnail and OGC answers for their budget). Safe from any thread.
#pragma once

#include <cstddef>
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

// The peak bytes of an answer of `pixels` output pixels, estimated before anything is read: the
// rasters read from the source at output size (the bands the style needs — every band, plus the
// warp alpha when projected, for raw data — × bytes per sample), the picture the style renders
// (channels × bytes of its dtype; none for raw data) and the encoded answer counted uncompressed
// (its worst case). Sources stream their window block by block into those rasters, so the window
// itself is not held. May resolve the style (which the render does anyway).
std::size_t answerBytes(ImageView& view, const StyleSpec& style, bool raw, bool projected,
                        double pixels);

// An upper bound of answerBytes that needs no style (every band or 256 style entries, whichever
// is more, and a picture of 4 float64 channels): when it fits the budget, the style need not be
// resolved to know the answer fits (tiles, small regions).
std::size_t answerBytesBound(const SourceInfo& info, bool projected, double pixels);

// checkBudget(answerBytes(...), what) for an area; no-op (nothing resolved) without a budget or
// when answerBytesBound fits it.
void checkAnswerBudget(ImageView& view, const StyleSpec& style, bool raw, const ReadArea& area,
                       const std::string& what);

// The budget check of a region (before anything is read): its answer at the output size, plus
// the warped copy when it is reprojected. Throws Error(TooLarge) "A region of W × H pixels would
// take ..."; no-op without a budget (CLI, jobs).
void checkRegionBudget(ImageView& view, const ResolvedArea& area, const RegionRequest& r);

}  // namespace tessera
