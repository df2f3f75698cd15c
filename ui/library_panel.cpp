#include "library_panel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "jobs/job_queue.h"
#include "library/library_db.h"
#include "library/library_jobs.h"

namespace tessera::ui {

namespace {

constexpr int kIconSize = 128;
constexpr int kMaxRows = 5000;

QString humanSize(std::int64_t bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

// ---- model ----

LibraryModel::LibraryModel(QObject* parent) : QAbstractListModel(parent) {}

int LibraryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

const LibraryModel::Row* LibraryModel::row(int i) const {
    return i >= 0 && i < int(rows_.size()) ? &rows_[std::size_t(i)] : nullptr;
}

void LibraryModel::setRows(std::vector<Row> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

QVariant LibraryModel::data(const QModelIndex& index, int role) const {
    const Row* r = row(index.row());
    if (!r) return {};
    const LibraryImage& img = r->image;
    switch (role) {
        case Qt::DisplayRole:
            return q(img.name) + QLatin1Char('\n') + humanSize(img.size);
        case Qt::DecorationRole: {
            if (img.state != "ok")
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            if (!r->thumbnail.isNull()) return r->thumbnail;
            return QApplication::style()->standardIcon(QStyle::SP_FileIcon);
        }
        case Qt::ToolTipRole: {
            QString tip = QStringLiteral("<b>%1</b><br>%2")
                              .arg(q(img.name).toHtmlEscaped(), q(img.path).toHtmlEscaped());
            if (img.state == "ok")
                tip += QStringLiteral("<br>") + LibraryPanel::tr("%1 × %2, %3 band(s) %4, %5")
                                                    .arg(img.width)
                                                    .arg(img.height)
                                                    .arg(img.bands)
                                                    .arg(q(img.dtype), q(img.format));
            tip += QStringLiteral("<br>") + humanSize(img.size);
            if (img.geospatial) tip += QStringLiteral("<br>") + LibraryPanel::tr("Georeferenced");
            tip += QStringLiteral("<br>") +
                   LibraryPanel::tr("Last sync: %1")
                       .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(img.lastSync),
                                               QLocale::ShortFormat));
            if (img.state != "ok")
                tip += QStringLiteral("<br><font color='#c00'>") +
                       LibraryPanel::tr("Cannot be read: %1").arg(q(img.error).toHtmlEscaped()) +
                       QStringLiteral("</font>");
            else if (!img.hasThumbnail)
                tip += QStringLiteral("<br>") + LibraryPanel::tr("No thumbnail yet");
            return tip;
        }
        case Qt::ForegroundRole:
            if (img.state != "ok") return QColor(0xc0, 0x00, 0x00);
            return {};
        case Qt::SizeHintRole:  // one cell size for every item (the grid uses uniform sizes)
            return QSize(kIconSize + 20, kIconSize + 40);
        case Qt::TextAlignmentRole:
            return int(Qt::AlignHCenter | Qt::AlignTop);
        case PathRole:
            return q(img.path);
        case IdRole:
            return qlonglong(img.id);
        case StateRole:
            return q(img.state);
        default:
            return {};
    }
}

// ---- panel ----

LibraryPanel::LibraryPanel(QWidget* parent, const QString& dbPath)
    : QWidget(parent), model_(new LibraryModel(this)), jobs_(std::make_unique<JobQueue>(1, 20)) {
    QPointer<LibraryPanel> self(this);
    jobs_->addListener([self](const JobSnapshot& s) {
        QMetaObject::invokeMethod(
            qApp,
            [self, s] {
                if (self) self->jobChanged(s);
            },
            Qt::QueuedConnection);
    });
    try {
        store_ = std::make_shared<LibraryStore>(dbPath.isEmpty() ? LibraryDb::defaultPath()
                                                                 : dbPath.toStdString());
    } catch (const std::exception& e) {
        openError_ = QString::fromUtf8(e.what());
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    search_ = new QLineEdit(this);

    search_->setObjectName(QStringLiteral("librarySearch"));
    search_->setPlaceholderText(tr("Search names and paths"));
    search_->setClearButtonEnabled(true);
    layout->addWidget(search_);

    auto* filters = new QHBoxLayout;
    format_ = new QComboBox(this);
    format_->setObjectName(QStringLiteral("libraryFormat"));
    format_->addItem(tr("All formats"), QString());
    format_->setToolTip(tr("Format"));
    filters->addWidget(format_);
    minMb_ = new QDoubleSpinBox(this);
    maxMb_ = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* s : {minMb_, maxMb_}) {
        s->setRange(0, 1e7);
        s->setDecimals(1);
        s->setSuffix(tr(" MB"));
        s->setSpecialValueText(tr("any"));
    }
    minMb_->setToolTip(tr("Minimum file size"));
    maxMb_->setToolTip(tr("Maximum file size"));
    filters->addWidget(new QLabel(tr("Size"), this));
    filters->addWidget(minMb_);
    filters->addWidget(new QLabel(QStringLiteral("–"), this));
    filters->addWidget(maxMb_);
    geoOnly_ = new QCheckBox(tr("Georeferenced"), this);
    geoOnly_->setObjectName(QStringLiteral("libraryGeoOnly"));
    geoOnly_->setToolTip(tr("Only georeferenced images"));
    filters->addWidget(geoOnly_);
    filters->addStretch();
    layout->addLayout(filters);

    view_ = new QListView(this);
    view_->setViewMode(QListView::IconMode);
    view_->setResizeMode(QListView::Adjust);
    view_->setMovement(QListView::Static);
    view_->setUniformItemSizes(true);
    view_->setWordWrap(true);
    view_->setTextElideMode(Qt::ElideMiddle);
    view_->setIconSize(QSize(kIconSize, kIconSize));
    view_->setGridSize(QSize(kIconSize + 24, kIconSize + 44));
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setModel(model_);
    layout->addWidget(view_, 1);

    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const QString& tip, auto slot) {
        auto* b = new QPushButton(text, this);
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        taskButtons_ << b;
        return b;
    };
    button(tr("Add Folder…"), tr("Add a local folder to the library and sync it"),
           &LibraryPanel::chooseFolder);
    button(tr("Add S3 Prefix…"), tr("Add s3://bucket/prefix to the library and sync it"),
           &LibraryPanel::chooseS3Prefix);
    syncButton_ = button(tr("Sync Now"), tr("Re-sync every folder"), &LibraryPanel::syncNow);
    button(tr("Import…"), tr("Copy or move files into the library's managed folder"),
           &LibraryPanel::chooseImport);
    button(tr("Pre-cache thumbnails"), tr("Make the missing thumbnails"),
           &LibraryPanel::precacheThumbnails);
    layout->addLayout(buttons);

