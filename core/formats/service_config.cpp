#include "formats/service_config.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <mutex>
#include <optional>

#include "geo/crs_name.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/text.h"

namespace tessera {

namespace {

std::mutex& currentMutex() {
    static std::mutex m;
    return m;
}

std::shared_ptr<const ServiceConfig>& currentSlot() {
    static std::shared_ptr<const ServiceConfig> slot;
    return slot;
}

std::string readResource(const char* path) {
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::ReadOnly))
        fail(ErrorKind::Internal,
             trf("Formats", "The built-in file %1 is missing.", std::string(path)));
    return f.readAll().toStdString();
}

// The text of a file, or nullopt when it does not exist; throws Error(IO) when it exists but
// cannot be read.
std::optional<std::string> readIfExists(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.exists()) return std::nullopt;
    if (!f.open(QIODevice::ReadOnly))
        fail(ErrorKind::IO,
             trf("Formats", "%1: cannot be read: %2", path, f.errorString().toStdString()));
    return f.readAll().toStdString();
}

std::optional<int> parseCode(std::string_view s) {
    s = trimmedView(s);
    if (s.size() > 5 && (s.substr(0, 5) == "EPSG:" || s.substr(0, 5) == "epsg:"))
        s.remove_prefix(5);
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || v <= 0 || v > 999999) return std::nullopt;
    return v;
}

}  // namespace

std::string ServiceConfig::userConfigDir() {
    if (const char* d = std::getenv("TESSERA_CONFIG_DIR"); d && *d) return d;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::string(x) + "/tessera";
    return QDir::homePath().toStdString() + "/.config/tessera";
}

std::string ServiceConfig::defaultFormatsText() {
    return readResource(":/tessera/formats/formats.conf");
}

std::string ServiceConfig::defaultCrsText() {
    return readResource(":/tessera/formats/crs.conf");
}

std::vector<int> ServiceConfig::parseCrsList(std::string_view text, const std::string& fileName) {
    std::vector<int> codes;
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        line = trimmedView(line);
        if (line.empty()) continue;
        // Several entries may share a line, separated by commas.
        std::size_t start = 0;
        while (start <= line.size()) {
            std::size_t comma = line.find(',', start);
            if (comma == std::string_view::npos) comma = line.size();
            const std::string_view item = trimmedView(line.substr(start, comma - start));
            start = comma + 1;
            if (item.empty()) continue;
            const std::size_t dash = item.find('-');
            auto bad = [&] {
                fail(ErrorKind::BadRequest,
                     trf("Formats",
                         "%1:%2: \"%3\" is not an EPSG code (4326, EPSG:4326) or a range "
                         "(32601-32660).",
                         fileName, std::to_string(lineNo), std::string(item)));
            };
            if (dash == std::string_view::npos) {
                const auto c = parseCode(item);
                if (!c) bad();
                codes.push_back(*c);
            } else {
                const auto a = parseCode(item.substr(0, dash));
                const auto b = parseCode(item.substr(dash + 1));
                if (!a || !b || *b < *a || *b - *a > 10000) bad();
                for (int c = *a; c <= *b; ++c) codes.push_back(c);
            }
        }
    }
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    return codes;
}

std::shared_ptr<const ServiceConfig> ServiceConfig::load(const std::string& configDir) {
    auto cfg = std::make_shared<ServiceConfig>();
    cfg->formats = FormatRegistry::parse(defaultFormatsText(), ":/tessera/formats/formats.conf",
                                         &cfg->problems);
    cfg->epsgCodes = parseCrsList(defaultCrsText(), ":/tessera/formats/crs.conf");
    if (configDir.empty()) return cfg;

    const std::string formatsPath = configDir + "/formats.conf";
    try {
        if (auto text = readIfExists(formatsPath)) {
            std::vector<ConfigProblem> problems;
            FormatRegistry user = FormatRegistry::parse(*text, formatsPath, &problems);
            cfg->formats.merge(user);
            cfg->problems.insert(cfg->problems.end(), problems.begin(), problems.end());
            cfg->formatsFile = formatsPath;
        }
    } catch (const Error& e) {
        cfg->problems.push_back(
            {formatsPath, 0,
             trf("Formats", "%1 (the file is ignored; the built-in formats are used)", e.what())});
    }
    const std::string crsPath = configDir + "/crs.conf";
    try {
        if (auto text = readIfExists(crsPath)) {
            std::vector<int> codes = parseCrsList(*text, crsPath);
            if (codes.empty())
                cfg->problems.push_back(
                    {crsPath, 0,
                     trc("Formats", "The file lists no CRS; the built-in list is used.")});
            else {
                cfg->epsgCodes = std::move(codes);
                cfg->crsFile = crsPath;
            }
        }
    } catch (const Error& e) {
        cfg->problems.push_back(
            {crsPath, 0,
             trf("Formats", "%1 (the file is ignored; the built-in CRS list is used)", e.what())});
    }
    return cfg;
}

std::shared_ptr<const ServiceConfig> ServiceConfig::current() {
    std::lock_guard lock(currentMutex());
    auto& slot = currentSlot();
    if (!slot) slot = load(userConfigDir());
    return slot;
}

std::shared_ptr<const ServiceConfig> ServiceConfig::reload() {
    auto fresh = load(userConfigDir());
    std::lock_guard lock(currentMutex());
    currentSlot() = fresh;
    return fresh;
}

bool ServiceConfig::supportsCrs(int epsg) const {
    return std::binary_search(epsgCodes.begin(), epsgCodes.end(), epsg);
}

std::string ServiceConfig::describeCrsList() const {
    std::string s;
    for (std::size_t i = 0; i < epsgCodes.size();) {
        std::size_t j = i;
        while (j + 1 < epsgCodes.size() && epsgCodes[j + 1] == epsgCodes[j] + 1) ++j;
        if (!s.empty()) s += ", ";
        s += "EPSG:" + std::to_string(epsgCodes[i]);
        if (j > i + 1)
            s += "–" + std::to_string(epsgCodes[j]);
        else if (j == i + 1)
            s += ", EPSG:" + std::to_string(epsgCodes[j]);
        i = j + 1;
    }
    return s;
}

int ServiceConfig::requireCrs(std::string_view crs) const {
    const std::optional<CrsName> name = parseCrsName(crs);
    const std::optional<int> code = name ? std::optional<int>(name->epsg) : std::nullopt;
    if (!code)
        fail(ErrorKind::BadRequest,
             trf("Formats", "\"%1\" is not an EPSG CRS. Supported CRSes: %2.", std::string(crs),
                 describeCrsList()));
    if (!supportsCrs(*code))
        fail(ErrorKind::BadRequest,
             trf("Formats", "EPSG:%1 is not a supported output CRS. Supported CRSes: %2.",
                 std::to_string(*code), describeCrsList()));
    return *code;
}

}  // namespace tessera
