#include "style/style_presets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "formats/service_config.h"
#include "style/style.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

StylePresets::StylePresets(std::string filePath) : path_(std::move(filePath)) {}

StylePresets& StylePresets::shared() {
    static StylePresets store(ServiceConfig::userConfigDir() + "/styles.json");
    return store;
}

bool StylePresets::validName(std::string_view name) {
    if (name.empty() || name.size() > 64 || name == kDefaultName) return false;
    if (name.front() == ' ' || name.back() == ' ') return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == ' ';
        if (!ok) return false;
    }
    return true;
}

void StylePresets::checkName(std::string_view name) {
    if (!validName(name))
        fail(ErrorKind::BadRequest,
             trf("StylePresets",
                 "\"%1\" is not a valid style name: use 1 to 64 letters, digits, '_', '-', '.' or "
                 "spaces (\"default\" is reserved).",
                 std::string(name.substr(0, 80))));
}

nlohmann::json StylePresets::load() const {
    QFile file(QString::fromStdString(path_));
    if (!file.exists()) return nlohmann::json::object();
    if (!file.open(QIODevice::ReadOnly))
        fail(ErrorKind::IO, trf("StylePresets", "Cannot read the style presets file %1: %2", path_,
                                file.errorString().toStdString()));
    const QByteArray bytes = file.readAll();
    // The file may have been edited by hand: bound its nesting (the presets object around the
    // styles) before parsing, so every style in it is safe to dump.
    if (!jsonNestingWithin(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                           kHardStyleLimits.maxDepth + 1))
        fail(ErrorKind::IO,
             trf("StylePresets", "The style presets file %1 is nested too deeply.", path_));
    nlohmann::json j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        fail(ErrorKind::IO,
             trf("StylePresets", "The style presets file %1 is not a JSON object.", path_));
    return j;
}

void StylePresets::save(const nlohmann::json& presets) const {
    QDir().mkpath(QFileInfo(QString::fromStdString(path_)).absolutePath());
    writeFileAtomically(path_, presets.dump(2) + "\n");
}

std::vector<std::string> StylePresets::names() const {
    std::lock_guard lock(mutex_);
    const nlohmann::json j = load();
    std::vector<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());  // sorted by name
    return out;
}

nlohmann::json StylePresets::all() const {
    std::lock_guard lock(mutex_);
    return load();
}

std::optional<nlohmann::json> StylePresets::get(const std::string& name) const {
    std::lock_guard lock(mutex_);
    const nlohmann::json j = load();
    if (auto it = j.find(name); it != j.end()) return *it;
    return std::nullopt;
}

std::optional<std::string> StylePresets::styleText(const std::string& name,
                                                   const StyleLimits& limits) const {
    auto style = get(name);
    if (!style) return std::nullopt;
    std::string text = style->dump();  // safe: load() bounded the file's nesting
    checkStyleText(text, limits);
    return text;
}

bool StylePresets::put(const std::string& name, const nlohmann::json& style, std::size_t maxCount) {
    checkName(name);
    parseStyle(style);  // throws BadRequest with the reason (nesting bounded, no recursion risk)
    std::lock_guard lock(mutex_);
    nlohmann::json j = load();
    if (!j.contains(name) && j.size() >= maxCount) return false;
    j[name] = style;
    save(j);
    return true;
}

bool StylePresets::remove(const std::string& name) {
    std::lock_guard lock(mutex_);
    nlohmann::json j = load();
    if (j.erase(name) == 0) return false;
    save(j);
    return true;
}

}  // namespace tessera
