// The session on a scripted data source: snapshot and ticks reach the models, duplicates and
// gaps are handled, malformed frames are skipped, staleness and permissions follow the link and
// the operator's role, commands are tracked until their ack/nack, and a non-live (replay) source
// disables actions. No sockets, no window.
#include "console/model/consolesession.h"
#include "fakesource.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using namespace sluice::console;
using sluice::console::testing::FakeSource;

namespace {
QJsonObject fixture(const QString& name) {
    QFile f(QStringLiteral(SLUICE_FIXTURES_DIR "/ops/") + name + ".json");
    if (!f.open(QIODevice::ReadOnly)) qFatal("missing fixture %s", qPrintable(name));
    return QJsonDocument::fromJson(f.readAll()).object();
}
QJsonObject hello(const QString& role) {
    QJsonObject h = fixture("hello");
    h["operator"] = QJsonObject{{"name", "kim"}, {"role", role}};
    return h;
}
QJsonObject tickAfter(const QJsonObject& base, qint64 seq, qint64 ms, int stockDelta) {
    QJsonObject t = fixture("tick");
    t["seq"] = seq;
    t["server_time"] = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
    QJsonArray clinics = t["clinics"].toArray();
    QJsonObject c = clinics.at(0).toObject();
    c["remaining_today"] =
        base["clinics"].toArray().at(0).toObject()["remaining_today"].toInteger() + stockDelta;
    clinics.replace(0, c);
    t["clinics"] = clinics;
    return t;
}
} // namespace

class TestSession : public QObject {
    Q_OBJECT
private slots:
    void snapshotAndTicksReachModels();
    void malformedFramesAreSkipped();
    void gapAsksForSnapshot();
    void permissionsFollowRoleAndLink_data();
    void permissionsFollowRoleAndLink();
    void replaySourceDisablesActions();
    void commandsTrackedUntilAnswer();
    void pendingCommandsResentAfterReconnect();
    void staleWhenFramesStop();
    void errorRatesFromCounters();
};

void TestSession::snapshotAndTicksReachModels() {
    FakeSource src;
    ConsoleSession s;
    s.setSource(&src);
    QVERIFY(s.isStale());
    src.open();
    src.push(hello("operator"));
    const QJsonObject snap = fixture("snapshot");
    src.push(snap);
    QVERIFY(!s.isStale());
    QCOMPARE(s.state().seq(), snap["seq"].toInteger());
    QCOMPARE(s.clinicModel()->rowCount(), snap["clinics"].toArray().size());
    QCOMPARE(s.cohortModel()->rowCount(), snap["cohorts"].toArray().size());
    QSignalSpy updated(&s, &ConsoleSession::updated);
    const qint64 t0 = s.state().serverTimeMs();
    src.push(tickAfter(snap, snap["seq"].toInteger() + 1, t0 + 500, -3));
    QCOMPARE(updated.count(), 1);
    QCOMPARE(s.clinicModel()
                 ->index(0, ClinicTableModel::RemainingToday)
                 .data(ClinicTableModel::SortRole)
                 .toLongLong(),
             snap["clinics"].toArray().at(0).toObject()["remaining_today"].toInteger() - 3);
    QVERIFY(s.metrics().series("queue:53-54"));
    QCOMPARE(s.metrics().series("queue:53-54")->raw().size(), 2); // snapshot + tick
    // The same tick again (a resume overlap) is ignored.
    src.push(tickAfter(snap, snap["seq"].toInteger() + 1, t0 + 500, -3));
    QCOMPARE(updated.count(), 1);
    // Events go to the log.
    QJsonObject ev = fixture("event_alert");
    ev["seq"] = snap["seq"].toInteger() + 2;
    src.push(ev);
    s.eventLog()->flush();
    bool found = false;
    for (int r = 0; r < s.eventLog()->rowCount(); ++r)
        found = found || s.eventLog()->entry(r).message == ev["message"].toString();
    QVERIFY(found);
    // A reconnect whose hello announces a snapshot: the old figures are stale until it comes.
    QJsonObject h = hello("operator");
    h["resume"] = QJsonObject{{"from_seq", s.state().seq()}, {"mode", "snapshot"}};
    src.push(h);
    QVERIFY(s.isStale());
    QVERIFY(!s.canAct());
    src.push(snap);
    QVERIFY(!s.isStale());
    QVERIFY(s.canAct());
    // A hello that replays what was missed keeps the figures current.
    h["resume"] = QJsonObject{{"from_seq", s.state().seq()}, {"mode", "replay"}};
    src.push(h);
    QVERIFY(!s.isStale());
}

