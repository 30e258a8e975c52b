// The incident timeline's text (see eventtext.h).
#include "console/model/eventtext.h"

#include "console/alerts/alerttext.h"
#include "console/model/cohorttablemodel.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace sluice::console {

bool koreanUi() {
    return QLocale().language() == QLocale::Korean;
}

QString formatNumber(double v, int maxDecimals) {
    if (std::isnan(v)) return QStringLiteral("—");
    const QLocale l;
    if (maxDecimals <= 0 || std::abs(v - std::round(v)) < 0.05)
        return l.toString(qint64(std::llround(v)));
    return l.toString(v, 'f', maxDecimals);
}

namespace {
QString str(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}
QString cohortOf(const QJsonObject& o, const LabelLookup& label) {
    const QString id = str(o, "cohort");
    if (id == QLatin1String("*")) return QCoreApplication::translate("EventText", "all cohorts");
    return label ? label(id) : id;
}
QString value(const QString& op, const QJsonValue& v) {
    if (v.isDouble()) return formatNumber(v.toDouble());
    if (v.isBool())
        return v.toBool() ? QCoreApplication::translate("EventText", "yes")
                          : QCoreApplication::translate("EventText", "no");
    if (v.isString()) {
        const QString s = v.toString();
        if (op.contains(QLatin1String("mode"))) return modeText(s);
        if (s == QLatin1String("running"))
            return QCoreApplication::translate("EventText", "running");
        return cohortStateText(s);
    }
    return QStringLiteral("—");
}
QString noticeText(const QJsonObject& notice) {
    const QJsonObject t = notice.value(QLatin1String("text")).toObject();
    const QString ko = str(t, "ko"), en = str(t, "en");
    return koreanUi() ? (ko.isEmpty() ? en : ko) : (en.isEmpty() ? ko : en);
}
// "proof of work 16 bits, 60 new tickets/min per address" (or "off") from set_screening's args
// or a screening_changed event's old/new object.
QString screeningText(const QJsonObject& o) {
    const int bits = o.value(QLatin1String("pow_bits")).toInt();
    const int joins = o.value(QLatin1String("joins_per_client_per_min")).toInt();
    QStringList parts;
    if (o.contains(QLatin1String("pow_bits")))
        parts << (bits > 0
                      ? QCoreApplication::translate("EventText", "proof of work %1 bits").arg(bits)
                      : QCoreApplication::translate("EventText", "proof of work off"));
    if (o.contains(QLatin1String("joins_per_client_per_min")))
        parts << (joins > 0
                      ? QCoreApplication::translate("EventText", "%1 new tickets/min per address")
                            .arg(joins)
                      : QCoreApplication::translate("EventText", "join limit off"));
    return parts.join(QStringLiteral(", "));
}

QString drillText(const QJsonObject& a) {
    QStringList parts;
    const QJsonObject lat = a.value(QLatin1String("latency_ms")).toObject();
    if (!lat.isEmpty())
        parts.append(QStringLiteral("p50 %1 ms, p99 %2 ms")
                         .arg(formatNumber(lat.value("p50").toDouble()),
                              formatNumber(lat.value("p99").toDouble())));
    if (a.contains(QLatin1String("error_rate")))
        parts.append(QCoreApplication::translate("EventText", "errors %1 %")
                         .arg(formatNumber(100 * a.value("error_rate").toDouble())));
    if (a.value(QLatin1String("outage")).toBool())
        parts.append(QCoreApplication::translate("EventText", "outage"));
    return parts.join(QStringLiteral(", "));
}
} // namespace

QString breakerText(const QString& b) {
    if (b == QLatin1String("closed"))
        return QCoreApplication::translate("EventText", "closed (normal)");
    if (b == QLatin1String("open"))
        return QCoreApplication::translate("EventText", "open (failing)");
    if (b == QLatin1String("half_open"))
        return QCoreApplication::translate("EventText", "half-open (testing)");
    return b;
}

namespace {
QString describe(const QString& op, const QJsonObject& args, const QJsonValue& oldValue,
                 const QJsonValue& newValue, const LabelLookup& label);
}

QString describeCommand(const QString& op, const QJsonObject& args, const QJsonValue& oldValue,
                        const QJsonValue& newValue, const LabelLookup& label) {
    // Without a cohort (an approval event names only the op) the sentence starts with the change.
    return describe(op, args, oldValue, newValue, label).trimmed();
}

