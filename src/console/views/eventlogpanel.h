// The event and audit log: every event from the stream and the console's own, newest first,
// filterable by severity and text.
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
