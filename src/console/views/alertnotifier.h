// Makes critical alerts heard and seen: a beep (QApplication::beep; switchable, remembered in the
// settings) when a critical alert is raised and again every `repeatMs` while one is not
// acknowledged, and QApplication::alert() so the window is marked urgent (task bar flash) even
// when it is not in front. Tests inject the beeper and keep the sound off.
#pragma once
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QWidget;

namespace sluice::console {

class ConsoleSession;
struct Alert;

class AlertNotifier : public QObject {
    Q_OBJECT
public:
    AlertNotifier(ConsoleSession* session, QWidget* window, QObject* parent = nullptr);

    bool soundEnabled() const { return m_sound; }
    void setSoundEnabled(bool on);
    void setBeeper(std::function<void()> beep) { m_beep = std::move(beep); }
    void setRepeatMs(int ms) { m_repeat.setInterval(ms); }
    int beeps() const { return m_beeps; }
    int urgencyRequests() const { return m_urgent; }

signals:
    void soundEnabledChanged(bool on);

private:
    void onRaised(const Alert& a);
    void onChanged();
    void ring();

    ConsoleSession* m_session;
    QPointer<QWidget> m_window;
    std::function<void()> m_beep;
    QTimer m_repeat;
    bool m_sound = true;
    int m_beeps = 0, m_urgent = 0;
};

} // namespace sluice::console
