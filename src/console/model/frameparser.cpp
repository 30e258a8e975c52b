// Ops-stream frame parser (see frameparser.h).
#include "console/model/frameparser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace sluice::console {

qint64 parseTimeMs(const QString& text) {
    if (text.isEmpty()) return 0;
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

namespace {

// Reads fields, remembering the first problem with its path. Optional fields may be absent or
// null; present with the wrong type they are an error like a missing required field.
class Reader {
public:
    bool ok() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    void fail(const QString& path, const QString& what) {
        if (m_error.isEmpty()) m_error = path + QStringLiteral(": ") + what;
    }

    static QString join(const QString& path, const QString& key) {
        return path.isEmpty() ? key : path + '.' + key;
    }

    bool present(const QJsonObject& o, const QString& key) const {
        const QJsonValue v = o.value(key);
        return !v.isUndefined() && !v.isNull();
    }

    QString str(const QJsonObject& o, const QString& key, const QString& path, bool required) {
        const QJsonValue v = o.value(key);
        if (v.isString()) return v.toString();
        if (!required && (v.isUndefined() || v.isNull())) return {};
        fail(join(path, key),
             v.isUndefined() ? QStringLiteral("missing") : QStringLiteral("expected a string"));
        return {};
    }
    double num(const QJsonObject& o, const QString& key, const QString& path, bool required,
               double fallback = 0) {
        const QJsonValue v = o.value(key);
        if (v.isDouble() && std::isfinite(v.toDouble())) return v.toDouble();
        if (!required && (v.isUndefined() || v.isNull())) return fallback;
        fail(join(path, key),
             v.isUndefined() ? QStringLiteral("missing") : QStringLiteral("expected a number"));
        return fallback;
    }
    qint64 integer(const QJsonObject& o, const QString& key, const QString& path, bool required) {
        const double d = num(o, key, path, required);
        return qint64(std::llround(d));
    }
    bool boolean(const QJsonObject& o, const QString& key, const QString& path, bool required) {
        const QJsonValue v = o.value(key);
        if (v.isBool()) return v.toBool();
        if (!required && (v.isUndefined() || v.isNull())) return false;
        fail(join(path, key), v.isUndefined() ? QStringLiteral("missing")
                                              : QStringLiteral("expected true or false"));
        return false;
    }
    QJsonObject obj(const QJsonObject& o, const QString& key, const QString& path, bool required) {
        const QJsonValue v = o.value(key);
        if (v.isObject()) return v.toObject();
        if (!required && (v.isUndefined() || v.isNull())) return {};
        fail(join(path, key),
             v.isUndefined() ? QStringLiteral("missing") : QStringLiteral("expected an object"));
        return {};
    }
    QJsonArray arr(const QJsonObject& o, const QString& key, const QString& path, bool required) {
        const QJsonValue v = o.value(key);
        if (v.isArray()) return v.toArray();
        if (!required && (v.isUndefined() || v.isNull())) return {};
        fail(join(path, key),
             v.isUndefined() ? QStringLiteral("missing") : QStringLiteral("expected an array"));
        return {};
    }
    qint64 time(const QJsonObject& o, const QString& key, const QString& path, bool required) {
        const QString s = str(o, key, path, required);
        if (s.isEmpty()) return 0;
        const qint64 ms = parseTimeMs(s);
        if (ms == 0) fail(join(path, key), QStringLiteral("expected an RFC 3339 time"));
        return ms;
    }
    QJsonObject element(const QJsonArray& a, int i, const QString& path) {
        if (a.at(i).isObject()) return a.at(i).toObject();
        fail(QStringLiteral("%1[%2]").arg(path).arg(i), QStringLiteral("expected an object"));
        return {};
    }

private:
    QString m_error;
};

CohortFigures readCohort(Reader& r, const QJsonObject& o, const QString& p) {
    CohortFigures c;
    c.id = r.str(o, "id", p, true);
    const QJsonObject label = r.obj(o, "label", p, false);
    c.labelKo = r.str(label, "ko", p + ".label", false);
    c.labelEn = r.str(label, "en", p + ".label", false);
    c.state = r.str(o, "state", p, true);
    c.closedReason = r.str(o, "closed_reason", p, false);
    c.issued = r.integer(o, "issued", p, true);
    c.serving = r.integer(o, "serving", p, true);
    c.waiting = r.integer(o, "waiting", p, true);
    if (r.present(o, "prequeue_size")) c.prequeueSize = r.integer(o, "prequeue_size", p, false);
    c.rateCeiling = r.num(o, "rate_ceiling", p, true);
    c.maxRate = r.num(o, "max_rate", p, false);
    c.actualRate = r.num(o, "actual_rate", p, true);
    c.maxActive = r.integer(o, "max_active", p, true);
    c.active = r.integer(o, "active", p, true);
    c.mode = r.str(o, "mode", p, false);
    if (r.present(o, "eta_last_s")) c.etaLastS = r.num(o, "eta_last_s", p, false);
    c.pausedForIncident = r.boolean(o, "paused_for_incident", p, false);
    c.powBits = int(r.integer(o, "pow_bits", p, false));
    c.joinsPerClientPerMin = int(r.integer(o, "joins_per_client_per_min", p, false));
    c.opensMs = r.time(o, "opens", p, false);
    c.birthYearFromValue = int(r.integer(o, "birth_year_from", p, false));
    c.birthYearToValue = int(r.integer(o, "birth_year_to", p, false));
    return c;
}

ClinicStock readClinic(Reader& r, const QJsonObject& o, const QString& p) {
    ClinicStock c;
    c.id = r.str(o, "id", p, true);
    c.name = r.str(o, "name", p, false);
    c.region = r.str(o, "region", p, false);
    c.district = r.str(o, "district", p, false);
    c.remainingToday = r.integer(o, "remaining_today", p, true);
    c.remainingWindow = r.integer(o, "remaining_window", p, false);
    c.reservedLastMinute = r.integer(o, "reserved_last_minute", p, false);
    return c;
}

ErrorCounters readErrors(Reader& r, const QJsonObject& o, const QString& p) {
    ErrorCounters e;
    const QJsonObject http = r.obj(o, "http", p, false);
    for (auto it = http.begin(); it != http.end(); ++it) {
        const QString rp = p + ".http." + it.key();
        if (!it.value().isObject()) {
            r.fail(rp, QStringLiteral("expected an object"));
            break;
        }
        const QJsonObject h = it.value().toObject();
        HttpErrorCount c;
        c.client = r.integer(h, "4xx", rp, false);
        c.server = r.integer(h, "5xx", rp, false);
        e.http.insert(it.key(), c);
    }
    const QJsonObject bypass = r.obj(o, "bypass", p, false);
    for (auto it = bypass.begin(); it != bypass.end(); ++it)
        e.bypass.insert(it.key(), r.integer(bypass, it.key(), p + ".bypass", true));
    const QJsonObject idp = r.obj(o, "identity_provider", p, false);
    e.breaker = r.str(idp, "breaker", p + ".identity_provider", false);
    e.idpTimeouts = r.integer(idp, "timeouts", p + ".identity_provider", false);
    e.idpErrors = r.integer(idp, "errors", p + ".identity_provider", false);
    e.bookingConflicts = r.integer(o, "booking_conflicts", p, false);
    e.soldOut = r.integer(o, "sold_out", p, false);
    e.overloadRejections = r.integer(o, "overload_rejections", p, false);
    return e;
}

Notice readNotice(Reader& r, const QJsonObject& o, const QString& p) {
    Notice n;
    n.id = r.integer(o, "id", p, true);
    n.cohort = r.str(o, "cohort", p, true);
    n.severity = r.str(o, "severity", p, false);
    const QJsonObject text = r.obj(o, "text", p, true);
    n.textKo = r.str(text, "ko", p + ".text", false);
    n.textEn = r.str(text, "en", p + ".text", false);
    n.postedAtMs = r.time(o, "posted_at", p, false);
    n.postedBy = r.str(o, "posted_by", p, false);
    return n;
}

PendingApproval readApproval(Reader& r, const QJsonObject& o, const QString& p) {
    PendingApproval a;
    a.commandId = r.str(o, "command_id", p, true);
    a.op = r.str(o, "op", p, true);
    a.args = r.obj(o, "args", p, false);
    a.requestedBy = r.str(o, "requested_by", p, false);
    a.requestedAtMs = r.time(o, "requested_at", p, false);
    a.expiresAtMs = r.time(o, "expires_at", p, false);
    a.reason = r.str(o, "reason", p, false);
    return a;
}

void readFigures(Reader& r, const QJsonObject& o, Frame& f, bool snapshot) {
    const QJsonArray cohorts = r.arr(o, "cohorts", {}, true);
    for (int i = 0; i < cohorts.size() && r.ok(); ++i) {
        const QString p = QStringLiteral("cohorts[%1]").arg(i);
        f.cohorts.append(readCohort(r, r.element(cohorts, i, "cohorts"), p));
    }
    const QJsonArray clinics = r.arr(o, "clinics", {}, false);
    f.clinics.reserve(clinics.size());
    for (int i = 0; i < clinics.size() && r.ok(); ++i) {
        const QString p = QStringLiteral("clinics[%1]").arg(i);
        f.clinics.append(readClinic(r, r.element(clinics, i, "clinics"), p));
    }
    if (r.present(o, "errors")) {
        f.hasErrors = true;
        f.errors = readErrors(r, r.obj(o, "errors", {}, false), "errors");
    }
    const QJsonObject latency = r.obj(o, "latency_ms", {}, false);
    for (auto it = latency.begin(); it != latency.end() && r.ok(); ++it) {
        const QString p = "latency_ms." + it.key();
        if (!it.value().isObject()) {
            r.fail(p, QStringLiteral("expected an object"));
            break;
        }
        const QJsonObject l = it.value().toObject();
        f.latency.insert(it.key(),
                         LatencyStats{r.num(l, "p50", p, false), r.num(l, "p95", p, false),
                                      r.num(l, "p99", p, false)});
    }
    const QJsonObject rate = r.obj(o, "request_rate", {}, false);
    for (auto it = rate.begin(); it != rate.end() && r.ok(); ++it)
        f.requestRate.insert(it.key(), r.num(rate, it.key(), "request_rate", true));
    if (!snapshot) return;
    const QJsonArray notices = r.arr(o, "notices", {}, false);
    for (int i = 0; i < notices.size() && r.ok(); ++i)
        f.notices.append(
            readNotice(r, r.element(notices, i, "notices"), QStringLiteral("notices[%1]").arg(i)));
    const QJsonArray approvals = r.arr(o, "pending_approvals", {}, false);
    for (int i = 0; i < approvals.size() && r.ok(); ++i)
        f.approvals.append(readApproval(r, r.element(approvals, i, "pending_approvals"),
                                        QStringLiteral("pending_approvals[%1]").arg(i)));
    f.identityProvider = r.obj(o, "identity_provider", {}, false);
    f.consoles = int(r.integer(o, "consoles", {}, false));
}

} // namespace

ParseResult parseFrame(const QJsonObject& o) {
    Reader r;
    Frame f;
    const QString type = r.str(o, "type", {}, true);
    if (!r.ok()) return {std::nullopt, QStringLiteral("frame: ") + r.error()};
    if (type == QLatin1String("hello")) {
        f.kind = Frame::Kind::Hello;
        HelloInfo& h = f.hello;
        h.protocol = int(r.integer(o, "protocol", {}, true));
        h.serverVersion = r.str(o, "server_version", {}, false);
        h.nodeId = r.str(o, "node_id", {}, false);
        f.serverTimeMs = r.time(o, "server_time", {}, false);
        const QJsonObject op = r.obj(o, "operator", {}, true);
        h.operatorName = r.str(op, "name", "operator", true);
        h.role = r.str(op, "role", "operator", true);
        h.tickIntervalMs = int(r.integer(o, "tick_interval_ms", {}, false));
        if (h.tickIntervalMs <= 0) h.tickIntervalMs = 500;
        const QJsonObject tpr = r.obj(o, "two_person_rule", {}, false);
        h.twoPersonRule = r.boolean(tpr, "enabled", "two_person_rule", false);
        h.rateFactor = r.num(tpr, "rate_factor", "two_person_rule", false);
        h.approvalTimeoutS = int(r.integer(tpr, "approval_timeout_s", "two_person_rule", false));
        const QJsonObject resume = r.obj(o, "resume", {}, false);
        h.resumeMode = r.str(resume, "mode", "resume", false);
    } else if (type == QLatin1String("snapshot") || type == QLatin1String("tick")) {
        const bool snapshot = type == QLatin1String("snapshot");
        f.kind = snapshot ? Frame::Kind::Snapshot : Frame::Kind::Tick;
        f.seq = r.integer(o, "seq", {}, true);
        f.serverTimeMs = r.time(o, "server_time", {}, true);
        if (!snapshot) f.intervalMs = int(r.integer(o, "interval_ms", {}, false));
        readFigures(r, o, f, snapshot);
    } else if (type == QLatin1String("event")) {
        f.kind = Frame::Kind::Event;
        f.seq = r.integer(o, "seq", {}, true);
        f.serverTimeMs = r.time(o, "server_time", {}, true);
        EventInfo& e = f.event;
        e.seq = f.seq;
        e.timeMs = f.serverTimeMs;
        e.kind = r.str(o, "kind", {}, true);
        e.severity = r.str(o, "severity", {}, false);
        e.message = r.str(o, "message", {}, false);
        e.operatorName = r.str(o, "operator", {}, false);
        e.data = r.obj(o, "data", {}, false);
        // Kinds whose data the console acts on are checked here, so the state never sees half.
        if (e.kind == QLatin1String("notice_posted")) {
            readNotice(r, r.obj(e.data, "notice", "data", true), "data.notice");
        } else if (e.kind == QLatin1String("notice_retracted")) {
            r.integer(e.data, "notice_id", "data", true);
        } else if (e.kind == QLatin1String("approval_requested")) {
            readApproval(r, e.data, "data");
        } else if (e.kind == QLatin1String("approval_granted") ||
                   e.kind == QLatin1String("approval_expired")) {
            r.str(e.data, "command_id", "data", true);
        }
    } else if (type == QLatin1String("ack") || type == QLatin1String("nack")) {
        const bool ack = type == QLatin1String("ack");
        f.kind = ack ? Frame::Kind::Ack : Frame::Kind::Nack;
        CommandAnswer& a = f.answer;
        a.accepted = ack;
        a.id = r.str(o, "id", {}, true);
        a.op = r.str(o, "op", {}, false);
        if (ack) {
            a.status = r.str(o, "status", {}, false);
            if (a.status.isEmpty()) a.status = QStringLiteral("done");
            a.result = r.obj(o, "result", {}, false);
        } else {
            a.code = r.str(o, "code", {}, false);
            a.message = r.str(o, "message", {}, true);
        }
    } else {
        return {std::nullopt, QStringLiteral("frame: unknown type \"%1\"").arg(type)};
    }
    if (!r.ok()) return {std::nullopt, type + QStringLiteral(": ") + r.error()};
    return {std::move(f), {}};
}

ParseResult parseFrame(const QByteArray& text) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &err);
    if (err.error != QJsonParseError::NoError)
        return {std::nullopt, QStringLiteral("frame: invalid JSON: ") + err.errorString()};
    if (!doc.isObject()) return {std::nullopt, QStringLiteral("frame: not a JSON object")};
    return parseFrame(doc.object());
}

} // namespace sluice::console
