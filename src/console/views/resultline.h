// One readable line where the operator acted: "Pending: 50–52세 입장 속도 400 → 60/s", then
// "Done: …" or "Refused: …: reason" when the server answers. Every action panel has one, so the
// outcome shows where the operator is looking and no other panel is raised.
#pragma once
#include <QLabel>

namespace sluice::console {

class ConsoleSession;

class ResultLine : public QLabel {
    Q_OBJECT
public:
    explicit ResultLine(ConsoleSession* session, QWidget* parent = nullptr);
    // Follows this command until its answer; an empty id shows "not sent".
    void track(const QString& commandId, const QString& description);
    QString commandId() const { return m_id; }
    void clearLine();

signals:
    // The command of this line got its final answer (done, refused, expired).
    void finished(const QString& commandId, bool done);

protected:
    void changeEvent(QEvent* e) override;

private:
    void refresh();
    ConsoleSession* m_session;
    QString m_id, m_description;
    bool m_notSent = false;
};

} // namespace sluice::console
