#include "metadata_panel.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QPointer>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QThreadPool>
#include <QTreeView>
#include <QVBoxLayout>
#include <vector>

#include "cog/cog_validate.h"
#include "image_to_qimage.h"

namespace tessera::ui {

namespace {

// Keeps rows whose key or value matches; recursive filtering keeps their ancestors.
class MetadataFilter : public QSortFilterProxyModel {
  public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

  protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QRegularExpression re = filterRegularExpression();
        if (re.pattern().isEmpty()) return true;
        for (int c = 0; c < 2; ++c) {
            const QModelIndex i = sourceModel()->index(row, c, parent);
            if (sourceModel()->data(i).toString().contains(re)) return true;
        }
        return false;
    }
};

int countRows(const QAbstractItemModel* m, const QModelIndex& parent) {
    int n = 0;
    for (int r = 0; r < m->rowCount(parent); ++r) n += 1 + countRows(m, m->index(r, 0, parent));
    return n;
}

constexpr int kPreviewSize = 160;

QString scalarText(const nlohmann::json& v) {
    if (v.is_string()) return QString::fromStdString(v.get<std::string>());
    if (v.is_null()) return QStringLiteral("null");
    return QString::fromStdString(v.dump());
}

}  // namespace

MetadataPanel::MetadataPanel(QWidget* parent) : QWidget(parent) {
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter keys and values"));
    filter_->setClearButtonEnabled(true);
    model_ = new QStandardItemModel(this);
    model_->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    proxy_ = new MetadataFilter(this);
    proxy_->setSourceModel(model_);
    proxy_->setRecursiveFilteringEnabled(true);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    tree_ = new QTreeView(this);
    tree_->setModel(proxy_);
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tree_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    tree_->header()->resizeSection(0, 160);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(filter_);
    layout->addWidget(tree_);
    images_ = new QListWidget(this);
    images_->setViewMode(QListView::IconMode);
    images_->setIconSize(QSize(kPreviewSize, kPreviewSize));
    images_->setResizeMode(QListView::Adjust);
    images_->setMovement(QListView::Static);
    images_->setFixedHeight(kPreviewSize + 48);
    images_->setToolTip(tr("Associated images (label, macro, thumbnail)"));
    images_->hide();
    layout->addWidget(images_);
    connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
        proxy_->setFilterRegularExpression(QRegularExpression(
            QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption));
        if (!text.isEmpty()) tree_->expandAll();
    });
}

void MetadataPanel::clear() {
    session_.reset();
    model_->removeRows(0, model_->rowCount());
    images_->clear();
    images_->hide();
}

void MetadataPanel::addJson(QStandardItem* parent, const nlohmann::json& value) {
    auto addRow = [&](const QString& key, const nlohmann::json& v) {
        auto* k = new QStandardItem(key);
        auto* val = new QStandardItem(v.is_structured() ? QString() : scalarText(v));
        val->setToolTip(val->text());
        parent->appendRow({k, val});
        if (v.is_structured()) {
            if (v.empty())
                val->setText(v.is_array() ? QStringLiteral("[]") : QStringLiteral("{}"));
            else if (v.is_array())
                val->setText(tr("%n item(s)", nullptr, int(v.size())));
            addJson(k, v);
        }
    };
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            addRow(QString::fromStdString(it.key()), it.value());
    } else if (value.is_array()) {
        int i = 0;
        for (const auto& v : value) addRow(QString::number(i++), v);
    }
}

void MetadataPanel::setSection(int row, const QString& title, const nlohmann::json& value) {
    QStandardItem* root = model_->item(row, 0);
    if (!root) {
        root = new QStandardItem(title);
        QFont f = root->font();
        f.setBold(true);
        root->setFont(f);
        model_->setItem(row, 0, root);
        model_->setItem(row, 1, new QStandardItem());
    }
    root->removeRows(0, root->rowCount());
    addJson(root, value);
    tree_->expand(proxy_->mapFromSource(root->index()));
}

void MetadataPanel::setSession(SessionPtr session) {
    clear();
    session_ = session;
    if (!session) return;
    setSection(0, tr("Metadata"), session->metadata);
    setSection(1, tr("Internal metadata"), nlohmann::json::object({{"…", "loading"}}));
    QPointer<MetadataPanel> self(this);
    QThreadPool::globalInstance()->start([self, session]() {
        nlohmann::json internal;
        try {
            internal = session->engine->internalMetadata(session->ref);
        } catch (const std::exception& e) {
            internal = {{"error", e.what()}};
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, session, internal]() {
                if (self && self->session_ == session)
                    self->setSection(1, tr("Internal metadata"), internal);
            },
            Qt::QueuedConnection);
    });
    // COG validation (GDAL's rules; the full block check only for local files), on a worker.
    setSection(2, tr("COG validation"), nlohmann::json::object({{"…", "checking"}}));
    QThreadPool::globalInstance()->start([self, session]() {
        nlohmann::json cog;
        try {
            const CogReport report = validateCog(session->ref.uri);
            cog = cogReportJson(report);
            cog["summary"] =
                report.valid ? (report.warnings.empty() ? tr("valid").toStdString()
                                                        : tr("valid, with warnings").toStdString())
                             : tr("not a valid COG").toStdString();
        } catch (const std::exception& e) {
            cog = {{"error", e.what()}};
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, session, cog]() {
                if (self && self->session_ == session)
                    self->setSection(2, tr("COG validation"), cog);
            },
            Qt::QueuedConnection);
    });
    // Associated images: names and previews read on a worker, shown when they arrive.
    QThreadPool::globalInstance()->start([self, session]() {
        std::vector<std::pair<QString, QImage>> previews;
        try {
            for (const std::string& name : session->engine->associatedImages(session->ref)) {
                QImage preview;
                try {
                    preview = toQImage(session->engine->associatedImageImage(
                        session->ref, name, kPreviewSize, kPreviewSize));
                } catch (const std::exception&) {
                    // listed without a preview
                }
                previews.emplace_back(QString::fromStdString(name), std::move(preview));
            }
        } catch (const std::exception&) {
            return;  // the image cannot be opened: the metadata section says why
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, session, previews]() {
                if (!self || self->session_ != session) return;
                self->images_->clear();
                for (const auto& [name, img] : previews) {
                    auto* item = new QListWidgetItem(name, self->images_);
                    if (!img.isNull()) item->setIcon(QIcon(QPixmap::fromImage(img)));
                    item->setToolTip(img.isNull() ? name
                                                  : tr("%1 (preview %2×%3)")
                                                        .arg(name)
                                                        .arg(img.width())
                                                        .arg(img.height()));
                }
                self->images_->setVisible(!previews.empty());
            },
            Qt::QueuedConnection);
    });
}

int MetadataPanel::visibleRowCount() const {
    return countRows(proxy_, QModelIndex());
}

}  // namespace tessera::ui