    auto* statusRow = new QHBoxLayout;
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(160);
    progress_->hide();
    cancelButton_ = new QPushButton(tr("Cancel"), this);
    cancelButton_->hide();
    connect(cancelButton_, &QPushButton::clicked, this, &LibraryPanel::cancel);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    interval_ = new QSpinBox(this);
    interval_->setObjectName(QStringLiteral("librarySyncInterval"));
    interval_->setRange(0, 24 * 60);
    interval_->setSuffix(tr(" min"));
    interval_->setSpecialValueText(tr("off"));
    interval_->setToolTip(tr("Re-sync the library every N minutes (off = only on demand)"));
    statusRow->addWidget(status_, 1);
    statusRow->addWidget(progress_);
    statusRow->addWidget(cancelButton_);
    statusRow->addWidget(new QLabel(tr("Auto-sync"), this));
    statusRow->addWidget(interval_);
    layout->addLayout(statusRow);

    searchDelay_ = new QTimer(this);
    searchDelay_->setSingleShot(true);
    searchDelay_->setInterval(200);
    connect(searchDelay_, &QTimer::timeout, this, &LibraryPanel::refresh);
    connect(search_, &QLineEdit::textChanged, searchDelay_, qOverload<>(&QTimer::start));
    connect(format_, &QComboBox::currentIndexChanged, this, &LibraryPanel::refresh);
    connect(minMb_, &QDoubleSpinBox::valueChanged, searchDelay_, qOverload<>(&QTimer::start));
    connect(maxMb_, &QDoubleSpinBox::valueChanged, searchDelay_, qOverload<>(&QTimer::start));
    connect(geoOnly_, &QCheckBox::toggled, this, &LibraryPanel::refresh);
    connect(view_, &QListView::doubleClicked, this, [this](const QModelIndex& i) {
        if (i.data(LibraryModel::StateRole).toString() != QStringLiteral("ok")) {
            status_->setText(i.data(Qt::ToolTipRole).toString());
            return;
        }
        Q_EMIT openRequested(i.data(LibraryModel::PathRole).toString());
    });
    // Context menu on an image: open it, or convert it to a COG (a job, through the viewer).
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex i = view_->indexAt(pos);
        if (!i.isValid()) return;
        const QString path = i.data(LibraryModel::PathRole).toString();
        const bool readable = i.data(LibraryModel::StateRole).toString() == QStringLiteral("ok");
        QMenu menu(this);
        QAction* open = menu.addAction(tr("&Open"));
        QAction* convert = menu.addAction(tr("Convert to &COG…"));
        open->setEnabled(readable);
        convert->setEnabled(readable);
        QAction* chosen = menu.exec(view_->viewport()->mapToGlobal(pos));
        if (chosen == open) Q_EMIT openRequested(path);
        if (chosen == convert) Q_EMIT convertRequested(path);
    });

    schedule_ = new QTimer(this);
    connect(schedule_, &QTimer::timeout, this, [this] {
        if (!busy_) syncNow();
    });
    if (!store_) {
        status_->setText(tr("The library cannot be opened: %1").arg(openError_));
        for (auto* b : taskButtons_) b->setEnabled(false);
        interval_->setEnabled(false);
        return;
    }
    interval_->setValue(store_->syncIntervalMinutes());
    setIntervalMinutes(interval_->value());
    connect(interval_, &QSpinBox::valueChanged, this, &LibraryPanel::setIntervalMinutes);
    refresh();
}

