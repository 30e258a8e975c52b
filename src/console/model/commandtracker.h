// The operator's own actions: each one pending until the server's ack/nack, then done, refused
// (with the server's reason), awaiting a second operator's approval, approved or expired.
// A table model for the actions panel, newest first.
#pragma once
#include "console/model/eventtext.h"
#include "console/model/frames.h"

#include <QAbstractTableModel>

namespace sluice::console {

struct TrackedCommand {
    enum class Status { Pending, Done, AwaitingApproval, Refused, Expired, NotSent };
    QString id, op, description;
    QJsonObject args;  // as sent (and resent)
    QJsonObject shown; // args plus what the sentence needs (a notice's text)
    qint64 sentAtMs = 0, answeredAtMs = 0;
    Status status = Status::Pending;
    QString detail;                // the server's reason or result
    QJsonValue oldValue, newValue; // from the ack, when the server sent them
    QString code;                  // nack code
};

class CommandTracker : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Action, Status, Detail, ColumnCount };
    explicit CommandTracker(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // Records a command; an empty id means it could not be sent.
    void track(const QString& id, const QString& op, const QJsonObject& args,
               const QString& description, qint64 nowMs, const QJsonObject& shown = {});
    // An ack/nack; false when the id is not one of ours.
    bool answer(const CommandAnswer& a, qint64 nowMs);
    // approval_granted / approval_expired events for one of our commands.
    bool approvalOutcome(const QString& commandId, bool granted, const QString& detail,
                         qint64 nowMs);

    const TrackedCommand* find(const QString& id) const;
    QList<TrackedCommand> pending() const;
    int count() const { return int(m_rows.size()); }
    const TrackedCommand& at(int row) const { return m_rows.at(row); }
    static QString statusText(TrackedCommand::Status s);
    // The action as a sentence in the current language ("50–52세 입장 속도 400 → 60/초").
    QString actionText(const TrackedCommand& c) const;
    // One readable line: "Done: 50–52세 입장 속도 400 → 60/초", "Refused: …: reason".
    QString resultLine(const QString& id) const;
    void setLabelLookup(LabelLookup lookup) { m_label = std::move(lookup); }
    void clear();
    void retranslate();

signals:
    void commandUpdated(const QString& id, sluice::console::TrackedCommand::Status status);

private:
    int rowOf(const QString& id) const;
    QList<TrackedCommand> m_rows; // newest first
    LabelLookup m_label;
};

} // namespace sluice::console
