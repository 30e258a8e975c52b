// Frame parsing against the server's JSON fixtures (tests/fixtures/ops, every frame kind) and
// malformed variants: each is reported with the field's path and skipped, never a crash.
#include "console/model/dashboardstate.h"
#include "console/model/frameparser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace sluice::console;

namespace {
// A value inside a JSON document by path: object keys, or array indexes written as numbers.
QJsonValue at(const QJsonObject& root, const QStringList& path) {
    QJsonValue v = root;
    for (const QString& p : path) {
        bool isIndex = false;
        const int i = p.toInt(&isIndex);
        v = isIndex ? v.toArray().at(i) : v.toObject().value(p);
    }
    return v;
}

QJsonObject fixture(const QString& name) {
    QFile f(QStringLiteral(SLUICE_FIXTURES_DIR "/ops/") + name + ".json");
    if (!f.open(QIODevice::ReadOnly)) qFatal("missing fixture %s", qPrintable(name));
    return QJsonDocument::fromJson(f.readAll()).object();
}
Frame parseOk(const QJsonObject& o) {
    const ParseResult r = parseFrame(o);
    if (!r.frame) qWarning("unexpected parse error: %s", qPrintable(r.error));
    return r.frame.value_or(Frame{});
}
} // namespace

class TestFrameParser : public QObject {
    Q_OBJECT
private slots:
    void everyServerFixtureParses_data();
    void everyServerFixtureParses();
    void hello();
    void snapshot();
    void tick();
    void events();
    void ackAndNack();
    void malformed_data();
    void malformed();
    void notJson();
    void stateAppliesInSeqOrder();
    void stateEvents();
};

void TestFrameParser::everyServerFixtureParses_data() {
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(SLUICE_FIXTURES_DIR "/ops"));
    int n = 0;
    for (const QString& f : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
        const QJsonObject o = fixture(f.chopped(5));
        const QString type = o.value("type").toString();
        // Console -> server messages and the audit HTTP answer are not stream frames.
        if (type.isEmpty() || type == "command" || type == "auth" || type == "get_snapshot")
            continue;
        QTest::newRow(qPrintable(f)) << f.chopped(5);
        ++n;
    }
    QVERIFY2(n >= 10, "the server's fixtures are missing");
}

void TestFrameParser::everyServerFixtureParses() {
    QFETCH(QString, file);
    const ParseResult r = parseFrame(fixture(file));
    QVERIFY2(r.frame.has_value(), qPrintable(r.error));
    QVERIFY(r.error.isEmpty());
}

void TestFrameParser::hello() {
    const Frame f = parseOk(fixture("hello"));
    QCOMPARE(f.kind, Frame::Kind::Hello);
    QCOMPARE(f.seq, -1);
    QCOMPARE(f.hello.protocol, 1);
    QCOMPARE(f.hello.operatorName, QStringLiteral("kim"));
    QCOMPARE(f.hello.role, QStringLiteral("operator"));
    QCOMPARE(f.hello.tickIntervalMs, 500);
    QCOMPARE(f.hello.resumeMode, QStringLiteral("replay"));
    QCOMPARE(f.hello.nodeId, QStringLiteral("node-a1"));
}

