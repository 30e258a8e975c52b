// Sound and window urgency for critical alerts (see alertnotifier.h).
#include "console/views/alertnotifier.h"

#include "console/model/consolesession.h"

#include <QApplication>
#include <QSettings>
#include <QWidget>

namespace sluice::console {

AlertNotifier::AlertNotifier(ConsoleSession* session, QWidget* window, QObject* parent)
    : QObject(parent), m_session(session), m_window(window) {
    m_sound = QSettings().value(QStringLiteral("alerts/sound"), true).toBool();
    m_beep = [] { QApplication::beep(); };
    m_repeat.setInterval(20'000);
    connect(&m_repeat, &QTimer::timeout, this, &AlertNotifier::ring);
    connect(session, &ConsoleSession::alertRaised, this, &AlertNotifier::onRaised);
    connect(session, &ConsoleSession::alertsChanged, this, &AlertNotifier::onChanged);
}

void AlertNotifier::setSoundEnabled(bool on) {
    if (on == m_sound) return;
    m_sound = on;
    QSettings().setValue(QStringLiteral("alerts/sound"), on);
    emit soundEnabledChanged(on);
}

void AlertNotifier::onRaised(const Alert& a) {
    if (a.severity != AlertSeverity::Critical || a.acknowledged()) return;
    // A replay shows its alerts but does not ring: nothing is happening now.
    if (m_session->source() && !m_session->source()->isLive()) return;
    if (m_window) {
        ++m_urgent;
        QApplication::alert(m_window, 0); // until the window is activated
    }
    ring();
    if (!m_repeat.isActive()) m_repeat.start();
}

void AlertNotifier::onChanged() {
    if (m_session->alerts().unacknowledgedCritical() == 0) m_repeat.stop();
}

void AlertNotifier::ring() {
    if (m_session->alerts().unacknowledgedCritical() == 0) {
        m_repeat.stop();
        return;
    }
    if (!m_sound || !m_beep) return;
    ++m_beeps;
    m_beep();
}

} // namespace sluice::console
