// Alert rules: pure functions of the console's state model (DashboardState plus the derived error
// rates and the link facts), evaluated every tick. Each rule looks at one subject (a cohort, or
// the whole system) and says Raise (beyond the raise threshold), Hold (between the raise and the
// clear threshold: an alert already raised stays) or nothing (clear). Only subjects with Raise or
// Hold are returned, so a healthy system allocates next to nothing per tick. The AlertEngine adds
// the time dimension (hold times) and the acknowledgements. No Qt objects, no widgets, no clock.
#pragma once
#include "console/model/dashboardstate.h"
#include "console/model/thresholds.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace sluice::console {

enum class AlertSeverity { Warning, Critical };

// What the rules know about the link to the server.
struct LinkFacts {
    bool live = true;       // a replay judges the recorded link state only
    bool connected = false; // frames flowing (the recorded state in a replay)
    bool stale = false;     // connected, but the figures are old
    bool hadData = false;   // a snapshot arrived at least once from this source
};

struct AlertInputs {
    const DashboardState* state = nullptr;
    bool ratesValid = false;
    double errorPercent = 0; // (5xx + overload rejections) / requests, percent
    double bypassPerS = 0;
    LinkFacts link;
};

// Thresholds of the rules; the defaults match resources/console/thresholds.json.
struct AlertConfig {
    // admission_low: people waiting at least this many, and at least `minQueueSeconds` of
    // admission at the ceiling: below that, a low rate is nobody being there, not a problem.
    qint64 minWaiting = 50;
    double minQueueSeconds = 5;
    double admissionRaiseRatio = 0.5, admissionClearRatio = 0.6;
    double etaWarningS = 3600, etaCriticalS = 14400;
    double errorWarningPercent = 1, errorCriticalPercent = 5;
    double bypassWarningPerS = 20, bypassCriticalPerS = 100;
    double latencyWarningMs = 1000, latencyCriticalMs = 3000;
    qint64 dosesWarning = 1000, dosesCritical = 100;
    // Hysteresis band: a raised alert stays until the figure is this far back (a factor of the
    // warning threshold: 0.8 = 20 % below it for "higher is worse" figures).
    double clearFactor = 0.8;
};

struct AlertSignal {
    enum class Level { Hold, Raise };
    QString key;     // stable: "<rule>:<subject>" or "<rule>" (sent in acknowledge_alert)
    QString rule;    // e.g. "cohort_paused_waiting"
    QString subject; // cohort id; empty for the whole system
    Level level = Level::Raise;
    AlertSeverity severity = AlertSeverity::Warning;
    QJsonObject facts; // the figures the text shows (waiting, rate, ceiling, …)
};

// Rule names (the part of the key before ':').
namespace alert_rule {
inline constexpr char CohortPausedWaiting[] = "cohort_paused_waiting";
inline constexpr char CohortClosedWaiting[] = "cohort_closed_waiting";
inline constexpr char AdmissionLow[] = "admission_low";
inline constexpr char EtaHigh[] = "eta_high";
inline constexpr char ErrorRate[] = "error_rate";
inline constexpr char BypassRate[] = "bypass_rate";
inline constexpr char BookingLatency[] = "booking_latency";
inline constexpr char DosesLow[] = "doses_low";
inline constexpr char IdentityBreaker[] = "identity_breaker";
inline constexpr char LinkLost[] = "link_lost";
inline constexpr char DataStale[] = "data_stale";
} // namespace alert_rule

// The rules' thresholds from the console's threshold table (eta_last_s, error_percent,
// bypass_per_s, booking_p99_ms, doses_left, admission_ratio); missing metrics keep the defaults.
AlertConfig alertConfigFrom(const Thresholds& thresholds);

QList<AlertSignal> evaluateAlertRules(const AlertInputs& in, const AlertConfig& config = {});

// The slowest p99 of the booking routes (/v1/identity…, /v1/clinics…, /v1/reservations…), and
// its route; 0 when none.
double bookingP99Ms(const QMap<QString, LatencyStats>& latency, QString* route = nullptr);

} // namespace sluice::console
