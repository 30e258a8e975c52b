// The alert engine (see alertengine.h).
#include "console/alerts/alertengine.h"

#include <QSet>

#include <algorithm>

namespace sluice::console {

namespace {
constexpr qint64 kEarlyAckMs = 60'000;
}

AlertEngine::Holds AlertEngine::defaultHolds(const QString& rule) {
    using namespace alert_rule;
    // States the server reports (paused, closed, breaker open) are facts: raised at once. Figures
    // that move with every tick must hold for a few seconds before they count.
    if (rule == QLatin1String(CohortPausedWaiting) || rule == QLatin1String(CohortClosedWaiting))
        return {0, 3000};
    if (rule == QLatin1String(IdentityBreaker)) return {0, 5000};
    if (rule == QLatin1String(LinkLost)) return {0, 3000};
    if (rule == QLatin1String(DataStale)) return {2000, 3000};
    if (rule == QLatin1String(AdmissionLow)) return {10'000, 10'000};
    if (rule == QLatin1String(DosesLow)) return {0, 10'000};
    return {3000, 10'000};
}

AlertEngine::Holds AlertEngine::holds(const QString& rule) const {
    const auto it = m_holds.constFind(rule);
    return it != m_holds.cend() ? *it : defaultHolds(rule);
}

void AlertEngine::clear() {
    m_raising.clear();
    m_clearing.clear();
    m_earlyAcks.clear();
    m_active.clear();
}

const Alert* AlertEngine::find(const QString& key) const {
    for (const Alert& a : m_active)
        if (a.key == key) return &a;
    return nullptr;
}

const Alert* AlertEngine::findByCommand(const QString& commandId) const {
    if (commandId.isEmpty()) return nullptr;
    for (const Alert& a : m_active)
        if (a.ackCommandId == commandId) return &a;
    return nullptr;
}

int AlertEngine::unacknowledgedCritical() const {
    int n = 0;
    for (const Alert& a : m_active)
        if (a.severity == AlertSeverity::Critical && !a.acknowledged()) ++n;
    return n;
}

void AlertEngine::sort() {
    std::stable_sort(m_active.begin(), m_active.end(), [](const Alert& a, const Alert& b) {
        if (a.severity != b.severity) return a.severity == AlertSeverity::Critical;
        return a.startedMs < b.startedMs;
    });
}

QList<AlertChange> AlertEngine::update(const QList<AlertSignal>& signalList, qint64 nowMs) {
    QList<AlertChange> changes;
    QSet<QString> seen;
    bool reorder = false;
    for (const AlertSignal& s : signalList) {
        seen.insert(s.key);
        Alert* active = nullptr;
        for (Alert& a : m_active)
            if (a.key == s.key) active = &a;
        if (active) {
            m_clearing.remove(s.key);
            active->facts = s.facts;
            active->updatedMs = nowMs;
            if (s.level == AlertSignal::Level::Raise && s.severity != active->severity) {
                const bool up = s.severity == AlertSeverity::Critical;
                active->severity = s.severity;
                reorder = true;
                // A more severe alert needs a new acknowledgement.
                if (up) {
                    if (active->ack != Alert::Ack::Pending) active->ack = Alert::Ack::None;
                    changes.append({AlertChange::Type::Escalated, *active});
                }
            }
            continue;
        }
        if (s.level != AlertSignal::Level::Raise) {
            m_raising.remove(s.key);
            continue;
        }
        auto it = m_raising.find(s.key);
        if (it == m_raising.end()) it = m_raising.insert(s.key, Track{nowMs});
        if (nowMs - it->since < holds(s.rule).raiseMs) continue;
        Alert a;
        a.key = s.key;
        a.rule = s.rule;
        a.subject = s.subject;
        a.severity = s.severity;
        a.startedMs = it->since;
        a.updatedMs = nowMs;
        a.facts = s.facts;
        m_raising.erase(it);
        const auto early = m_earlyAcks.constFind(a.key);
        if (early != m_earlyAcks.cend() && nowMs - early->ackAtMs <= kEarlyAckMs) {
            a.ack = early->ack;
            a.ackBy = early->ackBy;
            a.ackNote = early->ackNote;
            a.ackAtMs = early->ackAtMs;
        }
        m_earlyAcks.remove(a.key);
        m_active.append(a);
        reorder = true;
        changes.append({AlertChange::Type::Raised, a});
    }
    // Conditions no longer seen at all: pending ones are forgotten, active ones clear after
    // their clear hold.
    for (auto it = m_raising.begin(); it != m_raising.end();)
        it = seen.contains(it.key()) ? std::next(it) : m_raising.erase(it);
    for (int i = int(m_active.size()) - 1; i >= 0; --i) {
        const Alert& a = m_active.at(i);
        if (seen.contains(a.key)) continue;
        auto c = m_clearing.find(a.key);
        if (c == m_clearing.end()) c = m_clearing.insert(a.key, nowMs);
        if (nowMs - *c < holds(a.rule).clearMs) continue;
        m_clearing.erase(c);
        Alert gone = m_active.takeAt(i);
        gone.updatedMs = nowMs;
        changes.append({AlertChange::Type::Cleared, gone});
    }
    if (reorder) sort();
    return changes;
}

std::optional<AlertChange> AlertEngine::acknowledge(const QString& key, Alert::Ack how,
                                                    const QString& by, const QString& note,
                                                    qint64 atMs, const QString& commandId) {
    for (Alert& a : m_active) {
        if (a.key != key) continue;
        // The server's word wins over a local one; a local one does not undo the server's.
        if (a.ack == Alert::Ack::Server && how == Alert::Ack::Local) return std::nullopt;
        a.ack = how;
        a.ackBy = by;
        a.ackNote = note;
        a.ackAtMs = atMs;
        if (!commandId.isEmpty()) a.ackCommandId = commandId;
        return AlertChange{AlertChange::Type::Acknowledged, a};
    }
    Alert early;
    early.key = key;
    early.ack = how;
    early.ackBy = by;
    early.ackNote = note;
    early.ackAtMs = atMs;
    m_earlyAcks.insert(key, early);
    return std::nullopt;
}

bool AlertEngine::markPending(const QString& key, const QString& commandId, const QString& by,
                              qint64 atMs, const QString& note) {
    for (Alert& a : m_active) {
        if (a.key != key) continue;
        a.ack = Alert::Ack::Pending;
        a.ackCommandId = commandId;
        a.ackBy = by;
        a.ackAtMs = atMs;
        a.ackNote = note;
        return true;
    }
    return false;
}

bool AlertEngine::unmarkPending(const QString& commandId) {
    for (Alert& a : m_active) {
        if (a.ackCommandId != commandId || a.ack != Alert::Ack::Pending) continue;
        a.ack = Alert::Ack::None;
        return true;
    }
    return false;
}

} // namespace sluice::console
