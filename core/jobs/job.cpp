#include "jobs/job.h"

#include <algorithm>

#include "util/i18n.h"

namespace tessera {

const char* jobStateName(JobState state) noexcept {
    switch (state) {
        case JobState::Queued:
            return "queued";
        case JobState::Running:
            return "running";
        case JobState::Done:
            return "done";
        case JobState::Failed:
            return "failed";
        case JobState::Cancelled:
            return "cancelled";
    }
    return "unknown";
}

std::string jobStateLabel(JobState state) {
    switch (state) {
        case JobState::Queued:
            return trc("Jobs", "Queued");
        case JobState::Running:
            return trc("Jobs", "Running");
        case JobState::Done:
            return trc("Jobs", "Done");
        case JobState::Failed:
            return trc("Jobs", "Failed");
        case JobState::Cancelled:
            return trc("Jobs", "Cancelled");
    }
    return {};
}

bool isFinished(JobState state) noexcept {
    return state == JobState::Done || state == JobState::Failed || state == JobState::Cancelled;
}

std::function<bool(double)> JobContext::progressCallback(double from, double to) {
    return [this, from, to](double f) {
        setProgress(from + (to - from) * std::clamp(f, 0.0, 1.0));
        return !cancelled();
    };
}

}  // namespace tessera
