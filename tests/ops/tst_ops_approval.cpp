// Two-person rule, revocation, persistence and the audit chain against a real sluice-server:
// dangerous commands wait for a second operator (or expire), notices and command answers
// survive a restart, a revoked token is disconnected, and `audit verify` finds a row that was
// altered behind the server's back.
#include "ops_test_client.h"
#include "server/ops/ops_store.h"
#include "server/store/sqlite.h"

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <set>

using namespace sluice::test;

namespace {
const char* kApprovalConfig =
    R"({"cohorts":[{"id":"53-54","label":{"ko":"53–54세","en":"Ages 53–54"},
 "birth_year_from":1967,"birth_year_to":1968,"prequeue_opens":"-1m","opens":"-1s",
 "rate_per_s":100,"max_active":1000}],
 "ops": {"tick_ms": 100, "two_person_rule": {"enabled": true, "rate_factor": 2.0, "approval_timeout_s": 2}}})";

QJsonObject cohortOf(const QJsonObject& frame) {
    for (const auto& v : frame["cohorts"].toArray())
        if (v.toObject()["id"].toString() == "53-54") return v.toObject();
    return {};
}

bool sqlExec(const QString& dbPath, const char* sql, QString* error) {
    sqlite3* db = nullptr;
    if (sqlite3_open(dbPath.toUtf8().constData(), &db) != SQLITE_OK) {
        *error = sqlite3_errmsg(db);
        sqlite3_close(db);
        return false;
    }
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    if (err) *error = err;
    sqlite3_free(err);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}
} // namespace

