// Scripted scenes (see scenario.h).
#include "console/views/scenario.h"

#include "console/recording/recordingformat.h"
#include "console/recording/recordingwriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

namespace sluice::console {

namespace {
QString iso(qint64 ms) {
    return recording::formatTimeUtc(ms);
}
} // namespace

struct ScenarioSource::Gen {
    Scene scene;
    qint64 seq = 1000;
    qint64 endMs = 0; // when the scene's incident is "now"
    struct Cohort {
        QString id, ko, en;
        double ceiling, waiting, served = 0, actual = 0;
        QString state = QStringLiteral("open"), reason;
        bool incident = false;
        int from, to;
    };
    QList<Cohort> cohorts;
    struct Clinic {
        QString id, name, region, district;
        qint64 today, window, lastMinute = 0;
    };
    QList<Clinic> clinics;
    qint64 n5xx = 40, n4xx = 3000, bypass = 9000, overload = 0, idpErr = 12, conflicts = 30,
           soldOut = 0;
    quint32 rng = 7;

    quint32 next() {
        rng = rng * 1103515245u + 12345u;
        return (rng >> 8) & 0xffff;
    }

    explicit Gen(Scene s) : scene(s) {
        cohorts = {{"50-52", QStringLiteral("50–52세"), QStringLiteral("Ages 50–52"), 400, 62'000,
                    0, 0, "open", "", false, 1969, 1971},
                   {"53-54", QStringLiteral("53–54세"), QStringLiteral("Ages 53–54"), 400, 184'000,
                    0, 0, "open", "", false, 1967, 1968},
                   {"55-59", QStringLiteral("55–59세"), QStringLiteral("Ages 55–59"), 600, 41'500,
                    0, 0, "open", "", false, 1962, 1966},
                   {"60-64", QStringLiteral("60–64세"), QStringLiteral("Ages 60–64"), 300, 0, 0, 0,
                    "open", "", false, 1957, 1961}};
        static const char* const regions[] = {"서울", "부산", "대구", "인천",
                                              "광주", "대전", "울산", "경기"};
        for (int i = 0; i < 300; ++i) {
            const QString region = QString::fromUtf8(regions[i % 8]);
            const qint64 stock = scene == Scene::SoldOut ? (i < 4 ? 10 : 0) : 80 + (i * 37) % 400;
            clinics.append({QStringLiteral("c-%1").arg(i + 1, 4, 10, QLatin1Char('0')),
                            QStringLiteral("%1 %2구 보건소").arg(region).arg(i + 1), region,
                            QStringLiteral("%1구").arg(i % 20 + 1), stock / 4, stock});
        }
    }