namespace {
QString describe(const QString& op, const QJsonObject& args, const QJsonValue& oldValue,
                 const QJsonValue& newValue, const LabelLookup& label) {
    const QString cohort = cohortOf(args, label);
    const bool known = !oldValue.isUndefined() && !oldValue.isNull();
    if (op == QLatin1String("pause_cohort"))
        return args.value(QLatin1String("incident")).toBool()
                   ? QCoreApplication::translate("EventText", "pause %1 (incident)").arg(cohort)
                   : QCoreApplication::translate("EventText", "pause %1").arg(cohort);
    if (op == QLatin1String("resume_cohort"))
        return QCoreApplication::translate("EventText", "resume %1").arg(cohort);
    if (op == QLatin1String("set_rate")) {
        const QString to = newValue.isDouble() ? value(op, newValue)
                                               : formatNumber(args.value("rate_per_s").toDouble());
        return known ? QCoreApplication::translate("EventText", "%1 admission rate %2 → %3/s")
                           .arg(cohort, value(op, oldValue), to)
                     : QCoreApplication::translate("EventText", "%1 admission rate → %2/s")
                           .arg(cohort, to);
    }
    if (op == QLatin1String("set_max_active")) {
        const QString to = newValue.isDouble() ? value(op, newValue)
                                               : formatNumber(args.value("max_active").toDouble());
        return known ? QCoreApplication::translate("EventText", "%1 max active sessions %2 → %3")
                           .arg(cohort, value(op, oldValue), to)
                     : QCoreApplication::translate("EventText", "%1 max active sessions → %2")
                           .arg(cohort, to);
    }
    if (op == QLatin1String("set_admission_mode")) {
        const QString to = modeText(newValue.isString() ? newValue.toString() : str(args, "mode"));
        return known ? QCoreApplication::translate("EventText", "%1 admission mode %2 → %3")
                           .arg(cohort, value(op, oldValue), to)
                     : QCoreApplication::translate("EventText", "%1 admission mode → %2")
                           .arg(cohort, to);
    }
    if (op == QLatin1String("set_screening"))
        return QCoreApplication::translate("EventText", "%1 abuse screening: %2")
            .arg(cohort, screeningText(args));
    if (op == QLatin1String("post_notice")) {
        QJsonObject n = args;
        return QCoreApplication::translate("EventText", "notice to %1: “%2”")
            .arg(cohort, noticeText(n));
    }
    if (op == QLatin1String("retract_notice")) {
        const QString text = str(args, "text_shown");
        return text.isEmpty()
                   ? QCoreApplication::translate("EventText", "retract notice #%1")
                         .arg(qint64(args.value("notice_id").toDouble()))
                   : QCoreApplication::translate("EventText", "retract notice “%1”").arg(text);
    }
    if (op == QLatin1String("set_identity_provider"))
        return QCoreApplication::translate("EventText", "identity provider drill: %1")
            .arg(drillText(args));
    if (op == QLatin1String("approve"))
        return QCoreApplication::translate("EventText", "approve %1's command")
            .arg(str(args, "requested_by").isEmpty() ? str(args, "command_id")
                                                     : str(args, "requested_by"));
    if (op == QLatin1String("acknowledge_alert")) {
        return QCoreApplication::translate("EventText", "acknowledge alert “%1”")
            .arg(alertTitleForKey(str(args, "alert"), label));
    }
    return op;
}
} // namespace

QString eventKindName(const QString& kind) {
    static const struct {
        const char* kind;
        const char* name;
    } names[] = {
        {"operator_action", QT_TRANSLATE_NOOP("EventText", "operator action")},
        {"approval_requested", QT_TRANSLATE_NOOP("EventText", "approval requested")},
        {"approval_granted", QT_TRANSLATE_NOOP("EventText", "approved")},
        {"approval_expired", QT_TRANSLATE_NOOP("EventText", "approval expired")},
        {"alert_acknowledged", QT_TRANSLATE_NOOP("EventText", "alert acknowledged")},
        {"notice_posted", QT_TRANSLATE_NOOP("EventText", "notice posted")},
        {"notice_retracted", QT_TRANSLATE_NOOP("EventText", "notice retracted")},
        {"cohort_state", QT_TRANSLATE_NOOP("EventText", "cohort state")},
        {"cohort_opened", QT_TRANSLATE_NOOP("EventText", "cohort opened")},
        {"sold_out", QT_TRANSLATE_NOOP("EventText", "sold out")},
        {"cohort_paused", QT_TRANSLATE_NOOP("EventText", "paused")},
        {"cohort_resumed", QT_TRANSLATE_NOOP("EventText", "resumed")},
        {"rate_changed", QT_TRANSLATE_NOOP("EventText", "rate changed")},
        {"max_active_changed", QT_TRANSLATE_NOOP("EventText", "max active changed")},
        {"admission_mode_changed", QT_TRANSLATE_NOOP("EventText", "mode changed")},
        {"screening_changed", QT_TRANSLATE_NOOP("EventText", "screening changed")},
        {"alert", QT_TRANSLATE_NOOP("EventText", "server alert")},
        {"server_started", QT_TRANSLATE_NOOP("EventText", "server started")},
        {"server_stopping", QT_TRANSLATE_NOOP("EventText", "server stopping")},
        {"console.alert_raised", QT_TRANSLATE_NOOP("EventText", "alert")},
        {"console.alert_cleared", QT_TRANSLATE_NOOP("EventText", "alert cleared")},
        {"console.alert_ack_local", QT_TRANSLATE_NOOP("EventText", "alert acknowledged")},
        {"console.sent", QT_TRANSLATE_NOOP("EventText", "my action")},
        {"console.not_sent", QT_TRANSLATE_NOOP("EventText", "my action")},
        {"console.refused", QT_TRANSLATE_NOOP("EventText", "my action")},
    };
    for (const auto& n : names)
        if (kind == QLatin1String(n.kind)) return QCoreApplication::translate("EventText", n.name);
    if (kind.startsWith(QLatin1String("console.")))
        return QCoreApplication::translate("EventText", "console");
    return kind;
}

