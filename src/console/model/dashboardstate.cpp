// The console's picture of the server (see dashboardstate.h).
#include "console/model/dashboardstate.h"

#include "console/model/frameparser.h"

namespace sluice::console {

qint64 ErrorCounters::total4xx() const {
    qint64 n = 0;
    for (const auto& h : http)
        n += h.client;
    return n;
}
qint64 ErrorCounters::total5xx() const {
    qint64 n = 0;
    for (const auto& h : http)
        n += h.server;
    return n;
}
qint64 ErrorCounters::totalBypass() const {
    qint64 n = 0;
    for (const auto v : bypass)
        n += v;
    return n;
}

void DashboardState::clear() {
    *this = DashboardState();
}

const CohortFigures* DashboardState::cohort(const QString& id) const {
    for (const auto& c : m_cohorts)
        if (c.id == id) return &c;
    return nullptr;
}

ApplyResult DashboardState::apply(const Frame& f) {
    ApplyResult r;
    switch (f.kind) {
    case Frame::Kind::Hello:
        m_hello = f.hello;
        m_hasHello = true;
        return r;
    case Frame::Kind::Ack:
    case Frame::Kind::Nack:
        return r; // the command tracker handles answers
    case Frame::Kind::Snapshot: {
        m_hasSnapshot = true;
        m_seq = f.seq;
        m_serverTimeMs = f.serverTimeMs;
        m_clinics.clear();
        m_clinics.reserve(f.clinics.size());
        m_dosesLeft = m_dosesLeftToday = 0;
        for (const auto& c : f.clinics) {
            m_clinics.insert(c.id, c);
            m_dosesLeft += c.remainingWindow;
            m_dosesLeftToday += c.remainingToday;
        }
        r.clinicsReplaced = true;
        applyFigures(f, r);
        r.cohortsChanged = true;
        if (m_notices != f.notices) {
            m_notices = f.notices;
            r.noticesChanged = true;
        }
        if (m_approvals != f.approvals) {
            m_approvals = f.approvals;
            r.approvalsChanged = true;
        }
        m_identityProvider = f.identityProvider;
        m_consoles = f.consoles;
        return r;
    }
    case Frame::Kind::Tick:
    case Frame::Kind::Event:
        break;
    }
    // Broadcast frames: in seq order, once each, only on top of a snapshot.
    if (!m_hasSnapshot) {
        r.status = ApplyResult::Status::BeforeSnapshot;
        return r;
    }
    if (f.seq <= m_seq) {
        r.status = ApplyResult::Status::Duplicate;
        return r;
    }
    r.gap = f.seq != m_seq + 1;
    m_seq = f.seq;
    if (f.serverTimeMs > 0) m_serverTimeMs = f.serverTimeMs;
    if (f.kind == Frame::Kind::Tick) {
        for (const auto& c : f.clinics) {
            auto it = m_clinics.find(c.id);
            if (it == m_clinics.end()) {
                m_clinics.insert(c.id, c);
                m_dosesLeft += c.remainingWindow;
                m_dosesLeftToday += c.remainingToday;
                r.clinicChanges.append(c);
            } else if (!(*it == c)) {
                m_dosesLeft += c.remainingWindow - it->remainingWindow;
                m_dosesLeftToday += c.remainingToday - it->remainingToday;
                *it = c;
                r.clinicChanges.append(c);
            }
        }
        applyFigures(f, r);
    } else {
        applyEvent(f.event, r);
    }
    return r;
}

void DashboardState::applyFigures(const Frame& f, ApplyResult& r) {
    if (m_cohorts != f.cohorts) {
        m_cohorts = f.cohorts;
        r.cohortsChanged = true;
    }
    if (f.hasErrors) m_errors = f.errors;
    m_latency = f.latency;
    m_requestRate = f.requestRate;
}

void DashboardState::applyEvent(const EventInfo& e, ApplyResult& r) {
    const QJsonObject& d = e.data;
    if (e.kind == QLatin1String("notice_posted")) {
        const QJsonObject n = d.value("notice").toObject();
        Notice notice;
        notice.id = qint64(n.value("id").toDouble());
        notice.cohort = n.value("cohort").toString();
        notice.severity = n.value("severity").toString();
        notice.textKo = n.value("text").toObject().value("ko").toString();
        notice.textEn = n.value("text").toObject().value("en").toString();
        notice.postedAtMs = parseTimeMs(n.value("posted_at").toString());
        notice.postedBy = n.value("posted_by").toString();
        for (const auto& existing : m_notices)
            if (existing.id == notice.id) return;
        m_notices.append(notice);
        r.noticesChanged = true;
    } else if (e.kind == QLatin1String("notice_retracted")) {
        const qint64 id = qint64(d.value("notice_id").toDouble());
        r.noticesChanged = m_notices.removeIf([id](const Notice& n) { return n.id == id; }) > 0;
    } else if (e.kind == QLatin1String("approval_requested")) {
        PendingApproval a;
        a.commandId = d.value("command_id").toString();
        a.op = d.value("op").toString();
        a.args = d.value("args").toObject();
        a.requestedBy = d.value("requested_by").toString();
        a.requestedAtMs = parseTimeMs(d.value("requested_at").toString());
        a.expiresAtMs = parseTimeMs(d.value("expires_at").toString());
        a.reason = d.value("reason").toString();
        for (const auto& existing : m_approvals)
            if (existing.commandId == a.commandId) return;
        m_approvals.append(a);
        r.approvalsChanged = true;
    } else if (e.kind == QLatin1String("approval_granted") ||
               e.kind == QLatin1String("approval_expired")) {
        const QString id = d.value("command_id").toString();
        r.approvalsChanged =
            m_approvals.removeIf([&id](const PendingApproval& a) { return a.commandId == id; }) > 0;
    } else if (e.kind == QLatin1String("cohort_state")) {
        const QString id = d.value("cohort").toString();
        const QString to = d.value("to").toString();
        for (auto& c : m_cohorts) {
            if (c.id == id && !to.isEmpty() && c.state != to) {
                c.state = to;
                if (d.contains("incident")) c.pausedForIncident = d.value("incident").toBool();
                r.cohortsChanged = true;
            }
        }
    }
}

Headline DashboardState::headline() const {
    Headline h;
    for (const auto& c : m_cohorts) {
        h.waiting += c.waiting;
        h.actualRate += c.actualRate;
        // The ceiling that matters is the configured one of the cohorts that are open (not of
        // those with people waiting at this instant: that flips between 0 and the ceiling).
        const bool open = c.state == QLatin1String("open");
        if (open) h.rateCeiling += c.rateCeiling;
        if (c.state == QLatin1String("paused") && c.waiting > 0) ++h.pausedWithWaiting;
        if (c.state == QLatin1String("closed") && c.waiting > 0) ++h.closedWithWaiting;
        h.active += c.active;
        h.maxActive += c.maxActive;
        if (open && c.waiting > 0 && c.etaLastS && (!h.etaLastS || *c.etaLastS > *h.etaLastS))
            h.etaLastS = c.etaLastS;
    }
    h.dosesLeft = m_dosesLeft;
    h.dosesLeftToday = m_dosesLeftToday;
    return h;
}

} // namespace sluice::console
