// Alert texts (see alerttext.h).
#include "console/alerts/alerttext.h"

#include "console/model/cohorttablemodel.h"

#include <QCoreApplication>

namespace sluice::console {

namespace {
QString ruleName(const QString& rule) {
    using namespace alert_rule;
    if (rule == QLatin1String(CohortPausedWaiting))
        return QCoreApplication::translate("AlertText", "paused while people wait");
    if (rule == QLatin1String(CohortClosedWaiting))
        return QCoreApplication::translate("AlertText", "closed while people wait");
    if (rule == QLatin1String(AdmissionLow))
        return QCoreApplication::translate("AlertText", "admission far below the ceiling");
    if (rule == QLatin1String(EtaHigh))
        return QCoreApplication::translate("AlertText", "long wait for the last in line");
    if (rule == QLatin1String(ErrorRate))
        return QCoreApplication::translate("AlertText", "error rate");
    if (rule == QLatin1String(BypassRate))
        return QCoreApplication::translate("AlertText", "bypass attempts");
    if (rule == QLatin1String(BookingLatency))
        return QCoreApplication::translate("AlertText", "slow booking");
    if (rule == QLatin1String(DosesLow))
        return QCoreApplication::translate("AlertText", "doses nearly gone");
    if (rule == QLatin1String(IdentityBreaker))
        return QCoreApplication::translate("AlertText", "identity provider breaker open");
    if (rule == QLatin1String(LinkLost))
        return QCoreApplication::translate("AlertText", "link to the server lost");
    if (rule == QLatin1String(DataStale))
        return QCoreApplication::translate("AlertText", "stale data");
    return rule;
}
double num(const QJsonObject& f, const char* k) {
    return f.value(QLatin1String(k)).toDouble();
}
} // namespace

QString alertSeverityText(AlertSeverity s) {
    return severityText(s == AlertSeverity::Critical ? QStringLiteral("critical")
                                                     : QStringLiteral("warning"));
}

QString alertSubjectText(const QString& rule, const QString& subject, const LabelLookup& label) {
    using namespace alert_rule;
    if (!subject.isEmpty()) return label ? label(subject) : subject;
    if (rule == QLatin1String(DosesLow))
        return QCoreApplication::translate("AlertText", "all clinics");
    if (rule == QLatin1String(IdentityBreaker) || rule == QLatin1String(BookingLatency))
        return QCoreApplication::translate("AlertText", "booking");
    if (rule == QLatin1String(LinkLost) || rule == QLatin1String(DataStale))
        return QCoreApplication::translate("AlertText", "this console");
    return QCoreApplication::translate("AlertText", "whole system");
}

QString alertTitleForKey(const QString& key, const LabelLookup& label) {
    const QString rule = key.section(QLatin1Char(':'), 0, 0);
    const QString subject = key.section(QLatin1Char(':'), 1);
    if (subject.isEmpty()) return ruleName(rule);
    return QStringLiteral("%1: %2").arg(label ? label(subject) : subject, ruleName(rule));
}

QString alertText(const QString& rule, const QString& subject, const QJsonObject& f,
                  const LabelLookup& label) {
    using namespace alert_rule;
    const QString who = label ? label(subject) : subject;
    const QString waiting = formatNumber(num(f, "waiting"));
    if (rule == QLatin1String(CohortPausedWaiting))
        return f.value("incident").toBool()
                   ? QCoreApplication::translate(
                         "AlertText", "%1 paused for an incident: %2 people waiting, none admitted")
                         .arg(who, waiting)
                   : QCoreApplication::translate("AlertText",
                                                 "%1 paused: %2 people waiting, none admitted")
                         .arg(who, waiting);
    if (rule == QLatin1String(CohortClosedWaiting))
        return f.value("reason").toString() == QLatin1String("sold_out")
                   ? QCoreApplication::translate("AlertText",
                                                 "%1 closed, sold out: %2 people still waiting")
                         .arg(who, waiting)
                   : QCoreApplication::translate("AlertText", "%1 closed: %2 people still waiting")
                         .arg(who, waiting);
    if (rule == QLatin1String(AdmissionLow)) {
        QString t =
            QCoreApplication::translate(
                "AlertText", "%1 admits %2/s, %3 % of its %4/s ceiling: %5 people waiting")
                .arg(who, formatNumber(num(f, "actual")), formatNumber(100 * num(f, "ratio"), 0),
                     formatNumber(num(f, "ceiling")), waiting);
        if (f.value("zone_full").toBool())
            t += QCoreApplication::translate("AlertText", " (booking zone full)");
        return t;
    }
    if (rule == QLatin1String(EtaHigh))
        return QCoreApplication::translate("AlertText", "%1: the last in line waits %2 (%3 people)")
            .arg(who, formatDuration(num(f, "eta_s")), waiting);
    if (rule == QLatin1String(ErrorRate))
        return QCoreApplication::translate("AlertText",
                                           "error rate %1 % (HTTP 5xx and overload rejections)")
            .arg(formatNumber(num(f, "percent"), 2));
    if (rule == QLatin1String(BypassRate))
        return QCoreApplication::translate(
                   "AlertText", "%1 bypass attempts per second (booking without admission)")
            .arg(formatNumber(num(f, "per_s")));
    if (rule == QLatin1String(BookingLatency))
        return QCoreApplication::translate("AlertText", "booking slow: p99 %1 ms on %2")
            .arg(formatNumber(num(f, "p99_ms"), 0), f.value("route").toString());
    if (rule == QLatin1String(DosesLow))
        return QCoreApplication::translate("AlertText", "only %1 doses left to book")
            .arg(formatNumber(num(f, "doses")));
    if (rule == QLatin1String(IdentityBreaker))
        return QCoreApplication::translate("AlertText",
                                           "identity provider breaker %1: identity checks fail")
            .arg(breakerText(f.value("breaker").toString()));
    if (rule == QLatin1String(LinkLost))
        return QCoreApplication::translate("AlertText",
                                           "link to the server lost: the figures shown are old");
    if (rule == QLatin1String(DataStale))
        return QCoreApplication::translate("AlertText",
                                           "no fresh data: the figures shown are stale");
    return ruleName(rule);
}

} // namespace sluice::console
