// The recording file format (see recordingformat.h and docs/recording-format.md).
#include "console/recording/recordingformat.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace sluice::console::recording {

QStringList schemaStatements() {
    return {
        QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE frames(id INTEGER PRIMARY KEY, recv_ms INTEGER NOT NULL, "
            "server_ms INTEGER NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, "
            "tag TEXT NOT NULL DEFAULT '', encoding INTEGER NOT NULL, body BLOB NOT NULL)"),
        QStringLiteral("CREATE INDEX frames_recv ON frames(recv_ms)"),
        QStringLiteral("CREATE INDEX frames_marker ON frames(tag) WHERE tag <> ''"),
        QStringLiteral(
            "CREATE TABLE keyframes(id INTEGER PRIMARY KEY, frame_id INTEGER NOT NULL UNIQUE, "
            "recv_ms INTEGER NOT NULL, encoding INTEGER NOT NULL, body BLOB NOT NULL)"),
    };
}

QByteArray encodeBody(const QJsonObject& body, Encoding* encoding, int compressAbove) {
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (json.size() > compressAbove) {
        *encoding = Encoding::ZlibJson;
        return qCompress(json, 1);
    }
    *encoding = Encoding::Json;
    return json;
}

bool decodeBody(const QByteArray& bytes, int encoding, QJsonObject* out) {
    QByteArray json;
    if (encoding == int(Encoding::Json))
        json = bytes;
    else if (encoding == int(Encoding::ZlibJson))
        json = qUncompress(bytes);
    else
        return false;
    if (json.isEmpty()) return false;
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) return false;
    *out = doc.object();
    return true;
}

QString markerTag(const QString& kind, const QJsonObject& body) {
    if (kind == QLatin1String(kKindLink)) return QString::fromLatin1(kTagLink);
    if (kind == QLatin1String(kKindCommand)) return QString::fromLatin1(kTagAction);
    if (kind != QLatin1String("event")) return {};
    const QString ek = body.value(QStringLiteral("kind")).toString();
    if (ek == QLatin1String("alert") || ek == QLatin1String("sold_out") ||
        body.value(QStringLiteral("severity")).toString() == QLatin1String("critical"))
        return QString::fromLatin1(kTagAlert);
    if (ek == QLatin1String("server_started") || ek == QLatin1String("server_stopping"))
        return QString::fromLatin1(kTagLink);
    static const char* const actions[] = {
        "operator_action", "approval_requested", "approval_granted",      "approval_expired",
        "notice_posted",   "notice_retracted",   "cohort_paused",         "cohort_resumed",
        "rate_changed",    "max_active_changed", "admission_mode_changed"};
    for (const char* a : actions)
        if (ek == QLatin1String(a)) return QString::fromLatin1(kTagAction);
    return {};
}