class TstOpsApproval : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> server;
    QString kim, lee, viewer;

    std::unique_ptr<OpsClient> console(const QString& token) {
        auto c = std::make_unique<OpsClient>();
        c->open(server->port(), token);
        if (!c->waitType("snapshot", 10'000)) return nullptr;
        return c;
    }
    double rateNow(OpsClient& c) {
        auto t = c.waitType("tick", 3000, c.frames.size());
        return t ? cohortOf(*t)["rate_ceiling"].toDouble() : -1;
    }

private slots:
    void initTestCase() {
        server = std::make_unique<ServerProcess>(
            ServerProcess::Options{kApprovalConfig, {}, 2, {}, false});
        kim = addOperator(*server, "kim", "operator");
        lee = addOperator(*server, "lee", "operator");
        viewer = addOperator(*server, "park", "viewer");
        QVERIFY(!kim.isEmpty() && !lee.isEmpty() && !viewer.isEmpty());
        CliResult list = server->cli({"operator", "list"});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("kim\toperator\tactive"));
        QVERIFY(!list.out.contains(kim)); // tokens are never shown again
        QCOMPARE(server->cli({"operator", "add", "kim", "--role", "admin"}).exitCode, 1);
        QCOMPARE(server->cli({"operator", "add", "x", "--role", "boss"}).exitCode, 2);
        QVERIFY2(server->start(), server->output().constData());
    }
    void cleanupTestCase() {
        if (server && server->running()) server->terminate();
    }

    void dangerousRateWaitsForSecondOperator() {
        auto k = console(kim);
        auto l = console(lee);
        auto v = console(viewer);
        QVERIFY(k && l && v);
        QJsonObject a = k->command("big-1", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 300}});
        QCOMPARE(a["type"].toString(), QString("ack"));
        QCOMPARE(a["status"].toString(), QString("pending_approval"));
        QVERIFY(a["result"].toObject()["reason"].toString().contains("from 100 to 300"));
        auto req = l->waitFor([](const QJsonObject& f) {
            return f["type"] == "event" && f["kind"] == "approval_requested";
        });
        QVERIFY(req);
        QCOMPARE((*req)["data"].toObject()["command_id"].toString(), QString("big-1"));
        QCOMPARE(rateNow(*k), 100.0); // not yet
        auto fresh = console(viewer);
        QVERIFY(fresh);
        QCOMPARE(fresh->ofType("snapshot").first()["pending_approvals"].toArray().size(), 1);

        QJsonObject self = k->command("big-1-ok", "approve", {{"command_id", "big-1"}});
        QCOMPARE(self["code"].toString(), QString("self_approval"));
        QCOMPARE(v->command("v-ok", "approve", {{"command_id", "big-1"}})["code"].toString(),
                 QString("forbidden"));

        QJsonObject ok = l->command("lee-ok-1", "approve", {{"command_id", "big-1"}});
        QCOMPARE(ok["type"].toString(), QString("ack"));
        QCOMPARE(ok["status"].toString(), QString("done"));
        QCOMPARE(ok["result"].toObject()["new_value"].toDouble(), 300.0);
        QCOMPARE(ok["result"].toObject()["requested_by"].toString(), QString("kim"));
        QVERIFY(k->waitFor([](const QJsonObject& f) {
            return f["type"] == "event" && f["kind"] == "approval_granted";
        }));
        QCOMPARE(rateNow(*k), 300.0);
        // The requester replaying its id gets its first answer; nothing runs again.
        QCOMPARE(k->command("big-1", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 300}}), a);
        QCOMPARE(l->command("lee-ok-2", "approve", {{"command_id", "big-1"}})["code"].toString(),
                 QString("not_found"));
    }

    void smallRaiseRunsAtOnce() {
        auto k = console(kim);
        QVERIFY(k);
        QJsonObject a =
            k->command("small-1", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 500}});
        QCOMPARE(a["status"].toString(), QString("done"));
        QCOMPARE(
            k->command("small-2", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 50}})["status"]
                .toString(),
            QString("done"));
    }

    void unapprovedCommandExpires() {
        auto k = console(kim);
        auto l = console(lee);
        QVERIFY(k && l);
        QJsonObject a = k->command("exp-1", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 900}});
        QCOMPARE(a["status"].toString(), QString("pending_approval"));
        auto ev = k->waitFor(
            [](const QJsonObject& f) {
                return f["type"] == "event" && f["kind"] == "approval_expired";
            },
            5000);
        QVERIFY(ev);
        QCOMPARE((*ev)["data"].toObject()["command_id"].toString(), QString("exp-1"));
        QCOMPARE(l->command("late-1", "approve", {{"command_id", "exp-1"}})["code"].toString(),
                 QString("not_found"));
        QCOMPARE(rateNow(*k), 50.0);
    }

    void resumingAnIncidentPauseNeedsApproval() {
        auto k = console(kim);
        auto l = console(lee);
        QVERIFY(k && l);
        QCOMPARE(
            k->command("inc-1", "pause_cohort", {{"cohort", "53-54"}, {"incident", true}})["status"]
                .toString(),
            QString("done"));
        QJsonObject a = k->command("inc-2", "resume_cohort", {{"cohort", "53-54"}});
        QCOMPARE(a["status"].toString(), QString("pending_approval"));
        QVERIFY(a["result"].toObject()["reason"].toString().contains("incident"));
        QCOMPARE(l->command("inc-ok", "approve",
                            {{"command_id", "inc-2"}, {"requested_by", "kim"}})["type"]
                     .toString(),
                 QString("ack"));
        QVERIFY(k->waitFor(
            [](const QJsonObject& f) {
                return f["type"] == "tick" && cohortOf(f)["state"] == "open";
            },
            3000, k->frames.size()));
        // A pause without incident resumes without approval.
        QCOMPARE(k->command("inc-3", "pause_cohort", {{"cohort", "53-54"}})["status"].toString(),
                 QString("done"));
        QCOMPARE(k->command("inc-4", "resume_cohort", {{"cohort", "53-54"}})["status"].toString(),
                 QString("done"));
    }

    // Pausing an incident pause again without the flag must not clear it: the resume still
    // needs the second operator.
    void incidentFlagSurvivesASecondPause() {
        auto k = console(kim);
        auto l = console(lee);
        QVERIFY(k && l);
        QCOMPARE(
            k->command("st-1", "pause_cohort", {{"cohort", "53-54"}, {"incident", true}})["status"]
                .toString(),
            QString("done"));
        QCOMPARE(
            k->command("st-2", "pause_cohort", {{"cohort", "53-54"}, {"incident", false}})["status"]
                .toString(),
            QString("done"));
        QJsonObject a = k->command("st-3", "resume_cohort", {{"cohort", "53-54"}});
        QCOMPARE(a["status"].toString(), QString("pending_approval"));
        QCOMPARE(l->command("st-ok", "approve", {{"command_id", "st-3"}})["status"].toString(),
                 QString("done"));
    }

    void resumingARunningCohortIsRejected() {
        auto k = console(kim);
        QVERIFY(k);
        QJsonObject a = k->command("run-1", "resume_cohort", {{"cohort", "53-54"}});
        QCOMPARE(a["type"].toString(), QString("nack"));
        QCOMPARE(a["code"].toString(), QString("rejected"));
        QVERIFY(a["message"].toString().contains("not paused"));
    }

    // Raising in steps that are each under the factor adds up: the rule measures from the
    // lowest ceiling in its window, so one operator cannot reach 8x alone.
    void steppedRaisesNeedApproval() {
        auto k = console(kim);
        QVERIFY(k);
        const double start = rateNow(*k);
        QVERIFY(start > 0);
        double rate = start;
        int pending = 0;
        for (int i = 0; i < 3; ++i) {
            rate *= 2;
            QJsonObject a = k->command(QString("step-%1").arg(i), "set_rate",
                                       {{"cohort", "53-54"}, {"rate_per_s", rate}});
            if (a["status"].toString() == "pending_approval") {
                ++pending;
                break;
            }
            QCOMPARE(a["status"].toString(), QString("done"));
            QVERIFY2(rate <= 2 * start, qPrintable(QString("%1 ran alone").arg(rate)));
        }
        QCOMPARE(pending, 1);
        QVERIFY(rateNow(*k) <= 2 * start);
    }

    // A command sent right after `operator revoke` does not run.
    void commandRightAfterRevokeIsRefused() {
        QString tmp = addOperator(*server, "tmp2", "operator");
        QVERIFY(!tmp.isEmpty());
        auto c = console(tmp);
        auto k = console(kim);
        QVERIFY(c && k);
        const double before = rateNow(*k);
        QCOMPARE(server->cli({"operator", "revoke", "tmp2"}).exitCode, 0);
        QJsonObject a =
            c->command("after-revoke", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 7}}, 3000);
        QVERIFY2(a["type"] != "ack", qPrintable(QJsonDocument(a).toJson()));
        QVERIFY(c->waitClosed(3000));
        QCOMPARE(rateNow(*k), before);
    }

    void revokedOperatorIsDisconnected() {
        QString tmp = addOperator(*server, "tmp", "operator");
        QVERIFY(!tmp.isEmpty());
        auto c = console(tmp);
        QVERIFY(c);
        CliResult r = server->cli({"operator", "revoke", "tmp"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(c->waitClosed(8000));
        QCOMPARE(int(c->ws.closeCode()), 1008);
        QVERIFY(c->ws.closeReason().contains("revoked"));
        OpsClient again;
        again.open(server->port(), tmp);
        QVERIFY(again.waitClosed(5000));
        QVERIFY(again.ws.closeReason().contains("revoked"));
    }

    void noticesAndAnswersSurviveRestart() {
        auto k = console(kim);
        QVERIFY(k);
        QJsonObject a = k->command(
            "keep-1", "post_notice",
            {{"cohort", "*"},
             {"severity", "critical"},
             {"text", QJsonObject{{"ko", "점검 중입니다"}, {"en", "Maintenance under way"}}}});
        QCOMPARE(a["type"].toString(), QString("ack"));
        k.reset();
        server->kill9();
        QVERIFY2(server->restart(), server->output().constData());
        HttpClient http("127.0.0.1", server->port());
        QVERIFY(http.get("/v1/queue/53-54/status").body.find("Maintenance under way") !=
                std::string::npos);
        auto k2 = console(kim);
        QVERIFY2(k2, server->output().right(3000).constData());
        QCOMPARE(k2->ofType("snapshot").first()["notices"].toArray().size(), 1);
        QCOMPARE(k2->command("keep-1", "post_notice", {}),
                 a); // the remembered answer, not a new notice
        QCOMPARE(k2->command("keep-2", "retract_notice",
                             {{"notice_id", a["result"].toObject()["notice_id"]}})["type"]
                     .toString(),
                 QString("ack"));
        QVERIFY(http.get("/v1/queue/53-54/status").body.find("Maintenance under way") ==
                std::string::npos);
    }

    // A command waiting for a second operator survives a crash of the server; it can
    // be approved after the restart, and one whose time ran out meanwhile expires (audited).
    void pendingApprovalSurvivesRestart() {
        std::string cfg = kApprovalConfig;
        const std::string shortTimeout = "\"approval_timeout_s\": 2";
        cfg.replace(cfg.find(shortTimeout), shortTimeout.size(), "\"approval_timeout_s\": 60");
        ServerProcess s2(ServerProcess::Options{cfg, {}, 2, {}, false});
        const QString a1 = addOperator(s2, "choi", "operator");
        const QString a2 = addOperator(s2, "jung", "operator");
        QVERIFY(!a1.isEmpty() && !a2.isEmpty());
        QVERIFY2(s2.start(), s2.output().constData());
        auto open = [&](const QString& token) {
            auto c = std::make_unique<OpsClient>();
            c->open(s2.port(), token);
            return c->waitType("snapshot", 10'000) ? std::move(c) : nullptr;
        };
        auto c1 = open(a1);
        QVERIFY(c1);
        QJsonObject asked =
            c1->command("keep-big", "set_rate", {{"cohort", "53-54"}, {"rate_per_s", 400}});
        QCOMPARE(asked["status"].toString(), QString("pending_approval"));
        c1.reset();
        s2.kill9(); // the ack came after the commit: nothing may be lost now
        QVERIFY2(s2.restart(), s2.output().constData());
        QTRY_VERIFY_WITH_TIMEOUT(s2.output().contains("1 command(s) still wait for approval"),
                                 5000);

        auto c2 = open(a2);
        QVERIFY(c2);
        const QJsonArray waiting = c2->ofType("snapshot").first()["pending_approvals"].toArray();
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting[0].toObject()["command_id"].toString(), QString("keep-big"));
        QCOMPARE(waiting[0].toObject()["requested_by"].toString(), QString("choi"));
        QCOMPARE(waiting[0].toObject()["args"].toObject()["rate_per_s"].toInt(), 400);
        QJsonObject ok = c2->command("jung-ok", "approve", {{"command_id", "keep-big"}});
        QCOMPARE(ok["status"].toString(), QString("done"));
        QCOMPARE(ok["result"].toObject()["new_value"].toDouble(), 400.0);
        QCOMPARE(ok["result"].toObject()["requested_by"].toString(), QString("choi"));

        // Approved means gone: another restart brings nothing back.
        c2.reset();
        QVERIFY(s2.terminate());
        QVERIFY2(s2.start(), s2.output().constData());
        auto c3 = open(a2);
        QVERIFY(c3);
        QCOMPARE(c3->ofType("snapshot").first()["pending_approvals"].toArray().size(), 0);

        // A request whose time runs out while the server is down expires after the restart.
        auto c4 = open(a1);
        QVERIFY(c4);
        QCOMPARE(c4->command("late-big", "set_rate",
                             {{"cohort", "53-54"}, {"rate_per_s", 900}})["status"]
                     .toString(),
                 QString("pending_approval"));
        c4.reset();
        c3.reset();
        QVERIFY(s2.terminate());
        const QString db = s2.dataDir() + "/sluice.db";
        QString err;
        QVERIFY2(sqlExec(db, "UPDATE ops_pending_approvals SET expires_at_ms = 1", &err),
                 qPrintable(err));
        QVERIFY2(s2.start(), s2.output().constData());
        auto c5 = open(a2);
        QVERIFY(c5);
        QVERIFY(c5->waitFor([](const QJsonObject& f) {
            return f["type"] == "event" && f["kind"] == "approval_expired" &&
                   f["data"].toObject()["command_id"] == "late-big";
        }));
        QCOMPARE(
            c5->command("jung-late", "approve", {{"command_id", "late-big"}})["code"].toString(),
            QString("not_found"));
        CliResult verify = s2.cli({"audit", "verify"});
        QCOMPARE(verify.exitCode, 0);
    }

    // A stolen token cannot flood commands (nor the audit log with them), and refused stream
    // logins are in the audit log, bounded per minute.
    void commandsAreRateLimitedAndFailedLoginsAudited() {
        std::string cfg = kApprovalConfig;
        const std::string tick = "\"tick_ms\": 100,";
        cfg.replace(cfg.find(tick), tick.size(),
                    "\"tick_ms\": 100, \"command_rate_per_s\": 2, \"command_burst\": 5, "
                    "\"failed_login_audits_per_minute\": 3,");
        ServerProcess s3(ServerProcess::Options{cfg, {}, 2, {}, false});
        const QString token = addOperator(s3, "han", "operator");
        QVERIFY(!token.isEmpty());
        QVERIFY2(s3.start(), s3.output().constData());
        auto c = std::make_unique<OpsClient>();
        c->open(s3.port(), token);
        QVERIFY(c->waitType("snapshot", 10'000));
        // 20 commands at once: the burst of 5 is carried out (refused: unknown cohort), the
        // rest answered rate_limited at once.
        const int from = c->frames.size();
        for (int i = 0; i < 20; ++i)
            c->sendJson(
                QJsonObject{{"type", "command"},
                            {"id", QStringLiteral("flood-%1").arg(i)},
                            {"op", "set_rate"},
                            {"args", QJsonObject{{"cohort", "no-such"}, {"rate_per_s", 1}}}});
        QTRY_COMPARE_WITH_TIMEOUT(
            [&] {
                int n = 0;
                for (int i = from; i < c->frames.size(); ++i)
                    n += c->frames[i]["type"] == "nack";
                return n;
            }(),
            20, 10'000);
        int limited = 0, carriedOut = 0;
        for (int i = from; i < c->frames.size(); ++i) {
            if (c->frames[i]["type"] != "nack") continue;
            const QString code = c->frames[i]["code"].toString();
            limited += code == "rate_limited";
            carriedOut += code == "unknown_cohort";
        }
        QVERIFY2(carriedOut >= 5 && carriedOut <= 6, qPrintable(QString::number(carriedOut)));
        QCOMPARE(limited + carriedOut, 20);
        // The bucket refills: after a second, commands are carried out again.
        QTest::qWait(1100);
        QCOMPARE(c->command("after", "set_rate", {{"cohort", "no-such"}, {"rate_per_s", 1}})["code"]
                     .toString(),
                 QString("unknown_cohort"));

        // Five refused logins: three rows, the fourth and fifth counted.
        for (int i = 0; i < 5; ++i) {
            OpsClient bad;
            bad.open(s3.port(), QStringLiteral("not-a-token-%1").arg(i));
            QVERIFY(!bad.waitType("snapshot", 1500));
        }
        c.reset();
        QVERIFY(s3.terminate());
        sluice::store::Db db((s3.dataDir() + "/sluice.db").toStdString(),
                             sluice::store::Sync::Full);
        int rateRows = 0, refusedRows = 0, loginRows = 0;
        for (const auto& r : sluice::ops::readAudit(db, 0, 1'000'000)) {
            rateRows += r.result == "rate_limited";
            refusedRows += r.result == "refused" && r.op == "set_rate";
            loginRows += r.op == "login" && r.result == "refused";
        }
        QCOMPARE(rateRows, 1); // one row for the limited stretch, not one per command
        QCOMPARE(refusedRows, carriedOut + 1);
        QCOMPARE(loginRows, 3);
        QCOMPARE(s3.cli({"audit", "verify"}).exitCode, 0);
    }

    void auditChainVerifiesAndDetectsTampering() {
        HttpClient http("127.0.0.1", server->port());
        HttpResult r = http.get("/v1/ops/audit?limit=5000",
                                {{"Authorization", "Bearer " + viewer.toStdString()}});
        QCOMPARE(r.status, 200);
        std::set<QString> results, ops;
        for (const auto& v : parseObject(QByteArray::fromStdString(r.body))["rows"].toArray()) {
            results.insert(v.toObject()["result"].toString());
            ops.insert(v.toObject()["op"].toString());
        }
        for (const char* res :
             {"accepted", "refused", "pending_approval", "approved", "expired", "duplicate"})
            QVERIFY2(results.count(res), res);
        for (const char* op : {"operator_add", "operator_revoke", "approve", "set_rate"})
            QVERIFY2(ops.count(op), op);
        http.disconnect();
        bool clean = server->terminate();
        // Exit status belongs to the core's shutdown (see tests/server); here the stream and the
        // audit log matter, so a dirty exit is reported, not failed on.
        if (!clean)
            qWarning("sluice-server did not exit with 0 on SIGTERM:\n%s",
                     server->output().right(4000).constData());
        QVERIFY(!server->running());
        CliResult ok = server->cli({"audit", "verify"});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY2(ok.out.startsWith("ok ") && ok.out.contains(" rows"), qPrintable(ok.out));
        int rows = ok.out.split(' ').value(1).toInt();
        QVERIFY(rows > 15);

        // A signed checkpoint of the log as it is now, kept outside the server.
        CliResult cp = server->cli({"audit", "checkpoint"});
        QCOMPARE(cp.exitCode, 0);
        QTemporaryDir keep;
        const QString cpPath = keep.filePath("checkpoint.json");
        {
            QFile f(cpPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(cp.out.toUtf8());
        }
        QVERIFY(parseObject(cp.out.toUtf8())["row"].toInteger() == rows);
        CliResult holds = server->cli({"audit", "verify", "--checkpoint", cpPath});
        QCOMPARE(holds.exitCode, 0);
        QVERIFY2(holds.out.contains("checkpoint holds"), qPrintable(holds.out));

        QString dbPath = server->dataDir() + "/sluice.db";
        QString err;
        // Someone with the file bypasses the append-only trigger and rewrites one row.
        QVERIFY2(!sqlExec(dbPath, "UPDATE ops_audit SET operator = 'nobody' WHERE id = 7", &err),
                 "trigger missing");
        QVERIFY2(sqlExec(dbPath,
                         "DROP TRIGGER ops_audit_no_update; "
                         "UPDATE ops_audit SET new_value = '1000' WHERE id = 7;",
                         &err),
                 qPrintable(err));
        CliResult bad = server->cli({"audit", "verify"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("row 7"), qPrintable(bad.err));
        // The server refuses to serve on a broken chain.
        QVERIFY(!server->restart(8000));
        QVERIFY2(server->output().contains("audit log is broken at row 7"),
                 server->output().right(2000).constData());

        // The attacker recomputes every hash after the changed row: the chain verifies again,
        // but the checkpoint kept elsewhere does not.
        {
            sluice::store::Db db(dbPath.toStdString(), sluice::store::Sync::Full);
            db.exec("DROP TRIGGER IF EXISTS ops_audit_no_update"); // the start re-created it
            auto all = sluice::ops::readAudit(db, 0, 1'000'000);
            std::string prev = all.front().prevHash;
            for (auto& row : all) {
                row.prevHash = prev;
                row.hash = sluice::ops::auditRowHash(prev, row);
                prev = row.hash;
                sluice::store::Stmt(db,
                                    "UPDATE ops_audit SET prev_hash = ?1, hash = ?2 WHERE id = ?3")
                    .bind(1, std::string_view(row.prevHash))
                    .bind(2, std::string_view(row.hash))
                    .bind(3, row.id)
                    .run();
            }
        }
        QCOMPARE(server->cli({"audit", "verify"}).exitCode, 0);
        CliResult recomputed = server->cli({"audit", "verify", "--checkpoint", cpPath});
        QCOMPARE(recomputed.exitCode, 1);
        QVERIFY2(recomputed.err.contains("recomputed"), qPrintable(recomputed.err));
        // Cutting the newest rows leaves a valid chain too; the checkpoint finds it.
        QVERIFY2(sqlExec(dbPath,
                         "DROP TRIGGER IF EXISTS ops_audit_no_delete; "
                         "DELETE FROM ops_audit WHERE id > 10;",
                         &err),
                 qPrintable(err));
        QCOMPARE(server->cli({"audit", "verify"}).exitCode, 0);
        CliResult truncated = server->cli({"audit", "verify", "--checkpoint", cpPath});
        QCOMPARE(truncated.exitCode, 1);
        QVERIFY2(truncated.err.contains("truncated"), qPrintable(truncated.err));
        // An edited checkpoint is caught by its signature.
        QJsonObject forged = parseObject(cp.out.toUtf8());
        forged["row"] = 5;
        {
            QFile f(cpPath);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(QJsonDocument(forged).toJson(QJsonDocument::Compact));
        }
        CliResult edited = server->cli({"audit", "verify", "--checkpoint", cpPath});
        QCOMPARE(edited.exitCode, 1);
        QVERIFY2(edited.err.contains("signature"), qPrintable(edited.err));
    }
};

QTEST_GUILESS_MAIN(TstOpsApproval)
#include "tst_ops_approval.moc"
