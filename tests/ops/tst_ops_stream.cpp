// The operations stream against a real sluice-server on 127.0.0.1 with real WebSocket
// consoles: hello and snapshot, authentication, tick interval, every command's ack/nack, role
// checks, replayed command ids, resume with ?since=, notices reaching citizens, the audit
// endpoint, and 50 consoles at once.
#include "ops_test_client.h"

#include <QTest>

#include <memory>
#include <set>

using namespace sluice::test;

class TstOpsStream : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> server;
    QString kim, lee, viewer;

    uint16_t port() const { return server->port(); }
    // A console that has its hello and first snapshot.
    std::unique_ptr<OpsClient> console(const QString& token) {
        auto c = std::make_unique<OpsClient>();
        c->open(port(), token);
        if (!c->waitType("snapshot", 10'000)) return nullptr;
        return c;
    }
    static QJsonObject cohortOf(const QJsonObject& frame) {
        for (const auto& v : frame["cohorts"].toArray())
            if (v.toObject()["id"].toString() == "53-54") return v.toObject();
        return {};
    }

private slots:
    void initTestCase() {
        server = std::make_unique<ServerProcess>(
            ServerProcess::Options{kOpsTestConfig, {}, 2, {}, false});
        kim = addOperator(*server, "kim", "operator");
        lee = addOperator(*server, "lee", "admin");
        viewer = addOperator(*server, "park", "viewer");
        QVERIFY(!kim.isEmpty() && !lee.isEmpty() && !viewer.isEmpty());
        QVERIFY2(server->start(), server->output().constData());
    }
    void cleanupTestCase() {
        if (!server) return;
        // Exit status belongs to the core's shutdown (tests/server); it is reported, not failed on.
        if (!server->terminate())
            qWarning("sluice-server did not exit with 0 on SIGTERM:\n%s",
                     server->output().right(4000).constData());
        QVERIFY(!server->running());
    }

    void serverStartedIsTheFirstFrame() {
        OpsClient c; // since=0: everything this process broadcast, from its first frame
        c.open(port(), viewer, 0);
        QVERIFY(c.waitFrames(3, 10'000));
        QCOMPARE(c.frames[0]["resume"].toObject()["mode"].toString(), QString("replay"));
        QCOMPARE(c.frames[1]["type"].toString(), QString("event"));
        QCOMPARE(c.frames[1]["kind"].toString(), QString("server_started"));
        QCOMPARE(c.frames[1]["seq"].toInteger(), 1);
        QCOMPARE(c.frames[2]["seq"].toInteger(), 2);
        auto firstTick = c.waitType("tick", 3000);
        QVERIFY(firstTick);
        QCOMPARE((*firstTick)["clinics"].toArray().size(), 0); // no stock changed since the start
    }

    void snapshotOnRequest() {
        auto c = console(viewer);
        QVERIFY(c);
        QVERIFY(c->waitType("tick", 3000));
        qint64 seen = c->lastSeq();
        int from = c->frames.size();
        c->sendJson(QJsonObject{{"type", "get_snapshot"}});
        auto snap = c->waitType("snapshot", 5000, from);
        QVERIFY(snap);
        QVERIFY((*snap)["seq"].toInteger() >= seen);
        auto next = c->waitFor(
            [&](const QJsonObject& f) { return f["seq"].toInteger() > (*snap)["seq"].toInteger(); },
            3000, from);
        QVERIFY(next);
        QCOMPARE((*next)["seq"].toInteger(), (*snap)["seq"].toInteger() + 1);
        // Unknown message types get a readable refusal, the stream goes on.
        from = c->frames.size();
        c->sendJson(QJsonObject{{"type", "subscribe"}});
        auto nack = c->waitType("nack", 3000, from);
        QVERIFY(nack);
        QVERIFY((*nack)["message"].toString().contains("subscribe"));
    }

    void helloAndSnapshotOnConnect() {
        OpsClient c;
        c.open(port(), kim);
        QVERIFY(c.waitFrames(2, 10'000));
        QJsonObject hello = c.frames[0];
        QCOMPARE(hello["type"].toString(), QString("hello"));
        QVERIFY(!hello.contains("seq"));
        QCOMPARE(hello["operator"].toObject()["name"].toString(), QString("kim"));
        QCOMPARE(hello["operator"].toObject()["role"].toString(), QString("operator"));
        QCOMPARE(hello["tick_interval_ms"].toInt(), 100);
        QVERIFY(!hello["server_version"].toString().isEmpty());
        QCOMPARE(hello["resume"].toObject()["mode"].toString(), QString("snapshot"));
        QJsonObject snap = c.frames[1];
        QCOMPARE(snap["type"].toString(), QString("snapshot"));
        QVERIFY(snap.contains("seq"));
        QJsonObject cohort = cohortOf(snap);
        QCOMPARE(cohort["label"].toObject()["en"].toString(), QString("Ages 53–54"));
        for (const char* k : {"state", "issued", "serving", "waiting", "rate_ceiling",
                              "actual_rate", "max_active", "active", "eta_last_s", "mode"})
            QVERIFY2(cohort.contains(k), k);
        QCOMPARE(cohort["rate_ceiling"].toDouble(), 100.0);
        QVERIFY(snap["clinics"].toArray().size() > 100); // every clinic, from the booking module
        QVERIFY(snap["clinics"].toArray()[0].toObject().contains("remaining_today"));
        QCOMPARE(snap["identity_provider"].toObject()["breaker"].toString(), QString("closed"));
        for (const char* k :
             {"clinics", "errors", "latency_ms", "request_rate", "notices", "pending_approvals"})
            QVERIFY2(snap.contains(k), k);
        // Frames after the snapshot continue its sequence.
        auto tick = c.waitType("tick", 3000);
        QVERIFY(tick);
        QCOMPARE((*tick)["seq"].toInteger(), snap["seq"].toInteger() + 1);
    }

    void authAsFirstMessage() {
        OpsClient c;
        c.open(port(), QString(), std::nullopt, false);
        QVERIFY(c.waitConnected());
        c.sendJson(QJsonObject{{"type", "auth"}, {"token", viewer}});
        auto hello = c.waitType("hello", 5000);
        QVERIFY(hello);
        QCOMPARE((*hello)["operator"].toObject()["role"].toString(), QString("viewer"));
        QVERIFY(c.waitType("snapshot"));
    }

    void badTokenIsClosedWithReason() {
        OpsClient c;
        c.open(port(), "not-a-token");
        QVERIFY(c.waitClosed(5000));
        QCOMPARE(int(c.ws.closeCode()), 1008);
        QVERIFY2(c.ws.closeReason().contains("invalid operator token"),
                 qPrintable(c.ws.closeReason()));
        QVERIFY(c.frames.isEmpty());

        OpsClient d; // no header, and a first message that is not auth
        d.open(port(), QString(), std::nullopt, false);
        QVERIFY(d.waitConnected());
        d.sendJson(QJsonObject{{"type", "command"}, {"id", "x"}, {"op", "pause_cohort"}});
        QVERIFY(d.waitClosed(5000));
        QCOMPARE(int(d.ws.closeCode()), 1008);
        QVERIFY2(d.ws.closeReason().contains("authentication required"),
                 qPrintable(d.ws.closeReason()));
    }

    void silentConsoleIsClosedAfterAuthTimeout() {
        OpsClient c; // no header and no auth message
        c.open(port(), QString(), std::nullopt, false);
        QVERIFY(c.waitConnected());
        QVERIFY(c.waitClosed(5000));
        QCOMPARE(int(c.ws.closeCode()), 1008);
        QVERIFY2(c.ws.closeReason().contains("authentication timeout"),
                 qPrintable(c.ws.closeReason()));
        QVERIFY(c.frames.isEmpty());
    }

    void ticksArriveAtTheInterval() {
        auto c = console(viewer);
        QVERIFY(c);
        int first = c->frames.size();
        QTest::qWait(2000);
        QList<qint64> times;
        qint64 prevSeq = -1;
        for (int i = first; i < c->frames.size(); ++i) {
            const auto& f = c->frames[i];
            if (prevSeq >= 0) QCOMPARE(f["seq"].toInteger(), prevSeq + 1); // no gap, no duplicate
            prevSeq = f["seq"].toInteger();
            if (f["type"] == "tick") times.push_back(c->arrivalsMs[i]);
        }
        // 2 s at 100 ms: about 20 ticks; allow for a loaded machine.
        QVERIFY2(times.size() >= 14 && times.size() <= 23,
                 qPrintable(QString::number(times.size())));
        double mean = double(times.last() - times.first()) / (times.size() - 1);
        QVERIFY2(mean > 80 && mean < 130, qPrintable(QString::number(mean)));
        QJsonObject tick = c->ofType("tick").last();
        for (const char* k :
             {"cohorts", "clinics", "errors", "latency_ms", "request_rate", "server_time"})
            QVERIFY2(tick.contains(k), k);
        QVERIFY(tick["errors"].toObject().contains("http"));
        QVERIFY(tick["errors"].toObject().contains("bypass"));
    }

    void ticksCarryErrorsRatesAndLatency() {
        auto c = console(viewer);
        QVERIFY(c);
        HttpClient http("127.0.0.1", port());
        for (int i = 0; i < 30; ++i)
            QCOMPARE(http.get("/v1/queue/53-54/status").status, 200);
        QCOMPARE(http.get("/v1/no-such-thing").status, 404);
        HttpResult bypass = http.get("/v1/clinics"); // booking without an admission token
        QCOMPARE(bypass.status, 401);
        auto tick = c->waitFor(
            [](const QJsonObject& f) {
                if (f["type"] != "tick") return false;
                QJsonObject lat = f["latency_ms"].toObject()["/v1/queue/{}/status"].toObject();
                return lat.contains("p50") && lat.contains("p95") && lat.contains("p99") &&
                       f["request_rate"].toObject()["/v1/queue/{}/status"].toDouble() > 0;
            },
            3000, c->frames.size());
        QVERIFY2(tick, "no tick with the status route's latency and request rate");
        QVERIFY(c->waitFor(
            [](const QJsonObject& f) {
                QJsonObject e = f["errors"].toObject();
                return f["type"] == "tick" &&
                       e["http"].toObject()["unmatched"].toObject()["4xx"].toInteger() >= 1 &&
                       e["http"].toObject()["/v1/clinics"].toObject()["4xx"].toInteger() >= 1 &&
                       e["bypass"].toObject()["bypass_no_token"].toInteger() >= 1;
            },
            3000));
        // Ticks carry only the clinics whose stock changed: none here, all 2,100 in the snapshot.
        QCOMPARE((*tick)["clinics"].toArray().size(), 0);
        QVERIFY(c->ofType("snapshot").first()["clinics"].toArray().size() > 1000);
    }

    void everyCommandIsAnswered() {
        auto c = console(kim);
        QVERIFY(c);
        auto ack = [&](const QString& id, const QString& op, const QJsonObject& args) {
            QJsonObject a = c->command(id, op, args);
            if (a["type"] != "ack") qWarning() << op << a;
            return a;
        };
        QJsonObject a = ack("e-1", "pause_cohort", {{"cohort", "53-54"}});
        QCOMPARE(a["type"].toString(), QString("ack"));
        QCOMPARE(a["status"].toString(), QString("done"));
        QCOMPARE(a["op"].toString(), QString("pause_cohort"));
        QVERIFY(a["audit_id"].toInteger() > 0);
        QVERIFY(c->waitFor([](const QJsonObject& f) {
            return f["type"] == "tick" && cohortOf(f)["state"] == "paused";
        }));
        QVERIFY(c->waitFor([](const QJsonObject& f) {
            return f["type"] == "event" && f["kind"] == "operator_action" &&
                   f["data"].toObject()["command_id"] == "e-1";
        }));
        QCOMPARE(ack("e-2", "resume_cohort", {{"cohort", "53-54"}})["type"].toString(),
                 QString("ack"));
        a = ack("e-3", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 150}});
        QCOMPARE(a["type"].toString(), QString("ack"));
        QCOMPARE(a["result"].toObject()["old_value"].toDouble(), 100.0);
        QCOMPARE(a["result"].toObject()["new_value"].toDouble(), 150.0);
        QVERIFY(c->waitFor([](const QJsonObject& f) {
            return f["type"] == "tick" && cohortOf(f)["rate_ceiling"].toDouble() == 150.0;
        }));
        QCOMPARE(ack("e-4", "set_max_active", {{"cohort", "53-54"}, {"max_active", 900}})["type"]
                     .toString(),
                 QString("ack"));
        QCOMPARE(
            ack("e-5", "set_admission_mode", {{"cohort", "53-54"}, {"mode", "automatic"}})["type"]
                .toString(),
            QString("ack"));
        QCOMPARE(ack("e-6", "set_admission_mode", {{"cohort", "53-54"}, {"mode", "manual"}})["type"]
                     .toString(),
                 QString("ack"));
        a = ack("e-7", "post_notice",
                {{"cohort", "*"},
                 {"severity", "info"},
                 {"text", QJsonObject{{"ko", "안내"}, {"en", "Note"}}}});
        QCOMPARE(a["type"].toString(), QString("ack"));
        qint64 noticeId = a["result"].toObject()["notice_id"].toInteger();
        QVERIFY(noticeId > 0);
        a = ack("e-8", "retract_notice", {{"notice_id", noticeId}});
        QCOMPARE(a["type"].toString(), QString("ack"));
        // Identity-provider drill (the booking module validates the values).
        a = ack("e-9", "set_identity_provider",
                {{"latency_ms", QJsonObject{{"p50", 5}, {"p99", 20}}},
                 {"error_rate", 0.0},
                 {"outage", false}});
        QCOMPARE(a["type"].toString(), QString("ack"));
        QCOMPARE(a["result"]
                     .toObject()["new_value"]
                     .toObject()["latency_ms"]
                     .toObject()["p99"]
                     .toDouble(),
                 20.0);
        a = c->command("e-9b", "set_identity_provider", {{"error_rate", 7}});
        QCOMPARE(a["type"].toString(), QString("nack"));
        QVERIFY2(a["message"].toString().contains("error_rate"),
                 qPrintable(a["message"].toString()));
        a = c->command("e-10", "approve", {{"command_id", "nothing-pending"}});
        QCOMPARE(a["type"].toString(), QString("nack"));
        QCOMPARE(a["code"].toString(), QString("not_found"));
        QCOMPARE(
            ack("e-11", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 100}})["type"].toString(),
            QString("ack"));
        // An acknowledged console alert reaches every console and the audit log.
        auto other = console(kim);
        QVERIFY(other);
        a = ack("e-12", "acknowledge_alert",
                {{"alert", "cohort_paused_waiting:53-54"}, {"note", "on it"}});
        QCOMPARE(a["status"].toString(), QString("done"));
        auto ev = other->waitFor([](const QJsonObject& f) {
            return f["type"] == "event" && f["kind"] == "alert_acknowledged";
        });
        QVERIFY(ev);
        QCOMPARE((*ev)["data"].toObject()["alert"].toString(),
                 QString("cohort_paused_waiting:53-54"));
        QCOMPARE((*ev)["data"].toObject()["by"].toString(), QString("kim"));
        QCOMPARE((*ev)["data"].toObject()["note"].toString(), QString("on it"));
        QCOMPARE(c->command("e-13", "acknowledge_alert", {{"alert", ""}})["code"].toString(),
                 QString("invalid_args"));
    }

    void invalidArgumentsAreRefusedReadably() {
        auto c = console(kim);
        QVERIFY(c);
        QJsonObject n = c->command("i-1", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 5000}});
        QCOMPARE(n["type"].toString(), QString("nack"));
        QCOMPARE(n["code"].toString(), QString("invalid_args"));
        QVERIFY2(n["message"].toString().contains("rate_per_s must be between 0 and 1000"),
                 qPrintable(n["message"].toString()));
        n = c->command("i-2", "pause_cohort", {{"cohort", "99-99"}});
        QCOMPARE(n["code"].toString(), QString("unknown_cohort"));
        QVERIFY(n["message"].toString().contains("53-54"));
        n = c->command("i-3", "launch", {});
        QCOMPARE(n["code"].toString(), QString("unknown_op"));
        n = c->command(
            "i-4", "post_notice",
            {{"cohort", "53-54"}, {"severity", "info"}, {"text", QJsonObject{{"ko", "안내"}}}});
        QCOMPARE(n["code"].toString(), QString("invalid_args"));
        QVERIFY(n["message"].toString().contains("English"));
        n = c->command("i-5", "retract_notice", {{"notice_id", 987654}});
        QCOMPARE(n["code"].toString(), QString("not_found"));
        n = c->command("i-6", "resume_cohort", {}); // cohort missing
        QCOMPARE(n["code"].toString(), QString("invalid_args"));
        // A frame that is not a command object.
        int from = c->frames.size();
        c->sendJson(QJsonObject{{"type", "command"}, {"op", "pause_cohort"}});
        auto bad = c->waitType("nack", 5000, from);
        QVERIFY(bad);
        QCOMPARE((*bad)["code"].toString(), QString("bad_frame"));
    }

    void viewerMayNotCommand() {
        auto c = console(viewer);
        QVERIFY(c);
        QJsonObject n = c->command("v-1", "pause_cohort", {{"cohort", "53-54"}});
        QCOMPARE(n["type"].toString(), QString("nack"));
        QCOMPARE(n["code"].toString(), QString("forbidden"));
        QVERIFY(n["message"].toString().contains("viewer"));
        auto k = console(kim);
        QVERIFY(k);
        auto tick = k->waitType("tick", 3000, k->frames.size());
        QVERIFY(tick);
        QCOMPARE(cohortOf(*tick)["state"].toString(), QString("open"));
    }

    void replayedCommandIdDoesNothing() {
        auto c = console(kim);
        QVERIFY(c);
        QJsonObject first =
            c->command("r-1", "set_max_active", {{"cohort", "53-54"}, {"max_active", 777}});
        QCOMPARE(first["type"].toString(), QString("ack"));
        // Same id, other arguments: nothing happens, the first answer comes back.
        QJsonObject again =
            c->command("r-1", "set_max_active", {{"cohort", "53-54"}, {"max_active", 555}});
        QCOMPARE(again, first);
        auto tick = c->waitType("tick", 3000, c->frames.size());
        QVERIFY(tick);
        QCOMPARE(cohortOf(*tick)["max_active"].toInteger(), 777);
        // Also across connections of the same operator.
        auto d = console(kim);
        QVERIFY(d);
        QCOMPARE(d->command("r-1", "set_max_active", {{"cohort", "53-54"}, {"max_active", 1}}),
                 first);
        // The same id from another operator is another command.
        auto e = console(lee);
        QVERIFY(e);
        QJsonObject other =
            e->command("r-1", "set_max_active", {{"cohort", "53-54"}, {"max_active", 1000}});
        QCOMPARE(other["type"].toString(), QString("ack"));
        QVERIFY(other["audit_id"] != first["audit_id"]);
    }

    void resumeWithSinceHasNoGapOrDuplicate() {
        auto c = console(viewer);
        QVERIFY(c);
        QVERIFY(c->waitType("tick", 3000));
        qint64 last = c->lastSeq();
        c->ws.close();
        QVERIFY(c->waitClosed());
        QTest::qWait(350); // a few ticks go by while disconnected
        OpsClient r;
        r.open(port(), viewer, last);
        QVERIFY(r.waitFrames(4, 5000));
        QCOMPARE(r.frames[0]["type"].toString(), QString("hello"));
        QCOMPARE(r.frames[0]["resume"].toObject()["mode"].toString(), QString("replay"));
        QCOMPARE(r.frames[0]["resume"].toObject()["from_seq"].toInteger(), last);
        QTest::qWait(300);
        qint64 expect = last + 1;
        for (int i = 1; i < r.frames.size(); ++i) {
            QVERIFY2(r.frames[i]["type"] != "snapshot", "replay expected, got a snapshot");
            QCOMPARE(r.frames[i]["seq"].toInteger(), expect);
            ++expect;
        }
        QVERIFY(expect > last + 3); // the missed ticks were resent
    }

    void tooOldOrUnknownSinceGetsSnapshot() {
        auto c = console(viewer);
        QVERIFY(c);
        // history_frames is 64: wait until seq 1 is gone.
        QVERIFY(c->waitFor([](const QJsonObject& f) { return f["seq"].toInteger() > 70; }, 15'000));
        for (qint64 since : {qint64(0), qint64(1) << 40}) {
            OpsClient r;
            r.open(port(), viewer, since);
            QVERIFY(r.waitFrames(3, 5000));
            QCOMPARE(r.frames[0]["resume"].toObject()["mode"].toString(), QString("snapshot"));
            QCOMPARE(r.frames[1]["type"].toString(), QString("snapshot"));
            QCOMPARE(r.frames[2]["seq"].toInteger(), r.frames[1]["seq"].toInteger() + 1);
        }
    }

    void noticeReachesCitizens() {
        auto c = console(kim);
        QVERIFY(c);
        HttpClient http("127.0.0.1", port());
        QJsonObject a = c->command("n-1", "post_notice",
                                   {{"cohort", "53-54"},
                                    {"severity", "warning"},
                                    {"text", QJsonObject{{"ko", "본인인증 지연: 순서는 유지됩니다"},
                                                         {"en", "Identity checks are slow"}}}});
        QCOMPARE(a["type"].toString(), QString("ack"));
        qint64 id = a["result"].toObject()["notice_id"].toInteger();
        HttpResult status = http.get("/v1/queue/53-54/status");
        QCOMPARE(status.status, 200);
        QVERIFY2(status.body.find("Identity checks are slow") != std::string::npos,
                 status.body.c_str());
        QVERIFY(status.body.find("본인인증 지연") != std::string::npos);
        QVERIFY(c->waitFor([](const QJsonObject& f) {
            return f["type"] == "event" && f["kind"] == "notice_posted";
        }));
        auto d = console(viewer); // a new console sees it in its snapshot
        QVERIFY(d);
        QCOMPARE(d->ofType("snapshot").first()["notices"].toArray().size(), 1);
        QCOMPARE(c->command("n-2", "retract_notice", {{"notice_id", id}})["type"].toString(),
                 QString("ack"));
        status = http.get("/v1/queue/53-54/status");
        QVERIFY(status.body.find("Identity checks are slow") == std::string::npos);
    }

    void auditEndpoint() {
        HttpClient http("127.0.0.1", port());
        QCOMPARE(http.get("/v1/ops/audit").status, 401);
        QCOMPARE(http.get("/v1/ops/audit", {{"Authorization", "Bearer nope"}}).status, 401);
        HttpResult r = http.get("/v1/ops/audit?since=0&limit=5000",
                                {{"Authorization", "Bearer " + viewer.toStdString()}});
        QCOMPARE(r.status, 200);
        QJsonObject body = parseObject(QByteArray::fromStdString(r.body));
        QJsonArray rows = body["rows"].toArray();
        QVERIFY(rows.size() > 10);
        std::set<QString> results;
        qint64 prevId = 0;
        QString prevHash = QString(64, '0');
        for (const auto& v : rows) {
            QJsonObject row = v.toObject();
            QCOMPARE(row["id"].toInteger(), prevId + 1);
            QCOMPARE(row["prev_hash"].toString(), prevHash);
            prevId = row["id"].toInteger();
            prevHash = row["hash"].toString();
            results.insert(row["result"].toString());
        }
        for (const char* res : {"accepted", "refused", "duplicate"})
            QVERIFY2(results.count(res), res);
        // A viewer's refused command is there with who and from where.
        bool found = false;
        for (const auto& v : rows) {
            QJsonObject row = v.toObject();
            if (row["command_id"] == "v-1") {
                found = true;
                QCOMPARE(row["operator"].toString(), QString("park"));
                QCOMPARE(row["result"].toString(), QString("refused"));
                QVERIFY(row["peer"].toString().startsWith("127.0.0.1:"));
            }
        }
        QVERIFY(found);
        r = http.get("/v1/ops/audit?since=" + std::to_string(prevId - 2),
                     {{"Authorization", "Bearer " + kim.toStdString()}});
        QCOMPARE(parseObject(QByteArray::fromStdString(r.body))["rows"].toArray().size(), 2);
    }

    void fiftyConsoles() {
        std::vector<std::unique_ptr<OpsClient>> consoles;
        for (int i = 0; i < 50; ++i) {
            consoles.push_back(std::make_unique<OpsClient>());
            consoles.back()->open(port(), i % 2 ? kim : viewer);
        }
        for (auto& c : consoles)
            QVERIFY(c->waitType("snapshot", 15'000));
        qint64 target = 0;
        for (auto& c : consoles)
            target = std::max(target, c->lastSeq());
        target += 5;
        for (auto& c : consoles)
            QVERIFY(c->waitFor(
                [target](const QJsonObject& f) { return f["seq"].toInteger() >= target; }, 10'000));
        // Every console saw the same frame for the same seq.
        QJsonObject ref;
        for (auto& c : consoles) {
            auto f = c->waitFor(
                [target](const QJsonObject& o) {
                    return o["seq"].toInteger() == target && o["type"] != "snapshot";
                },
                100);
            QVERIFY(f);
            if (ref.isEmpty()) ref = *f;
            QCOMPARE(*f, ref);
        }
        HttpClient http("127.0.0.1", port());
        std::string metrics = http.get("/metrics").body;
        QVERIFY2(metricValue(metrics, "sluice_ops_consoles") >= 50, metrics.c_str());
    }
};

QTEST_GUILESS_MAIN(TstOpsStream)
#include "tst_ops_stream.moc"
