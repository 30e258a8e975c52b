// Pending approvals (two-person rule) with an approve button for another operator, and the
// operator's own actions with their outcome (pending, done, refused with the server's reason).
#pragma once
#include <QJsonObject>
#include <QWidget>

class QGroupBox;
class QPushButton;
class QTableView;
class QTreeWidget;

namespace sluice::console {

class ConsoleSession;
class ResultLine;

class ApprovalsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ApprovalsPanel(ConsoleSession* session, QWidget* parent = nullptr);
    QTreeWidget* approvals() const { return m_list; }
    QPushButton* approveButton() const { return m_approve; }
    QTableView* actions() const { return m_actions; }
    ResultLine* resultLine() const { return m_result; }

signals:
    void commandRequested(const QString& op, const QJsonObject& args, const QString& description,
                          const QString& confirmText);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();
    void reload();
    void updateEnabled();

    ConsoleSession* m_session;
    QGroupBox* m_pendingGroup;
    QGroupBox* m_actionsGroup;
    QTreeWidget* m_list;
    QPushButton* m_approve;
    QTableView* m_actions;
    ResultLine* m_result;
};

} // namespace sluice::console