void TestFrameParser::snapshot() {
    const QJsonObject json = fixture("snapshot");
    const Frame f = parseOk(json);
    QCOMPARE(f.kind, Frame::Kind::Snapshot);
    QCOMPARE(f.seq, qint64(json.value("seq").toInteger()));
    QCOMPARE(f.cohorts.size(), json.value("cohorts").toArray().size());
    const QJsonObject c0 = json.value("cohorts").toArray().at(0).toObject();
    QCOMPARE(f.cohorts.at(0).id, c0.value("id").toString());
    QCOMPARE(f.cohorts.at(0).waiting, c0.value("waiting").toInteger());
    QCOMPARE(f.cohorts.at(0).rateCeiling, c0.value("rate_ceiling").toDouble());
    QCOMPARE(f.cohorts.at(0).labelKo, c0.value("label").toObject().value("ko").toString());
    QVERIFY(f.cohorts.at(0).etaLastS.has_value());
    QCOMPARE(f.clinics.size(), json.value("clinics").toArray().size());
    const QJsonObject k0 = json.value("clinics").toArray().at(0).toObject();
    QCOMPARE(f.clinics.at(0).name, k0.value("name").toString());
    QCOMPARE(f.clinics.at(0).remainingToday, k0.value("remaining_today").toInteger());
    QVERIFY(f.hasErrors);
    QCOMPARE(f.errors.bypass.value("bypass_no_token"),
             at(json, {"errors", "bypass", "bypass_no_token"}).toInteger());
    QCOMPARE(f.errors.total5xx(), qint64(2));
    QCOMPARE(f.latency.size(), json.value("latency_ms").toObject().size());
    QCOMPARE(f.notices.size(), json.value("notices").toArray().size());
    QCOMPARE(f.notices.at(0).textEn, at(json, {"notices", "0", "text", "en"}).toString());
    QVERIFY(f.notices.at(0).postedAtMs > 0);
    QCOMPARE(f.approvals.size(), json.value("pending_approvals").toArray().size());
    QCOMPARE(f.approvals.at(0).commandId,
             at(json, {"pending_approvals", "0", "command_id"}).toString());
    QVERIFY(f.approvals.at(0).expiresAtMs > f.approvals.at(0).requestedAtMs);
}

void TestFrameParser::tick() {
    const QJsonObject json = fixture("tick");
    const Frame f = parseOk(json);
    QCOMPARE(f.kind, Frame::Kind::Tick);
    QCOMPARE(f.seq, qint64(json.value("seq").toInteger()));
    QCOMPARE(f.intervalMs, json.value("interval_ms").toInt());
    QCOMPARE(f.cohorts.at(0).serving, at(json, {"cohorts", "0", "serving"}).toInteger());
    QCOMPARE(f.clinics.at(0).remainingToday,
             at(json, {"clinics", "0", "remaining_today"}).toInteger());
    QVERIFY(f.serverTimeMs > 0);
}

void TestFrameParser::events() {
    const char* names[] = {"event",
                           "event_alert",
                           "event_approval_expired",
                           "event_approval_granted",
                           "event_approval_requested",
                           "event_cohort_state",
                           "event_notice_posted",
                           "event_notice_retracted",
                           "event_server_started"};
    for (const char* n : names) {
        const QJsonObject json = fixture(n);
        const Frame f = parseOk(json);
        QCOMPARE(f.kind, Frame::Kind::Event);
        QCOMPARE(f.event.kind, json.value("kind").toString());
        QCOMPARE(f.event.message, json.value("message").toString());
        QCOMPARE(f.event.seq, json.value("seq").toInteger());
    }
}

void TestFrameParser::ackAndNack() {
    const Frame a = parseOk(fixture("ack"));
    QCOMPARE(a.kind, Frame::Kind::Ack);
    QVERIFY(a.answer.accepted);
    QCOMPARE(a.answer.status, QStringLiteral("done"));
    QCOMPARE(a.answer.id, fixture("ack").value("id").toString());
    const Frame p = parseOk(fixture("ack_pending_approval"));
    QCOMPARE(p.answer.status, QStringLiteral("pending_approval"));
    const Frame n = parseOk(fixture("nack"));
    QCOMPARE(n.kind, Frame::Kind::Nack);
    QVERIFY(!n.answer.accepted);
    QCOMPARE(n.answer.code, QStringLiteral("invalid_args"));
    QCOMPARE(n.answer.message, fixture("nack").value("message").toString());
}

