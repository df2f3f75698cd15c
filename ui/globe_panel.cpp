#include "globe_panel.h"

#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QWebEngineView>

namespace tessera::ui {

GlobePanel::GlobePanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    stack_ = new QStackedWidget(this);
    layout->addWidget(stack_);
    placeholder_ = new QWidget(stack_);
    auto* pl = new QVBoxLayout(placeholder_);
    message_ = new QLabel(placeholder_);
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignCenter);
    startButton_ = new QPushButton(tr("Start Server"), placeholder_);
    pl->addStretch(1);
    pl->addWidget(message_);
    pl->addWidget(startButton_, 0, Qt::AlignHCenter);
    pl->addStretch(1);
    stack_->addWidget(placeholder_);
    connect(startButton_, &QPushButton::clicked, this, &GlobePanel::startRequested);
    showPlaceholder(tr("Start the server to see the globe."), true);
}

void GlobePanel::showPlaceholder(const QString& message, bool offerStart) {
    url_ = QUrl();
    message_->setText(message);
    startButton_->setVisible(offerStart);
    stack_->setCurrentWidget(placeholder_);
    if (view_) view_->setUrl(QUrl(QStringLiteral("about:blank")));
}

void GlobePanel::setPage(const QUrl& url) {
    if (url.isEmpty()) {
        showPlaceholder(tr("Start the server to see the globe."), true);
        return;
    }
    if (!view_) {
        view_ = new QWebEngineView(stack_);
        stack_->addWidget(view_);
        connect(view_, &QWebEngineView::loadFinished, this, &GlobePanel::loadFinished);
    }
    stack_->setCurrentWidget(view_);
    if (url == url_) return;
    url_ = url;
    view_->setUrl(url);
}

}  // namespace tessera::ui
