// Fuzz target: formats.conf and crs.conf text (the input, split at its first NUL byte into the
// formats part and the CRS part; without one both parsers read all of it) through
// FormatRegistry::parse/merge/find/nativeFor, ServiceConfig::parseCrsList/requireCrs, and
// ServiceConfig::load of a config folder holding both files. Checks: only tessera::Error refuses
// input and load() never throws; after merging over the defaults every format is found by its
// MIME type and driver (writable ones also by requireWritable); the CRS list is sorted and unique,
// and every listed code is accepted back as "EPSG:n".
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "formats/service_config.h"
#include "fuzz_support.h"

using namespace tessera;

namespace {

const FormatRegistry& defaults() {
    static const FormatRegistry reg =
        FormatRegistry::parse(ServiceConfig::defaultFormatsText(), "formats.conf");
    return reg;
}

void writeFile(const std::filesystem::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), std::streamsize(text.size()));
}

void checkFormats(std::string_view text) {
    FormatRegistry user;
    std::vector<ConfigProblem> problems;
    if (!fuzz::refusedOrDone(
            [&] { user = FormatRegistry::parse(text, "formats.conf", &problems); }))
        return;
    FormatRegistry merged = defaults();
    merged.merge(user);
    for (const OutputFormat& o : merged.formats()) {
        fuzz::expect(merged.find(o.mimeType) == &o, "a merged format is not found by MIME type");
        fuzz::expect(merged.find(o.driver) == &o, "a merged format is not found by driver");
        if (o.writable)
            fuzz::expect(&merged.requireWritable(o.mimeType) == &o,
                         "a writable format is refused by requireWritable");
    }
    for (const char* driver : {"GTiff", "FITS", "JPEG", "*", ""})
        fuzz::refusedOrDone([&] {
            const OutputFormat& o = merged.nativeFor(driver);
            fuzz::expect(o.writable, "nativeFor chose a read-only format");
        });
    (void)merged.describeWritable();
}

void checkCrs(std::string_view text) {
    ServiceConfig cfg;
    if (!fuzz::refusedOrDone(
            [&] { cfg.epsgCodes = ServiceConfig::parseCrsList(text, "crs.conf"); }))
        return;
    fuzz::expect(
        std::is_sorted(cfg.epsgCodes.begin(), cfg.epsgCodes.end()) &&
            std::adjacent_find(cfg.epsgCodes.begin(), cfg.epsgCodes.end()) == cfg.epsgCodes.end(),
        "parseCrsList returned an unsorted or repeated code");
    for (std::size_t i = 0; i < cfg.epsgCodes.size(); i += 1 + cfg.epsgCodes.size() / 8) {
        const int code = cfg.epsgCodes[i];
        fuzz::expect(cfg.supportsCrs(code), "a listed code is not supported");
        int back = 0;
        fuzz::expect(
            fuzz::refusedOrDone([&] { back = cfg.requireCrs("EPSG:" + std::to_string(code)); }) &&
                back == code,
            "a listed code is refused by requireCrs");
    }
    // Each line of the text as a request's CRS parameter.
    std::size_t pos = 0;
    for (int n = 0; pos < text.size() && n < 16; ++n) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        fuzz::refusedOrDone([&] { (void)cfg.requireCrs(text.substr(pos, end - pos)); });
        pos = end + 1;
    }
    (void)cfg.describeCrsList();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::init();
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = all.find('\0');
    const std::string_view formats = all.substr(0, nul);
    const std::string_view crs = nul == std::string_view::npos ? all : all.substr(nul + 1);
    checkFormats(formats);
    checkCrs(crs);

    static const fuzz::ScratchDir dir;
    writeFile(dir.path / "formats.conf", formats);
    writeFile(dir.path / "crs.conf", crs);
    std::shared_ptr<const ServiceConfig> cfg;
    try {
        cfg = ServiceConfig::load(dir.path.string());
    } catch (...) {
        fuzz::expect(false, "ServiceConfig::load threw for a bad user file");
    }
    fuzz::expect(!cfg->epsgCodes.empty(), "the loaded configuration lists no CRS");
    return 0;
}
