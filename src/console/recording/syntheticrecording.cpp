// Synthetic recording generator (see syntheticrecording.h).
#include "console/recording/syntheticrecording.h"

#include "console/recording/recordingformat.h"

#include <QJsonArray>

#include <random>

namespace sluice::console::recording {

namespace {

struct Gen {
    const SyntheticOptions& o;
    std::mt19937 rng;
    qint64 seq = 0;
    int noticeId = 0;
    QList<int> activeNotices;
    struct Cohort {
        QString id;
        qint64 issued, serving;
        double rate;
        QString state = QStringLiteral("open");
    };
    QList<Cohort> cohorts;
    struct Clinic {
        QString id, name, region, district;
        qint64 today, window, lastMinute;
    };
    QList<Clinic> clinics;

    explicit Gen(const SyntheticOptions& opt) : o(opt), rng(opt.seed) {
        static const char* const regions[] = {"서울", "부산", "대구", "인천",
                                              "광주", "대전", "울산", "경기"};
        for (int i = 0; i < o.cohorts; ++i)
            cohorts.append(
                Cohort{QStringLiteral("c%1").arg(i), 100000 + i * 1000, 0, 200.0 + 50 * i});
        for (int i = 0; i < o.clinics; ++i) {
            const QString region = QString::fromUtf8(regions[i % 8]);
            clinics.append(Clinic{QStringLiteral("k-%1").arg(i, 5, 10, QLatin1Char('0')),
                                  QStringLiteral("%1 보건소 %2").arg(region).arg(i), region,
                                  QStringLiteral("구-%1").arg(i % 25), 5000, 50000, 0});
        }
    }
    QJsonArray cohortJson(qint64 now) {
        QJsonArray a;
        for (Cohort& c : cohorts) {
            if (c.state == QLatin1String("open")) {
                c.issued += qint64(rng() % 400);
                c.serving = qMin(c.issued, c.serving + qint64(c.rate * o.tickMs / 1000));
            }
            a.append(QJsonObject{{"id", c.id},
                                 {"label", QJsonObject{{"ko", c.id + QStringLiteral("세")},
                                                       {"en", QStringLiteral("Ages ") + c.id}}},
                                 {"state", c.state},
                                 {"closed_reason", ""},
                                 {"issued", double(c.issued)},
                                 {"serving", double(c.serving)},
                                 {"waiting", double(c.issued - c.serving)},
                                 {"prequeue_size", 1000},
                                 {"rate_ceiling", c.rate},
                                 {"max_rate", 4000.0},
                                 {"actual_rate", c.rate * 0.97},
                                 {"max_active", 10000},
                                 {"active", double(rng() % 10000)},
                                 {"mode", "manual"},
                                 {"eta_last_s", double(c.issued - c.serving) / c.rate},
                                 {"paused_for_incident", false},
                                 {"opens", formatTimeUtc(o.startMs - 60'000)},
                                 {"birth_year_from", 1967},
                                 {"birth_year_to", 1968}});
            (void)now;
        }
        return a;
    }
    static QJsonObject clinicJson(const Clinic& c) {
        return QJsonObject{{"id", c.id},
                           {"name", c.name},
                           {"region", c.region},
                           {"district", c.district},
                           {"remaining_today", double(c.today)},
                           {"remaining_window", double(c.window)},
                           {"reserved_last_minute", double(c.lastMinute)}};
    }
    QJsonObject errors(qint64 n) {
        return QJsonObject{
            {"http", QJsonObject{{"/v1/reservations",
                                  QJsonObject{{"4xx", double(n / 3)}, {"5xx", double(n / 50)}}}}},
            {"bypass", QJsonObject{{"bypass_no_token", double(n / 7)}}},
            {"identity_provider", QJsonObject{{"breaker", "closed"},
                                              {"timeouts", double(n / 90)},
                                              {"errors", double(n / 60)}}},
            {"booking_conflicts", double(n / 40)},
            {"sold_out", double(n / 80)},
            {"overload_rejections", 0}};
    }
    QJsonObject latency() {
        return QJsonObject{
            {"/v1/reservations",
             QJsonObject{{"p50", 3.0 + rng() % 5}, {"p95", 9.0}, {"p99", 20.0 + rng() % 30}}}};
    }
    QJsonObject hello(qint64 now) {
        return QJsonObject{
            {"type", "hello"},
            {"protocol", 1},
            {"server_version", QStringLiteral(SLUICE_VERSION)},
            {"node_id", "synthetic"},
            {"server_time", formatTimeUtc(now)},
            {"operator", QJsonObject{{"name", "kim"}, {"role", "operator"}}},
            {"tick_interval_ms", o.tickMs},
            {"two_person_rule",
             QJsonObject{{"enabled", false}, {"rate_factor", 2.0}, {"approval_timeout_s", 120}}},
            {"resume", QJsonObject{{"from_seq", QJsonValue()}, {"mode", "snapshot"}}}};
    }
    QJsonObject snapshot(qint64 now) {
        QJsonArray cl;
        for (const Clinic& c : clinics)
            cl.append(clinicJson(c));
        QJsonArray notices;
        for (int id : activeNotices)
            notices.append(
                QJsonObject{{"id", id},
                            {"cohort", "*"},
                            {"severity", "warning"},
                            {"text", QJsonObject{{"ko", QStringLiteral("공지 %1").arg(id)},
                                                 {"en", QStringLiteral("Notice %1").arg(id)}}},
                            {"posted_at", formatTimeUtc(o.startMs)},
                            {"posted_by", "kim"}});
        return QJsonObject{{"type", "snapshot"},
                           {"seq", double(seq)},
                           {"server_time", formatTimeUtc(now)},
                           {"cohorts", cohortJson(now)},
                           {"clinics", cl},
                           {"stock_version", double(seq)},
                           {"errors", errors(seq)},
                           {"latency_ms", latency()},
                           {"request_rate", QJsonObject{{"/v1/reservations", 120.0}}},
                           {"notices", notices},
                           {"pending_approvals", QJsonArray()},
                           {"identity_provider", QJsonObject()},
                           {"consoles", 1}};
    }
    QJsonObject tick(qint64 now) {
        QJsonArray changed;
        for (int i = 0; i < o.changedClinicsPerTick && !clinics.isEmpty(); ++i) {
            Clinic& c = clinics[int(rng() % quint32(clinics.size()))];
            const qint64 d = qMin<qint64>(c.window, 1 + rng() % 3);
            c.window -= d;
            c.today = qMax<qint64>(0, c.today - d);
            c.lastMinute = rng() % 30;
            changed.append(clinicJson(c));
        }
        return QJsonObject{{"type", "tick"},
                           {"seq", double(++seq)},
                           {"server_time", formatTimeUtc(now)},
                           {"interval_ms", o.tickMs},
                           {"cohorts", cohortJson(now)},
                           {"clinics", changed},
                           {"stock_version", double(seq)},
                           {"errors", errors(seq)},
                           {"latency_ms", latency()},
                           {"request_rate", QJsonObject{{"/v1/reservations", 100.0 + rng() % 50}}}};
    }
    QJsonObject event(qint64 now, int n) {
        QJsonObject e{{"type", "event"},
                      {"seq", double(++seq)},
                      {"server_time", formatTimeUtc(now)},
                      {"operator", "kim"}};
        switch (n % 5) {
        case 0: {
            const int id = ++noticeId;
            activeNotices.append(id);
            e.insert("kind", "notice_posted");
            e.insert("severity", "warning");
            e.insert("message", QStringLiteral("kim posted notice %1").arg(id));
            e.insert(
                "data",
                QJsonObject{
                    {"notice",
                     QJsonObject{{"id", id},
                                 {"cohort", "*"},
                                 {"severity", "warning"},
                                 {"text", QJsonObject{{"ko", QStringLiteral("공지 %1").arg(id)},
                                                      {"en", QStringLiteral("Notice %1").arg(id)}}},
                                 {"posted_at", formatTimeUtc(o.startMs)},
                                 {"posted_by", "kim"}}}});
            break;
        }
        case 1: {
            const int id = activeNotices.isEmpty() ? 0 : activeNotices.takeFirst();
            e.insert("kind", "notice_retracted");
            e.insert("severity", "info");
            e.insert("message", QStringLiteral("kim retracted notice %1").arg(id));
            e.insert("data", QJsonObject{{"notice_id", id}});
            break;
        }
        case 2: {
            Cohort& c = cohorts[int(rng() % quint32(cohorts.size()))];
            const double old = c.rate;
            c.rate = 100.0 + rng() % 900;
            e.insert("kind", "operator_action");
            e.insert("severity", "info");
            e.insert("message",
                     QStringLiteral("kim: set_rate %1 %2 -> %3").arg(c.id).arg(old).arg(c.rate));
            e.insert("data",
                     QJsonObject{{"command_id", QStringLiteral("c-%1").arg(seq)},
                                 {"op", "set_rate"},
                                 {"args", QJsonObject{{"cohort", c.id}, {"rate_per_s", c.rate}}},
                                 {"old_value", old},
                                 {"new_value", c.rate},
                                 {"audit_id", double(seq)}});
            break;
        }
        case 3: {
            Cohort& c = cohorts[int(rng() % quint32(cohorts.size()))];
            const QString from = c.state;
            c.state =
                from == QLatin1String("open") ? QStringLiteral("paused") : QStringLiteral("open");
            e.insert("kind", "cohort_state");
            e.insert("severity", "warning");
            e.insert("message", QStringLiteral("cohort %1: %2 -> %3").arg(c.id, from, c.state));
            e.insert("data", QJsonObject{{"cohort", c.id}, {"from", from}, {"to", c.state}});
            break;
        }
        default:
            e.insert("kind", "alert");
            e.insert("severity", "critical");
            e.insert("operator", "");
            e.insert("message", "identity provider circuit breaker is open");
            e.insert("data", QJsonObject{{"alert", "identity_provider_breaker"},
                                         {"breaker", "open"},
                                         {"previous", "closed"}});
            break;
        }
        return e;
    }
};

} // namespace

SyntheticResult writeSyntheticRecording(const QString& path, const SyntheticOptions& o) {
    SyntheticResult result;
    RecordingWriter writer;
    RecordingWriter::Options wo;
    wo.keyframeEvery = o.keyframeEvery;
    if (!writer.create(path, {{QStringLiteral("source"), QStringLiteral("synthetic")}}, wo)) {
        result.error = writer.errorString();
        return result;
    }
    Gen g(o);
    QList<RecordedItem> batch;
    auto push = [&](qint64 t, const QString& kind, const QJsonObject& body) -> bool {
        batch.append(RecordedItem{t, kind, body});
        if (batch.size() < o.batch) return true;
        const bool ok = writer.write(batch);
        batch.clear();
        return ok;
    };
    const qint64 end = o.startMs + o.durationMs;
    const qint64 gapAt = o.withGap ? o.startMs + o.durationMs / 2 : -1;
    bool ok = push(o.startMs, QString::fromLatin1(kKindLink),
                   QJsonObject{{"state", "Connected"}, {"message", ""}}) &&
              push(o.startMs, "hello", g.hello(o.startMs)) &&
              push(o.startMs + 1, "snapshot", g.snapshot(o.startMs));
    int n = 0;
    for (qint64 t = o.startMs + o.tickMs; ok && t <= end; t += o.tickMs) {
        if (gapAt > 0 && t >= gapAt && t < gapAt + o.tickMs) {
            // A connection loss: 5 s without frames, then a new hello and a fresh snapshot.
            ok = push(t, QString::fromLatin1(kKindLink),
                      QJsonObject{{"state", "Reconnecting"}, {"message", "connection lost"}});
            for (int i = 0; i < 10; ++i)
                g.tick(t); // the server moves on while we are away
            t += 5000;
            ok = ok &&
                 push(t, QString::fromLatin1(kKindLink),
                      QJsonObject{{"state", "Connected"}, {"message", ""}}) &&
                 push(t, "hello", g.hello(t)) && push(t, "snapshot", g.snapshot(t));
            continue;
        }
        ok = push(t, "tick", g.tick(t));
        if (ok && ++n % o.eventEvery == 0)
            ok = push(t + 7, "event", g.event(t + 7, n / o.eventEvery));
        result.endMs = t;
    }
    if (ok && !batch.isEmpty()) ok = writer.write(batch);
    if (ok) ok = writer.finish(end);
    result.ok = ok;
    result.error = writer.errorString();
    result.frames = writer.framesWritten();
    result.keyframes = writer.keyframesWritten();
    return result;
}

} // namespace sluice::console::recording
