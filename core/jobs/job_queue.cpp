#include "jobs/job_queue.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <filesystem>

#include "util/error.h"
#include "util/i18n.h"
#include "util/request_context.h"

namespace tessera {

struct JobQueue::Record {
    JobSnapshot snap;  // guarded by the queue mutex
    JobSpec spec;
    std::atomic<bool> cancel{false};
    CancelToken token;           // set with cancel: stops the core's strip and warp loops too
    double lastNotified = -1.0;  // guarded by the queue mutex
    bool settled = false;        // finished and its listeners told (guarded by the mutex)
    bool released = false;       // its discard ran or is about to (guarded by the mutex)
};

class JobQueue::Context : public JobContext {
  public:
    Context(JobQueue& q, std::shared_ptr<Record> r) : q_(q), r_(std::move(r)) {}
    JobId id() const noexcept override { return r_->snap.id; }
    bool cancelled() const noexcept override { return r_->cancel.load(); }
    void setProgress(double fraction, const std::string& message) override {
        if (!std::isfinite(fraction)) fraction = 0.0;
        fraction = std::clamp(fraction, 0.0, 1.0);
        JobSnapshot copy;
        {
            std::lock_guard lock(q_.mutex_);
            r_->snap.progress = fraction;
            ++r_->snap.version;
            const bool newMessage = !message.empty() && message != r_->snap.message;
            if (newMessage) r_->snap.message = message;
            // At most ~200 notifications per job from progress alone.
            if (!newMessage && std::abs(fraction - r_->lastNotified) < 0.005) return;
            r_->lastNotified = fraction;
            copy = r_->snap;
        }
        q_.notify(copy);
    }
    void setResultType(const std::string& mimeType) override {
        std::lock_guard lock(q_.mutex_);
        r_->snap.resultType = mimeType;
        ++r_->snap.version;
    }

  private:
    JobQueue& q_;
    std::shared_ptr<Record> r_;
};

JobQueue::JobQueue(int threads, std::size_t historyLimit) : historyLimit_(historyLimit) {
    threads = std::max(1, threads);
    workers_.reserve(std::size_t(threads));
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { workerLoop(); });
}

JobQueue::~JobQueue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& [id, r] : records_) {
            r->cancel = true;
            r->token.cancel();
        }
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
    Released released;
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, r] : records_) releaseLocked(r, released);
        records_.clear();
        pending_.clear();
    }
    for (const auto& [r, snap] : released.discards) {
        try {
            r->spec.discard(snap);
        } catch (...) {
        }
    }
    // resultDir_ (and whatever is left in it) goes with the members.
}

JobId JobQueue::submit(JobSpec spec) {
    return *trySubmit(std::move(spec), std::size_t(-1));
}

std::size_t JobQueue::activeCount() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& [id, r] : records_) n += isFinished(r->snap.state) ? 0 : 1;
    return n;
}

std::optional<JobId> JobQueue::trySubmit(JobSpec spec, std::size_t maxActive) {
    if (!spec.work) fail(ErrorKind::BadRequest, trc("Jobs", "A job needs a work function."));
    auto r = std::make_shared<Record>();
    JobSnapshot copy;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) fail(ErrorKind::Internal, trc("Jobs", "The job queue is shutting down."));
        std::size_t active = 0;
        for (const auto& [id, other] : records_) active += isFinished(other->snap.state) ? 0 : 1;
        if (active >= maxActive) return std::nullopt;
        r->snap.id = nextId_++;
        r->snap.title = spec.title;
        r->snap.kind = spec.kind;
        r->snap.state = JobState::Queued;
        r->snap.version = 1;
        r->snap.message = trc("Jobs", "Waiting");
        r->snap.created = std::chrono::system_clock::now();
        r->spec = std::move(spec);
        records_[r->snap.id] = r;
        pending_.push_back(r);
        copy = r->snap;
    }
    wake_.notify_one();
    notify(copy);
    return copy.id;
}

std::optional<JobSnapshot> JobQueue::job(JobId id) const {
    std::lock_guard lock(mutex_);
    auto it = records_.find(id);
    if (it == records_.end()) return std::nullopt;
    return it->second->snap;
}

