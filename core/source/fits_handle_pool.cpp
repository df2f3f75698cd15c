#include "source/fits_handle_pool.h"

#include <fitsio.h>

#include "util/c_locale.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

std::string fitsErrorText(int status) {
    char text[FLEN_STATUS] = {0};
    fits_get_errstatus(status, text);
    std::string out = text;
    char msg[FLEN_ERRMSG] = {0};
    std::string detail;
    while (fits_read_errmsg(msg)) {
        if (!detail.empty()) detail += "; ";
        detail += msg;
    }
    if (!detail.empty()) out += " (" + detail + ")";
    return out;
}

void FitsFileCloser::operator()(fitsfile* f) const noexcept {
    if (!f) return;
    int status = 0;
    fits_close_file(f, &status);
}

FitsFilePtr openFitsFile(const std::string& path) {
    fitsfile* f = nullptr;
    int status = 0;
    const CNumericScope cNumbers;  // cfitsio parses the primary header's numbers with strtod
    fits_open_diskfile(&f, path.c_str(), READONLY, &status);
    if (status != 0 || !f) {
        const std::string reason = fitsErrorText(status);
        if (f) {
            int ignored = 0;
            fits_close_file(f, &ignored);
        }
        fail(ErrorKind::Unsupported,
             trf("FitsSource", "%1 is not a FITS file Tessera can read: %2", path, reason));
    }
    return FitsFilePtr(f);
}

FitsHandlePool::FitsHandlePool(std::string path, FitsFilePtr first, std::size_t maxIdle,
                               std::size_t maxOpen)
    : HandlePool([path = std::move(path)] { return openFitsFile(path); }, std::move(first), maxIdle,
                 maxOpen) {}

}  // namespace tessera
