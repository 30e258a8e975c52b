// The incident timeline: every event from the stream and the console's own, newest first, time
// of day first, filterable by severity and text. Clicking a row asks to go to its moment (the
// window seeks there in a replay).
#pragma once
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace sluice::console {

class ConsoleSession;
class EventLogFilterProxy;

class EventLogPanel : public QWidget {
    Q_OBJECT
public:
    explicit EventLogPanel(ConsoleSession* session, QWidget* parent = nullptr);
    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_text; }
    QComboBox* severityCombo() const { return m_severity; }
    // Column widths that keep the message readable in a narrow dock.
    void applyColumnModes();

signals:
    // The operator clicked a row: the instant it was received (recorded time in a replay).
    // A row was clicked: its receive time (the replay's clock) and its server time (the charts').
    void momentActivated(qint64 receivedMs, qint64 serverMs);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    ConsoleSession* m_session;
    EventLogFilterProxy* m_proxy;
    QComboBox* m_severity;
    QLineEdit* m_text;
    QTableView* m_table;
};

} // namespace sluice::console
