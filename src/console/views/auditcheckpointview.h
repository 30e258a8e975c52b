// The audit log's signed anchor in the console: a status-bar label with the newest
// audit row and its hash, refreshed every 30 s while connected live, and a dialog (File →
// Audit checkpoint…) that shows the whole checkpoint and saves it to a file for an operator to
// keep outside the server. `sluice-server audit verify --checkpoint FILE` later proves that
// the log was neither changed nor cut back behind that point (docs/operators.md).
#pragma once
#include "console/transport/auditcheckpoint.h"

#include <QLabel>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace sluice::console {

class LiveSource;

class AuditCheckpointView : public QLabel {
    Q_OBJECT
public:
    explicit AuditCheckpointView(QWidget* parent = nullptr);

    // The live source to ask (nullptr: a replay or no connection; the label says so).
    void setSource(LiveSource* source);
    void refresh();
    void setRefreshIntervalMs(int ms) { m_timer.setInterval(ms); }
    const std::optional<AuditCheckpoint>& checkpoint() const { return m_checkpoint; }
    QString lastError() const { return m_error; }
    // Writes the checkpoint as the server signed it; false with `error` set on failure.
    bool saveTo(const QString& path, QString* error) const;
    // Fetches a fresh checkpoint and shows it with a Save button.
    void showDialog();
    void retranslate();

signals:
    void checkpointChanged();

private:
    void onFetched(const AuditCheckpoint& c);
    void showError(const QString& message);
    AuditCheckpointFetcher m_fetcher;
    QPointer<LiveSource> m_source;
    QTimer m_timer;
    std::optional<AuditCheckpoint> m_checkpoint;
    QString m_error;
};

QString describeCheckpoint(const AuditCheckpoint& c);

} // namespace sluice::console
