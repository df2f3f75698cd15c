// SourceIdentity: what makes an image "the same file" for caching — its canonical path with size
// and modification time, or its URL with what the server reports (size, Last-Modified, ETag).
// Part of every tile cache key and checked by the source cache, so a file changed on disk is
// reopened and re-read instead of being served stale.
#pragma once

#include <optional>
#include <string>

namespace tessera {

struct SourceIdentity {
    std::string text;     // "file:/abs/path|size|mtimeNs" or "uri:URL[|size|mtime|etag]"
    bool remote = false;  // a URL or /vsi path: identities that expire rather than being stat'ed
    bool operator==(const SourceIdentity&) const = default;
};

// Local files: stat() of the canonical path; nullopt when it is not an existing regular file.
// Remote URIs: "uri:" + uri, plus size, modification time and ETag when statRemote is set (a
// HEAD request, or GDAL's cached answer to one). Never throws.
std::optional<SourceIdentity> identifySource(const std::string& uri, bool statRemote = false);

// Forgets what GDAL cached about a remote file (its size, headers and data blocks), so the next
// identifySource(uri, true) asks the server again.
void forgetRemoteState(const std::string& uri);

}  // namespace tessera