std::vector<JobSnapshot> JobQueue::jobs() const {
    std::lock_guard lock(mutex_);
    std::vector<JobSnapshot> out;
    out.reserve(records_.size());
    for (const auto& [id, r] : records_) out.push_back(r->snap);
    return out;
}

bool JobQueue::cancel(JobId id) {
    JobSnapshot copy;
    bool notifyNow = false, finishedNow = false;
    Released dropped;
    std::shared_ptr<Record> r;
    {
        std::lock_guard lock(mutex_);
        auto it = records_.find(id);
        if (it == records_.end() || isFinished(it->second->snap.state)) return false;
        r = it->second;
        r->cancel = true;
        r->token.cancel();
        if (r->snap.state == JobState::Queued) {
            pending_.erase(std::remove(pending_.begin(), pending_.end(), r), pending_.end());
            r->snap.state = JobState::Cancelled;
            r->snap.message = trc("Jobs", "Cancelled");
            ++r->snap.version;
            r->snap.finished = std::chrono::system_clock::now();
            copy = r->snap;
            notifyNow = true;
            finishedNow = true;
            dropped = trimLocked();
        } else {
            r->snap.message = trc("Jobs", "Cancelling…");
            ++r->snap.version;
            copy = r->snap;
            notifyNow = true;
        }
    }
    if (notifyNow) notify(copy);
    finishRelease(dropped);
    if (finishedNow) settle(r);
    return true;
}

void JobQueue::cancelAll() {
    std::vector<JobId> ids;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, r] : records_)
            if (!isFinished(r->snap.state)) ids.push_back(id);
    }
    for (JobId id : ids) cancel(id);
}

bool JobQueue::remove(JobId id) {
    Released released;
    {
        std::lock_guard lock(mutex_);
        auto it = records_.find(id);
        if (it == records_.end() || !isFinished(it->second->snap.state)) return false;
        releaseLocked(it->second, released);
        records_.erase(it);
    }
    finishRelease(released);
    return true;
}

void JobQueue::clearFinished() {
    Released dropped;
    {
        std::lock_guard lock(mutex_);
        for (auto it = records_.begin(); it != records_.end();) {
            if (isFinished(it->second->snap.state)) {
                releaseLocked(it->second, dropped);
                it = records_.erase(it);
            } else {
                ++it;
            }
        }
    }
    finishRelease(dropped);
}

std::optional<JobSnapshot> JobQueue::wait(JobId id, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    auto it = records_.find(id);
    if (it == records_.end()) return std::nullopt;
    auto r = it->second;
    changed_.wait_for(lock, timeout, [&] { return r->settled; });
    return r->snap;
}

int JobQueue::addListener(Listener listener) {
    std::lock_guard lock(listenersMutex_);
    const int token = nextListener_++;
    listeners_[token] = std::make_shared<Listener>(std::move(listener));
    return token;
}

void JobQueue::removeListener(int token) {
    std::lock_guard lock(listenersMutex_);
    listeners_.erase(token);
}

void JobQueue::notify(const JobSnapshot& snapshot) {
    std::vector<std::shared_ptr<Listener>> copy;
    {
        std::lock_guard lock(listenersMutex_);
        for (const auto& [t, l] : listeners_) copy.push_back(l);
    }
    for (const auto& l : copy) {
        try {
            (*l)(snapshot);
        } catch (...) {
            // A listener's failure must not take down the worker.
        }
    }
}

void JobQueue::workerLoop() {
    for (;;) {
        std::shared_ptr<Record> r;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
            if (stopping_) return;
            r = pending_.front();
            pending_.pop_front();
            r->snap.state = JobState::Running;
            ++r->snap.version;
            r->snap.message = trc("Jobs", "Running");
            r->snap.started = std::chrono::system_clock::now();
        }
        run(r);
    }
}