void TestSession::malformedFramesAreSkipped() {
    FakeSource src;
    ConsoleSession s;
    s.setSource(&src);
    src.open();
    src.push(fixture("snapshot"));
    QSignalSpy bad(&s, &ConsoleSession::malformedFrame);
    QJsonObject t = fixture("tick");
    t["cohorts"] = QJsonArray{QJsonObject{{"id", 5}}};
    src.push(t);
    src.push(QJsonObject{{"type", "mystery"}});
    src.push(QJsonObject{});
    emit src.undecodableMessage("not JSON");
    QCOMPARE(bad.count(), 4);
    QCOMPARE(s.malformedCount(), 4);
    QVERIFY(s.lastMalformed().contains("not JSON"));
    QCOMPARE(s.state().seq(), fixture("snapshot")["seq"].toInteger());
}

void TestSession::gapAsksForSnapshot() {
    FakeSource src;
    ConsoleSession s;
    s.setSource(&src);
    src.open();
    const QJsonObject snap = fixture("snapshot");
    src.push(snap);
    src.push(tickAfter(snap, snap["seq"].toInteger() + 3, s.state().serverTimeMs() + 1500, 0));
    QCOMPARE(src.snapshotRequests, 1);
    QCOMPARE(s.gapCount(), 1);
}

void TestSession::permissionsFollowRoleAndLink_data() {
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("viewer") << "viewer" << false;
    QTest::newRow("operator") << "operator" << true;
    QTest::newRow("admin") << "admin" << true;
}

void TestSession::permissionsFollowRoleAndLink() {
    QFETCH(QString, role);
    QFETCH(bool, allowed);
    FakeSource src;
    ConsoleSession s;
    s.setSource(&src);
    src.open();
    src.push(hello(role));
    QVERIFY(!s.canAct()); // no snapshot yet
    src.push(fixture("snapshot"));
    QCOMPARE(s.canAct(), allowed);
    QSignalSpy changed(&s, &ConsoleSession::canActChanged);
    src.setState(DataSource::State::Reconnecting);
    QVERIFY(!s.canAct());
    QVERIFY(s.isStale());
    QCOMPARE(changed.count(), allowed ? 1 : 0);
    // A viewer's command is not even sent.
    if (!allowed) {
        src.setState(DataSource::State::Connected);
        QVERIFY(s.sendCommand("pause_cohort", {{"cohort", "53-54"}}, "pause").isEmpty());
        QVERIFY(src.sent.isEmpty());
        QCOMPARE(s.commands()->at(0).status, TrackedCommand::Status::NotSent);
    }
}

void TestSession::replaySourceDisablesActions() {
    FakeSource src;
    src.setLive(false);
    ConsoleSession s;
    s.setSource(&src);
    src.open();
    src.push(hello("admin"));
    src.push(fixture("snapshot"));
    QVERIFY(!s.canAct());
    QVERIFY(!s.isStale()); // a replay is not stale by wall time
    QVERIFY(s.sendCommand("pause_cohort", {{"cohort", "53-54"}}, "pause").isEmpty());
}

