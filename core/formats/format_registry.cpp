#include "formats/format_registry.h"

#include <gdal.h>

#include <algorithm>
#include <cctype>

#include "source/gdal_env.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

std::vector<std::string> splitFields(std::string_view line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        fields.emplace_back(trimmedView(line.substr(start, comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return fields;
}

bool sameText(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

[[noreturn]] void badLine(const std::string& file, int line, const std::string& why) {
    fail(ErrorKind::BadRequest, trf("Formats", "%1:%2: %3", file, std::to_string(line), why));
}

bool validMime(std::string_view m) {
    const std::size_t slash = m.find('/');
    return slash != std::string_view::npos && slash > 0 && slash + 1 < m.size() &&
           m.substr(0, slash).find_first_of(" \t") == std::string_view::npos;
}

}  // namespace

FormatRegistry FormatRegistry::parse(std::string_view text, const std::string& fileName,
                                     std::vector<ConfigProblem>* problems) {
    ensureGdal();
    FormatRegistry reg;
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        line = trimmedView(line);
        if (line.empty()) {
            if (end == text.size()) break;
            continue;
        }
        if (line.find('\0') != std::string_view::npos)
            badLine(fileName, lineNo, trc("Formats", "the line contains a NUL byte."));
        const std::vector<std::string> f = splitFields(line);
        if (f.size() == 3 && sameText(f[0], "native")) {
            if (f[1].empty() || f[2].empty())
                badLine(fileName, lineNo,
                        trc("Formats",
                            "expected native,<source driver>,<output format>; a field is empty."));
            auto it = std::find_if(reg.native_.begin(), reg.native_.end(),
                                   [&](const auto& m) { return sameText(m.first, f[1]); });
            if (it != reg.native_.end())
                it->second = f[2];
            else
                reg.native_.emplace_back(f[1], f[2]);
            continue;
        }
        if (f.size() != 4)
            badLine(fileName, lineNo,
                    trf("Formats",
                        "expected <GDAL driver>,<MIME type>,<rw|ro>,<extension> (4 fields), "
                        "found %1.",
                        std::to_string(f.size())));
        OutputFormat o;
        o.driver = f[0];
        o.mimeType = f[1];
        const std::string mode = asciiLower(f[2]);
        std::string ext = f[3];
        if (!ext.empty() && ext.front() == '.') ext.erase(0, 1);
        o.extension = asciiLower(ext);
        if (o.driver.empty()) badLine(fileName, lineNo, trc("Formats", "the driver is empty."));
        if (!validMime(o.mimeType))
            badLine(fileName, lineNo,
                    trf("Formats", "\"%1\" is not a MIME type (type/subtype).", o.mimeType));
        if (mode != "rw" && mode != "ro")
            badLine(fileName, lineNo,
                    trf("Formats", "the mode must be rw or ro, not \"%1\".", f[2]));
        if (o.extension.empty() || o.extension.find_first_of("/\\ \t.") != std::string::npos)
            badLine(fileName, lineNo, trf("Formats", "\"%1\" is not a file extension.", f[3]));
        o.writable = mode == "rw";
        GDALDriverH drv = GDALGetDriverByName(o.driver.c_str());
        if (!drv) {
            if (problems)
                problems->push_back(
                    {fileName, lineNo,
                     trf("Formats", "GDAL driver \"%1\" is not available in this build; skipped.",
                         o.driver)});
            continue;
        }
        o.driver = GDALGetDriverShortName(drv);  // canonical spelling
        if (o.writable && !GDALGetMetadataItem(drv, GDAL_DCAP_CREATE, nullptr) &&
            !GDALGetMetadataItem(drv, GDAL_DCAP_CREATECOPY, nullptr)) {
            if (problems)
                problems->push_back(
                    {fileName, lineNo,
                     trf("Formats",
                         "GDAL driver \"%1\" cannot write in this build; listed as read-only.",
                         o.driver)});
            o.writable = false;
        }
        FormatRegistry single;
        single.formats_.push_back(o);
        reg.merge(single);
    }
    return reg;
}

void FormatRegistry::merge(const FormatRegistry& overrides) {
    for (const OutputFormat& o : overrides.formats_) {
        auto same = [&](const OutputFormat& e) {
            return sameText(e.driver, o.driver) || sameText(e.mimeType, o.mimeType);
        };
        auto it = std::find_if(formats_.begin(), formats_.end(), same);
        if (it == formats_.end()) {
            formats_.push_back(o);
            continue;
        }
        *it = o;
        // A line matching two earlier entries (one by driver, one by MIME) replaces both.
        formats_.erase(std::remove_if(std::next(it), formats_.end(), same), formats_.end());
    }
    for (const auto& m : overrides.native_) {
        auto it = std::find_if(native_.begin(), native_.end(),
                               [&](const auto& e) { return sameText(e.first, m.first); });
        if (it != native_.end())
            it->second = m.second;
        else
            native_.push_back(m);
    }
}

std::vector<OutputFormat> FormatRegistry::writable() const {
    std::vector<OutputFormat> out;
    std::copy_if(formats_.begin(), formats_.end(), std::back_inserter(out),
                 [](const OutputFormat& o) { return o.writable; });
    return out;
}

const OutputFormat* FormatRegistry::find(std::string_view key) const {
    std::string_view k = trimmedView(key);
    if (k.empty()) return nullptr;
    // Exact MIME type, then driver, then extension: "image/tiff" is GTiff even though COG's MIME
    // type starts with it; "tif" is the first entry with that extension.
    for (const OutputFormat& o : formats_)
        if (sameText(o.mimeType, k)) return &o;
    for (const OutputFormat& o : formats_)
        if (sameText(o.driver, k)) return &o;
    std::string_view ext = k.front() == '.' ? k.substr(1) : k;
    for (const OutputFormat& o : formats_)
        if (sameText(o.extension, ext)) return &o;
    // Common aliases of the extension (tiff/tif, jpeg/jpg).
    static const std::pair<const char*, const char*> kAliases[] = {
        {"tiff", "tif"}, {"tif", "tiff"},    {"jpeg", "jpg"},  {"jpg", "jpeg"},
        {"jfif", "jpg"}, {"geotiff", "tif"}, {"tiled", "tif"}, {"gtiff", "tif"}};
    for (const auto& [alias, target] : kAliases)
        if (sameText(ext, alias))
            for (const OutputFormat& o : formats_)
                if (sameText(o.extension, target)) return &o;
    return nullptr;
}

std::string FormatRegistry::describeWritable() const {
    std::string s;
    for (const OutputFormat& o : formats_) {
        if (!o.writable) continue;
        if (!s.empty()) s += ", ";
        s += o.driver + " (" + o.extension + ", " + o.mimeType + ")";
    }
    return s;
}

const OutputFormat& FormatRegistry::requireWritable(std::string_view key) const {
    const OutputFormat* o = find(key);
    if (!o)
        fail(ErrorKind::BadRequest,
             trf("Formats", "Unknown output format \"%1\". Valid formats: %2.", std::string(key),
                 describeWritable()));
    if (!o->writable)
        fail(ErrorKind::BadRequest,
             trf("Formats", "The format \"%1\" (%2) is read-only. Valid formats: %3.",
                 std::string(key), o->driver, describeWritable()));
    return *o;
}

const OutputFormat& FormatRegistry::nativeFor(const std::string& sourceDriver) const {
    auto mapped = [&](std::string_view source) -> const OutputFormat* {
        for (const auto& [src, dst] : native_)
            if (sameText(src, source))
                if (const OutputFormat* o = find(dst); o && o->writable) return o;
        return nullptr;
    };
    if (const OutputFormat* o = mapped(sourceDriver)) return *o;
    for (const OutputFormat& o : formats_)
        if (o.writable && sameText(o.driver, sourceDriver)) return o;
    if (const OutputFormat* o = mapped("*")) return *o;
    for (const OutputFormat& o : formats_)
        if (o.writable && sameText(o.driver, "GTiff")) return o;
    for (const OutputFormat& o : formats_)
        if (o.writable) return o;
    fail(ErrorKind::Unsupported, trc("Formats", "No writable output format is configured."));
}

}  // namespace tessera
