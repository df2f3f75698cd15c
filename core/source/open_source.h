// Opening a source by path or URL: maps http(s):// and s3:// URLs to GDAL virtual file systems,
// applies the remote-read GDAL settings, and picks the reader (GDAL, TIFF, FITS).
#pragma once

#include <string>

#include "source/source.h"

namespace tessera {

// The GDAL path for a user URI: "s3://b/k" -> "/vsis3/b/k", "http(s)://..." -> "/vsicurl/...",
// "/vsi..." and local paths unchanged.
std::string toGdalPath(const std::string& uri);

// True for URIs that read over the network (http, https, ftp, s3, gs, az, /vsicurl, /vsis3,
// ...). The one place that decides; the viewer, server and library all ask it.
bool isRemoteUri(const std::string& uri);

// True for a plain file-system path (or file:// URL): what can be checked for existence before
// opening. False for remote URIs, /vsi paths, other schemes and GDAL connection strings.
bool isFileSystemPath(const std::string& uri);

// Opens uri with the reader named in options (or the best one). Throws Error(NotFound) when
// the file does not exist, Error(Unsupported) when no reader can open it, Error(Unsafe) when a
// local file failed its crash-isolated probe (probe/probe.h; only when a probe is configured).
SourcePtr openSource(const std::string& uri, const OpenOptions& options = {});

// Names of the readers this build has, for the `sources` endpoint and `source=` checks.
std::vector<std::string> availableSourceNames();

}  // namespace tessera