void JobQueue::run(const std::shared_ptr<Record>& r) {
    JobSnapshot copy;
    {
        std::lock_guard lock(mutex_);
        copy = r->snap;
    }
    notify(copy);
    Context ctx(*this, r);
    // No memory budget (jobs are where big answers go), but cancellable inside the core.
    RequestScope scope({r->token, 0});
    JobState state = JobState::Done;
    std::string result, error;
    try {
        result = r->spec.work(ctx);
        if (r->cancel) state = JobState::Cancelled;
    } catch (const JobCancelled&) {
        state = JobState::Cancelled;
    } catch (const std::exception& e) {
        state = r->cancel ? JobState::Cancelled : JobState::Failed;
        error = e.what();
    } catch (...) {
        state = r->cancel ? JobState::Cancelled : JobState::Failed;
        error = trc("Jobs", "Unknown error");
    }
    std::uint64_t resultBytes = 0;
    if (state == JobState::Done && !result.empty()) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(result, ec);
        if (!ec) resultBytes = size;
    }
    Released dropped;
    {
        std::lock_guard lock(mutex_);
        r->snap.state = state;
        ++r->snap.version;
        r->snap.finished = std::chrono::system_clock::now();
        if (state == JobState::Done) {
            r->snap.progress = 1.0;
            r->snap.resultPath = result;
            r->snap.resultBytes = resultBytes;
            r->snap.message = trc("Jobs", "Done");
        } else if (state == JobState::Failed) {
            r->snap.error = error;
            r->snap.message = error;
        } else {
            r->snap.message = trc("Jobs", "Cancelled");
            // A cancelled job's output is not a result.
            r->snap.resultPath.clear();
        }
        copy = r->snap;
        dropped = trimLocked();
    }
    notify(copy);
    finishRelease(dropped);
    settle(r);
}

void JobQueue::settle(const std::shared_ptr<Record>& r) {
    {
        std::lock_guard lock(mutex_);
        r->settled = true;
    }
    changed_.notify_all();
}

JobQueue::Released JobQueue::trimLocked() {
    Released out;
    std::vector<std::shared_ptr<Record>> finished;
    for (const auto& [id, r] : records_)
        if (isFinished(r->snap.state)) finished.push_back(r);
    std::sort(finished.begin(), finished.end(),
              [](const auto& a, const auto& b) { return a->snap.finished < b->snap.finished; });
    // The history: the oldest finished jobs are forgotten.
    std::size_t first = 0;
    if (finished.size() > historyLimit_) {
        first = finished.size() - historyLimit_;
        for (std::size_t i = 0; i < first; ++i) {
            releaseLocked(finished[i], out);
            records_.erase(finished[i]->snap.id);
        }
    }
    // The results: the oldest expire until both limits hold.
    std::size_t count = 0;
    std::uint64_t bytes = 0;
    for (std::size_t i = first; i < finished.size(); ++i) {
        const JobSnapshot& s = finished[i]->snap;
        if (s.state != JobState::Done || s.resultPath.empty()) continue;
        ++count;
        bytes += s.resultBytes;
    }
    for (std::size_t i = first; i < finished.size(); ++i) {
        if (count <= maxResults_ && bytes <= maxResultBytes_) break;
        const auto& r = finished[i];
        if (r->snap.state != JobState::Done || r->snap.resultPath.empty()) continue;
        --count;
        bytes -= r->snap.resultBytes;
        releaseLocked(r, out);
        r->snap.expired = true;
        r->snap.resultPath.clear();
        r->snap.message = trc("Jobs", "The result expired: newer results took its place.");
        ++r->snap.version;
        out.expired.push_back(r->snap);
    }
    return out;
}

void JobQueue::releaseLocked(const std::shared_ptr<Record>& r, Released& out) {
    if (r->released) return;
    r->released = true;
    if (r->spec.discard) out.discards.emplace_back(r, r->snap);
}

void JobQueue::finishRelease(const Released& released) {
    for (const auto& [r, snap] : released.discards) {
        try {
            r->spec.discard(snap);
        } catch (...) {
        }
    }
    for (const auto& s : released.expired) notify(s);
}

void JobQueue::setResultLimits(std::size_t maxResults, std::uint64_t maxBytes) {
    Released released;
    {
        std::lock_guard lock(mutex_);
        maxResults_ = maxResults;
        maxResultBytes_ = maxBytes;
        released = trimLocked();
    }
    finishRelease(released);
}

std::string JobQueue::resultDirectory() {
    std::lock_guard lock(mutex_);
    if (!resultDir_) resultDir_ = std::make_unique<PrivateDirectory>("tessera-jobs-");
    return resultDir_->path();
}

}  // namespace tessera