QString renderEvent(const QString& kind, const QJsonObject& d, const QString& who,
                    const QString& message, const LabelLookup& label) {
    const QString cohort = cohortOf(d, label);
    auto oldNew = [&](const char* k) { return value(kind, d.value(QLatin1String(k))); };
    if (kind == QLatin1String("operator_action"))
        return QStringLiteral("%1: %2").arg(
            who.isEmpty() ? QCoreApplication::translate("EventText", "server") : who,
            describeCommand(str(d, "op"), d.value("args").toObject(), d.value("old_value"),
                            d.value("new_value"), label));
    if (kind == QLatin1String("approval_requested")) {
        const QString reason = str(d, "reason");
        const QString cmd =
            describeCommand(str(d, "op"), d.value("args").toObject(), {}, {}, label);
        return reason.isEmpty()
                   ? QCoreApplication::translate("EventText",
                                                 "%1 asks a second operator to approve: %2")
                         .arg(str(d, "requested_by"), cmd)
                   : QCoreApplication::translate("EventText",
                                                 "%1 asks a second operator to approve: %2 (%3)")
                         .arg(str(d, "requested_by"), cmd, reason);
    }
    if (kind == QLatin1String("approval_granted"))
        return QCoreApplication::translate("EventText", "%1 approved %2's command: %3")
            .arg(str(d, "approved_by"), str(d, "requested_by"),
                 describeCommand(str(d, "op"), d.value("args").toObject(), d.value("old_value"),
                                 d.value("new_value"), label));
    if (kind == QLatin1String("approval_expired"))
        return QCoreApplication::translate("EventText", "%1's command expired unapproved: %2")
            .arg(str(d, "requested_by"),
                 describeCommand(str(d, "op"), d.value("args").toObject(), {}, {}, label));
    if (kind == QLatin1String("alert_acknowledged")) {
        const QString note = str(d, "note");
        const QString title = alertTitleForKey(str(d, "alert"), label);
        return note.isEmpty()
                   ? QCoreApplication::translate("EventText", "%1 acknowledged the alert “%2”")
                         .arg(str(d, "by"), title)
                   : QCoreApplication::translate("EventText", "%1 acknowledged the alert “%2”: %3")
                         .arg(str(d, "by"), title, note);
    }
    if (kind == QLatin1String("notice_posted")) {
        const QJsonObject n = d.value("notice").toObject();
        return QCoreApplication::translate("EventText", "%1 posted a notice to %2 (%3): “%4”")
            .arg(str(n, "posted_by").isEmpty() ? who : str(n, "posted_by"), cohortOf(n, label),
                 severityText(str(n, "severity")), noticeText(n));
    }
    if (kind == QLatin1String("notice_retracted")) {
        const QString text = str(d, "text_shown");
        return text.isEmpty()
                   ? QCoreApplication::translate("EventText", "notice #%1 retracted")
                         .arg(qint64(d.value("notice_id").toDouble()))
                   : QCoreApplication::translate("EventText", "notice “%1” retracted").arg(text);
    }
    if (kind == QLatin1String("cohort_state"))
        return QCoreApplication::translate("EventText", "%1: %2 → %3")
            .arg(cohort, cohortStateText(str(d, "from")), cohortStateText(str(d, "to")));
    if (kind == QLatin1String("cohort_opened"))
        return QCoreApplication::translate(
                   "EventText", "%1 opened: %2 people in the pre-queue shuffled (seed %3)")
            .arg(cohort, formatNumber(d.value("prequeue_size").toDouble()), str(d, "seed"));
    if (kind == QLatin1String("sold_out"))
        return QCoreApplication::translate("EventText",
                                           "%1: no doses left to book, admission stopped")
            .arg(cohort);
    if (kind == QLatin1String("cohort_paused"))
        return QCoreApplication::translate("EventText", "%1: admission paused").arg(cohort);
    if (kind == QLatin1String("cohort_resumed"))
        return QCoreApplication::translate("EventText", "%1: admission resumed").arg(cohort);
    if (kind == QLatin1String("rate_changed"))
        return QCoreApplication::translate("EventText", "%1: admission rate %2 → %3/s")
            .arg(cohort, oldNew("old"), oldNew("new"));
    if (kind == QLatin1String("max_active_changed"))
        return QCoreApplication::translate("EventText", "%1: max active sessions %2 → %3")
            .arg(cohort, oldNew("old"), oldNew("new"));
    if (kind == QLatin1String("screening_changed"))
        return QCoreApplication::translate("EventText", "%1: abuse screening %2 → %3")
            .arg(cohort, screeningText(d.value("old").toObject()),
                 screeningText(d.value("new").toObject()));
    if (kind == QLatin1String("admission_mode_changed"))
        return QCoreApplication::translate("EventText", "%1: admission mode %2 → %3")
            .arg(cohort, modeText(str(d, "old")), modeText(str(d, "new")));
    if (kind == QLatin1String("alert")) {
        const QString a = str(d, "alert");
        if (a == QLatin1String("identity_provider_breaker"))
            return QCoreApplication::translate("EventText", "identity provider breaker %1 → %2")
                .arg(breakerText(str(d, "previous")), breakerText(str(d, "breaker")));
        if (a == QLatin1String("booking_errors"))
            return QCoreApplication::translate(
                       "EventText", "booking errors: %1 % of %2 requests failed (p99 %3 ms)")
                .arg(formatNumber(100 * d.value("error_rate").toDouble()),
                     formatNumber(d.value("requests").toDouble()),
                     formatNumber(d.value("p99_ms").toDouble()));
        return message;
    }
    if (kind == QLatin1String("server_started"))
        return QCoreApplication::translate("EventText", "server started (version %1, node %2)")
            .arg(str(d, "server_version"), str(d, "node_id"));
    if (kind == QLatin1String("server_stopping"))
        return QCoreApplication::translate("EventText", "server stopping (node %1)")
            .arg(str(d, "node_id"));
    return message.isEmpty() ? kind : message;
}

