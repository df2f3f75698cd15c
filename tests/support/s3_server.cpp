#include "support/s3_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <chrono>
#include <filesystem>

#include "support/fixtures.h"

namespace tessera::test {

namespace {

int freeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    int port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

bool canConnect(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

std::string S3Server::s3rverDir() {
    const std::filesystem::path dir =
        std::filesystem::path(TESSERA_SOURCE_DIR) / "node_modules" / "s3rver";
    return std::filesystem::is_directory(dir) ? dir.string() : std::string();
}

S3Server::S3Server(std::string bucket) : bucket_(std::move(bucket)) {
    const std::string module = s3rverDir();
    if (module.empty()) {
        error_ =
            "node_modules/s3rver is missing: run `npm install` at the repository root "
            "(scripts/dev deps does it)";
        return;
    }
    dir_ = tempDir() + "/s3rver-" + bucket_;
    std::filesystem::create_directories(dir_);
    const std::string script =
        "const S3rver = require(process.env.S3RVER_MODULE);"
        "new S3rver({port: parseInt(process.env.S3_PORT, 10), address: '127.0.0.1', silent: true,"
        " directory: process.env.S3_DIR, configureBuckets: [{name: process.env.S3_BUCKET}]}).run()"
        ".then(() => console.log('ready'), (e) => { console.error(e); process.exit(1); });";
    for (int attempt = 0; attempt < 3 && !ok_; ++attempt) {
        port_ = freeLoopbackPort();
        if (port_ == 0) continue;
        process_ = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("S3RVER_MODULE"), q(module));
        env.insert(QStringLiteral("S3_PORT"), QString::number(port_));
        env.insert(QStringLiteral("S3_DIR"), q(dir_));
        env.insert(QStringLiteral("S3_BUCKET"), q(bucket_));
        process_->setProcessEnvironment(env);
        process_->setProcessChannelMode(QProcess::MergedChannels);
        process_->start(QStringLiteral("node"), {QStringLiteral("-e"), q(script)});
        if (!process_->waitForStarted(10000)) {
            error_ = "cannot start node: " + process_->errorString().toStdString();
            process_.reset();
            return;
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        QByteArray output;
        while (std::chrono::steady_clock::now() < deadline) {
            if (process_->state() != QProcess::Running) break;
            process_->waitForReadyRead(100);
            output += process_->readAll();
            if (output.contains("ready") && canConnect(port_)) {
                ok_ = true;
                break;
            }
        }
        if (!ok_) {
            error_ = "s3rver did not start: " + (output + process_->readAll()).toStdString();
            stop();
        }
    }
}

S3Server::~S3Server() {
    stop();
}

void S3Server::stop() {
    if (!process_) return;
    if (process_->state() != QProcess::NotRunning) {
        process_->terminate();
        if (!process_->waitForFinished(5000)) {
            process_->kill();
            process_->waitForFinished(5000);
        }
    }
    process_.reset();
    ok_ = false;
}

std::string S3Server::endpoint() const {
    return "127.0.0.1:" + std::to_string(port_);
}

std::string S3Server::url(const std::string& key) const {
    return "http://" + endpoint() + "/" + bucket_ + "/" + key;
}

bool S3Server::put(const std::string& key, const std::string& localFile) {
    if (!ok_) return false;
    QProcess curl;
    curl.start(
        QStringLiteral("curl"),
        {QStringLiteral("-sS"), QStringLiteral("-f"), QStringLiteral("-X"), QStringLiteral("PUT"),
         QStringLiteral("--data-binary"), q("@" + localFile), q(url(key))});
    if (!curl.waitForFinished(30000)) {
        curl.kill();
        curl.waitForFinished();
        return false;
    }
    return curl.exitStatus() == QProcess::NormalExit && curl.exitCode() == 0;
}

}  // namespace tessera::test
