#include "cache/source_identity.h"

#include <sys/stat.h>

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <filesystem>

#include "source/open_source.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

bool isVsiPath(const std::string& path) {
    return path.rfind("/vsi", 0) == 0;
}

std::string remoteStat(const std::string& path) {
    std::string text;
    VSIStatBufL st{};
    if (VSIStatExL(path.c_str(), &st, VSI_STAT_EXISTS_FLAG | VSI_STAT_SIZE_FLAG) == 0)
        text += "|" + std::to_string((long long)st.st_size) + "|" +
                std::to_string((long long)st.st_mtime);
    if (char** headers = VSIGetFileMetadata(path.c_str(), "HEADERS", nullptr)) {
        if (const char* etag = CSLFetchNameValue(headers, "ETag")) text += "|" + std::string(etag);
        CSLDestroy(headers);
    }
    return text;
}

}  // namespace

std::optional<SourceIdentity> identifySource(const std::string& uri, bool statRemote) {
    if (uri.empty()) return std::nullopt;
    try {
        const std::string path = toGdalPath(uri);
        if (isRemoteUri(uri) || isVsiPath(path))
            return SourceIdentity{"uri:" + uri + (statRemote ? remoteStat(path) : ""), true};
        std::error_code ec;
        const fs::path canonical = fs::canonical(fs::path(path), ec);
        if (ec) return std::nullopt;
        struct stat st {};
        if (::stat(canonical.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
        const long long mtimeNs = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        return SourceIdentity{"file:" + canonical.string() + "|" +
                                  std::to_string((long long)st.st_size) + "|" +
                                  std::to_string(mtimeNs),
                              false};
    } catch (...) {
        return std::nullopt;
    }
}

void forgetRemoteState(const std::string& uri) {
    const std::string path = toGdalPath(uri);
    if (isVsiPath(path)) VSICurlPartialClearCache(path.c_str());
}

}  // namespace tessera