QString formatTimeUtc(qint64 unixMs) {
    return QDateTime::fromMSecsSinceEpoch(unixMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

namespace {
QJsonValue optionalTime(qint64 ms) {
    return ms > 0 ? QJsonValue(formatTimeUtc(ms)) : QJsonValue();
}
} // namespace

QJsonObject snapshotFromState(const DashboardState& s) {
    QJsonObject o;
    o.insert("type", "snapshot");
    o.insert("seq", double(s.seq()));
    o.insert("server_time", formatTimeUtc(s.serverTimeMs() > 0 ? s.serverTimeMs() : 1));
    QJsonArray cohorts;
    for (const CohortFigures& c : s.cohorts()) {
        QJsonObject j;
        j.insert("id", c.id);
        j.insert("label", QJsonObject{{"ko", c.labelKo}, {"en", c.labelEn}});
        j.insert("state", c.state);
        j.insert("closed_reason", c.closedReason);
        j.insert("issued", double(c.issued));
        j.insert("serving", double(c.serving));
        j.insert("waiting", double(c.waiting));
        j.insert("prequeue_size",
                 c.prequeueSize ? QJsonValue(double(*c.prequeueSize)) : QJsonValue());
        j.insert("rate_ceiling", c.rateCeiling);
        j.insert("max_rate", c.maxRate);
        j.insert("actual_rate", c.actualRate);
        j.insert("max_active", double(c.maxActive));
        j.insert("active", double(c.active));
        j.insert("mode", c.mode);
        j.insert("eta_last_s", c.etaLastS ? QJsonValue(*c.etaLastS) : QJsonValue());
        j.insert("paused_for_incident", c.pausedForIncident);
        j.insert("pow_bits", c.powBits);
        j.insert("joins_per_client_per_min", c.joinsPerClientPerMin);
        j.insert("opens", optionalTime(c.opensMs));
        j.insert("birth_year_from", c.birthYearFromValue);
        j.insert("birth_year_to", c.birthYearToValue);
        cohorts.append(j);
    }
    o.insert("cohorts", cohorts);
    QJsonArray clinics;
    for (const ClinicStock& c : s.clinics()) {
        clinics.append(QJsonObject{{"id", c.id},
                                   {"name", c.name},
                                   {"region", c.region},
                                   {"district", c.district},
                                   {"remaining_today", double(c.remainingToday)},
                                   {"remaining_window", double(c.remainingWindow)},
                                   {"reserved_last_minute", double(c.reservedLastMinute)}});
    }
    o.insert("clinics", clinics);
    const ErrorCounters& e = s.errors();
    QJsonObject http;
    for (auto it = e.http.begin(); it != e.http.end(); ++it)
        http.insert(it.key(),
                    QJsonObject{{"4xx", double(it->client)}, {"5xx", double(it->server)}});
    QJsonObject bypass;
    for (auto it = e.bypass.begin(); it != e.bypass.end(); ++it)
        bypass.insert(it.key(), double(it.value()));
    o.insert("errors",
             QJsonObject{{"http", http},
                         {"bypass", bypass},
                         {"identity_provider", QJsonObject{{"breaker", e.breaker},
                                                           {"timeouts", double(e.idpTimeouts)},
                                                           {"errors", double(e.idpErrors)}}},
                         {"booking_conflicts", double(e.bookingConflicts)},
                         {"sold_out", double(e.soldOut)},
                         {"overload_rejections", double(e.overloadRejections)}});
    QJsonObject latency;
    for (auto it = s.latency().begin(); it != s.latency().end(); ++it)
        latency.insert(it.key(), QJsonObject{{"p50", it->p50}, {"p95", it->p95}, {"p99", it->p99}});
    o.insert("latency_ms", latency);
    QJsonObject rate;
    for (auto it = s.requestRate().begin(); it != s.requestRate().end(); ++it)
        rate.insert(it.key(), it.value());
    o.insert("request_rate", rate);
    QJsonArray notices;
    for (const Notice& n : s.notices()) {
        notices.append(QJsonObject{{"id", double(n.id)},
                                   {"cohort", n.cohort},
                                   {"severity", n.severity},
                                   {"text", QJsonObject{{"ko", n.textKo}, {"en", n.textEn}}},
                                   {"posted_at", optionalTime(n.postedAtMs)},
                                   {"posted_by", n.postedBy}});
    }
    o.insert("notices", notices);
    QJsonArray approvals;
    for (const PendingApproval& a : s.approvals()) {
        approvals.append(QJsonObject{{"command_id", a.commandId},
                                     {"op", a.op},
                                     {"args", a.args},
                                     {"requested_by", a.requestedBy},
                                     {"requested_at", optionalTime(a.requestedAtMs)},
                                     {"expires_at", optionalTime(a.expiresAtMs)},
                                     {"reason", a.reason}});
    }
    o.insert("pending_approvals", approvals);
    o.insert("identity_provider", s.identityProvider());
    o.insert("consoles", s.consoles());
    return o;
}

} // namespace sluice::console::recording
