// Process set-up shared by the fuzz targets (see fuzz_support.h).
#include "fuzz_support.h"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <tiffio.h>
#include <unistd.h>
#include <QtGlobal>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "source/gdal_env.h"

namespace tessera::fuzz {

namespace {

void quietQt(QtMsgType, const QMessageLogContext&, const QString&) {}

}  // namespace

void init() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Reads only: never write .aux.xml statistics next to a /vsimem/ file (they would pile
        // up in memory across inputs).
        setenv("GDAL_PAM_ENABLED", "NO", 0);
        // Look for no sidecar files (.ovr, .msk, .aux) on every open.
        setenv("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR", 0);
        setenv("CPL_DEBUG", "OFF", 1);
        ensureGdal();
        TIFFSetWarningHandler(nullptr);
        TIFFSetErrorHandler(nullptr);
        qInstallMessageHandler(quietQt);
    });
}

std::string scratchPath(std::string_view ext, bool memory) {
    static std::atomic<unsigned long> counter{0};
    const std::string name = "fuzz-" + std::to_string(getpid()) + "-" +
                             std::to_string(counter.fetch_add(1)) + "." + std::string(ext);
    if (memory) return "/vsimem/fuzz/" + name;
    static const std::string dir = [] {
        if (const char* t = std::getenv("TMPDIR"); t && *t) return std::string(t);
        std::error_code ec;
        if (std::filesystem::is_directory("/dev/shm", ec)) return std::string("/dev/shm");
        return std::string("/tmp");
    }();
    return dir + "/" + name;
}

InputFile::InputFile(const std::uint8_t* data, std::size_t size, std::string_view ext,
                     bool inMemory)
    : path(scratchPath(ext, inMemory)), memory(inMemory) {
    if (memory) {
        // GDAL reads the caller's buffer in place: not copied, not taken over, never written.
        VSILFILE* fp =
            VSIFileFromMemBuffer(path.c_str(), const_cast<GByte*>(data), vsi_l_offset(size), FALSE);
        expect(fp != nullptr, "could not make a /vsimem/ file");
        VSIFCloseL(fp);
    } else {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
        expect(bool(out), "could not write a scratch file");
    }
}

InputFile::~InputFile() {
    if (memory) {
        VSIUnlink(path.c_str());
    } else {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
}

bool looksLikeTiff(const std::uint8_t* data, std::size_t size) {
    if (size < 8) return false;
    static const unsigned char kMagic[4][4] = {
        {'I', 'I', 42, 0}, {'M', 'M', 0, 42}, {'I', 'I', 43, 0}, {'M', 'M', 0, 43}};
    for (const auto& m : kMagic)
        if (std::memcmp(data, m, 4) == 0) return true;
    return false;
}

ScratchDir::ScratchDir() : path(scratchPath("dir", false)) {
    std::filesystem::create_directories(path);
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

}  // namespace tessera::fuzz
