// A throw-away S3-compatible server for tests: the npm package s3rver (installed at the
// repository root by `npm install`) run by node on a free 127.0.0.1 port, with a temporary
// directory and one bucket. Stopped when the object is destroyed. Not thread-safe.
#pragma once

#include <memory>
#include <string>

class QProcess;

namespace tessera::test {

class S3Server {
  public:
    explicit S3Server(std::string bucket = "test-bucket");
    ~S3Server();
    S3Server(const S3Server&) = delete;
    S3Server& operator=(const S3Server&) = delete;

    // <repo>/node_modules/s3rver; empty when it is not installed.
    static std::string s3rverDir();

    bool ok() const noexcept { return ok_; }
    const std::string& error() const noexcept { return error_; }
    int port() const noexcept { return port_; }
    const std::string& bucket() const noexcept { return bucket_; }
    // "127.0.0.1:PORT", the value for AWS_S3_ENDPOINT.
    std::string endpoint() const;
    // Plain HTTP URL of an object: http://127.0.0.1:PORT/bucket/key.
    std::string url(const std::string& key) const;

    // Uploads a local file with an unsigned HTTP PUT (curl). Returns false on failure.
    bool put(const std::string& key, const std::string& localFile);

    void stop();

  private:
    std::string bucket_;
    std::string dir_;
    int port_ = 0;
    bool ok_ = false;
    std::string error_;
    std::unique_ptr<QProcess> process_;
};

}  // namespace tessera::test
