// Event and audit log model (see eventlogmodel.h).
#include "console/model/eventlogmodel.h"

#include "console/model/cohorttablemodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace sluice::console {

QString formatLocalTime(qint64 unixMs, bool withDate) {
    if (unixMs <= 0) return QStringLiteral("—");
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(unixMs).toLocalTime();
    return t.toString(withDate ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                               : QStringLiteral("HH:mm:ss"));
}

EventLogModel::EventLogModel(QObject* parent) : QAbstractTableModel(parent) {
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(200);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventLogModel::flush);
}

int EventLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry& e = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return formatLocalTime(e.timeMs, true);
        case Severity:
            return severityText(e.severity);
        case Kind:
            return e.kind;
        case Operator:
            return e.operatorName;
        case Message:
            return e.message;
        }
    } else if (role == Qt::ToolTipRole && index.column() == Message) {
        return e.message;
    } else if (role == SeverityRole) {
        return e.severity;
    } else if (role == KindRole) {
        return e.kind;
    } else if (role == TimeRole) {
        return e.timeMs;
    } else if (role == Qt::ForegroundRole) {
        if (e.severity == QLatin1String("critical")) return QBrush(QColor(180, 0, 0));
        if (e.severity == QLatin1String("warning")) return QBrush(QColor(150, 90, 0));
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Severity:
        return tr("Severity");
    case Kind:
        return tr("Kind");
    case Operator:
        return tr("Operator");
    case Message:
        return tr("Message");
    }
    return {};
}

void EventLogModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void EventLogModel::append(const LogEntry& entry) {
    m_pending.append(entry);
    if (!m_flushTimer.isActive()) m_flushTimer.start();
}

void EventLogModel::appendEvent(const EventInfo& e) {
    append(LogEntry{e.timeMs, e.seq, e.severity, e.kind, e.operatorName, e.message});
}

void EventLogModel::flush() {
    m_flushTimer.stop();
    if (m_pending.isEmpty()) return;
    // Only the newest m_maxRows matter.
    if (m_pending.size() > m_maxRows) m_pending.remove(0, m_pending.size() - m_maxRows);
    const int n = int(m_pending.size());
    beginInsertRows({}, 0, n - 1);
    QList<LogEntry> fresh;
    fresh.reserve(n + m_rows.size());
    for (int i = n - 1; i >= 0; --i)
        fresh.append(m_pending.at(i));
    fresh.append(m_rows);
    m_rows = std::move(fresh);
    m_pending.clear();
    endInsertRows();
    if (m_rows.size() > m_maxRows) {
        beginRemoveRows({}, m_maxRows, int(m_rows.size()) - 1);
        m_rows.resize(m_maxRows);
        endRemoveRows();
    }
}

void EventLogModel::clear() {
    m_pending.clear();
    if (m_rows.isEmpty()) return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

void EventLogFilterProxy::setSeverity(const QString& severity) {
    if (severity == m_severity) return;
    m_severity = severity;
    invalidateFilter();
}

void EventLogFilterProxy::setText(const QString& text) {
    if (text == m_text) return;
    m_text = text;
    invalidateFilter();
}

bool EventLogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QAbstractItemModel* m = sourceModel();
    if (!m_severity.isEmpty() &&
        m->index(sourceRow, 0, sourceParent).data(EventLogModel::SeverityRole).toString() !=
            m_severity)
        return false;
    if (m_text.isEmpty()) return true;
    for (int c :
         {int(EventLogModel::Kind), int(EventLogModel::Operator), int(EventLogModel::Message)})
        if (m->index(sourceRow, c, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace sluice::console
