// JPEG passthrough for JPEG-compressed TIFF tiles, as large_image's tiff_reader builds it: the
// raw tile's abbreviated JPEG stream is made a complete JPEG by splicing in the IFD's shared
// JPEGTables (SOI + tables without their SOI/EOI + the frame from its SOF + EOI), and for
// photometric-RGB tiles whose component ids are 0,1,2 the ids become 'R','G','B' so decoders
// do not apply a YCbCr conversion.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace tessera {

// tables: the JPEGTables tag (may be empty); frame: the bytes TIFFReadRawTile returned.
// Returns nullopt when frame is not a JPEG stream (no SOI/EOI or no start-of-frame marker).
std::optional<std::vector<std::uint8_t>> spliceJpegTile(const std::vector<std::uint8_t>& tables,
                                                        std::vector<std::uint8_t> frame,
                                                        bool photometricRgb);

}  // namespace tessera
