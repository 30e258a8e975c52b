// The event and audit log as an incident timeline: every event from the stream plus the console's
// own (connection lost, malformed frames, commands, alerts), newest first, the time of day first
// (HH:MM:SS) with a dated separator row where the day changes or the data source changes. Rows
// keep their kind and data, not text: the message is rendered when shown (eventtext.h), so it
// follows a language switch. New rows are buffered and inserted with a single beginInsertRows per
// refresh (Wireshark's pattern); the log is bounded.
#pragma once
#include "console/model/eventtext.h"
#include "console/model/frames.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace sluice::console {

struct LogEntry {
    LogEntry() = default;
    LogEntry(qint64 time, qint64 sequence, QString sev, QString k, QString op, QString msg)
        : timeMs(time), seq(sequence), severity(std::move(sev)), kind(std::move(k)),
          operatorName(std::move(op)), message(std::move(msg)) {}
    qint64 timeMs = 0; // shown: the server's time of an event, the console's (recorded) time
    qint64 seq = -1;
    QString severity, kind, operatorName, message; // message: the server's own line (fallback)
    QJsonObject data;   // the event's data, or the console row's arguments
    bool local = false; // a console row (kind "console.*")
    qint64 recvMs = 0;  // when the console received it: a replay seeks here
};

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Severity, Kind, Operator, Message, ColumnCount };
    enum Role {
        SeverityRole = Qt::UserRole + 1,
        KindRole,
        TimeRole,
        ReceivedRole,
        SeparatorRole,
        ExportRole = Qt::UserRole + 100 // full date and time for CSV exports
    };

    explicit EventLogModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // Buffers a row; it appears at the next flush (at most flushIntervalMs later).
    void append(const LogEntry& entry);
    void appendEvent(const EventInfo& e, qint64 receivedAtMs = 0);
    // A console row: `kind` is one of local_kind, `args` what its text needs.
    void appendLocal(const QString& kind, const QString& severity, const QJsonObject& args,
                     qint64 atMs, const QString& operatorName = {});
    // A dated separator: a new data source begins here.
    void appendSourceSeparator(const QString& source, qint64 atMs);
    // Inserts every buffered row at the top with one beginInsertRows.
    void flush();
    int pendingCount() const { return int(m_pending.size()); }
    void setMaxRows(int n) { m_maxRows = qMax(1, n); }
    void setFlushIntervalMs(int ms) { m_flushTimer.setInterval(ms); }
    const LogEntry& entry(int row) const { return m_rows.at(row); }
    // The rendered message of a row (what the Message column shows).
    QString messageText(int row) const;
    void setLabelLookup(LabelLookup lookup) { m_label = std::move(lookup); }
    void clear();
    // Headers and every row's text in the current language.
    void retranslate();

private:
    QString render(const LogEntry& e) const;
    QList<LogEntry> m_rows;    // newest first
    QList<LogEntry> m_pending; // oldest first
    int m_maxRows = 20000;
    QTimer m_flushTimer;
    LabelLookup m_label;
    QString m_lastDate; // of the newest row, for the date separators
};

// Filters the log by severity (empty = all) and text (message, kind, operator). Separator rows
// always stay.
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
