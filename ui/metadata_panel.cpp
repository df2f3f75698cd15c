#include "metadata_panel.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QPointer>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QThreadPool>
#include <QTreeView>
#include <QVBoxLayout>

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
    connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
        proxy_->setFilterRegularExpression(QRegularExpression(
            QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption));
        if (!text.isEmpty()) tree_->expandAll();
    });
}

void MetadataPanel::clear() {
    session_.reset();
    model_->removeRows(0, model_->rowCount());
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
}

int MetadataPanel::visibleRowCount() const {
    return countRows(proxy_, QModelIndex());
}

}  // namespace tessera::ui
