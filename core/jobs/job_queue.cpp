#include "jobs/job_queue.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>

#include "util/error.h"
#include "util/i18n.h"

namespace tessera {

struct JobQueue::Record {
    JobSnapshot snap;  // guarded by the queue mutex
    JobSpec spec;
    std::atomic<bool> cancel{false};
    double lastNotified = -1.0;  // guarded by the queue mutex
    bool settled = false;        // finished and its listeners told (guarded by the mutex)
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
    std::vector<std::shared_ptr<Record>> all;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& [id, r] : records_) r->cancel = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, r] : records_) all.push_back(r);
        records_.clear();
        pending_.clear();
    }
    discard(all);
}

JobId JobQueue::submit(JobSpec spec) {
    if (!spec.work) fail(ErrorKind::BadRequest, trc("Jobs", "A job needs a work function."));
    auto r = std::make_shared<Record>();
    JobSnapshot copy;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) fail(ErrorKind::Internal, trc("Jobs", "The job queue is shutting down."));
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
    std::vector<std::shared_ptr<Record>> dropped;
    std::shared_ptr<Record> r;
    {
        std::lock_guard lock(mutex_);
        auto it = records_.find(id);
        if (it == records_.end() || isFinished(it->second->snap.state)) return false;
        r = it->second;
        r->cancel = true;
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
    discard(dropped);
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
    std::shared_ptr<Record> r;
    {
        std::lock_guard lock(mutex_);
        auto it = records_.find(id);
        if (it == records_.end() || !isFinished(it->second->snap.state)) return false;
        r = it->second;
        records_.erase(it);
    }
    discard({r});
    return true;
}

void JobQueue::clearFinished() {
    std::vector<std::shared_ptr<Record>> dropped;
    {
        std::lock_guard lock(mutex_);
        for (auto it = records_.begin(); it != records_.end();) {
            if (isFinished(it->second->snap.state)) {
                dropped.push_back(it->second);
                it = records_.erase(it);
            } else {
                ++it;
            }
        }
    }
    discard(dropped);
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
    std::vector<std::shared_ptr<Record>> dropped;
    {
        std::lock_guard lock(mutex_);
        r->snap.state = state;
        ++r->snap.version;
        r->snap.finished = std::chrono::system_clock::now();
        if (state == JobState::Done) {
            r->snap.progress = 1.0;
            r->snap.resultPath = result;
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
    discard(dropped);
    settle(r);
}

void JobQueue::settle(const std::shared_ptr<Record>& r) {
    {
        std::lock_guard lock(mutex_);
        r->settled = true;
    }
    changed_.notify_all();
}

std::vector<std::shared_ptr<JobQueue::Record>> JobQueue::trimLocked() {
    std::vector<std::shared_ptr<Record>> finished;
    for (const auto& [id, r] : records_)
        if (isFinished(r->snap.state)) finished.push_back(r);
    std::vector<std::shared_ptr<Record>> dropped;
    if (finished.size() <= historyLimit_) return dropped;
    std::sort(finished.begin(), finished.end(),
              [](const auto& a, const auto& b) { return a->snap.finished < b->snap.finished; });
    const std::size_t extra = finished.size() - historyLimit_;
    for (std::size_t i = 0; i < extra; ++i) {
        records_.erase(finished[i]->snap.id);
        dropped.push_back(finished[i]);
    }
    return dropped;
}

void JobQueue::discard(const std::vector<std::shared_ptr<Record>>& records) {
    for (const auto& r : records) {
        if (!r->spec.discard) continue;
        try {
            r->spec.discard(r->snap);
        } catch (...) {
        }
    }
}

}  // namespace tessera
