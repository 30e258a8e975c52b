// Event and audit log model (see eventlogmodel.h).
#include "console/model/eventlogmodel.h"

#include "console/model/cohorttablemodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>

namespace sluice::console {

QString formatLocalTime(qint64 unixMs, bool withDate) {
    if (unixMs <= 0) return QStringLiteral("—");
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(unixMs).toLocalTime();
    return t.toString(withDate ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                               : QStringLiteral("HH:mm:ss"));
}

namespace {
QString dateOf(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
}
bool isSeparator(const LogEntry& e) {
    return e.local && (e.kind == QLatin1String(local_kind::SourceSeparator) ||
                       e.kind == QLatin1String(local_kind::DateSeparator));
}
} // namespace

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

QString EventLogModel::render(const LogEntry& e) const {
    if (e.local) return renderLocal(e.kind, e.data, m_label);
    // Rows without data (older recordings, tests) keep the server's own line.
    if (e.data.isEmpty()) return e.message;
    return renderEvent(e.kind, e.data, e.operatorName, e.message, m_label);
}

QString EventLogModel::messageText(int row) const {
    return row >= 0 && row < m_rows.size() ? render(m_rows.at(row)) : QString();
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogEntry& e = m_rows.at(index.row());
    const bool separator = isSeparator(e);
    if (role == Qt::DisplayRole) {
        if (separator) {
            if (index.column() == Time) return formatLocalTime(e.timeMs, true).left(10);
            return index.column() == Message ? render(e) : QVariant(QString());
        }
        switch (index.column()) {
        case Time:
            return formatLocalTime(e.timeMs);
        case Severity:
            return severityText(e.severity);
        case Kind:
            return eventKindName(e.kind);
        case Operator:
            return e.operatorName;
        case Message:
            return render(e);
        }
    } else if (role == ExportRole) {
        if (index.column() == Time) return formatLocalTime(e.timeMs, true);
        return data(index, Qt::DisplayRole);
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == Time) return formatLocalTime(e.timeMs, true);
        if (index.column() == Message) return render(e);
    } else if (role == SeverityRole) {
        return e.severity;
    } else if (role == KindRole) {
        return e.kind;
    } else if (role == TimeRole) {
        return e.timeMs;
    } else if (role == ReceivedRole) {
        return e.recvMs > 0 ? e.recvMs : e.timeMs;
    } else if (role == SeparatorRole) {
        return separator;
    } else if (role == Qt::FontRole && separator) {
        QFont f;
        f.setBold(true);
        return f;
    } else if (role == Qt::BackgroundRole && separator) {
        return QBrush(QColor(222, 228, 240));
    } else if (role == Qt::ForegroundRole) {
        if (e.severity == QLatin1String("critical")) return QBrush(QColor(180, 0, 0));
        if (e.severity == QLatin1String("warning")) return QBrush(QColor(140, 80, 0));
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
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void EventLogModel::append(const LogEntry& entry) {
    // A dated separator where the day changes (not before the very first row).
    if (entry.timeMs > 0 && !isSeparator(entry)) {
        const QString date = dateOf(entry.timeMs);
        if (!m_lastDate.isEmpty() && date != m_lastDate) {
            LogEntry sep;
            sep.timeMs = entry.timeMs;
            sep.recvMs = entry.recvMs;
            sep.local = true;
            sep.severity = QStringLiteral("info");
            sep.kind = QString::fromLatin1(local_kind::DateSeparator);
            sep.data = QJsonObject{{"date", date}};
            m_pending.append(sep);
        }
        m_lastDate = date;
    }
    m_pending.append(entry);
    if (!m_flushTimer.isActive()) m_flushTimer.start();
}

void EventLogModel::appendEvent(const EventInfo& e, qint64 receivedAtMs) {
    LogEntry entry{e.timeMs, e.seq, e.severity, e.kind, e.operatorName, e.message};
    entry.data = e.data;
    entry.recvMs = receivedAtMs;
    append(entry);
}

void EventLogModel::appendLocal(const QString& kind, const QString& severity,
                                const QJsonObject& args, qint64 atMs, const QString& operatorName) {
    LogEntry entry{atMs, -1, severity, kind, operatorName, QString()};
    entry.data = args;
    entry.local = true;
    entry.recvMs = atMs;
    append(entry);
}

void EventLogModel::appendSourceSeparator(const QString& source, qint64 atMs) {
    m_lastDate = dateOf(atMs); // the separator carries the date itself
    LogEntry sep{atMs,
                 -1,
                 QStringLiteral("info"),
                 QString::fromLatin1(local_kind::SourceSeparator),
                 QString(),
                 QString()};
    sep.local = true;
    sep.recvMs = atMs;
    sep.data = QJsonObject{{"source", source}};
    append(sep);
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
    m_lastDate.clear();
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
    const QModelIndex first = m->index(sourceRow, 0, sourceParent);
    if (first.data(EventLogModel::SeparatorRole).toBool()) return true;
    if (!m_severity.isEmpty() && first.data(EventLogModel::SeverityRole).toString() != m_severity)
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
