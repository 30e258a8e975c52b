// Alert rules (see alertrules.h).
#include "console/alerts/alertrules.h"

namespace sluice::console {

namespace {
QString keyOf(const char* rule, const QString& subject = {}) {
    return subject.isEmpty() ? QString::fromLatin1(rule)
                             : QString::fromLatin1(rule) + QLatin1Char(':') + subject;
}

// A "higher is worse" figure against warning/critical thresholds with a hysteresis band below
// the warning threshold.
bool levelOf(double value, double warning, double critical, double clearFactor,
             AlertSignal::Level* level, AlertSeverity* severity) {
    if (value >= warning) {
        *level = AlertSignal::Level::Raise;
        *severity = value >= critical ? AlertSeverity::Critical : AlertSeverity::Warning;
        return true;
    }
    if (value >= warning * clearFactor) {
        *level = AlertSignal::Level::Hold;
        *severity = AlertSeverity::Warning;
        return true;
    }
    return false;
}
} // namespace

AlertConfig alertConfigFrom(const Thresholds& t) {
    AlertConfig c;
    if (t.has("eta_last_s")) {
        c.etaWarningS = t.rule("eta_last_s").amber;
        c.etaCriticalS = t.rule("eta_last_s").red;
    }
    if (t.has("error_percent")) {
        c.errorWarningPercent = t.rule("error_percent").amber;
        c.errorCriticalPercent = t.rule("error_percent").red;
    }
    if (t.has("bypass_per_s")) {
        c.bypassWarningPerS = t.rule("bypass_per_s").amber;
        c.bypassCriticalPerS = t.rule("bypass_per_s").red;
    }
    if (t.has("booking_p99_ms")) {
        c.latencyWarningMs = t.rule("booking_p99_ms").amber;
        c.latencyCriticalMs = t.rule("booking_p99_ms").red;
    }
    if (t.has("doses_left")) {
        c.dosesWarning = qint64(t.rule("doses_left").amber);
        c.dosesCritical = qint64(t.rule("doses_left").red);
    }
    if (t.has("admission_ratio")) {
        // The red level raises; the band up to the amber level (at most +0.1) holds.
        c.admissionRaiseRatio = t.rule("admission_ratio").red;
        c.admissionClearRatio = qMin(t.rule("admission_ratio").amber, c.admissionRaiseRatio + 0.1);
    }
    return c;
}

double bookingP99Ms(const QMap<QString, LatencyStats>& latency, QString* route) {
    double worst = 0;
    for (auto it = latency.cbegin(); it != latency.cend(); ++it) {
        const QString& r = it.key();
        if (!r.startsWith(QLatin1String("/v1/identity")) &&
            !r.startsWith(QLatin1String("/v1/clinics")) &&
            !r.startsWith(QLatin1String("/v1/reservations")))
            continue;
        if (it->p99 > worst) {
            worst = it->p99;
            if (route) *route = r;
        }
    }
    return worst;
}

QList<AlertSignal> evaluateAlertRules(const AlertInputs& in, const AlertConfig& cfg) {
    QList<AlertSignal> out;
    const DashboardState* s = in.state;
    auto add = [&out](const char* rule, const QString& subject, AlertSignal::Level level,
                      AlertSeverity severity, QJsonObject facts) {
        out.append(AlertSignal{keyOf(rule, subject), QString::fromLatin1(rule), subject, level,
                               severity, std::move(facts)});
    };

    // The link first: without fresh data every other figure may be wrong.
    if (in.link.hadData && !in.link.connected) {
        add(alert_rule::LinkLost, {}, AlertSignal::Level::Raise, AlertSeverity::Critical, {});
    } else if (in.link.hadData && in.link.stale && in.link.live) {
        add(alert_rule::DataStale, {}, AlertSignal::Level::Raise, AlertSeverity::Warning, {});
    }
    if (!s || !s->hasSnapshot()) return out;

    for (const CohortFigures& c : s->cohorts()) {
        const double waiting = double(c.waiting);
        if (c.state == QLatin1String("paused") && c.waiting > 0) {
            add(alert_rule::CohortPausedWaiting, c.id, AlertSignal::Level::Raise,
                AlertSeverity::Critical, {{"waiting", waiting}, {"incident", c.pausedForIncident}});
        } else if (c.state == QLatin1String("closed") && c.waiting > 0) {
            add(alert_rule::CohortClosedWaiting, c.id, AlertSignal::Level::Raise,
                AlertSeverity::Critical, {{"waiting", waiting}, {"reason", c.closedReason}});
        } else if (c.state == QLatin1String("open")) {
            // Nobody (or only a few seconds' worth of people) waiting is not an admission problem.
            const bool queue =
                c.waiting >= cfg.minWaiting && waiting >= c.rateCeiling * cfg.minQueueSeconds;
            const double ratio = c.rateCeiling > 0 ? c.actualRate / c.rateCeiling : 0.0;
            if (queue && ratio < cfg.admissionClearRatio) {
                add(alert_rule::AdmissionLow, c.id,
                    ratio < cfg.admissionRaiseRatio ? AlertSignal::Level::Raise
                                                    : AlertSignal::Level::Hold,
                    AlertSeverity::Warning,
                    {{"waiting", waiting},
                     {"actual", c.actualRate},
                     {"ceiling", c.rateCeiling},
                     {"ratio", ratio},
                     {"zone_full", c.maxActive > 0 && c.active >= c.maxActive}});
            }
            AlertSignal::Level level;
            AlertSeverity severity;
            if (c.etaLastS && c.waiting > 0 &&
                levelOf(*c.etaLastS, cfg.etaWarningS, cfg.etaCriticalS, 0.9, &level, &severity))
                add(alert_rule::EtaHigh, c.id, level, severity,
                    {{"eta_s", *c.etaLastS}, {"waiting", waiting}});
        }
    }

    AlertSignal::Level level;
    AlertSeverity severity;
    if (in.ratesValid && levelOf(in.errorPercent, cfg.errorWarningPercent, cfg.errorCriticalPercent,
                                 cfg.clearFactor, &level, &severity))
        add(alert_rule::ErrorRate, {}, level, severity, {{"percent", in.errorPercent}});
    if (in.ratesValid && levelOf(in.bypassPerS, cfg.bypassWarningPerS, cfg.bypassCriticalPerS,
                                 cfg.clearFactor, &level, &severity))
        add(alert_rule::BypassRate, {}, level, severity, {{"per_s", in.bypassPerS}});
    QString route;
    const double p99 = bookingP99Ms(s->latency(), &route);
    if (levelOf(p99, cfg.latencyWarningMs, cfg.latencyCriticalMs, cfg.clearFactor, &level,
                &severity))
        add(alert_rule::BookingLatency, {}, level, severity, {{"p99_ms", p99}, {"route", route}});

    if (!s->clinics().isEmpty()) {
        const double doses = double(s->headline().dosesLeft);
        if (doses <= double(cfg.dosesWarning))
            add(alert_rule::DosesLow, {}, AlertSignal::Level::Raise,
                doses <= double(cfg.dosesCritical) ? AlertSeverity::Critical
                                                   : AlertSeverity::Warning,
                {{"doses", doses}});
        else if (doses <= double(cfg.dosesWarning) / cfg.clearFactor)
            add(alert_rule::DosesLow, {}, AlertSignal::Level::Hold, AlertSeverity::Warning,
                {{"doses", doses}});
    }

    // The tick's counters carry the breaker; the snapshot's identity_provider object is older.
    QString breaker = s->errors().breaker;
    if (breaker.isEmpty())
        breaker = s->identityProvider().value(QStringLiteral("breaker")).toString();
    if (breaker == QLatin1String("open"))
        add(alert_rule::IdentityBreaker, {}, AlertSignal::Level::Raise, AlertSeverity::Critical,
            {{"breaker", breaker}});
    else if (breaker == QLatin1String("half_open"))
        add(alert_rule::IdentityBreaker, {}, AlertSignal::Level::Hold, AlertSeverity::Warning,
            {{"breaker", breaker}});
    return out;
}

} // namespace sluice::console
