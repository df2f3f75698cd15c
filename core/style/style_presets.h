// StylePresets: named large_image styles the user saved (one JSON file, an object name → style,
// in the config dir: styles.json), referred to by WMS STYLES= and WMTS style=. "default" always
// means the image's default style and cannot be stored. Bounded: a caller-given number of
// presets, each style checked (size, nesting) by the guarded style parser, and the file's own
// nesting checked on its bytes before it is parsed.
// Thread safety: every member may be called from any thread (one mutex; the file is re-read on
// every call, so edits by another process are seen at once).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "style/style.h"

namespace tessera {

class StylePresets {
  public:
    static constexpr const char* kDefaultName = "default";

    explicit StylePresets(std::string filePath);

    // The process-wide store: <ServiceConfig::userConfigDir()>/styles.json, the directory read
    // when this is first called.
    static StylePresets& shared();

    // Letters, digits, '_', '-', '.' and ' ' (no control characters), 1 to 64 characters, not
    // starting or ending with a space, not "default".
    static bool validName(std::string_view name);
    // Throws Error(BadRequest) naming the rules when !validName(name).
    static void checkName(std::string_view name);

    const std::string& path() const noexcept { return path_; }

    // Names in alphabetical order (without "default").
    std::vector<std::string> names() const;
    // {name: style, ...} (an empty object when the file does not exist).
    nlohmann::json all() const;
    // The style of a preset; nullopt when there is none of that name.
    std::optional<nlohmann::json> get(const std::string& name) const;
    // The style text of a preset for a StyleSpec, checked against limits like any style from
    // outside (Error(BadRequest) when over them); nullopt when there is none of that name.
    std::optional<std::string> styleText(const std::string& name,
                                         const StyleLimits& limits = {}) const;
    // Saves (or replaces) a preset; false (nothing saved) when the name is new and maxCount
    // presets exist already. Throws Error(BadRequest) for a bad name or a style that is not
    // valid (parseStyle); Error(IO) when the file cannot be written (it is replaced atomically).
    // Style text from outside goes through parseStyleJson first.
    bool put(const std::string& name, const nlohmann::json& style,
             std::size_t maxCount = std::size_t(-1));
    // Deletes a preset; false when there was none.
    bool remove(const std::string& name);

  private:
    nlohmann::json load() const;  // caller holds mutex_
    void save(const nlohmann::json& presets) const;

    std::string path_;
    mutable std::mutex mutex_;
};

}  // namespace tessera
