#include "util/error.h"

namespace tessera {

const char* errorKindName(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::NotFound:
            return "not found";
        case ErrorKind::BadRequest:
            return "bad request";
        case ErrorKind::Unsupported:
            return "unsupported";
        case ErrorKind::IO:
            return "i/o error";
        case ErrorKind::Internal:
            return "internal error";
        case ErrorKind::TooLarge:
            return "too large";
        case ErrorKind::Busy:
            return "busy";
        case ErrorKind::Cancelled:
            return "cancelled";
        case ErrorKind::Unsafe:
            return "unsafe file";
    }
    return "internal error";
}

int httpStatusFor(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::NotFound:
            return 404;
        case ErrorKind::BadRequest:
            return 400;
        case ErrorKind::Unsupported:
            return 415;
        case ErrorKind::IO:
            return 502;
        case ErrorKind::Internal:
            return 500;
        case ErrorKind::TooLarge:
            return 413;
        case ErrorKind::Busy:
            return 503;
        case ErrorKind::Cancelled:
            return 499;  // nginx's "client closed request"; never sent to a client
        case ErrorKind::Unsafe:
            return 422;
    }
    return 500;
}

}  // namespace tessera
