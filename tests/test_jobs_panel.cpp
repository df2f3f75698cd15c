// The viewer's Jobs dock and Convert to COG dialog (offscreen): jobs appear with their
// progress and state, Cancel stops a running job, the dialog's conversion runs as a job and
// writes a valid COG, and exports (ExportTask) go through the viewer's job queue.
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QtTest>
#include <atomic>
#include <thread>

#include "cog/cog_validate.h"
#include "cog_convert_dialog.h"
#include "export_job.h"
#include "jobs_panel.h"
#include "support/fixtures.h"

using namespace tessera;
using namespace tessera::ui;
using namespace std::chrono_literals;

class TestJobsPanel : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void showsProgressAndCancels() {
        JobQueue queue(1);
        JobsPanel panel(queue);
        std::atomic<bool> halfway{false};
        const JobId id = queue.submit({"slow job", "test", [&](JobContext& ctx) {
                                           ctx.setProgress(0.5, "half");
                                           halfway = true;
                                           while (!ctx.cancelled())
                                               std::this_thread::sleep_for(1ms);
                                           throw JobCancelled{};
                                           return std::string();
                                       }});
        QTRY_VERIFY(panel.itemFor(id));
        QTreeWidgetItem* item = panel.itemFor(id);
        QCOMPARE(item->text(0), QStringLiteral("slow job"));
        auto* bar = qobject_cast<QProgressBar*>(panel.list()->itemWidget(item, 1));
        QVERIFY(bar);
        QTRY_VERIFY(halfway.load());
        QTRY_COMPARE(bar->value(), 500);
        QCOMPARE(item->text(2), QStringLiteral("Running"));
        auto* cancel =
            panel.list()->itemWidget(item, 3)->findChild<QPushButton*>(QStringLiteral("cancel"));
        QVERIFY(cancel);
        cancel->click();
        QTRY_COMPARE(item->text(2), QStringLiteral("Cancelled"));
        QCOMPARE(queue.job(id)->state, JobState::Cancelled);
    }

    void convertDialogRunsAJob() {
        const std::string dir = test::tempDir();
        test::FixtureSpec s;
        s.format = "GTiff";
        s.tiled = false;
        s.overviews = false;
        const std::string in = test::writeFixture(dir + "/in.tif", s);
        JobsPanel panel(viewerJobQueue());
        CogConvertDialog dialog(QString::fromStdString(in));
        QCOMPARE(dialog.outputPath(), QString::fromStdString(dir + "/in_cog.tif"));
        QCOMPARE(dialog.options().compression, std::string("DEFLATE"));
        QCOMPARE(dialog.options().blockSize, 512);
        const JobId id = dialog.submit();
        const auto done = viewerJobQueue().wait(id, 60s);
        QVERIFY(done);
        QCOMPARE(done->state, JobState::Done);
        QCOMPARE(done->resultPath, dir + "/in_cog.tif");
        QVERIFY(validateCog(done->resultPath).valid);
        QTRY_VERIFY(panel.itemFor(id));
        QTRY_COMPARE(panel.itemFor(id)->text(2), QStringLiteral("Done"));
        auto* show = panel.list()
                         ->itemWidget(panel.itemFor(id), 3)
                         ->findChild<QPushButton*>(QStringLiteral("show"));
        QTRY_VERIFY(show && !show->isHidden());
    }

    void exportTaskUsesTheQueue() {
        const std::string path = test::tempDir() + "/export.bin";
        ExportTask task;
        QSignalSpy finished(&task, &ExportTask::finished);
        const std::size_t before = viewerJobQueue().jobs().size();
        task.start([] { return Bytes{1, 2, 3}; }, QString::fromStdString(path));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(QFile::exists(QString::fromStdString(path)));
        const auto jobs = viewerJobQueue().jobs();
        QCOMPARE(jobs.size(), before + 1);
        QCOMPARE(jobs.back().kind, std::string("export"));
        QCOMPARE(jobs.back().state, JobState::Done);
    }
};

QTEST_MAIN(TestJobsPanel)
#include "test_jobs_panel.moc"
