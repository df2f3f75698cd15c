#include "encode/gdal_writer.h"

#include <cpl_string.h>
#include <cpl_vsi.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cctype>

#include "encode/gdal_mem_dataset.h"
#include "source/gdal_env.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

using namespace encode_detail;

// Creation options Tessera sets per driver (only ones the driver lists).
char** creationOptions(GDALDriverH drv, const std::string& driver, const RasterOutput& data,
                       const EncodeOptions& o) {
    const char* list = GDALGetMetadataItem(drv, GDAL_DMD_CREATIONOPTIONLIST, nullptr);
    const std::string known = list ? list : "";
    char** co = nullptr;
    auto set = [&](const char* key, const std::string& value) {
        if (known.find(std::string("name='") + key + "'") != std::string::npos)
            co = CSLSetNameValue(co, key, value.c_str());
    };
    const std::string d = asciiUpper(driver);
    if (d == "COG") {
        std::string c = asciiUpper(o.tiffCompression.empty() ? "DEFLATE" : o.tiffCompression);
        set("COMPRESS", c);
        set("BIGTIFF", "IF_SAFER");
        if (c == "JPEG") set("QUALITY", std::to_string(o.jpegQuality));
    } else if (d == "JPEG") {
        set("QUALITY", std::to_string(o.jpegQuality));
    } else if (d == "WEBP") {
        set("QUALITY", std::to_string(o.webpQuality));
        if (o.webpLossless) set("LOSSLESS", "TRUE");
    } else if (d == "GTIFF") {
        set("TILED", "YES");
        set("COMPRESS", asciiUpper(o.tiffCompression.empty() ? "DEFLATE" : o.tiffCompression));
        set("BIGTIFF", "IF_SAFER");
        if (data.alpha) set("ALPHA", "UNASSOCIATED");
    } else if (d == "JP2OPENJPEG") {
        set("REVERSIBLE", "YES");  // lossless: region exports are data
        set("QUALITY", "100");
    } else if (d == "NETCDF") {
        // Classic 64-bit-offset netCDF: readable everywhere, and no HDF5 layer (whose
        // diagnostics netCDF-C prints to stderr on every open of a netCDF-4 file).
        set("FORMAT", "NC2");
    } else if (d == "GPKG") {
        // Byte data as PNG tiles (lossless; GDAL's AUTO would pick JPEG for opaque tiles);
        // other types as a gridded coverage, whose TIFF tiles keep float samples exactly.
        if (data.raster.type() == DataType::UInt8) set("TILE_FORMAT", "PNG");
    } else if (d == "HFA") {
        set("COMPRESSED", "YES");
    }
    return co;
}

