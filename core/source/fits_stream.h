// Sequential reading of a FITS file for the structure checks: the plain file, or the inflated
// stream of a gzip-compressed one (through GDAL's /vsigzip/), which must not inflate beyond a
// limit (cfitsio would inflate all of it into memory).
//
// Thread safety: one FitsStream belongs to one thread.
#pragma once

#include <cpl_vsi.h>

#include <cstdint>
#include <optional>
#include <string>

namespace tessera {

// Bytes as whole MiB, rounded up, for messages.
std::string fitsMiB(std::uint64_t bytes);

class FitsStream {
  public:
    // Opens path (gzip is recognised by its magic bytes). Throws Error(NotFound) when it cannot
    // be opened, Error(IO) for an unreadable gzip stream. uri names the file in messages.
    FitsStream(const std::string& path, const std::string& uri, std::uint64_t maxInflated);
    ~FitsStream();
    FitsStream(const FitsStream&) = delete;
    FitsStream& operator=(const FitsStream&) = delete;

    bool gzip() const noexcept { return gzip_; }
    std::uint64_t position() const noexcept { return pos_; }
    // The file size for plain files; for gzip, known once the end was reached.
    std::optional<std::uint64_t> size() const;

    // Reads up to n bytes; fewer at the end.
    std::size_t read(void* buf, std::size_t n);
    // Skips n bytes; returns how many there were.
    std::uint64_t skip(std::uint64_t n);
    // Throws Error(Unsupported) when reading n more bytes would inflate a gzip stream beyond the
    // limit.
    void guard(std::uint64_t n) const;

  private:
    std::string uri_;
    std::uint64_t maxInflated_;
    VSILFILE* fp_ = nullptr;
    std::uint64_t size_ = 0;
    std::uint64_t pos_ = 0;
    bool gzip_ = false;
    bool atEnd_ = false;
};

}  // namespace tessera
