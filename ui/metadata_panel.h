// MetadataPanel: the image's metadata and internal metadata as a tree (key, value) with a
// filter box that keeps every row whose key or value matches, with its ancestors; below it the
// slide's associated images (label, macro, thumbnail) as small previews, when it has any.
//
// Thread safety: GUI thread only (internal metadata and previews are fetched on a worker).
#pragma once

#include <QWidget>
#include <nlohmann/json.hpp>

#include "image_session.h"

class QLineEdit;
class QListWidget;
class QTreeView;
class QStandardItemModel;
class QStandardItem;
class QSortFilterProxyModel;

namespace tessera::ui {

class MetadataPanel : public QWidget {
    Q_OBJECT
  public:
    explicit MetadataPanel(QWidget* parent = nullptr);

    void setSession(SessionPtr session);
    void clear();
    QTreeView* tree() const noexcept { return tree_; }
    QLineEdit* filterEdit() const noexcept { return filter_; }
    // The associated-image previews (hidden when the image has none), for tests.
    QListWidget* associatedList() const noexcept { return images_; }
    // Number of rows the filter keeps (all depths), for tests.
    int visibleRowCount() const;

  private:
    void addJson(QStandardItem* parent, const nlohmann::json& value);
    void setSection(int row, const QString& title, const nlohmann::json& value);

    QLineEdit* filter_;
    QTreeView* tree_;
    QStandardItemModel* model_;
    QSortFilterProxyModel* proxy_;
    QListWidget* images_;
    SessionPtr session_;
};

}  // namespace tessera::ui
