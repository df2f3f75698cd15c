// ImageRegistry: the images a server may read, by id. Requests name an id (or the name it was
// registered under); only registered ImageRefs are ever opened, so no path from a request
// reaches the file system.
//
// Thread safety: all members may be called from any thread at once (one mutex).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "service/requests.h"

namespace tessera::http {

struct RegisteredImage {
    std::string id;    // "1", "2", ... in registration order
    std::string name;  // display name, also accepted in place of the id when unique
    ImageRef ref;      // the image as registered (no projection: requests add theirs)
    // Where its per-image API is served (library images: "/api/library/", library_routes.h).
    std::string urlPrefix = "/api/image/";
};

class ImageRegistry {
  public:
    // Registers an image; returns its id. name "" = the file base name of ref.uri.
    std::string add(const ImageRef& ref, const std::string& name = {});
    // Removes an image; false if the id is unknown.
    bool remove(const std::string& id);
    // By id, else by name (first image registered under that name).
    std::optional<RegisteredImage> find(const std::string& idOrName) const;
    std::vector<RegisteredImage> list() const;
    std::size_t size() const;
    void clear();

    // The base name of a path or URL without its extension ("/a/b/c.tif" -> "c").
    static std::string baseName(const std::string& uri);

  private:
    mutable std::mutex mutex_;
    std::vector<RegisteredImage> images_;
    long long nextId_ = 1;
};

}  // namespace tessera::http
