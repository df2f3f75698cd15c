// Job routes: large region requests run as jobs on the server's JobQueue (ApiState::jobs()):
// POST {image}/jobs/region (202 + job; 429 + Retry-After beyond max-jobs queued or running),
// GET /api/jobs, GET /api/jobs/{job} (state, progress), GET /api/jobs/{job}/result (the file;
// 409 until done, 410 once it expired), DELETE /api/jobs/{job} (cancel, or forget a finished job
// and its file). Results live in the queue's private directory (mkdtemp, 0700) and are kept
// within max-job-results and max-job-result-bytes, the oldest expiring first.
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

#include "formats/service_config.h"
#include "http/region_params.h"
#include "http/route_context.h"
#include "http/routes.h"
#include "jobs/job_queue.h"
#include "service/engine.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/i18n.h"

namespace tessera::http {

namespace {

const std::vector<std::string> kJson = {"application/json"};

ParamSpec q(const char* name, ParamType type, const char* def, const char* description,
            bool required = false) {
    return {name, ParamIn::Query, type, def, description, required, {}};
}

ParamSpec jobParam() {
    return {"job", ParamIn::Path, ParamType::Integer, "", "Job id.", true, {}};
}

std::vector<ParamSpec> concat(std::initializer_list<std::vector<ParamSpec>> lists) {
    std::vector<ParamSpec> out;
    for (const auto& l : lists) out.insert(out.end(), l.begin(), l.end());
    return out;
}

std::string isoTime(std::chrono::system_clock::time_point t) {
    if (t.time_since_epoch().count() == 0) return {};
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(Qt::ISODateWithMs)
        .toStdString();
}

nlohmann::json jobJson(const JobSnapshot& s) {
    nlohmann::json j = {{"id", s.id},
                        {"title", s.title},
                        {"kind", s.kind},
                        {"state", s.expired ? "expired" : jobStateName(s.state)},
                        {"progress", s.progress},
                        {"message", s.message},
                        {"created", isoTime(s.created)},
                        {"started", isoTime(s.started)},
                        {"finished", isoTime(s.finished)},
                        {"url", "/api/jobs/" + std::to_string(s.id)}};
    if (s.state == JobState::Done && !s.expired) {
        j["result"] = "/api/jobs/" + std::to_string(s.id) + "/result";
        j["resultBytes"] = s.resultBytes;
    }
    if (s.state == JobState::Failed) j["error"] = s.error;
    return j;
}

JobId jobId(RouteContext& c) {
    const int id = c.integer("job");
    if (id <= 0) fail(ErrorKind::NotFound, trc("Http", "No such job."));
    return JobId(id);
}

JobSnapshot findJob(RouteContext& c) {
    auto s = c.api.jobs().job(jobId(c));
    if (!s) fail(ErrorKind::NotFound, trc("Http", "No such job."));
    return *s;
}

// 429 with Retry-After: the queue holds max-jobs queued or running jobs.
HttpResponse queueFull(const ServerLimits& limits) {
    HttpResponse r = HttpResponse::error(
        429, trf("Http",
                 "%1 jobs are already queued or running, this server's limit; try again when one "
                 "has finished.",
                 std::to_string(limits.maxJobs)));
    r.setHeader("Retry-After",
                QByteArray::number(std::max<long long>(limits.retryAfterSeconds, 5)));
    return r;
}

}  // namespace

void addJobRoutes(RouteTable& t) {
    t.add({.method = "POST",
           .pattern = "jobs/region",
           .perImage = true,
           .summary = "Region as a job",
           .description = "The parameters of data/region (fmt: any writable format) rendered on "
                          "the job queue: 202 with the job; poll /api/jobs/{job}, download "
                          "/api/jobs/{job}/result. 429 (Retry-After) while max-jobs jobs are "
                          "queued or running.",
           .tag = "jobs",
           .params = concat({{q("fmt", ParamType::String, "tiff",
                                "Output format: any writable entry of the formats registry "
                                "(extension, driver or MIME type), as data/region.{fmt}.")},
                             regionQueryParams(),
                             imageParams(),
                             styleParams()}),
           .produces = kJson,
           .handler = [](RouteContext& c) {
               const RegionRequest r = regionRequest(c, c.string("fmt"));
               // Unknown or read-only formats are a 400 now, not a failed job later.
               const std::string extension =
                   ServiceConfig::current()->formats.requireWritable(r.format).extension;
               Engine* engine = &c.api.engine();
               auto enginePtr = c.api.enginePtr();  // keeps the engine alive for the job
               const ServerLimits& limits = c.api.limits();
               JobQueue& queue = c.api.jobs();
               queue.setResultLimits(std::size_t(std::max(0LL, limits.maxJobResults)),
                                     std::uint64_t(std::max(0LL, limits.maxJobResultBytes)));
               const std::string dir = queue.resultDirectory();  // private, removed with it
               JobSpec spec;
               spec.title = trf("Http", "Region of %1", c.image->name);
               spec.kind = "region";
               spec.work = [engine, enginePtr, r, extension, dir](JobContext& ctx) {
                   ctx.setProgress(0.0, trc("Http", "Rendering the region"));
                   const Encoded e = engine->region(r);
                   ctx.throwIfCancelled();
                   ctx.setProgress(0.9, trc("Http", "Writing the file"));
                   const std::string path =
                       dir + "/job-" + std::to_string(ctx.id()) + "." +
                       (e.mimeType == "application/zip" ? std::string("zip") : extension);
                   writeFileAtomically(path, *e.bytes);
                   ctx.setResultType(e.mimeType);
                   return path;
               };
               spec.discard = [](const JobSnapshot& s) {
                   if (!s.resultPath.empty()) QFile::remove(QString::fromStdString(s.resultPath));
               };
               const auto id =
                   queue.trySubmit(std::move(spec), std::size_t(std::max(0LL, limits.maxJobs)));
               if (!id) return queueFull(limits);
               HttpResponse resp = HttpResponse::json(jobJson(*queue.job(*id)), 202);
               resp.setHeader("Location",
                              QByteArray::fromStdString("/api/jobs/" + std::to_string(*id)));
               return resp;
           }});
    t.add({.pattern = "/api/jobs",
           .summary = "All jobs",
           .description = "Queued, running and recently finished jobs, oldest first.",
           .tag = "jobs",
           .produces = kJson,
           .work = Work::Inline,
           .handler = [](RouteContext& c) {
               nlohmann::json a = nlohmann::json::array();
               for (const auto& s : c.api.jobs().jobs()) a.push_back(jobJson(s));
               return HttpResponse::json(a);
           }});
    t.add({.pattern = "/api/jobs/{job}",
           .summary = "One job",
           .description = "{id, title, kind, state (queued, running, done, failed, cancelled), "
                          "progress 0..1, message, result (when done), error (when failed)}.",
           .tag = "jobs",
           .params = {jobParam()},
           .produces = kJson,
           .work = Work::Inline,
           .handler = [](RouteContext& c) { return HttpResponse::json(jobJson(findJob(c))); }});
    t.add({.pattern = "/api/jobs/{job}/result",
           .summary = "A job's result file",
           .description = "The file a finished job produced; 409 while it is queued or running, "
                          "or when it failed or was cancelled; 410 when it expired (the server "
                          "keeps the newest max-job-results results, max-job-result-bytes in "
                          "all).",
           .tag = "jobs",
           .params = {jobParam()},
           .produces = {"image/tiff", "image/png", "image/jpeg", "image/webp"},
           .handler = [](RouteContext& c) {
               const JobSnapshot s = findJob(c);
               if (s.expired)
                   return HttpResponse::error(
                       410, trc("Http",
                                "The job's result expired: the server keeps only the newest "
                                "results. Submit the job again."));
               if (s.state != JobState::Done)
                   return HttpResponse::error(409, s.state == JobState::Failed
                                                       ? trf("Http", "The job failed: %1", s.error)
                                                       : trf("Http", "The job is %1.",
                                                             std::string(jobStateName(s.state))));
               QFile f(QString::fromStdString(s.resultPath));
               if (s.resultPath.empty() || !f.open(QIODevice::ReadOnly))
                   fail(ErrorKind::NotFound, trc("Http", "The job's result is gone."));
               HttpResponse r = HttpResponse::bytes(
                   f.readAll(),
                   QByteArray::fromStdString(s.resultType.empty() ? "application/octet-stream"
                                                                  : s.resultType));
               const QString name = QFileInfo(f.fileName()).fileName();
               r.setHeader("Content-Disposition", "attachment; filename=\"" + name.toUtf8() + "\"");
               return r;
           }});
    t.add({.method = "DELETE",
           .pattern = "/api/jobs/{job}",
           .summary = "Cancel a job",
           .description = "Cancels a queued or running job (202, the job as it is now); a "
                          "finished job is forgotten and its file deleted (200).",
           .tag = "jobs",
           .params = {jobParam()},
           .produces = kJson,  // on a worker: removing a result deletes its file
           .handler = [](RouteContext& c) {
               const JobSnapshot s = findJob(c);
               if (isFinished(s.state)) {
                   c.api.jobs().remove(s.id);
                   return HttpResponse::json(jobJson(s));
               }
               c.api.jobs().cancel(s.id);
               auto now = c.api.jobs().job(s.id);
               return HttpResponse::json(jobJson(now ? *now : s), 202);
           }});
}

}  // namespace tessera::http
