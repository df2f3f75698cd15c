// cfitsio file handles for one FITS file: a fitsfile* must not be used by two threads at once
// (cfitsio is built reentrant, but a handle keeps a current HDU and buffers), so each read
// borrows one from a HandlePool for its duration and gives it back.
//
// Thread safety: as HandlePool's.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <fitsio.h>

#include "util/handle_pool.h"

namespace tessera {

// Text for a cfitsio status code plus the messages cfitsio queued for this thread (cleared).
std::string fitsErrorText(int status);

struct FitsFileCloser {
    void operator()(fitsfile* f) const noexcept;
};
using FitsFilePtr = std::unique_ptr<fitsfile, FitsFileCloser>;

// Opens path read-only with fits_open_diskfile (no extended-filename syntax, so brackets in
// names are literal). Throws Error(Unsupported) with cfitsio's reason when it cannot.
FitsFilePtr openFitsFile(const std::string& path);

// cfitsio handles of one file (util/handle_pool.h). maxOpen > 0 bounds the handles open at once:
// cfitsio inflates a whole .fits.gz into memory for every handle.
class FitsHandlePool : public HandlePool<FitsFilePtr> {
  public:
    FitsHandlePool(std::string path, FitsFilePtr first, std::size_t maxIdle = 8,
                   std::size_t maxOpen = 0);
};

}  // namespace tessera
