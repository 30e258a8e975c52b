// The alerts panel, above the tiles so trouble is seen first: every active alert (most severe
// first) with its start time, what it concerns, its text and who acknowledged it when; a note and
// an Acknowledge button (Ctrl+K); a bell to switch the sound for critical alerts. One line "no
// active alerts" when all is well, so it takes no room then.
#pragma once
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QToolButton;

namespace sluice::console {

class AlertNotifier;
class ConsoleSession;

class AlertsPanel : public QWidget {
    Q_OBJECT
public:
    AlertsPanel(ConsoleSession* session, AlertNotifier* notifier, QWidget* parent = nullptr);
    QTableView* table() const { return m_table; }
    QPushButton* acknowledgeButton() const { return m_ack; }
    QLineEdit* noteEdit() const { return m_note; }
    QToolButton* soundButton() const { return m_sound; }
    QLabel* summary() const { return m_summary; }
    // The selected alert's key, else the first unacknowledged one.
    QString currentKey() const;
    // Acknowledges the current alert (what the button and Ctrl+K do).
    bool acknowledgeCurrent();
    // Rows shown at most before the table scrolls (the wall mode shows more).
    void setMaxVisibleRows(int rows);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void refresh();

    ConsoleSession* m_session;
    AlertNotifier* m_notifier;
    QLabel* m_summary;
    QLineEdit* m_note;
    QPushButton* m_ack;
    QToolButton* m_sound;
    QTableView* m_table;
    int m_maxRows = 4;
};

} // namespace sluice::console