void TestSession::commandsTrackedUntilAnswer() {
    FakeSource src;
    ConsoleSession s;
    s.setSource(&src);
    src.open();
    src.push(hello("operator"));
    src.push(fixture("snapshot"));
    const QString a =
        s.sendCommand("set_rate", {{"cohort", "53-54"}, {"rate_per_s", 600}}, "rate 600");
    const QString b =
        s.sendCommand("set_rate", {{"cohort", "53-54"}, {"rate_per_s", 99999}}, "rate 99999");
    const QString c =
        s.sendCommand("set_rate", {{"cohort", "53-54"}, {"rate_per_s", 2000}}, "rate 2000");
    QVERIFY(!a.isEmpty() && a != b && b != c);
    QCOMPARE(src.sent.size(), 3);
    QCOMPARE(src.sent.at(0).op, QStringLiteral("set_rate"));
    QCOMPARE(s.commands()->find(a)->status, TrackedCommand::Status::Pending);
    QJsonObject ack = fixture("ack");
    ack["id"] = a;
    QJsonObject nack = fixture("nack");
    nack["id"] = b;
    QJsonObject pend = fixture("ack_pending_approval");
    pend["id"] = c;
    src.push(ack);
    src.push(nack);
    src.push(pend);
    QCOMPARE(s.commands()->find(a)->status, TrackedCommand::Status::Done);
    QCOMPARE(s.commands()->find(b)->status, TrackedCommand::Status::Refused);
    QCOMPARE(s.commands()->find(b)->detail, fixture("nack")["message"].toString());
    QCOMPARE(s.commands()->find(c)->status, TrackedCommand::Status::AwaitingApproval);
    QJsonObject granted = fixture("event_approval_granted");
    granted["seq"] = s.state().seq() + 1;
    QJsonObject data = granted["data"].toObject();
    data["command_id"] = c;
    granted["data"] = data;
    src.push(granted);
    QCOMPARE(s.commands()->find(c)->status, TrackedCommand::Status::Done);
    // Answers to ids that are not ours change nothing.
    QJsonObject other = fixture("ack");
    other["id"] = "someone-else";
    src.push(other);
    QCOMPARE(s.commands()->count(), 3);
}

void TestSession::pendingCommandsResentAfterReconnect() {
    FakeSource src;
    ConsoleSession s;
    s.setSource(&src);
    src.open();
    src.push(hello("operator"));
    src.push(fixture("snapshot"));
    const QString id = s.sendCommand("pause_cohort", {{"cohort", "53-54"}}, "pause");
    src.setState(DataSource::State::Reconnecting);
    src.setState(DataSource::State::Connected);
    QCOMPARE(src.sent.size(), 2);
    QCOMPARE(src.sent.at(1).id, id); // same id: the server runs it at most once
}

void TestSession::staleWhenFramesStop() {
    FakeSource src;
    ConsoleSession s;
    s.setStaleAfterMs(300);
    s.setSource(&src);
    src.open();
    src.push(fixture("snapshot"));
    QVERIFY(!s.isStale());
    QTRY_VERIFY_WITH_TIMEOUT(s.isStale(), 3000);
    QVERIFY(s.msSinceLastFrame() >= 300);
    QVERIFY(s.clinicModel()->isStale());
    src.push(
        tickAfter(fixture("snapshot"), s.state().seq() + 1, s.state().serverTimeMs() + 500, 0));
    QVERIFY(!s.isStale());
}

void TestSession::errorRatesFromCounters() {
    FakeSource src;
    ConsoleSession s;
    s.setSource(&src);
    src.open();
    const QJsonObject snap = fixture("snapshot");
    src.push(snap);
    QJsonObject t =
        tickAfter(snap, snap["seq"].toInteger() + 1, s.state().serverTimeMs() + 1000, 0);
    QJsonObject errors = snap["errors"].toObject();
    QJsonObject bypass = errors["bypass"].toObject();
    bypass["bypass_forged"] = bypass["bypass_forged"].toInteger() + 50;
    errors["bypass"] = bypass;
    errors["overload_rejections"] = errors["overload_rejections"].toInteger() + 20;
    t["errors"] = errors;
    src.push(t);
    QVERIFY(s.errorRates().valid);
    QCOMPARE(s.errorRates().bypass, 50.0);
    QCOMPARE(s.errorRates().overload, 20.0);
    QVERIFY(s.errorRates().errorPercent > 0);
    QVERIFY(s.metrics().series("errors:bypass"));
}

QTEST_MAIN(TestSession)
#include "tst_session.moc"