LibraryPanel::~LibraryPanel() {
    jobs_.reset();  // cancels the running job and waits for it
    query_.waitForFinished();
}

QString LibraryPanel::statusText() const {
    return status_->text();
}

void LibraryPanel::setIntervalMinutes(int minutes) {
    if (store_) store_->setSyncIntervalMinutes(minutes);
    if (minutes > 0)
        schedule_->start(minutes * 60 * 1000);
    else
        schedule_->stop();
}

void LibraryPanel::updateFormats() {
    if (!store_) return;
    auto store = store_;
    QPointer<LibraryPanel> self(this);
    // Cheap (an indexed DISTINCT), but still off the GUI thread.
    (void)QtConcurrent::run([store, self] {
        std::vector<std::string> formats;
        try {
            formats = store->formats();
        } catch (const std::exception&) {
            return;
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, formats] {
                if (!self) return;
                // The selection as it is now (the user may have changed it meanwhile).
                const QString current = self->format_->currentData().toString();
                QSignalBlocker block(self->format_);
                self->format_->clear();
                self->format_->addItem(tr("All formats"), QString());
                for (const auto& f : formats) self->format_->addItem(q(f), q(f));
                const int i = self->format_->findData(current);
                self->format_->setCurrentIndex(std::max(0, i));
                if (i < 0 && !current.isEmpty()) self->refresh();  // that format is gone
            },
            Qt::QueuedConnection);
    });
}

void LibraryPanel::refresh() {
    if (!store_) return;
    LibraryQuery query;
    query.search = search_->text().trimmed().toStdString();
    query.format = format_->currentData().toString().toStdString();
    if (geoOnly_->isChecked()) query.geospatial = true;
    if (minMb_->value() > 0) query.minSize = std::int64_t(minMb_->value() * 1e6);
    if (maxMb_->value() > 0) query.maxSize = std::int64_t(maxMb_->value() * 1e6);
    query.limit = kMaxRows;
    const quint64 generation = ++queryGeneration_;
    auto store = store_;
    QPointer<LibraryPanel> self(this);
    query_ = QtConcurrent::run([store, self, query, generation] {
        std::vector<LibraryModel::Row> rows;
        std::int64_t total = 0;
        QString error;
        std::vector<LibraryFolder> folders;
        try {
            total = store->count(query);
            for (auto& img : store->images(query)) {
                LibraryModel::Row row{std::move(img), {}};
                if (row.image.hasThumbnail)
                    if (auto t = store->thumbnail(row.image.id))
                        row.thumbnail.loadFromData(t->bytes.data(), int(t->bytes.size()));
                rows.push_back(std::move(row));
            }
            folders = store->folders();
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, rows = std::move(rows), total, error, folders, generation]() mutable {
                if (!self || generation != self->queryGeneration_) return;
                self->model_->setRows(std::move(rows));
                if (self->busy_) return;
                if (!error.isEmpty()) {
                    self->status_->setText(error);
                    return;
                }
                QStringList problems;
                for (const auto& f : folders)
                    if (f.syncState == "error")
                        problems << tr("%1: %2").arg(q(f.uri), q(f.syncError));
                QString text = tr("%n image(s)", nullptr, int(total));
                if (total > kMaxRows) text += tr(" (first %1 shown)").arg(kMaxRows);
                if (folders.empty()) text = tr("No folders yet: add one to build the library.");
                if (!problems.isEmpty())
                    text += QLatin1Char('\n') + problems.join(QLatin1Char('\n'));
                self->status_->setText(text);
            },
            Qt::QueuedConnection);
    });
    updateFormats();
}