Bytes readVsi(const std::string& path) {
    vsi_l_offset length = 0;
    GByte* data = VSIGetMemFileBuffer(path.c_str(), &length, FALSE);
    if (data) return Bytes(data, data + length);
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) fail(ErrorKind::IO, trf("Encoder", "Cannot read %1.", path));
    Bytes out;
    std::uint8_t buf[65536];
    std::size_t n = 0;
    while ((n = VSIFReadL(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
    VSIFCloseL(f);
    return out;
}

// The files GDAL wrote in dir (recursively, e.g. Zarr-like layouts), relative names.
void listFiles(const std::string& dir, const std::string& prefix, std::vector<std::string>& out) {
    char** names = VSIReadDir(dir.c_str());
    for (int i = 0; names && names[i]; ++i) {
        const std::string name = names[i];
        if (name == "." || name == "..") continue;
        VSIStatBufL st;
        const std::string full = dir + "/" + name;
        if (VSIStatL(full.c_str(), &st) == 0 && VSI_ISDIR(st.st_mode))
            listFiles(full, prefix + name + "/", out);
        else
            out.push_back(prefix + name);
    }
    CSLDestroy(names);
    std::sort(out.begin(), out.end());
}

Bytes zipFiles(const std::string& dir, const std::vector<std::string>& files) {
    VsimemFile zip(uniqueVsimemName(".zip"));
    for (const std::string& f : files) {
        const Bytes content = readVsi(dir + "/" + f);
        const std::string member = "/vsizip/" + zip.path() + "/" + f;
        VSILFILE* out = VSIFOpenL(member.c_str(), "wb");
        if (!out) fail(ErrorKind::Internal, trc("Encoder", "Cannot create the ZIP archive."));
        const bool ok = VSIFWriteL(content.data(), 1, content.size(), out) == content.size();
        VSIFCloseL(out);
        if (!ok) fail(ErrorKind::Internal, trc("Encoder", "Cannot write the ZIP archive."));
    }
    return readVsi(zip.path());
}

void removeTree(const std::string& dir) {
    VSIRmdirRecursive(dir.c_str());
}

}  // namespace

GdalWritten encodeWithGdal(const RasterOutput& data, const std::string& driver,
                           const std::string& extension, const EncodeOptions& options) {
    tessera::ensureGdal();
    GDALDriverH drv = GDALGetDriverByName(driver.c_str());
    if (!drv)
        fail(ErrorKind::BadRequest, trf("Encoder", "GDAL driver \"%1\" is not available.", driver));
    GdalDatasetPtr mem = wrapAsMemDataset(data);
    // No .aux.xml sidecars: what the format cannot hold is not smuggled next to it.
    GdalThreadConfig noPam(
        std::vector<std::pair<std::string, std::string>>{{"GDAL_PAM_ENABLED", "NO"}});
    GdalErrorScope errors;
    char** co = creationOptions(drv, driver, data, options);

    const std::string fileName = "region." + (extension.empty() ? std::string("dat") : extension);
    auto writeInto = [&](const std::string& dir) -> bool {
        const std::string path = dir + "/" + fileName;
        GdalDatasetPtr out(
            GDALCreateCopy(drv, path.c_str(), mem.get(), FALSE, co, nullptr, nullptr));
        return bool(out);  // closing flushes the files
    };
    auto collect = [&](const std::string& dir) {
        std::vector<std::string> files;
        listFiles(dir, "", files);
        GdalWritten w;
        if (files.size() == 1 && files[0] == fileName) {
            w.bytes = readVsi(dir + "/" + fileName);
        } else if (!files.empty()) {
            w.bytes = zipFiles(dir, files);
            w.zipped = true;
        }
        return w;
    };

    // Messages name the file as "region.ext", not the private directory it was written in.
    auto lastError = [&](const std::string& dir) {
        std::string m = errors.lastError();
        for (std::size_t p; (p = m.find(dir + "/")) != std::string::npos;)
            m.erase(p, dir.size() + 1);
        return m;
    };
    GdalWritten result;
    std::string failure;
    // netCDF-C writes real files only (GDAL's virtual-file support is for reading).
    const bool virtualIo = GDALGetMetadataItem(drv, GDAL_DCAP_VIRTUALIO, nullptr) != nullptr &&
                           asciiUpper(driver) != "NETCDF";
    if (virtualIo) {
        const std::string vdir = uniqueVsimemName("");
        VSIMkdir(vdir.c_str(), 0755);
        if (writeInto(vdir)) result = collect(vdir);
        failure = lastError(vdir);
        removeTree(vdir);
    } else {
        // A private temporary directory, removed with its files.
        QTemporaryDir tmp;
        if (!tmp.isValid())
            fail(ErrorKind::IO, trc("Encoder", "Cannot create a temporary directory."));
        const std::string dir = tmp.path().toStdString();
        if (writeInto(dir)) result = collect(dir);
        failure = lastError(dir);
    }
    CSLDestroy(co);
    if (result.bytes.empty())
        fail(ErrorKind::Unsupported,
             trf("Encoder", "The %1 driver cannot write this region: %2", driver,
                 failure.empty() ? trc("Encoder", "no output was produced.") : failure));
    return result;
}

std::vector<std::pair<std::string, Bytes>> unzipMembers(const Bytes& zip) {
    tessera::ensureGdal();
    VsimemFile file(uniqueVsimemName(".zip"));
    VSILFILE* f = VSIFileFromMemBuffer(file.c_str(), const_cast<GByte*>(zip.data()),
                                       vsi_l_offset(zip.size()), FALSE);
    if (!f) fail(ErrorKind::Internal, trc("Encoder", "Cannot open the ZIP archive."));
    VSIFCloseL(f);
    const std::string root = "/vsizip/" + file.path();
    std::vector<std::string> names;
    listFiles(root, "", names);
    if (names.empty()) fail(ErrorKind::BadRequest, trc("Encoder", "Not a ZIP archive."));
    std::vector<std::pair<std::string, Bytes>> out;
    for (const std::string& n : names) out.emplace_back(n, readVsi(root + "/" + n));
    return out;
}

}  // namespace tessera