    QJsonObject cohortJson(const Cohort& c) {
        const bool open = c.state == QLatin1String("open");
        return QJsonObject{
            {"id", c.id},
            {"label", QJsonObject{{"ko", c.ko}, {"en", c.en}}},
            {"state", c.state},
            {"closed_reason", c.reason},
            {"issued", c.waiting + c.served + 120'000},
            {"serving", c.served + 120'000},
            {"waiting", qint64(c.waiting)},
            {"prequeue_size", 300'000},
            {"rate_ceiling", c.ceiling},
            {"max_rate", 4000.0},
            {"actual_rate", c.actual},
            {"max_active", 10'000},
            {"active", open ? 6000 + qint64(next() % 2000) : 0},
            {"mode", "manual"},
            {"eta_last_s", open && c.actual > 1 ? QJsonValue(c.waiting / c.actual) : QJsonValue()},
            {"paused_for_incident", c.incident},
            {"opens", iso(endMs - 3600'000)},
            {"prequeue_opens", iso(endMs - 5400'000)},
            {"birth_year_from", c.from},
            {"birth_year_to", c.to}};
    }
    QJsonObject clinicJson(const Clinic& c) const {
        return QJsonObject{{"id", c.id},
                           {"name", c.name},
                           {"region", c.region},
                           {"district", c.district},
                           {"remaining_today", c.today},
                           {"remaining_window", c.window},
                           {"reserved_last_minute", c.lastMinute}};
    }
    QJsonObject errors() const {
        return QJsonObject{
            {"http", QJsonObject{{"/v1/queue/{}/admit", QJsonObject{{"4xx", n4xx}, {"5xx", 0}}},
                                 {"/v1/reservations", QJsonObject{{"4xx", 210}, {"5xx", n5xx}}}}},
            {"bypass", QJsonObject{{"bypass_no_token", bypass}}},
            {"identity_provider",
             QJsonObject{{"breaker", "closed"}, {"timeouts", 3}, {"errors", idpErr}}},
            {"booking_conflicts", conflicts},
            {"sold_out", soldOut},
            {"overload_rejections", overload}};
    }
    QJsonObject latency() {
        return QJsonObject{
            {"/v1/queue/{}/status", QJsonObject{{"p50", 0.2}, {"p95", 0.8}, {"p99", 2.0}}},
            {"/v1/reservations", QJsonObject{{"p50", 38.0 + next() % 10},
                                             {"p95", 90.0},
                                             {"p99", 140.0 + next() % 60}}}};
    }
    QJsonObject hello(qint64 t) const {
        return QJsonObject{
            {"type", "hello"},
            {"protocol", 1},
            {"server_version", QStringLiteral(SLUICE_VERSION)},
            {"node_id", "demo-a1"},
            {"server_time", iso(t)},
            {"operator", QJsonObject{{"name", "kim"}, {"role", "operator"}}},
            {"tick_interval_ms", 500},
            {"two_person_rule",
             QJsonObject{{"enabled", true}, {"rate_factor", 2.0}, {"approval_timeout_s", 120}}},
            {"resume", QJsonObject{{"from_seq", QJsonValue()}, {"mode", "snapshot"}}}};
    }
    QJsonObject snapshot(qint64 t) {
        QJsonArray cs, ks;
        for (const Cohort& c : cohorts)
            cs.append(cohortJson(c));
        for (const Clinic& k : clinics)
            ks.append(clinicJson(k));
        return QJsonObject{
            {"type", "snapshot"},
            {"seq", seq},
            {"server_time", iso(t)},
            {"cohorts", cs},
            {"clinics", ks},
            {"stock_version", seq},
            {"errors", errors()},
            {"latency_ms", latency()},
            {"request_rate",
             QJsonObject{{"/v1/queue/{}/status", 52'000.0}, {"/v1/reservations", 380.0}}},
            {"notices", QJsonArray{}},
            {"pending_approvals", QJsonArray{}},
            {"identity_provider",
             QJsonObject{
                 {"breaker", "closed"},
                 {"settings", QJsonObject{{"latency_ms", QJsonObject{{"p50", 80}, {"p99", 400}}},
                                          {"error_rate", 0.0},
                                          {"outage", false}}}}},
            {"consoles", 3}};
    }
    QJsonObject tick(qint64 t) {
        QJsonArray cs, changed;
        for (Cohort& c : cohorts) {
            const bool open = c.state == QLatin1String("open");
            c.waiting += c.id == QLatin1String("60-64") ? 0 : double(next() % 60);
            const double admit =
                open ? qMin(c.waiting, c.ceiling * (0.93 + (next() % 60) / 1000.0) / 2) : 0;
            c.waiting -= admit;
            c.served += admit;
            c.actual = open ? (c.waiting > 0 ? admit * 2 : 0.0) : 0.0;
            cs.append(cohortJson(c));
        }
        for (int i = 0; i < 8 && scene != Scene::SoldOut; ++i) {
            Clinic& k = clinics[int(next() % clinics.size())];
            if (k.window > 0) --k.window;
            k.today = qMax<qint64>(0, k.today - 1);
            k.lastMinute = next() % 20;
            changed.append(clinicJson(k));
        }
        n4xx += 4 + next() % 6;
        bypass += 1 + next() % 3;
        if (next() % 4 == 0) ++n5xx;
        if (scene == Scene::SoldOut) soldOut += 20 + next() % 10;
        return QJsonObject{
            {"type", "tick"},
            {"seq", ++seq},
            {"server_time", iso(t)},
            {"interval_ms", 500},
            {"cohorts", cs},
            {"clinics", changed},
            {"stock_version", seq},
            {"errors", errors()},
            {"latency_ms", latency()},
            {"request_rate", QJsonObject{{"/v1/queue/{}/status", 51'000.0 + next() % 2000},
                                         {"/v1/reservations", 360.0 + next() % 40}}}};
    }
    QJsonObject event(qint64 t, const QString& kind, const QString& severity, const QString& who,
                      const QJsonObject& data, const QString& message) {
        return QJsonObject{{"type", "event"}, {"seq", ++seq},         {"server_time", iso(t)},
                           {"kind", kind},    {"severity", severity}, {"message", message},
                           {"operator", who}, {"data", data}};
    }
    // The scene's incident, at its instant.
    QList<QJsonObject> incident(qint64 t) {
        QList<QJsonObject> out;
        if (scene == Scene::Paused) {
            Cohort& c = cohorts[0];
            c.state = QStringLiteral("paused");
            c.incident = true;
            c.waiting = 7834;
            out.append(event(t, "operator_action", "info", "kim",
                             {{"command_id", "c-91"},
                              {"op", "pause_cohort"},
                              {"args", QJsonObject{{"cohort", c.id}, {"incident", true}}},
                              {"old_value", "running"},
                              {"new_value", "paused"},
                              {"audit_id", 311}},
                             "kim: pause_cohort 50-52"));
            out.append(event(t + 40, "cohort_paused", "warning", "kim",
                             {{"cohort", c.id}, {"old", "running"}, {"new", "paused"}},
                             "cohort 50-52: cohort_paused running -> paused"));
        } else if (scene == Scene::SoldOut) {
            Cohort& c = cohorts[1];
            c.state = QStringLiteral("closed");
            c.reason = QStringLiteral("sold_out");
            c.waiting = 2532;
            out.append(event(t, "sold_out", "warning", "", {{"cohort", c.id}}, "sold_out"));
            out.append(event(t + 30, "cohort_state", "warning", "",
                             {{"cohort", c.id}, {"from", "open"}, {"to", "closed"}},
                             "cohort 53-54: open -> closed"));
        }
        return out;
    }
};

std::optional<ScenarioSource::Scene> ScenarioSource::sceneNamed(const QString& name) {
    if (name == QLatin1String("normal")) return Scene::Normal;
    if (name == QLatin1String("paused")) return Scene::Paused;
    if (name == QLatin1String("soldout")) return Scene::SoldOut;
    if (name == QLatin1String("frozen")) return Scene::Frozen;
    return std::nullopt;
}

QStringList ScenarioSource::sceneNames() {
    return {QStringLiteral("normal"), QStringLiteral("paused"), QStringLiteral("soldout"),
            QStringLiteral("frozen")};
}

ScenarioSource::ScenarioSource(Scene scene, QObject* parent)
    : DataSource(parent), m_scene(scene), m_gen(std::make_unique<Gen>(scene)) {
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &ScenarioSource::tick);
}

ScenarioSource::~ScenarioSource() = default;

QString ScenarioSource::description() const {
    return QCoreApplication::translate("Scenario", "demo scene (scripted data)");
}

void ScenarioSource::setState(State s) {
    if (s == m_state) return;
    m_state = s;
    emit stateChanged(s);
}

QList<QPair<qint64, QJsonObject>> ScenarioSource::history(qint64 endMs, int minutes) {
    QList<QPair<qint64, QJsonObject>> out;
    m_gen->endMs = endMs;
    const qint64 start = endMs - qint64(minutes) * 60'000;
    const qint64 incidentAt = endMs - 90'000;
    const qint64 stopAt = m_scene == Scene::Frozen ? endMs - 17'000 : endMs;
    out.append({start, m_gen->hello(start)});
    out.append({start + 5, m_gen->snapshot(start)});
    bool incidentDone = false;
    for (qint64 t = start + 500; t <= stopAt; t += 500) {
        if (!incidentDone && t >= incidentAt) {
            incidentDone = true;
            for (const QJsonObject& e : m_gen->incident(t))
                out.append({t, e});
        }
        out.append({t, m_gen->tick(t)});
    }
    return out;
}

void ScenarioSource::open() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setState(State::Connected);
    for (const auto& [t, frame] : history(now))
        emit frameReceived(frame, t);
    if (m_scene == Scene::Frozen) {
        // The server stopped answering 17 s ago; the console keeps trying.
        m_link.problem = LinkStatus::Problem::Frozen;
        m_link.lastFrameMs = now - 17'000;
        m_link.attempt = 3;
        m_link.retryAtMs = now + 4000;
        setState(State::Reconnecting);
        emit linkStatusChanged();
        return;
    }
    m_timer.start();
}

void ScenarioSource::close() {
    m_timer.stop();
    setState(State::Disconnected);
}

void ScenarioSource::tick() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    emit frameReceived(m_gen->tick(now), now);
}

bool ScenarioSource::sendCommandFrame(const QString&, const QString&, const QJsonObject&) {
    return false; // a scripted scene acts on nothing
}

bool writeScenarioRecording(ScenarioSource::Scene scene, const QString& path, QString* error,
                            int minutes) {
    ScenarioSource source(scene);
    recording::RecordingWriter writer;
    if (!writer.create(path, {{QStringLiteral("source"), source.description()}}, {})) {
        if (error) *error = writer.errorString();
        return false;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<recording::RecordedItem> items;
    items.append({now - qint64(minutes) * 60'000, QString::fromLatin1(recording::kKindLink),
                  QJsonObject{{"state", "Connected"}, {"message", ""}}});
    for (const auto& [t, frame] : source.history(now, minutes))
        items.append({t, frame.value("type").toString(), frame});
    const bool ok = writer.write(items) && writer.finish(now);
    if (!ok && error) *error = writer.errorString();
    return ok;
}

} // namespace sluice::console
