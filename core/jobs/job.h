// A job: one long-running piece of work (conversion, export, region render, sync...) with an
// id, a title, a kind, a state, a progress fraction, a message and a result (a file) or an error.
// Thread safety: JobSnapshot is a plain value; JobContext is called by the one worker running
// the job and its cancelled() may be read from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace tessera {

using JobId = std::uint64_t;

enum class JobState { Queued, Running, Done, Failed, Cancelled };

// "queued", "running", "done", "failed", "cancelled" (stable names for JSON and logs).
const char* jobStateName(JobState state) noexcept;
// Translated name for people.
std::string jobStateLabel(JobState state);
bool isFinished(JobState state) noexcept;

// What a job looks like at one moment; listeners and list() hand these out.
struct JobSnapshot {
    JobId id = 0;
    std::string title;
    std::string kind;  // "convert", "region", "thumbnail", ... (free-form, for filtering)
    JobState state = JobState::Queued;
    double progress = 0.0;          // 0..1
    std::string message;            // the current step or the final outcome, for people
    std::string resultPath;         // the file the job produced (Done), "" when none
    std::string error;              // why it failed (Failed)
    std::string resultType;         // MIME type of the result file, "" when unknown
    std::uint64_t resultBytes = 0;  // size of the result file (Done), 0 when none
    // Done, but its result file was deleted to keep the queue's result limits (resultPath is
    // then empty): the job is still listed, its result is gone.
    bool expired = false;
    std::chrono::system_clock::time_point created{}, started{}, finished{};
    // Grows with every change of the job: listeners on other threads may receive snapshots out
    // of order and keep the one with the highest version.
    std::uint64_t version = 0;
};

// Thrown by JobContext::throwIfCancelled(); the queue records the job as cancelled.
struct JobCancelled {};

// What a running job's work function sees: the cooperative cancel token and progress reports.
class JobContext {
  public:
    virtual ~JobContext() = default;
    virtual JobId id() const noexcept = 0;
    // True once cancel() was asked; the work should stop soon and leave nothing behind.
    virtual bool cancelled() const noexcept = 0;
    // Reports progress (clamped to 0..1) and optionally a new message. Cheap to call often:
    // listeners hear of it only when it changed visibly.
    virtual void setProgress(double fraction, const std::string& message = {}) = 0;
    // Sets the MIME type of the result file (for HTTP downloads).
    virtual void setResultType(const std::string& mimeType) = 0;
    void throwIfCancelled() const {
        if (cancelled()) throw JobCancelled{};
    }
    // A progress callback for APIs taking bool(double): reports and returns !cancelled().
    std::function<bool(double)> progressCallback(double from = 0.0, double to = 1.0);
};

// The work of a job: returns the result path ("" for none); throws tessera::Error (or any
// exception) on failure, JobCancelled when it stopped because of a cancel.
using JobWork = std::function<std::string(JobContext&)>;

struct JobSpec {
    std::string title;
    std::string kind;
    JobWork work;
    // Called once when the job's result is let go — its result expired (JobQueue result limits),
    // the job left the history (evicted or removed) or the queue was destroyed — e.g. to delete
    // a temporary result file. May be empty.
    std::function<void(const JobSnapshot&)> discard{};
};

}  // namespace tessera
