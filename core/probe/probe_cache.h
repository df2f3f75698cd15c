// Where probe verdicts are remembered, so a good file costs the probe once: keyed by the probe
// executable's identity (a rebuilt or upgraded Tessera checks again), the file's canonical path,
// size and modification time, and the forced reader. Three places, asked in this order:
//   - this process's memory (every verdict, including wall-clock time-outs);
//   - registered verdict sources: the image library's database for the files it records
//     (LibraryStore registers itself while it is open);
//   - a small cache file, $XDG_CACHE_HOME/tessera/probe-verdicts (TESSERA_PROBE_CACHE=FILE moves
//     it, =off keeps verdicts in memory only): one JSON line per verdict, appended under a lock
//     file and compacted atomically (rename) to its newest entries when it grows past twice its
//     bound. Several processes may share it; a verdict lost to a race is simply probed again.
// Thread safety: every function may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "probe/probe_verdict.h"

namespace tessera {

struct ProbeFileIdentity {
    std::string path;       // absolute and lexically normal, as given (what the library records)
    std::string canonical;  // with symlinks resolved
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
    std::string sourceName;  // forced reader, "" = auto-detect
    std::string stamp;       // the probe executable's identity (size and mtime)

    std::string key() const;
};

// Identity of a local file (stat; for local GDAL /vsi paths such as /vsizip/, VSIStatL), or
// nullopt when it cannot be stat'ed.
std::optional<ProbeFileIdentity> probeIdentityOf(const std::string& gdalPath,
                                                 const std::string& sourceName,
                                                 const std::string& stamp);

// A store that keeps verdicts for some files (the library database for its images).
class ProbeVerdictSource {
  public:
    virtual ~ProbeVerdictSource() = default;
    virtual std::optional<ProbeVerdict> lookupProbeVerdict(const ProbeFileIdentity& id) = 0;
    // True when this source kept the verdict (the cache file then does not).
    virtual bool storeProbeVerdict(const ProbeFileIdentity& id, const ProbeVerdict& v) = 0;
};
void registerProbeVerdictSource(ProbeVerdictSource* source);
void unregisterProbeVerdictSource(ProbeVerdictSource* source);

// The text a verdict source stores for a file ({"stamp":..., "verdict":{...}}), and back
// (nullopt when it is not one or was made by another probe executable).
std::string probeVerdictRecord(const ProbeFileIdentity& id, const ProbeVerdict& v);
std::optional<ProbeVerdict> parseProbeVerdictRecord(const std::string& text,
                                                    const std::string& stamp);

// Looks a verdict up in memory, the sources, then the cache file.
std::optional<ProbeVerdict> lookupProbeVerdict(const ProbeFileIdentity& id);
// Remembers a verdict: in memory always; persistent ones (ProbeVerdict::persistent()) also in
// a source that keeps it or else the cache file, unless memoryOnly.
void storeProbeVerdict(const ProbeFileIdentity& id, const ProbeVerdict& v, bool memoryOnly = false);
// Forgets what this process remembers (not the file nor the sources); for tests.
void forgetProbeVerdicts();

// The cache file in use ("" when off): TESSERA_PROBE_CACHE, else the default location.
std::string probeCacheFile();
// Bound of the cache file, in entries.
constexpr std::size_t kProbeCacheEntries = 4096;

}  // namespace tessera
