#include "support/fixtures.h"

#include "encode/gdal_vsimem.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QDir>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>

namespace tessera::test {

namespace {

GDALColorInterp interpFromName(const std::string& n) {
    if (n == "red") return GCI_RedBand;
    if (n == "green") return GCI_GreenBand;
    if (n == "blue") return GCI_BlueBand;
    if (n == "alpha") return GCI_AlphaBand;
    if (n == "gray") return GCI_GrayIndex;
    if (n == "palette") return GCI_PaletteIndex;
    return GCI_Undefined;
}

}  // namespace

double defaultPattern(int x, int y, int band, DataType type) {
    const int v = (x + 2 * y + 40 * band) % 256;
    switch (type) {
        case DataType::UInt16:
        case DataType::Int16:
        case DataType::UInt32:
        case DataType::Int32:
            return v * 100.0;
        case DataType::Float32:
        case DataType::Float64:
            return v / 10.0;
        default:
            return v;
    }
}

std::string writeFixture(const std::string& path, const FixtureSpec& spec) {
    GDALAllRegister();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    std::unique_ptr<GDALDataset> ds(
        mem->Create("", spec.width, spec.height, spec.bands, encode_detail::gdalType(spec.type), nullptr));
    if (!ds) throw std::runtime_error("MEM create failed");
    if (spec.epsg != 0) {
        OGRSpatialReference srs;
        srs.importFromEPSG(spec.epsg);
        char* wkt = nullptr;
        srs.exportToWkt(&wkt);
        ds->SetProjection(wkt);
        CPLFree(wkt);
        std::array<double, 6> gt = spec.geoTransform;
        ds->SetGeoTransform(gt.data());
    }
    std::vector<double> row(spec.width);
    for (int b = 0; b < spec.bands; ++b) {
        GDALRasterBand* band = ds->GetRasterBand(b + 1);
        if (b < int(spec.interpretations.size()))
            band->SetColorInterpretation(interpFromName(spec.interpretations[b]));
        if (spec.nodata) band->SetNoDataValue(*spec.nodata);
        if (!spec.colorTable.empty() && b == 0) {
            GDALColorTable ct;
            for (std::size_t i = 0; i < spec.colorTable.size(); ++i) {
                GDALColorEntry e{spec.colorTable[i][0], spec.colorTable[i][1],
                                 spec.colorTable[i][2], spec.colorTable[i][3]};
                ct.SetColorEntry(int(i), &e);
            }
            band->SetColorTable(&ct);
            band->SetColorInterpretation(GCI_PaletteIndex);
        }
        for (int y = 0; y < spec.height; ++y) {
            for (int x = 0; x < spec.width; ++x)
                row[x] = spec.value ? spec.value(x, y, b) : defaultPattern(x, y, b, spec.type);
            if (band->RasterIO(GF_Write, 0, y, spec.width, 1, row.data(), spec.width, 1,
                               GDT_Float64, 0, 0, nullptr) != CE_None)
                throw std::runtime_error("RasterIO write failed");
        }
    }
    CPLStringList opts;
    if (spec.format == "COG") {
        opts.SetNameValue("COMPRESS", spec.compression.c_str());
        opts.SetNameValue("BLOCKSIZE", std::to_string(spec.blockSize).c_str());
        opts.SetNameValue("OVERVIEWS", spec.overviews ? "AUTO" : "NONE");
        if (spec.compression == "JPEG") opts.SetNameValue("QUALITY", "90");
    } else {
        if (spec.compression != "NONE") opts.SetNameValue("COMPRESS", spec.compression.c_str());
        if (spec.tiled) {
            opts.SetNameValue("TILED", "YES");
            opts.SetNameValue("BLOCKXSIZE", std::to_string(spec.blockSize).c_str());
            opts.SetNameValue("BLOCKYSIZE", std::to_string(spec.blockSize).c_str());
        }
    }
    GDALDriver* out = GetGDALDriverManager()->GetDriverByName(spec.format.c_str());
    if (!out) throw std::runtime_error("driver missing: " + spec.format);
    std::unique_ptr<GDALDataset> written(
        out->CreateCopy(path.c_str(), ds.get(), FALSE, opts.List(), nullptr, nullptr));
    if (!written) throw std::runtime_error("CreateCopy failed: " + path);
    if (spec.format == "GTiff" && spec.overviews) {
        int levels[] = {2, 4, 8};
        written->BuildOverviews("NEAREST", 3, levels, 0, nullptr, nullptr, nullptr);
    }
    return path;
}

std::string tempDir() {
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/tessera-test-XXXXXX"));
    return dir.path().toStdString();
}

std::string sharedDataDir() {
    if (const char* env = std::getenv("TESSERA_SHARED_DATA"); env && *env) {
        if (std::filesystem::is_directory(env)) return env;
    }
    std::filesystem::path p(TESSERA_SHARED_DATA);
    if (std::filesystem::is_directory(p)) return std::filesystem::canonical(p).string();
    return {};
}

std::vector<std::string> sharedDataFiles(const std::string& sub,
                                         const std::vector<std::string>& exts) {
    std::vector<std::string> out;
    const std::string root = sharedDataDir();
    if (root.empty()) return out;
    std::filesystem::path dir = std::filesystem::path(root) / sub;
    if (!std::filesystem::is_directory(dir)) return out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        std::string ext = e.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
        if (std::find(exts.begin(), exts.end(), ext) != exts.end())
            out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace tessera::test
