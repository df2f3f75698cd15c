#include "source/fits_stream.h"

#include <cpl_vsi.h>

#include <algorithm>
#include <vector>

#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

std::string fitsMiB(std::uint64_t bytes) {
    return std::to_string((bytes + (1u << 20) - 1) >> 20);
}

FitsStream::FitsStream(const std::string& path, const std::string& uri, std::uint64_t maxInflated)
    : uri_(uri), maxInflated_(maxInflated) {
    VSILFILE* probe = VSIFOpenL(path.c_str(), "rb");
    if (!probe) fail(ErrorKind::NotFound, trf("FitsSource", "Cannot open %1.", uri));
    unsigned char magic[2] = {0, 0};
    const std::size_t got = VSIFReadL(magic, 1, 2, probe);
    VSIFSeekL(probe, 0, SEEK_END);
    size_ = VSIFTellL(probe);
    gzip_ = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (!gzip_) {
        VSIFSeekL(probe, 0, SEEK_SET);
        fp_ = probe;
        return;
    }
    VSIFCloseL(probe);
    fp_ = VSIFOpenL(("/vsigzip/" + path).c_str(), "rb");
    if (!fp_) fail(ErrorKind::IO, trf("FitsSource", "%1 is not a readable gzip file.", uri));
}

FitsStream::~FitsStream() {
    if (fp_) VSIFCloseL(fp_);
}

std::optional<std::uint64_t> FitsStream::size() const {
    if (!gzip_) return size_;
    if (atEnd_) return pos_;
    return std::nullopt;
}

std::size_t FitsStream::read(void* buf, std::size_t n) {
    guard(n);
    const std::size_t got = VSIFReadL(buf, 1, n, fp_);
    pos_ += got;
    if (got < n) atEnd_ = true;
    return got;
}

std::uint64_t FitsStream::skip(std::uint64_t n) {
    if (!gzip_) {
        const std::uint64_t can = std::min<std::uint64_t>(n, size_ - std::min(size_, pos_));
        pos_ += can;
        VSIFSeekL(fp_, pos_, SEEK_SET);
        if (can < n) atEnd_ = true;
        return can;
    }
    std::vector<unsigned char> buf(std::size_t(1) << 20);
    std::uint64_t done = 0;
    while (done < n) {
        checkCancelled();
        const std::size_t want = std::size_t(std::min<std::uint64_t>(buf.size(), n - done));
        const std::size_t got = read(buf.data(), want);
        done += got;
        if (got < want) break;
    }
    return done;
}

void FitsStream::guard(std::uint64_t n) const {
    if (gzip_ && pos_ + n > maxInflated_)
        fail(ErrorKind::Unsupported,
             trf("FitsSource",
                 "%1 inflates to more than %2 MiB; Tessera reads compressed FITS files up to "
                 "that size (decompress it first).",
                 uri_, fitsMiB(maxInflated_)));
}

}  // namespace tessera
