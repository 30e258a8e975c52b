// The console's picture of the server: the last snapshot with every later tick and event
// applied, in seq order. Pure logic: no Qt objects, no widgets, no clock. The session feeds it;
// tests drive it with fixture frames.
#pragma once
#include "console/model/frames.h"

#include <QHash>

namespace sluice::console {

struct ApplyResult {
    enum class Status { Applied, Duplicate, BeforeSnapshot };
    Status status = Status::Applied;
    bool gap = false; // a broadcast frame was missed (seq jumped)
    bool cohortsChanged = false;
    bool clinicsReplaced = false;     // snapshot: every clinic may have changed
    QList<ClinicStock> clinicChanges; // tick: the clinics whose stock changed
    bool noticesChanged = false;
    bool approvalsChanged = false;
};

// Headline figures over all cohorts and clinics.
struct Headline {
    qint64 waiting = 0;
    double actualRate = 0, rateCeiling = 0; // ceiling: the configured ceilings of open cohorts
    std::optional<double> etaLastS; // the largest ETA of the open cohorts with people waiting
    int pausedWithWaiting = 0, closedWithWaiting = 0;
    qint64 active = 0, maxActive = 0;
    qint64 dosesLeft = 0;      // remaining_window over all clinics: what can still be booked
    qint64 dosesLeftToday = 0; // remaining_today over all clinics
};

class DashboardState {
public:
    ApplyResult apply(const Frame& frame);
    void clear();

    bool hasSnapshot() const { return m_hasSnapshot; }
    qint64 seq() const { return m_seq; }
    qint64 serverTimeMs() const { return m_serverTimeMs; }
    const HelloInfo& hello() const { return m_hello; }
    bool hasHello() const { return m_hasHello; }
    const QList<CohortFigures>& cohorts() const { return m_cohorts; }
    const CohortFigures* cohort(const QString& id) const;
    const QHash<QString, ClinicStock>& clinics() const { return m_clinics; }
    const ErrorCounters& errors() const { return m_errors; }
    const QMap<QString, LatencyStats>& latency() const { return m_latency; }
    const QMap<QString, double>& requestRate() const { return m_requestRate; }
    const QList<Notice>& notices() const { return m_notices; }
    const QList<PendingApproval>& approvals() const { return m_approvals; }
    const QJsonObject& identityProvider() const { return m_identityProvider; }
    int consoles() const { return m_consoles; }
    Headline headline() const;

private:
    void applyFigures(const Frame& f, ApplyResult& r);
    void applyEvent(const EventInfo& e, ApplyResult& r);

    bool m_hasHello = false, m_hasSnapshot = false;
    HelloInfo m_hello;
    qint64 m_seq = -1;
    qint64 m_serverTimeMs = 0;
    QList<CohortFigures> m_cohorts;
    QHash<QString, ClinicStock> m_clinics;
    qint64 m_dosesLeft = 0, m_dosesLeftToday = 0;
    ErrorCounters m_errors;
    QMap<QString, LatencyStats> m_latency;
    QMap<QString, double> m_requestRate;
    QList<Notice> m_notices;
    QList<PendingApproval> m_approvals;
    QJsonObject m_identityProvider;
    int m_consoles = 0;
};

} // namespace sluice::console
