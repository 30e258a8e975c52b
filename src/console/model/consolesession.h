// The console's session: takes frames from whichever DataSource is attached (live or replay),
// parses them, keeps the DashboardState and feeds the models the views show (clinic table,
// cohorts, event log, metric history, the operator's actions). Decides staleness and whether
// actions are allowed. Evaluates the alert rules after every tick (live and replay alike) and keeps
// their acknowledgements. One source at a time: attaching another clears everything derived from
// the previous one and writes a dated separator in the log. No widgets: tests drive it directly.
#pragma once
#include "console/alerts/alertengine.h"
#include "console/alerts/alertmodel.h"
#include "console/model/clinictablemodel.h"
#include "console/model/cohorttablemodel.h"
#include "console/model/commandtracker.h"
#include "console/model/dashboardstate.h"
#include "console/model/eventlogmodel.h"
#include "console/model/metricstore.h"
#include "console/model/thresholds.h"
#include "console/transport/datasource.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

namespace sluice::console {

// Error rates derived from two successive counter frames (per second).
struct ErrorRates {
    double http4xx = 0, http5xx = 0, bypass = 0, identity = 0, conflicts = 0, soldOut = 0,
           overload = 0;
    double errorPercent = 0; // (5xx + overload rejections) / requests, in percent
    bool valid = false;
};

class ConsoleSession : public QObject {
    Q_OBJECT
public:
    explicit ConsoleSession(QObject* parent = nullptr);
    ~ConsoleSession() override;

    // Attaches a source (not owned); the previous one is detached. Everything derived from the
    // previous source is cleared (state, tables, log, actions, alerts) and sourceReset() emitted.
    void setSource(DataSource* source);
    DataSource* source() const { return m_source; }
    DataSource::State connectionState() const;

    const DashboardState& state() const { return m_state; }
    ClinicTableModel* clinicModel() { return &m_clinics; }
    CohortTableModel* cohortModel() { return &m_cohorts; }
    EventLogModel* eventLog() { return &m_log; }
    CommandTracker* commands() { return &m_commands; }
    const MetricStore& metrics() const { return m_metrics; }
    // Operator actions of this source, in server time, for the charts' markers (the newest
    // kMaxActionMarks; cleared with the history).
    const QList<EventInfo>& actionMarks() const { return m_actionMarks; }
    static constexpr int kMaxActionMarks = 2000;
    const Thresholds& thresholds() const { return m_thresholds; }
    void setThresholds(const Thresholds& t);
    const ErrorRates& errorRates() const { return m_rates; }

    // Alerts: the engine's active alerts and the list model of the alerts panel.
    const AlertEngine& alerts() const { return m_alerts; }
    AlertEngine& alertEngine() { return m_alerts; }
    AlertListModel* alertModel() { return &m_alertModel; }
    void setAlertConfig(const AlertConfig& c) { m_alertConfig = c; }
    // Acknowledges an active alert: sent to the server (acknowledge_alert) when this console can
    // act, else, or when the server does not know the command, kept on this console only (and
    // said so in the log). False when there is no such alert.
    bool acknowledgeAlert(const QString& key, const QString& note = {});
    // Cohort id -> label in the interface language.
    QString cohortLabel(const QString& id) const;
    LabelLookup labelLookup() const;
    // The source's clock (wall clock live, recorded time in a replay).
    qint64 nowMs() const;

    // Stale: not connected, no snapshot yet, or (live) no frame for staleAfterMs.
    bool isStale() const { return m_stale; }
    void setStaleAfterMs(int ms) { m_staleAfterMs = ms; }
    // Milliseconds since the last frame arrived, in the source's clock (recorded time in a
    // replay); -1 before the first.
    qint64 msSinceLastFrame() const;
    // Operator actions allowed: a live source, connected, with a snapshot, role operator/admin.
    bool canAct() const { return m_canAct; }
    QString role() const { return m_state.hello().role; }
    QString operatorName() const { return m_state.hello().operatorName; }
    int malformedCount() const { return m_malformed; }
    QString lastMalformed() const { return m_lastMalformed; }
    int gapCount() const { return m_gaps; }

    // Sends a command through the source and tracks it until its answer. Returns the id, or
    // an empty string when it could not be sent (the tracker shows it as not sent).
    QString sendCommand(const QString& op, const QJsonObject& args, const QString& description);
    // Reevaluates the alerts (the session does it after every frame, at the frame's receive time,
    // and every second). `atMs` < 0: now in the source's clock.
    void evaluateAlerts(qint64 atMs = -1);

public slots:
    // Entry point for frames (connected to the source's frameReceived; tests call it directly).
    void handleFrame(const QJsonObject& frame, qint64 receivedAtMs);

signals:
    void connectionStateChanged(sluice::console::DataSource::State state);
    void statusMessage(const QString& message);
    void helloReceived();
    // Any applied tick, snapshot or event (views coalesce their refreshes).
    void updated();
    void cohortsChanged();
    void noticesChanged();
    void approvalsChanged();
    void staleChanged(bool stale);
    void canActChanged(bool canAct);
    void malformedFrame(const QString& reason);
    // A new source was attached: every view clears its charts, selections and forms.
    void sourceReset();
    // The derived history was dropped (new source or a replay seek): charts start empty.
    void historyCleared();
    void alertsChanged();
    void alertRaised(const sluice::console::Alert& alert);
    void alertChanged(const sluice::console::AlertChange& change);

private:
    void onStateChanged(DataSource::State s);
    void recordMetrics(const Frame& f);
    void logLocal(const char* kind, const QString& severity, const QJsonObject& args = {},
                  qint64 atMs = -1);
    void publishAlertChanges(const QList<AlertChange>& changes);
    void onAnswer(const CommandAnswer& a);
    void reevaluate();
    void resetHistory();

    QPointer<DataSource> m_source;
    DashboardState m_state;
    ClinicTableModel m_clinics;
    CohortTableModel m_cohorts;
    EventLogModel m_log;
    CommandTracker m_commands;
    MetricStore m_metrics;
    QList<EventInfo> m_actionMarks;
    Thresholds m_thresholds;
    ErrorRates m_rates;
    ErrorCounters m_prevErrors;
    qint64 m_prevErrorsMs = 0;
    bool m_hasPrevErrors = false;
    QElapsedTimer m_sinceFrame;
    QTimer m_checkTimer;
    int m_staleAfterMs = 0; // 0: 3 tick intervals, at least 3 s
    bool m_stale = true;
    bool m_awaitingSnapshot = false; // hello said a snapshot follows: old figures until then
    bool m_canAct = false;
    int m_malformed = 0;
    QString m_lastMalformed;
    int m_gaps = 0;
    DataSource::State m_lastState = DataSource::State::Disconnected;
    AlertEngine m_alerts;
    AlertListModel m_alertModel;
    AlertConfig m_alertConfig;
    qint64 m_lastFrameAtMs = 0; // receive time of the last frame (the source's clock)
    bool m_hadData = false;     // a snapshot arrived from this source
};

} // namespace sluice::console
