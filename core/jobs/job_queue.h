// JobQueue: runs jobs (job.h) in submission order on its own worker threads, with cooperative
// cancel, change listeners and a bounded history of finished jobs. Used by the viewer (exports,
// conversions), the server (region jobs over HTTP) and the library (sync, pre-cache).
// Thread safety: every member may be called from any thread. Listeners run on the thread that
// caused the change (a worker or the caller of submit/cancel), never under the queue's lock; a
// GUI marshals to its own thread (QMetaObject::invokeMethod). The destructor cancels running
// jobs and waits for them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "jobs/job.h"

namespace tessera {

class JobQueue {
  public:
    using Listener = std::function<void(const JobSnapshot&)>;

    // threads: workers running jobs at once (≥1); historyLimit: finished jobs kept (oldest
    // finished ones are discarded beyond it).
    explicit JobQueue(int threads = 2, std::size_t historyLimit = 200);
    ~JobQueue();
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    // Queues a job; returns its id (ids start at 1 and increase). Throws Error(BadRequest)
    // when spec.work is empty.
    JobId submit(JobSpec spec);
    std::optional<JobSnapshot> job(JobId id) const;
    // All known jobs (queued, running and the history), oldest first.
    std::vector<JobSnapshot> jobs() const;
    // Asks a job to stop: a queued job is cancelled at once, a running one when its work sees
    // the token. False when the id is unknown or the job already finished.
    bool cancel(JobId id);
    void cancelAll();
    // Forgets a finished job (calls its discard). False when unknown or not finished.
    bool remove(JobId id);
    // Forgets every finished job.
    void clearFinished();
    // Blocks until the job finished (and listeners heard of it) or the timeout passed; returns
    // its snapshot (nullopt when unknown).
    std::optional<JobSnapshot> wait(JobId id, std::chrono::milliseconds timeout);

    // Listeners hear of every change (submit, start, progress, finish, removal is not reported).
    int addListener(Listener listener);
    void removeListener(int token);

    int threadCount() const noexcept { return int(workers_.size()); }
    std::size_t historyLimit() const noexcept { return historyLimit_; }

  private:
    struct Record;
    class Context;
    void workerLoop();
    void run(const std::shared_ptr<Record>& record);
    void notify(const JobSnapshot& snapshot);
    // Marks a finished job as reported (listeners and discards ran) and wakes wait().
    void settle(const std::shared_ptr<Record>& record);
    // Under lock: drops finished jobs beyond the history limit; returns them for discard.
    std::vector<std::shared_ptr<Record>> trimLocked();
    static void discard(const std::vector<std::shared_ptr<Record>>& records);

    mutable std::mutex mutex_;
    std::condition_variable wake_;     // workers: a job was queued or stop
    std::condition_variable changed_;  // wait(): a job finished
    std::map<JobId, std::shared_ptr<Record>> records_;
    std::deque<std::shared_ptr<Record>> pending_;
    JobId nextId_ = 1;
    bool stopping_ = false;
    std::size_t historyLimit_;

    std::mutex listenersMutex_;
    std::map<int, std::shared_ptr<Listener>> listeners_;
    int nextListener_ = 1;

    std::vector<std::thread> workers_;
};

}  // namespace tessera