void LibraryPanel::setBusy(bool busy, const QString& text) {
    busy_ = busy;
    for (auto* b : taskButtons_) b->setEnabled(!busy && store_);
    progress_->setVisible(busy);
    cancelButton_->setVisible(busy);
    if (busy) {
        progress_->setRange(0, 0);
        cancelButton_->setEnabled(true);
    }
    status_->setText(text);
}

void LibraryPanel::cancel() {
    if (currentJob_) jobs_->cancel(currentJob_);
    cancelButton_->setEnabled(false);
}

std::shared_ptr<std::string> LibraryPanel::newSummary() {
    // One per job (only called when no job runs, so no worker writes the previous one).
    summary_ = std::make_shared<std::string>();
    return summary_;
}

void LibraryPanel::runJob(const QString& title, JobSpec spec) {
    if (!store_ || busy_) return;
    setBusy(true, title);
    currentJob_ = jobs_->submit(std::move(spec));
}

void LibraryPanel::jobChanged(const JobSnapshot& s) {
    if (s.id != currentJob_ || !busy_) return;
    if (!isFinished(s.state)) {
        progress_->setRange(0, 1000);
        progress_->setValue(int(s.progress * 1000));
        if (!s.message.empty()) status_->setText(QFileInfo(q(s.message)).fileName());
        return;
    }
    QString summary;
    if (s.state == JobState::Failed)
        summary = tr("Failed: %1").arg(q(s.error));
    else if (s.state == JobState::Cancelled)
        summary = summary_->empty() ? tr("Cancelled.") : q(*summary_);
    else
        summary = summary_->empty() ? q(s.message) : q(*summary_);
    currentJob_ = 0;
    setBusy(false, summary);
    refresh();
    Q_EMIT taskFinished(summary);
}

void LibraryPanel::addFolder(const QString& uri) {
    if (!store_ || busy_) return;
    std::int64_t id = 0;
    try {
        id = store_->addFolder(uri.toStdString());
    } catch (const std::exception& e) {
        status_->setText(tr("Cannot add %1: %2").arg(uri, QString::fromUtf8(e.what())));
        return;
    }
    runJob(tr("Syncing %1…").arg(uri), librarySyncJob(store_, id, newSummary()));
}

void LibraryPanel::syncNow() {
    if (!store_ || busy_) return;
    runJob(tr("Syncing…"), librarySyncJob(store_, std::nullopt, newSummary()));
}

void LibraryPanel::importFiles(const QStringList& files, bool move) {
    if (!store_ || busy_) return;
    std::vector<std::string> list;
    for (const QString& f : files) list.push_back(f.toStdString());
    runJob(move ? tr("Moving into the library…") : tr("Copying into the library…"),
           libraryImportJob(store_, std::move(list), move ? ImportMode::Move : ImportMode::Copy,
                            newSummary()));
}

void LibraryPanel::precacheThumbnails() {
    if (!store_ || busy_) return;
    runJob(tr("Making thumbnails…"), libraryThumbnailJob(store_, 256, newSummary()));
}

void LibraryPanel::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a Folder to the Library"));
    if (!dir.isEmpty()) addFolder(dir);
}

void LibraryPanel::chooseS3Prefix() {
    bool ok = false;
    const QString uri = QInputDialog::getText(
        this, tr("Add an S3 Prefix"),
        tr("S3 bucket and prefix (credentials and endpoint from the AWS_* environment):"),
        QLineEdit::Normal, QStringLiteral("s3://"), &ok);
    if (!ok) return;
    const QString u = uri.trimmed();
    if (!u.startsWith(QStringLiteral("s3://")) || u.size() <= 5) {
        status_->setText(tr("An S3 prefix looks like s3://bucket/prefix."));
        return;
    }
    addFolder(u);
}

void LibraryPanel::chooseImport() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Images into the Library"), {},
        tr("Images (*.tif *.tiff *.png *.jpg *.jpeg *.jp2 *.webp *.fits *.fit *.fts *.svs *.ndpi "
           "*.scn *.mrxs *.vrt *.img *.ntf *.nc);;All files (*)"));
    if (files.isEmpty()) return;
    QMessageBox box(QMessageBox::Question, tr("Import"),
                    tr("Copy the %n file(s) into the library folder, or move them there?", nullptr,
                       int(files.size())),
                    QMessageBox::Cancel, this);
    QPushButton* copy = box.addButton(tr("Copy"), QMessageBox::AcceptRole);
    QPushButton* move = box.addButton(tr("Move"), QMessageBox::AcceptRole);
    box.setDefaultButton(copy);
    box.exec();
    if (box.clickedButton() == copy)
        importFiles(files, false);
    else if (box.clickedButton() == move)
        importFiles(files, true);
}

}  // namespace tessera::ui
