// GlobePanel: the Globe dock's contents — the embedded server's CesiumJS page (or the flat pixel
// viewer page for images that are not georeferenced) in a QWebEngineView, or a placeholder with
// a "Start Server" button while there is no page to show. The web view is created on first use
// so windows that never show the globe never start QtWebEngine.
//
// Thread safety: GUI thread only.
#pragma once

#include <QUrl>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QWebEngineView;

namespace tessera::ui {

class GlobePanel : public QWidget {
    Q_OBJECT
  public:
    explicit GlobePanel(QWidget* parent = nullptr);

    // Shows url in the web view; an empty url shows the placeholder with `message`.
    void setPage(const QUrl& url);
    void showPlaceholder(const QString& message, bool offerStart);
    // The page shown (empty while the placeholder is up).
    QUrl url() const { return url_; }
    // The web view, or null before the first page.
    QWebEngineView* view() const noexcept { return view_; }

  Q_SIGNALS:
    void startRequested();
    void loadFinished(bool ok);

  private:
    QStackedWidget* stack_;
    QWidget* placeholder_;
    QLabel* message_;
    QPushButton* startButton_;
    QWebEngineView* view_ = nullptr;
    QUrl url_;
};

}  // namespace tessera::ui