QString renderLocal(const QString& kind, const QJsonObject& a, const LabelLookup& label) {
    using namespace local_kind;
    auto cmd = [&] {
        return describeCommand(str(a, "op"), a.value("args").toObject(), a.value("old_value"),
                               a.value("new_value"), label);
    };
    if (kind == QLatin1String(Connected))
        return QCoreApplication::translate("EventText", "connected to %1").arg(str(a, "source"));
    if (kind == QLatin1String(Restored))
        return QCoreApplication::translate("EventText", "connection restored");
    if (kind == QLatin1String(Lost))
        return QCoreApplication::translate("EventText", "connection lost");
    if (kind == QLatin1String(Malformed))
        return QCoreApplication::translate("EventText", "malformed frame skipped: %1")
            .arg(str(a, "reason"));
    if (kind == QLatin1String(Undecodable))
        return QCoreApplication::translate("EventText", "undecodable message skipped: %1")
            .arg(str(a, "reason"));
    if (kind == QLatin1String(Gap))
        return QCoreApplication::translate("EventText",
                                           "frames missed (seq gap): asking for a snapshot");
    if (kind == QLatin1String(Sent))
        return QCoreApplication::translate("EventText", "%1: sent: %2").arg(str(a, "by"), cmd());
    if (kind == QLatin1String(NotSent))
        return QCoreApplication::translate("EventText",
                                           "not sent (not connected or not allowed): %1")
            .arg(cmd());
    if (kind == QLatin1String(Refused))
        return QCoreApplication::translate("EventText", "refused by the server: %1: %2")
            .arg(cmd(), str(a, "message"));
    if (kind == QLatin1String(AlertRaised))
        return QCoreApplication::translate("EventText", "alert: %1")
            .arg(alertText(str(a, "rule"), str(a, "subject"), a.value("facts").toObject(), label));
    if (kind == QLatin1String(AlertCleared))
        return QCoreApplication::translate("EventText", "alert over: %1")
            .arg(alertText(str(a, "rule"), str(a, "subject"), a.value("facts").toObject(), label));
    if (kind == QLatin1String(AlertAckLocal))
        return QCoreApplication::translate(
                   "EventText", "%1 acknowledged the alert “%2” on this console only (%3)")
            .arg(str(a, "by"), alertTitleForKey(str(a, "alert"), label), str(a, "reason"));
    if (kind == QLatin1String(SourceSeparator))
        return QCoreApplication::translate("EventText", "──── new data source: %1 ────")
            .arg(str(a, "source"));
    if (kind == QLatin1String(DateSeparator))
        return QStringLiteral("──── %1 ────").arg(str(a, "date"));
    return str(a, "text").isEmpty() ? kind : str(a, "text");
}

} // namespace sluice::console
