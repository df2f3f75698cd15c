#include "probe/probe_verdict.h"

#include <cmath>
#include <csignal>
#include <cstring>

#include "util/i18n.h"

namespace tessera {

namespace {

struct StatusName {
    ProbeStatus status;
    const char* name;
};

constexpr StatusName kStatusNames[] = {
    {ProbeStatus::Ok, "ok"},
    {ProbeStatus::Error, "error"},
    {ProbeStatus::Crashed, "crashed"},
    {ProbeStatus::Timeout, "timeout"},
    {ProbeStatus::OutOfMemory, "out-of-memory"},
    {ProbeStatus::Unavailable, "unavailable"},
};

struct KindName {
    ErrorKind kind;
    const char* name;
};

constexpr KindName kKindNames[] = {
    {ErrorKind::NotFound, "not-found"},
    {ErrorKind::BadRequest, "bad-request"},
    {ErrorKind::Unsupported, "unsupported"},
    {ErrorKind::IO, "io"},
    {ErrorKind::Internal, "internal"},
    {ErrorKind::TooLarge, "too-large"},
    {ErrorKind::Busy, "busy"},
    {ErrorKind::Cancelled, "cancelled"},
    {ErrorKind::Unsafe, "unsafe"},
};

const char* kindName(ErrorKind kind) {
    for (const KindName& k : kKindNames)
        if (k.kind == kind) return k.name;
    return "internal";
}

ErrorKind kindFromName(const std::string& name) {
    for (const KindName& k : kKindNames)
        if (name == k.name) return k.kind;
    return ErrorKind::Internal;
}

std::string signalText(int sig) {
    const char* abbrev = sigabbrev_np(sig);
    const char* what = sigdescr_np(sig);
    std::string s = abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
    if (what) {
        std::string w = what;
        if (!w.empty()) w[0] = char(std::tolower(static_cast<unsigned char>(w[0])));
        s += ", " + w;
    }
    return s;
}

std::string secondsText(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", std::round(s * 10) / 10);
    return buf;
}

std::string bytesText(double bytes) {
    char buf[32];
    if (bytes >= double(1ULL << 30))
        std::snprintf(buf, sizeof buf, "%g GiB", std::round(bytes / double(1ULL << 30) * 10) / 10);
    else
        std::snprintf(buf, sizeof buf, "%g MiB", std::round(bytes / double(1ULL << 20)));
    return buf;
}

}  // namespace

bool ProbeVerdict::persistent() const noexcept {
    switch (status) {
        case ProbeStatus::Ok:
        case ProbeStatus::Crashed:
        case ProbeStatus::OutOfMemory:
            return true;
        case ProbeStatus::Timeout:
            return !wall;
        case ProbeStatus::Error:
            return errorKind != ErrorKind::IO && errorKind != ErrorKind::Busy &&
                   errorKind != ErrorKind::Cancelled && errorKind != ErrorKind::Internal;
        case ProbeStatus::Unavailable:
            return false;
    }
    return false;
}

const char* probeStatusName(ProbeStatus status) noexcept {
    for (const StatusName& s : kStatusNames)
        if (s.status == status) return s.name;
    return "unavailable";
}

std::optional<ProbeStatus> probeStatusFromName(const std::string& name) noexcept {
    for (const StatusName& s : kStatusNames)
        if (name == s.name) return s.status;
    return std::nullopt;
}

nlohmann::json toJson(const ProbeVerdict& v) {
    nlohmann::json j = {{"status", probeStatusName(v.status)}};
    if (v.status == ProbeStatus::Error) j["kind"] = kindName(v.errorKind);
    if (!v.message.empty()) j["message"] = v.message;
    if (v.signal) j["signal"] = v.signal;
    if (v.status == ProbeStatus::Timeout) j["wall"] = v.wall;
    if (v.partial) j["partial"] = true;
    if (v.limit > 0) j["limit"] = v.limit;
    j["seconds"] = std::round(v.seconds * 1000) / 1000;
    return j;
}

std::optional<ProbeVerdict> probeVerdictFromJson(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("status") || !j["status"].is_string()) return std::nullopt;
    const auto status = probeStatusFromName(j["status"].get<std::string>());
    if (!status) return std::nullopt;
    ProbeVerdict v;
    v.status = *status;
    auto str = [&](const char* key) {
        return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
    };
    auto num = [&](const char* key) {
        return j.contains(key) && j[key].is_number() ? j[key].get<double>() : 0.0;
    };
    v.errorKind = kindFromName(str("kind"));
    v.message = str("message");
    v.signal = int(num("signal"));
    v.wall = j.contains("wall") && j["wall"].is_boolean() && j["wall"].get<bool>();
    v.partial = j.contains("partial") && j["partial"].is_boolean() && j["partial"].get<bool>();
    v.seconds = num("seconds");
    v.limit = num("limit");
    return v;
}

std::string unsafeReason(const ProbeVerdict& v) {
    switch (v.status) {
        case ProbeStatus::Crashed:
            if (v.signal) return trf("Probe", "the reader crashed (%1)", signalText(v.signal));
            return trf("Probe", "the reader ended the process without an answer (%1)",
                       v.message.empty() ? trc("Probe", "no message") : v.message);
        case ProbeStatus::Timeout:
            if (v.wall)
                return trf("Probe", "reading it took longer than %1 s", secondsText(v.limit));
            return trf("Probe", "reading it used more than %1 s of processor time",
                       secondsText(v.limit));
        case ProbeStatus::OutOfMemory:
            if (v.limit > 0)
                return trf("Probe", "reading it needed more than %1 of memory", bytesText(v.limit));
            return trc("Probe", "reading it ran out of memory");
        case ProbeStatus::Ok:
        case ProbeStatus::Error:
        case ProbeStatus::Unavailable:
            break;
    }
    return v.message;
}

Error unsafeError(const ProbeVerdict& verdict) {
    return Error(ErrorKind::Unsafe,
                 trf("Probe", "this file could not be read safely: %1", unsafeReason(verdict)));
}

}  // namespace tessera
