// The result line of an action panel (see resultline.h).
#include "console/views/resultline.h"

#include "console/model/consolesession.h"

#include <QEvent>

namespace sluice::console {

ResultLine::ResultLine(ConsoleSession* session, QWidget* parent)
    : QLabel(parent), m_session(session) {
    setObjectName(QStringLiteral("resultLine"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
    connect(session->commands(), &CommandTracker::commandUpdated, this,
            [this](const QString& id, TrackedCommand::Status status) {
                if (id.isEmpty() || id != m_id) return;
                refresh();
                if (status == TrackedCommand::Status::Done ||
                    status == TrackedCommand::Status::Refused ||
                    status == TrackedCommand::Status::Expired)
                    emit finished(id, status == TrackedCommand::Status::Done);
            });
    connect(session, &ConsoleSession::sourceReset, this, &ResultLine::clearLine);
}

void ResultLine::track(const QString& commandId, const QString& description) {
    m_id = commandId;
    m_description = description;
    m_notSent = commandId.isEmpty();
    refresh();
}

void ResultLine::clearLine() {
    m_id.clear();
    m_description.clear();
    m_notSent = false;
    clear();
    hide();
}

void ResultLine::refresh() {
    QColor colour(150, 90, 0);
    QString text;
    if (m_notSent) {
        text = tr("Not sent: %1").arg(m_description);
        colour = QColor(180, 0, 0);
    } else if (const TrackedCommand* c = m_session->commands()->find(m_id)) {
        text = m_session->commands()->resultLine(m_id);
        if (c->status == TrackedCommand::Status::Done) colour = QColor(0, 110, 0);
        if (c->status == TrackedCommand::Status::Refused ||
            c->status == TrackedCommand::Status::Expired)
            colour = QColor(180, 0, 0);
    }
    if (text.isEmpty()) {
        clearLine();
        return;
    }
    setText(QStringLiteral("● ") + text);
    QPalette p = palette();
    p.setColor(QPalette::WindowText, colour);
    setPalette(p);
    show();
}

void ResultLine::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) refresh();
    QLabel::changeEvent(e);
}

} // namespace sluice::console