void TestFrameParser::malformed_data() {
    QTest::addColumn<QJsonObject>("frame");
    QTest::addColumn<QString>("expectedPath");
    auto without = [](QJsonObject o, const QString& key) {
        o.remove(key);
        return o;
    };
    auto cohortWith = [](const QString& file, const QString& key, const QJsonValue& v) {
        QJsonObject o = fixture(file);
        QJsonArray cs = o.value("cohorts").toArray();
        QJsonObject c = cs.at(0).toObject();
        if (v.isUndefined())
            c.remove(key);
        else
            c.insert(key, v);
        cs.replace(0, c);
        o.insert("cohorts", cs);
        return o;
    };
    auto clinicWith = [](const QString& file, const QString& key, const QJsonValue& v) {
        QJsonObject o = fixture(file);
        QJsonArray cs = o.value("clinics").toArray();
        QJsonObject c = cs.at(0).toObject();
        c.insert(key, v);
        cs.replace(0, c);
        o.insert("clinics", cs);
        return o;
    };
    QTest::newRow("no type") << without(fixture("tick"), "type") << "type";
    QTest::newRow("type not a string") << QJsonObject{{"type", 3}} << "type";
    QTest::newRow("unknown type") << QJsonObject{{"type", "telemetry"}} << "unknown type";
    QTest::newRow("tick without seq") << without(fixture("tick"), "seq") << "seq: missing";
    QTest::newRow("tick seq string") << [&] {
        auto o = fixture("tick");
        o["seq"] = "1235";
        return o;
    }() << "seq: expected a number";
    QTest::newRow("tick cohorts not array") << [&] {
        auto o = fixture("tick");
        o["cohorts"] = "x";
        return o;
    }() << "cohorts: expected an array";
    QTest::newRow("tick waiting string")
        << cohortWith("tick", "waiting", "many") << "cohorts[0].waiting";
    QTest::newRow("tick issued missing")
        << cohortWith("tick", "issued", QJsonValue::Undefined) << "cohorts[0].issued: missing";
    QTest::newRow("snapshot eta wrong type")
        << cohortWith("snapshot", "eta_last_s", true) << "cohorts[0].eta_last_s";
    QTest::newRow("tick cohort element not object") << [&] {
        auto o = fixture("tick");
        o["cohorts"] = QJsonArray{1};
        return o;
    }() << "cohorts[0]";
    QTest::newRow("clinic stock string")
        << clinicWith("tick", "remaining_today", "12") << "clinics[0].remaining_today";
    QTest::newRow("clinic id number") << clinicWith("snapshot", "id", 12) << "clinics[0].id";
    QTest::newRow("bad server_time") << [&] {
        auto o = fixture("tick");
        o["server_time"] = "yesterday";
        return o;
    }() << "server_time";
    QTest::newRow("latency not object") << [&] {
        auto o = fixture("tick");
        o["latency_ms"] = QJsonObject{{"/x", 3}};
        return o;
    }() << "latency_ms./x";
    QTest::newRow("errors bypass string") << [&] {
        auto o = fixture("tick");
        auto e = o["errors"].toObject();
        e["bypass"] = QJsonObject{{"bypass_forged", "many"}};
        o["errors"] = e;
        return o;
    }() << "errors.bypass.bypass_forged";
    QTest::newRow("hello without operator")
        << without(fixture("hello"), "operator") << "operator: missing";
    QTest::newRow("event without kind") << without(fixture("event"), "kind") << "kind: missing";
    QTest::newRow("notice_posted without notice") << [&] {
        auto o = fixture("event_notice_posted");
        o["data"] = QJsonObject{};
        return o;
    }() << "data.notice: missing";
    QTest::newRow("notice_retracted id string") << [&] {
        auto o = fixture("event_notice_retracted");
        o["data"] = QJsonObject{{"notice_id", "7"}};
        return o;
    }() << "data.notice_id";
    QTest::newRow("approval_requested without op") << [&] {
        auto o = fixture("event_approval_requested");
        auto d = o["data"].toObject();
        d.remove("op");
        o["data"] = d;
        return o;
    }() << "data.op: missing";
    QTest::newRow("ack without id") << without(fixture("ack"), "id") << "id: missing";
    QTest::newRow("nack without message")
        << without(fixture("nack"), "message") << "message: missing";
    QTest::newRow("snapshot notices wrong") << [&] {
        auto o = fixture("snapshot");
        o["notices"] = QJsonArray{QJsonObject{{"id", "x"}}};
        return o;
    }() << "notices[0].id";
}

void TestFrameParser::malformed() {
    QFETCH(QJsonObject, frame);
    QFETCH(QString, expectedPath);
    const ParseResult r = parseFrame(frame);
    QVERIFY2(!r.frame.has_value(), "a malformed frame was accepted");
    QVERIFY2(r.error.contains(expectedPath),
             qPrintable(r.error + " does not name " + expectedPath));

    // The state never changes for a rejected frame.
    DashboardState s;
    s.apply(parseOk(fixture("snapshot")));
    const qint64 seq = s.seq();
    const auto waiting = s.cohorts().at(0).waiting;
    if (r.frame) s.apply(*r.frame);
    QCOMPARE(s.seq(), seq);
    QCOMPARE(s.cohorts().at(0).waiting, waiting);
}

