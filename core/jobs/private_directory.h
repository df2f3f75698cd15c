// PrivateDirectory: a temporary directory only this process may use — made with mkdtemp (mode
// 0700, an unpredictable name) in the system temp dir ($TMPDIR) — removed with everything in it
// when the object is destroyed. Job results and other per-process files live in one.
// Thread safety: immutable after construction; destroy it once nothing writes into it any more.
#pragma once

#include <string>

namespace tessera {

class PrivateDirectory {
  public:
    // prefix: the start of the directory name, e.g. "tessera-jobs-". Throws Error(IO) when the
    // directory cannot be made.
    explicit PrivateDirectory(const std::string& prefix);
    ~PrivateDirectory();
    PrivateDirectory(const PrivateDirectory&) = delete;
    PrivateDirectory& operator=(const PrivateDirectory&) = delete;

    const std::string& path() const noexcept { return path_; }

  private:
    std::string path_;
};

}  // namespace tessera
