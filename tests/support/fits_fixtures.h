// FITS test fixtures written with cfitsio: images of any BITPIX with optional BSCALE/BZERO,
// BLANK, EXTNAME, cube planes and tile compression (RICE, GZIP, HCOMPRESS), several HDUs per
// file. Header-only so only the tests that use it link cfitsio (LIBS PkgConfig::CFITSIO).
#pragma once

#include <fitsio.h>

#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tessera::test {

struct FitsHduSpec {
    int bitpix = SHORT_IMG;   // BYTE_IMG, SHORT_IMG, USHORT_IMG (BZERO 32768), FLOAT_IMG...
    std::vector<long> naxes;  // {width, height} or {width, height, planes}; empty = no data
    // Physical value of FITS pixel (i, j, plane), 0-based, j counted from the first stored row
    // (the bottom row in display orientation). NaN = a null pixel (BLANK, or NaN for floats).
    std::function<double(long i, long j, long plane)> value;
    std::optional<double> bscale, bzero;  // written and applied on write
    std::optional<long long> blank;       // BLANK (integer images)
    std::string extname;
    int compression = 0;  // 0, RICE_1, GZIP_1, HCOMPRESS_1
    std::vector<std::pair<std::string, std::string>> stringKeys;
    std::vector<std::pair<std::string, double>> numberKeys;
};

inline void fitsCheck(int status, const char* what) {
    if (status == 0) return;
    char text[FLEN_STATUS] = {0};
    fits_get_errstatus(status, text);
    throw std::runtime_error(std::string(what) + ": " + text);
}

// Writes the HDUs (the first one is the primary array; compressed images need an empty
// primary first, which is added automatically). Returns path.
inline std::string writeFits(const std::string& path, const std::vector<FitsHduSpec>& hdus) {
    fitsfile* f = nullptr;
    int status = 0;
    const std::string name = "!" + path;  // "!" overwrites
    fits_create_file(&f, name.c_str(), &status);
    fitsCheck(status, "create");
    bool first = true;
    for (const FitsHduSpec& h : hdus) {
        if (first && h.compression != 0) {
            fits_create_img(f, BYTE_IMG, 0, nullptr, &status);
            fitsCheck(status, "empty primary");
        }
        first = false;
        fits_set_compression_type(f, h.compression, &status);
        if (h.compression == HCOMPRESS_1) fits_set_hcomp_scale(f, 0.0f, &status);
        fitsCheck(status, "compression");
        std::vector<long> ax = h.naxes;
        fits_create_img(f, h.bitpix, int(ax.size()), ax.empty() ? nullptr : ax.data(), &status);
        fitsCheck(status, "create image");
        if (!h.extname.empty())
            fits_write_key(f, TSTRING, "EXTNAME", const_cast<char*>(h.extname.c_str()), nullptr,
                           &status);
        for (const auto& [k, v] : h.stringKeys)
            fits_write_key(f, TSTRING, k.c_str(), const_cast<char*>(v.c_str()), nullptr, &status);
        for (const auto& [k, v] : h.numberKeys) {
            double x = v;
            fits_write_key(f, TDOUBLE, k.c_str(), &x, nullptr, &status);
        }
        if (h.bscale || h.bzero) {
            double s = h.bscale.value_or(1.0), z = h.bzero.value_or(0.0);
            fits_write_key(f, TDOUBLE, "BSCALE", &s, nullptr, &status);
            fits_write_key(f, TDOUBLE, "BZERO", &z, nullptr, &status);
            fits_set_bscale(f, s, z, &status);
        }
        if (h.blank) {
            long long b = *h.blank;
            fits_write_key(f, TLONGLONG, "BLANK", &b, nullptr, &status);
            fits_set_imgnull(f, b, &status);
        }
        fitsCheck(status, "keywords");
        if (ax.size() < 2) continue;
        const long planes = ax.size() > 2 ? ax[2] : 1;
        const auto count = static_cast<std::size_t>(ax[0] * ax[1] * planes);
        std::vector<double> data(count);
        std::size_t k = 0;
        for (long p = 0; p < planes; ++p)
            for (long j = 0; j < ax[1]; ++j)
                for (long i = 0; i < ax[0]; ++i) data[k++] = h.value ? h.value(i, j, p) : 0.0;
        // NaN values become nulls: BLANK in integer images, NaN in float ones.
        double sentinel = -9.87654321e300;
        bool nulls = false;
        for (double& v : data)
            if (std::isnan(v)) {
                v = sentinel;
                nulls = true;
            }
        if (h.compression != 0 && h.bitpix > 0 && !nulls) {
            // cfitsio compresses integer images only from their own sample type.
            auto write = [&](auto tag, int type) {
                using T = decltype(tag);
                std::vector<T> v(data.size());
                for (std::size_t i = 0; i < data.size(); ++i) v[i] = T(std::lround(data[i]));
                fits_write_img(f, type, 1, LONGLONG(v.size()), v.data(), &status);
            };
            if (h.bitpix == BYTE_IMG)
                write((unsigned char)0, TBYTE);
            else if (h.bitpix == SHORT_IMG)
                write(short(0), TSHORT);
            else if (h.bitpix == USHORT_IMG)
                write((unsigned short)0, TUSHORT);
            else
                write(int(0), TINT);
        } else if (nulls)
            fits_write_imgnull(f, TDOUBLE, 1, LONGLONG(data.size()), data.data(), &sentinel,
                               &status);
        else
            fits_write_img(f, TDOUBLE, 1, LONGLONG(data.size()), data.data(), &status);
        fitsCheck(status, "write pixels");
    }
    fits_close_file(f, &status);
    fitsCheck(status, "close");
    return path;
}

}  // namespace tessera::test
