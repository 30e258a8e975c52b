// The event and audit log: every event from the stream plus the console's own (connection lost,
// malformed frames, command outcomes), newest first. New rows are buffered and inserted with a
// single beginInsertRows per refresh (Wireshark's pattern); the log is bounded.
#pragma once
#include "console/model/frames.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace sluice::console {

struct LogEntry {
    qint64 timeMs = 0;
    qint64 seq = -1;
    QString severity, kind, operatorName, message;
};

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Severity, Kind, Operator, Message, ColumnCount };
    enum Role { SeverityRole = Qt::UserRole + 1, KindRole, TimeRole };

    explicit EventLogModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // Buffers a row; it appears at the next flush (at most flushIntervalMs later).
    void append(const LogEntry& entry);
    void appendEvent(const EventInfo& e);
    // Inserts every buffered row at the top with one beginInsertRows.
    void flush();
    int pendingCount() const { return int(m_pending.size()); }
    void setMaxRows(int n) { m_maxRows = qMax(1, n); }
    void setFlushIntervalMs(int ms) { m_flushTimer.setInterval(ms); }
    const LogEntry& entry(int row) const { return m_rows.at(row); }
    void clear();
    void retranslate();

private:
    QList<LogEntry> m_rows;    // newest first
    QList<LogEntry> m_pending; // oldest first
    int m_maxRows = 20000;
    QTimer m_flushTimer;
};

// Filters the log by severity (empty = all) and text (message, kind, operator).
class EventLogFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit EventLogFilterProxy(QObject* parent = nullptr) : QSortFilterProxyModel(parent) {}
    void setSeverity(const QString& severity);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_severity, m_text;
};

// Local time as the log and the panels show it.
QString formatLocalTime(qint64 unixMs, bool withDate = false);

} // namespace sluice::console
