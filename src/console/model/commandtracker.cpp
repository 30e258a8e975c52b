// The operator's own actions and their outcomes (see commandtracker.h).
#include "console/model/commandtracker.h"

#include "console/model/eventlogmodel.h"

#include <QBrush>
#include <QColor>

namespace sluice::console {

CommandTracker::CommandTracker(QObject* parent) : QAbstractTableModel(parent) {}

int CommandTracker::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}
int CommandTracker::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString CommandTracker::statusText(TrackedCommand::Status s) {
    switch (s) {
    case TrackedCommand::Status::Pending:
        return tr("Pending");
    case TrackedCommand::Status::Done:
        return tr("Done");
    case TrackedCommand::Status::AwaitingApproval:
        return tr("Awaiting approval");
    case TrackedCommand::Status::Refused:
        return tr("Refused");
    case TrackedCommand::Status::Expired:
        return tr("Expired");
    case TrackedCommand::Status::NotSent:
        return tr("Not sent");
    }
    return {};
}

QVariant CommandTracker::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrackedCommand& c = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Time:
            return formatLocalTime(c.sentAtMs);
        case Action:
            return actionText(c);
        case Status:
            return statusText(c.status);
        case Detail:
            return c.detail;
        }
    } else if (role == Qt::ForegroundRole && index.column() == Status) {
        switch (c.status) {
        case TrackedCommand::Status::Done:
            return QBrush(QColor(0, 120, 0));
        case TrackedCommand::Status::Refused:
        case TrackedCommand::Status::Expired:
        case TrackedCommand::Status::NotSent:
            return QBrush(QColor(180, 0, 0));
        default:
            return QBrush(QColor(150, 90, 0));
        }
    }
    return {};
}

QVariant CommandTracker::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Time:
        return tr("Sent");
    case Action:
        return tr("Action");
    case Status:
        return tr("Status");
    case Detail:
        return tr("Server reply");
    }
    return {};
}

QString CommandTracker::actionText(const TrackedCommand& c) const {
    if (c.op.isEmpty() || (c.shown.isEmpty() && !c.description.isEmpty())) return c.description;
    const QString text = describeCommand(c.op, c.shown, c.oldValue, c.newValue, m_label);
    return text.isEmpty() ? c.description : text;
}

QString CommandTracker::resultLine(const QString& id) const {
    const TrackedCommand* c = find(id);
    if (!c) return {};
    QString line = QStringLiteral("%1: %2").arg(statusText(c->status), actionText(*c));
    if (!c->detail.isEmpty() && c->status != TrackedCommand::Status::Done)
        line += QStringLiteral(" — ") + c->detail;
    return line;
}

void CommandTracker::clear() {
    if (m_rows.isEmpty()) return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void CommandTracker::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int CommandTracker::rowOf(const QString& id) const {
    if (id.isEmpty()) return -1;
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id) return i;
    return -1;
}

const TrackedCommand* CommandTracker::find(const QString& id) const {
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_rows.at(row);
}

QList<TrackedCommand> CommandTracker::pending() const {
    QList<TrackedCommand> out;
    for (const auto& c : m_rows)
        if (c.status == TrackedCommand::Status::Pending) out.append(c);
    return out;
}

void CommandTracker::track(const QString& id, const QString& op, const QJsonObject& args,
                           const QString& description, qint64 nowMs, const QJsonObject& shown) {
    TrackedCommand c;
    c.id = id;
    c.op = op;
    c.args = args;
    c.shown = shown.isEmpty() ? args : shown;
    c.description = description;
    c.sentAtMs = nowMs;
    if (id.isEmpty()) {
        c.status = TrackedCommand::Status::NotSent;
        c.detail = tr("not connected");
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend(c);
    endInsertRows();
    emit commandUpdated(c.id, c.status);
}

bool CommandTracker::answer(const CommandAnswer& a, qint64 nowMs) {
    const int row = rowOf(a.id);
    if (row < 0) return false;
    TrackedCommand& c = m_rows[row];
    c.answeredAtMs = nowMs;
    if (a.accepted) {
        if (a.status == QLatin1String("pending_approval")) {
            c.status = TrackedCommand::Status::AwaitingApproval;
            c.detail = a.result.value("reason").toString();
        } else {
            c.status = TrackedCommand::Status::Done;
            c.oldValue = a.result.value("old_value");
            c.newValue = a.result.value("new_value");
            // Cohort commands: the sentence shows old → new. Notices: the id the server gave.
            c.detail.clear();
            if (a.result.contains("notice_id"))
                c.detail = tr("notice #%1").arg(qint64(a.result.value("notice_id").toDouble()));
            if (c.oldValue.isObject() || c.newValue.isObject()) c.oldValue = c.newValue = {};
        }
    } else {
        c.status = TrackedCommand::Status::Refused;
        c.code = a.code;
        c.detail = a.message.isEmpty() ? a.code : a.message;
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit commandUpdated(c.id, c.status);
    return true;
}

bool CommandTracker::approvalOutcome(const QString& commandId, bool granted, const QString& detail,
                                     qint64 nowMs) {
    const int row = rowOf(commandId);
    if (row < 0) return false;
    TrackedCommand& c = m_rows[row];
    c.answeredAtMs = nowMs;
    c.status = granted ? TrackedCommand::Status::Done : TrackedCommand::Status::Expired;
    c.detail = detail;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit commandUpdated(c.id, c.status);
    return true;
}

} // namespace sluice::console
