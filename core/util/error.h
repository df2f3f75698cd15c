// The one error type of Tessera: a kind (what went wrong, for mapping to HTTP status codes,
// CLI exit codes and UI messages) and a message written for a person.
#pragma once

#include <stdexcept>
#include <string>

namespace tessera {

enum class ErrorKind {
    NotFound,     // the file, image, route or object does not exist
    BadRequest,   // the caller's input is wrong (parameter, style, bounds)
    Unsupported,  // valid input Tessera cannot handle (format, projection)
    IO,           // reading or writing failed (disk, network)
    Internal,     // a bug or an unexpected library failure
    TooLarge,     // the answer would exceed a memory or size budget (HTTP 413)
    Busy,         // a bounded queue is full: try again later (HTTP 503 with Retry-After)
    Cancelled,    // the caller went away or cancelled (no answer is sent)
    Unsafe,       // the file failed the crash-isolated probe (crash, time-out, memory)
};

class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const noexcept { return kind_; }

  private:
    ErrorKind kind_;
};

// Short name of a kind for logs and JSON ("not found", "bad request", ...).
const char* errorKindName(ErrorKind kind) noexcept;

// HTTP status code for a kind (404, 400, 415, 502, 500, 413, 503, 499, 422).
int httpStatusFor(ErrorKind kind) noexcept;

[[noreturn]] inline void fail(ErrorKind kind, const std::string& message) {
    throw Error(kind, message);
}

}  // namespace tessera
