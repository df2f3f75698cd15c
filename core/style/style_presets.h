// StylePresets: named large_image styles the user saved (one JSON file, an object name → style,
// in the config dir: styles.json), referred to by WMS STYLES= and WMTS style=. "default" always
// means the image's default style and cannot be stored.
// Thread safety: every member may be called from any thread (one mutex; the file is re-read on
// every call, so edits by another process are seen at once).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tessera {

class StylePresets {
  public:
    static constexpr const char* kDefaultName = "default";

    explicit StylePresets(std::string filePath);

    // The process-wide store: <ServiceConfig::userConfigDir()>/styles.json, the directory read
    // when this is first called.
    static StylePresets& shared();

    // Letters, digits, '_', '-', '.' and ' ', 1 to 64 characters, not "default".
    static bool validName(std::string_view name);

    const std::string& path() const noexcept { return path_; }

    // Names in alphabetical order (without "default").
    std::vector<std::string> names() const;
    // {name: style, ...} (an empty object when the file does not exist).
    nlohmann::json all() const;
    // The style of a preset; nullopt when there is none of that name.
    std::optional<nlohmann::json> get(const std::string& name) const;
    // Saves (or replaces) a preset. Throws Error(BadRequest) for a bad name or a style that
    // does not parse; Error(IO) when the file cannot be written (it is replaced atomically).
    void put(const std::string& name, const nlohmann::json& style);
    // Deletes a preset; false when there was none.
    bool remove(const std::string& name);

  private:
    nlohmann::json load() const;  // caller holds mutex_
    void save(const nlohmann::json& presets) const;

    std::string path_;
    mutable std::mutex mutex_;
};

}  // namespace tessera
