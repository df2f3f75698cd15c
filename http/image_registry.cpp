#include "http/image_registry.h"

#include <algorithm>

namespace tessera::http {

std::string ImageRegistry::baseName(const std::string& uri) {
    std::string s = uri;
    if (const auto q = s.find_first_of("?#");
        q != std::string::npos && s.find("://") != std::string::npos)
        s = s.substr(0, q);
    while (!s.empty() && s.back() == '/') s.pop_back();
    if (const auto slash = s.find_last_of('/'); slash != std::string::npos) s = s.substr(slash + 1);
    if (const auto dot = s.find('.'); dot != std::string::npos && dot > 0) s = s.substr(0, dot);
    return s.empty() ? std::string("image") : s;
}

std::string ImageRegistry::add(const ImageRef& ref, const std::string& name) {
    std::lock_guard lock(mutex_);
    RegisteredImage img{std::to_string(nextId_++), name.empty() ? baseName(ref.uri) : name, ref};
    img.ref.projection.clear();
    images_.push_back(img);
    return img.id;
}

bool ImageRegistry::remove(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(images_.begin(), images_.end(),
                           [&](const RegisteredImage& i) { return i.id == id; });
    if (it == images_.end()) return false;
    images_.erase(it);
    return true;
}

std::optional<RegisteredImage> ImageRegistry::find(const std::string& idOrName) const {
    std::lock_guard lock(mutex_);
    for (const auto& i : images_)
        if (i.id == idOrName) return i;
    for (const auto& i : images_)
        if (i.name == idOrName) return i;
    return std::nullopt;
}

std::vector<RegisteredImage> ImageRegistry::list() const {
    std::lock_guard lock(mutex_);
    return images_;
}

std::size_t ImageRegistry::size() const {
    std::lock_guard lock(mutex_);
    return images_.size();
}

void ImageRegistry::clear() {
    std::lock_guard lock(mutex_);
    images_.clear();
}

}  // namespace tessera::http
