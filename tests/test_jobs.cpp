// The job queue: submission order, progress listeners, cooperative cancel (queued and running),
// failure messages, bounded history with discard, and many jobs on several workers at once.
#include <QtTest>
#include <atomic>
#include <mutex>
#include <thread>

#include "jobs/job_queue.h"
#include "util/error.h"

using namespace tessera;
using namespace std::chrono_literals;

class TestJobs : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void orderOnOneWorker() {
        JobQueue q(1);
        std::mutex m;
        std::vector<int> order;
        std::vector<JobId> ids;
        for (int i = 0; i < 8; ++i)
            ids.push_back(q.submit({"job " + std::to_string(i), "test", [&, i](JobContext&) {
                                        std::lock_guard l(m);
                                        order.push_back(i);
                                        return std::string();
                                    }}));
        for (JobId id : ids) QCOMPARE(q.wait(id, 10s)->state, JobState::Done);
        QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
        for (std::size_t i = 1; i < ids.size(); ++i) QVERIFY(ids[i] > ids[i - 1]);
        const auto all = q.jobs();
        QCOMPARE(all.size(), std::size_t(8));
        QCOMPARE(all.front().title, std::string("job 0"));
        QCOMPARE(all.front().progress, 1.0);
    }

    void progressListeners() {
        JobQueue q(1);
        std::mutex m;
        std::vector<JobSnapshot> seen;
        const int token = q.addListener([&](const JobSnapshot& s) {
            std::lock_guard l(m);
            seen.push_back(s);
        });
        const JobId id = q.submit({"progress", "test", [](JobContext& ctx) {
                                       for (int i = 0; i <= 100; ++i) ctx.setProgress(i / 100.0);
                                       ctx.setProgress(0.5, "half");  // message change: reported
                                       return std::string("/tmp/result.bin");
                                   }});
        const auto done = q.wait(id, 10s);
        QCOMPARE(done->state, JobState::Done);
        QCOMPARE(done->resultPath, std::string("/tmp/result.bin"));
        q.removeListener(token);
        std::lock_guard l(m);
        QVERIFY(seen.size() >= 4);
        QCOMPARE(seen.front().state, JobState::Queued);
        QCOMPARE(seen.back().state, JobState::Done);
        QCOMPARE(seen.back().progress, 1.0);
        QVERIFY(seen.back().version > seen.front().version);
        double last = -1;
        bool sawRunning = false, sawHalf = false;
        for (const auto& s : seen) {
            if (s.state == JobState::Running) {
                sawRunning = true;
                if (s.message == "half")
                    sawHalf = true;
                else
                    QVERIFY(s.progress >= last);
                last = s.progress;
            }
        }
        QVERIFY(sawRunning);
        QVERIFY(sawHalf);
        // Throttled: 101 progress steps give far fewer notifications than 101 per 1 %.
        QVERIFY(seen.size() < 110);
    }

    void cancelRunningAndQueued() {
        JobQueue q(1);
        std::atomic<bool> started{false};
        std::atomic<bool> cleaned{false};
        const JobId running = q.submit({"long", "test", [&](JobContext& ctx) {
                                            started = true;
                                            while (true) {
                                                ctx.throwIfCancelled();
                                                std::this_thread::sleep_for(1ms);
                                            }
                                            return std::string();
                                        }});
        std::atomic<bool> queuedRan{false};
        const JobId queued = q.submit({"queued", "test", [&](JobContext&) {
                                           queuedRan = true;
                                           return std::string();
                                       }});
        QTRY_VERIFY(started.load());
        QCOMPARE(q.job(queued)->state, JobState::Queued);
        QVERIFY(q.cancel(queued));
        QCOMPARE(q.job(queued)->state, JobState::Cancelled);
        QVERIFY(q.cancel(running));
        const auto r = q.wait(running, 10s);
        QCOMPARE(r->state, JobState::Cancelled);
        QVERIFY(r->resultPath.empty());
        QVERIFY(!queuedRan.load());
        QVERIFY(!q.cancel(running));  // already finished
        QVERIFY(!q.cancel(12345));    // unknown
        (void)cleaned;
        // A job that notices the cancel through its progress callback and returns.
        const JobId viaCallback = q.submit({"callback", "test", [](JobContext& ctx) {
                                                auto cb = ctx.progressCallback();
                                                for (int i = 0; i < 100000; ++i) {
                                                    if (!cb(i / 100000.0)) return std::string("x");
                                                    std::this_thread::sleep_for(100us);
                                                }
                                                return std::string("x");
                                            }});
        QTRY_VERIFY(q.job(viaCallback)->state == JobState::Running);
        q.cancel(viaCallback);
        QCOMPARE(q.wait(viaCallback, 10s)->state, JobState::Cancelled);
    }

    void failureMessages() {
        JobQueue q(2);
        const JobId a = q.submit({"fails", "test", [](JobContext&) -> std::string {
                                      throw Error(ErrorKind::NotFound, "no such file: x.tif");
                                  }});
        const JobId b = q.submit({"throws", "test", [](JobContext&) -> std::string {
                                      throw std::runtime_error("boom");
                                  }});
        const auto ra = q.wait(a, 10s);
        const auto rb = q.wait(b, 10s);
        QCOMPARE(ra->state, JobState::Failed);
        QCOMPARE(ra->error, std::string("no such file: x.tif"));
        QCOMPARE(ra->message, std::string("no such file: x.tif"));
        QCOMPARE(rb->state, JobState::Failed);
        QCOMPARE(rb->error, std::string("boom"));
        QVERIFY_THROWS_EXCEPTION(Error, q.submit({"empty", "test", {}}));
        QCOMPARE(std::string(jobStateName(JobState::Failed)), std::string("failed"));
    }

    void boundedHistory() {
        std::atomic<int> discarded{0};
        {
            JobQueue q(1, 3);
            std::vector<JobId> ids;
            for (int i = 0; i < 6; ++i) {
                JobSpec s{"h", "test", [](JobContext&) { return std::string(); }};
                s.discard = [&](const JobSnapshot&) { ++discarded; };
                ids.push_back(q.submit(std::move(s)));
                q.wait(ids.back(), 10s);
            }
            QCOMPARE(q.jobs().size(), std::size_t(3));
            QCOMPARE(discarded.load(), 3);
            QVERIFY(!q.job(ids[0]));
            QVERIFY(q.job(ids[5]));
            QVERIFY(q.remove(ids[5]));
            QCOMPARE(discarded.load(), 4);
        }
        QCOMPARE(discarded.load(), 6);  // the destructor discards the rest
    }

    void manyConcurrent() {
        JobQueue q(4);
        QCOMPARE(q.threadCount(), 4);
        std::atomic<int> active{0}, maxActive{0}, sum{0};
        std::atomic<int> notifications{0};
        q.addListener([&](const JobSnapshot&) { ++notifications; });
        std::vector<JobId> ids;
        for (int i = 0; i < 200; ++i)
            ids.push_back(q.submit({"n", "test", [&, i](JobContext& ctx) {
                                        const int now = ++active;
                                        int m = maxActive.load();
                                        while (now > m &&
                                               !maxActive.compare_exchange_weak(m, now)) {
                                        }
                                        ctx.setProgress(0.5);
                                        std::this_thread::sleep_for(200us);
                                        sum += i;
                                        --active;
                                        return std::to_string(i);
                                    }}));
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const auto s = q.wait(ids[i], 30s);
            QCOMPARE(s->state, JobState::Done);
            QCOMPARE(s->resultPath, std::to_string(i));
        }
        QCOMPARE(sum.load(), 199 * 200 / 2);
        QVERIFY(maxActive.load() <= 4);
        QVERIFY(maxActive.load() >= 2);
        QVERIFY(notifications.load() >= 200 * 3);
    }

    void destructorCancelsRunning() {
        std::atomic<bool> started{false};
        auto q = std::make_unique<JobQueue>(1);
        q->submit({"forever", "test", [&](JobContext& ctx) {
                       started = true;
                       while (!ctx.cancelled()) std::this_thread::sleep_for(1ms);
                       return std::string();
                   }});
        QTRY_VERIFY(started.load());
        q.reset();  // must not hang
    }
};

QTEST_GUILESS_MAIN(TestJobs)
#include "test_jobs.moc"
