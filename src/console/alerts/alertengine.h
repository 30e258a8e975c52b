// The alert engine: turns the rules' per-tick verdicts (alertrules.h) into alerts with a start
// time, raised only after the condition held for the rule's raise time and cleared only after it
// stayed clear for the clear time (hysteresis in time on top of the rules' threshold bands), so
// figures near a threshold do not flap. Keeps the acknowledgements (who, when, note; sent to the
// server or kept here only). Time is passed in (the frames' receive time: wall clock live,
// recorded time in a replay), so a replay raises the same alerts at the same instants. Pure.
#pragma once
#include "console/alerts/alertrules.h"

#include <QHash>

namespace sluice::console {

struct Alert {
    QString key, rule, subject;
    AlertSeverity severity = AlertSeverity::Warning;
    qint64 startedMs = 0; // when the condition began (not when the hold time ran out)
    qint64 updatedMs = 0;
    QJsonObject facts;
    // Acknowledgement
    enum class Ack { None, Pending, Server, Local };
    Ack ack = Ack::None;
    QString ackBy, ackNote, ackCommandId;
    qint64 ackAtMs = 0;
    bool acknowledged() const { return ack == Ack::Server || ack == Ack::Local; }
};

struct AlertChange {
    enum class Type { Raised, Escalated, Cleared, Acknowledged };
    Type type = Type::Raised;
    Alert alert;
};

class AlertEngine {
public:
    // Hold times in ms for a rule; the defaults are in alertengine.cpp.
    struct Holds {
        qint64 raiseMs = 0, clearMs = 0;
    };
    static Holds defaultHolds(const QString& rule);
    void setHolds(const QString& rule, Holds h) { m_holds.insert(rule, h); }
    Holds holds(const QString& rule) const;

    QList<AlertChange> update(const QList<AlertSignal>& signalList, qint64 nowMs);
    // Marks an alert acknowledged; an acknowledgement for an alert not raised here (yet) is kept
    // for a minute in case the same condition is raised shortly after.
    std::optional<AlertChange> acknowledge(const QString& key, Alert::Ack how, const QString& by,
                                           const QString& note, qint64 atMs,
                                           const QString& commandId = {});
    // Acknowledgement sent, answer pending.
    bool markPending(const QString& key, const QString& commandId, const QString& by, qint64 atMs,
                     const QString& note = {});
    // The pending acknowledgement of this command failed: back to unacknowledged.
    bool unmarkPending(const QString& commandId);
    const Alert* find(const QString& key) const;
    const Alert* findByCommand(const QString& commandId) const;

    // Active alerts, most severe first, then oldest first.
    const QList<Alert>& alerts() const { return m_active; }
    int unacknowledgedCritical() const;
    void clear();

private:
    void sort();
    struct Track {
        qint64 since = 0; // Raise seen since (pending) or clear since (active)
    };
    QHash<QString, Holds> m_holds;
    QHash<QString, Track> m_raising;   // not raised yet: condition seen since
    QHash<QString, qint64> m_clearing; // raised: clear since
    QHash<QString, Alert> m_earlyAcks; // acknowledged before raised here
    QList<Alert> m_active;
};

} // namespace sluice::console
