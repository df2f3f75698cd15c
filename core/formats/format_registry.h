// FormatRegistry: the output formats Tessera offers, read from a plain configuration file, one
// format a line: <GDAL driver>,<MIME type>,<rw|ro>,<default extension> (EOxServer RFC 17), plus
// "native,<source driver|*>,<output driver>" lines. Immutable after building; const use is
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tessera {

struct OutputFormat {
    std::string driver;     // GDAL short name, e.g. "GTiff", "PNG", "JPEG", "WEBP", "COG"
    std::string mimeType;   // e.g. "image/tiff"
    bool writable = false;  // rw
    std::string extension;  // without the dot, e.g. "tif"
};

// A configuration line that was reported and skipped (e.g. a driver this GDAL build lacks).
struct ConfigProblem {
    std::string file;
    int line = 0;
    std::string message;
};

class FormatRegistry {
  public:
    // Parses text (bytes of a file named fileName). Unknown drivers (not in this GDAL build) are
    // skipped and appended to problems; a malformed line throws Error(BadRequest) naming file:line.
    // Syntax, one entry a line ('#' starts a comment, blank lines are ignored):
    //   <GDAL driver>,<MIME type>,<rw|ro>,<extension>   e.g. GTiff,image/tiff,rw,.tif
    //   native,<source driver>,<output driver|MIME|ext> e.g. native,FITS,GTiff
    //   native,*,<output driver|MIME|ext>               the default native format
    static FormatRegistry parse(std::string_view text, const std::string& fileName,
                                std::vector<ConfigProblem>* problems = nullptr);
    // Later definitions of the same driver/MIME replace earlier ones (the user file overrides);
    // native mappings of overrides replace those of the same source driver.
    void merge(const FormatRegistry& overrides);

    const std::vector<OutputFormat>& formats() const { return formats_; }
    std::vector<OutputFormat> writable() const;
    // Lookup by MIME type, extension (with or without dot, case-insensitive), or driver name
    // (case-insensitive). nullptr when none matches.
    const OutputFormat* find(std::string_view mimeOrExtOrDriver) const;
    // Throws Error(BadRequest) listing the valid writable formats when unknown or read-only.
    const OutputFormat& requireWritable(std::string_view mimeOrExtOrDriver) const;
    // Source driver (e.g. "GTiff", "FITS", "JPEG") → the native output format used when a request
    // names none: the configured mapping, else the source driver itself when writable, else the
    // "native,*" default, else GTiff, else the first writable format. Throws Error(Unsupported)
    // when the registry has no writable format.
    const OutputFormat& nativeFor(const std::string& sourceDriver) const;
    // The configured mappings (source driver, output driver); "*" is the default.
    const std::vector<std::pair<std::string, std::string>>& nativeMappings() const {
        return native_;
    }
    // "GTiff (tif, image/tiff), PNG (png, image/png), ..." of the writable formats, for messages.
    std::string describeWritable() const;

  private:
    std::vector<OutputFormat> formats_;
    std::vector<std::pair<std::string, std::string>> native_;
};

}  // namespace tessera