void TestFrameParser::notJson() {
    QVERIFY(!parseFrame(QByteArray("{not json")).frame);
    QVERIFY(parseFrame(QByteArray("{not json")).error.contains("invalid JSON"));
    QVERIFY(!parseFrame(QByteArray("[1,2]")).frame);
    QVERIFY(!parseFrame(QByteArray("")).frame);
    QVERIFY(parseFrame(QJsonDocument(fixture("tick")).toJson()).frame.has_value());
}

void TestFrameParser::stateAppliesInSeqOrder() {
    DashboardState s;
    const Frame tick = parseOk(fixture("tick"));
    QCOMPARE(s.apply(tick).status, ApplyResult::Status::BeforeSnapshot);
    const Frame snap = parseOk(fixture("snapshot"));
    s.apply(snap);
    QCOMPARE(s.seq(), snap.seq);
    const qint64 dosesBefore = s.headline().dosesLeft;
    const qint64 todayBefore = s.headline().dosesLeftToday;
    const ApplyResult r = s.apply(tick);
    QCOMPARE(r.status, ApplyResult::Status::Applied);
    QCOMPARE(r.gap, tick.seq != snap.seq + 1);
    QCOMPARE(s.seq(), tick.seq);
    QCOMPARE(r.clinicChanges.size(), 1);
    const qint64 delta = tick.clinics.at(0).remainingWindow - snap.clinics.at(0).remainingWindow;
    const qint64 deltaToday = tick.clinics.at(0).remainingToday - snap.clinics.at(0).remainingToday;
    QCOMPARE(s.headline().dosesLeft, dosesBefore + delta);
    QCOMPARE(s.headline().dosesLeftToday, todayBefore + deltaToday);
    QCOMPARE(s.cohorts().at(0).serving, tick.cohorts.at(0).serving);
    // The same tick again is a duplicate and changes nothing.
    QCOMPARE(s.apply(tick).status, ApplyResult::Status::Duplicate);
    QCOMPARE(s.headline().dosesLeft, dosesBefore + delta);
    // A jump in seq is reported as a gap.
    Frame later = tick;
    later.seq = tick.seq + 5;
    QVERIFY(s.apply(later).gap);
    // A snapshot with a lower seq (server restarted) is accepted.
    Frame restarted = snap;
    restarted.seq = 3;
    s.apply(restarted);
    QCOMPARE(s.seq(), qint64(3));
}

void TestFrameParser::stateEvents() {
    DashboardState s;
    Frame snap = parseOk(fixture("snapshot"));
    snap.seq = 1;
    snap.notices.clear();
    snap.approvals.clear();
    s.apply(snap);
    auto next = [&s](const char* name) {
        Frame f = parseOk(fixture(name));
        f.seq = s.seq() + 1;
        return s.apply(f);
    };
    QVERIFY(next("event_notice_posted").noticesChanged);
    QCOMPARE(s.notices().size(), 1);
    QCOMPARE(s.notices().at(0).id,
             at(fixture("event_notice_retracted"), {"data", "notice_id"}).toInteger());
    QVERIFY(next("event_notice_retracted").noticesChanged);
    QCOMPARE(s.notices().size(), 0);
    QVERIFY(next("event_approval_requested").approvalsChanged);
    QCOMPARE(s.approvals().size(), 1);
    QVERIFY(next("event_approval_granted").approvalsChanged);
    QCOMPARE(s.approvals().size(), 0);
    const ApplyResult r = next("event_cohort_state");
    QVERIFY(r.cohortsChanged);
    QCOMPARE(s.cohort("53-54")->state,
             at(fixture("event_cohort_state"), {"data", "to"}).toString());
    const QJsonValue incident = at(fixture("event_cohort_state"), {"data", "incident"});
    if (incident.isBool()) QCOMPARE(s.cohort("53-54")->pausedForIncident, incident.toBool());
}

QTEST_GUILESS_MAIN(TestFrameParser)
#include "tst_frameparser.moc"
