#include "util/request_context.h"

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

namespace {
thread_local const RequestContext* tCurrent = nullptr;
}

RequestScope::RequestScope(RequestContext context)
    : context_(std::move(context)), previous_(tCurrent) {
    tCurrent = &context_;
}

RequestScope::~RequestScope() {
    tCurrent = previous_;
}

const RequestContext* currentRequest() noexcept {
    return tCurrent;
}

bool isCancelled() noexcept {
    return tCurrent && tCurrent->cancel.cancelled();
}

void checkCancelled() {
    if (isCancelled()) fail(ErrorKind::Cancelled, trc("Core", "The request was cancelled."));
}

std::size_t requestMemoryBudget() noexcept {
    return tCurrent ? tCurrent->memoryBudget : 0;
}

void checkBudget(std::size_t bytes, const std::string& what) {
    const std::size_t budget = requestMemoryBudget();
    if (budget == 0 || bytes <= budget) return;
    const auto mib = [](std::size_t b) { return std::to_string((b + (1u << 20) - 1) >> 20); };
    fail(ErrorKind::TooLarge,
         trf("Core",
             "%1 would take %2 MiB, more than this server's budget of %3 MiB per request. Ask "
             "for a smaller size, or submit it as a job (POST .../jobs/region).",
             what, mib(bytes), mib(budget)));
}

int cancelProgress(double, const char*, void*) {
    return isCancelled() ? 0 : 1;
}

}  // namespace tessera
