// JobQueue: runs jobs (job.h) in submission order on its own worker threads, with cooperative
// cancel, change listeners, a bounded history of finished jobs and, optionally, bounds on the
// queued + running jobs and on the result files kept (count and bytes; the oldest results expire
// first). Job results go in the queue's private directory (mkdtemp, 0700), removed with the
// queue. Used by the viewer (exports, conversions), the server (region jobs over HTTP) and the
// library (sync, pre-cache).
// Thread safety: every member may be called from any thread. Listeners run on the thread that
// caused the change (a worker or the caller of submit/cancel), never under the queue's lock; a
// GUI marshals to its own thread (QMetaObject::invokeMethod). The destructor cancels running
// jobs and waits for them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "jobs/job.h"
#include "jobs/private_directory.h"

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
    // submit() unless maxActive jobs are already queued or running (checked and queued under one
    // lock); nullopt then, and nothing is queued.
    std::optional<JobId> trySubmit(JobSpec spec, std::size_t maxActive);
    // Queued + running jobs.
    std::size_t activeCount() const;

    // Finished jobs with a result file keep it while there are at most maxResults of them and
    // their files take at most maxBytes together; beyond that the oldest results expire (their
    // discard runs, JobSnapshot::expired is set). Applies at once and after every job.
    // Default: no limit.
    void setResultLimits(std::size_t maxResults, std::uint64_t maxBytes);

    // A directory only this process can use (mkdtemp, mode 0700), made on first use, removed
    // with everything in it when the queue is destroyed (after its jobs stopped). Throws
    // Error(IO) when it cannot be made.
    std::string resultDirectory();
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
    // What trimLocked let go: discards to run and expired jobs to report, outside the lock.
    struct Released {
        std::vector<std::pair<std::shared_ptr<Record>, JobSnapshot>> discards;
        std::vector<JobSnapshot> expired;
    };
    // Under lock: drops finished jobs beyond the history limit and expires results beyond the
    // result limits.
    Released trimLocked();
    // Under lock: marks a record's result as let go; adds its discard (once per record).
    static void releaseLocked(const std::shared_ptr<Record>& record, Released& out);
    // Outside the lock: runs the discards and tells listeners of expired results.
    void finishRelease(const Released& released);

    mutable std::mutex mutex_;
    std::condition_variable wake_;     // workers: a job was queued or stop
    std::condition_variable changed_;  // wait(): a job finished
    std::map<JobId, std::shared_ptr<Record>> records_;
    std::deque<std::shared_ptr<Record>> pending_;
    JobId nextId_ = 1;
    bool stopping_ = false;
    std::size_t historyLimit_;
    std::size_t maxResults_ = std::size_t(-1);
    std::uint64_t maxResultBytes_ = std::uint64_t(-1);
    std::unique_ptr<PrivateDirectory> resultDir_;  // guarded by mutex_; removed last

    std::mutex listenersMutex_;
    std::map<int, std::shared_ptr<Listener>> listeners_;
    int nextListener_ = 1;

    std::vector<std::thread> workers_;
};

}  // namespace tessera
