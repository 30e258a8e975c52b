// Unit tests of the ops module's pure parts: frame history (resume decisions), command
// argument checks and their messages, the two-person rule, metric label parsing, the "ops"
// config section, operators and the audit hash chain on a temporary SQLite file.
#include "server/app/config.h"
#include "server/ops/commands.h"
#include "server/ops/frame_history.h"
#include "server/ops/ops_config.h"
#include "server/ops/ops_store.h"
#include "server/ops/stats_sampler.h"
#include "server/queue/notices.h"
#include "server/store/sqlite.h"

#include <boost/json/parse.hpp>

#include <QTemporaryDir>
#include <QTest>

using namespace sluice;
using namespace sluice::ops;
namespace json = boost::json;

class TstOpsLogic : public QObject {
    Q_OBJECT

    static FramePtr f(const std::string& s) { return std::make_shared<const std::string>(s); }
    static std::vector<queue::CohortView> cohorts() {
        queue::CohortView v;
        v.id = "53-54";
        v.rateCeiling = 100;
        v.maxRate = 1000;
        v.state = queue::CohortState::Open;
        return {v};
    }
    static json::object obj(const char* text) { return json::parse(text).as_object(); }

private slots:
    void historyReplaysEverythingAfterSince() {
        FrameHistory h(4);
        QCOMPARE(h.after(0)->size(), 0u); // nothing yet, nothing missed
        for (int i = 1; i <= 3; ++i)
            QCOMPARE(h.push(f(std::to_string(i))), uint64_t(i));
        auto r = h.after(1);
        QVERIFY(r);
        QCOMPARE(r->size(), 2u);
        QCOMPARE(*(*r)[0], std::string("2"));
        QCOMPARE(*(*r)[1], std::string("3"));
        QCOMPARE(h.after(3)->size(), 0u);
    }
    void historyTooOldOrFutureNeedsSnapshot() {
        FrameHistory h(4);
        for (int i = 1; i <= 10; ++i)
            h.push(f(std::to_string(i)));
        QCOMPARE(h.firstSeq(), uint64_t(7));
        QVERIFY(!h.after(5)); // 6 was dropped
        QVERIFY(h.after(6));  // 7..10 kept
        QCOMPARE(h.after(6)->size(), 4u);
        QVERIFY(!h.after(11)); // a seq this process never sent
    }

    void validCommandsPass() {
        auto c = cohorts();
        QVERIFY(!validateCommand("pause_cohort", obj(R"({"cohort":"53-54","incident":true})"), c));
        QVERIFY(!validateCommand("resume_cohort", obj(R"({"cohort":"53-54"})"), c));
        QVERIFY(!validateCommand("set_rate", obj(R"({"cohort":"53-54","rate_per_s":1000})"), c));
        QVERIFY(!validateCommand("set_max_active", obj(R"({"cohort":"53-54","max_active":0})"), c));
        QVERIFY(!validateCommand("set_admission_mode",
                                 obj(R"({"cohort":"53-54","mode":"automatic"})"), c));
        QVERIFY(!validateCommand(
            "post_notice",
            obj(R"({"cohort":"*","severity":"info","text":{"ko":"안내","en":"Note"}})"), c));
        QVERIFY(!validateCommand("retract_notice", obj(R"({"notice_id":3})"), c));
        QVERIFY(!validateCommand("approve", obj(R"({"command_id":"c-1"})"), c));
    }
    void invalidArgumentsGetReadableMessages() {
        auto c = cohorts();
        auto r = validateCommand("set_rate", obj(R"({"cohort":"53-54","rate_per_s":1001})"), c);
        QVERIFY(r);
        QCOMPARE(r->code, std::string("invalid_args"));
        QVERIFY2(r->message.find("rate_per_s must be between 0 and 1000") != std::string::npos,
                 r->message.c_str());
        r = validateCommand("set_rate", obj(R"({"cohort":"53-54","rate_per_s":-1})"), c);
        QVERIFY(r && r->message.find("got -1") != std::string::npos);
        r = validateCommand("set_rate", obj(R"({"cohort":"60-64","rate_per_s":1})"), c);
        QVERIFY(r);
        QCOMPARE(r->code, std::string("unknown_cohort"));
        QVERIFY(r->message.find("known cohorts: 53-54") != std::string::npos);
        r = validateCommand("set_max_active", obj(R"({"cohort":"53-54","max_active":1.5})"), c);
        QVERIFY(r && r->message.find("whole number") != std::string::npos);
        r = validateCommand("set_admission_mode", obj(R"({"cohort":"53-54","mode":"fast"})"), c);
        QVERIFY(r && r->message.find("\"manual\" or \"automatic\"") != std::string::npos);
        r = validateCommand("post_notice",
                            obj(R"({"cohort":"53-54","severity":"info","text":{"ko":"안내"}})"), c);
        QVERIFY(r && r->message.find("text.en") != std::string::npos);
        r = validateCommand(
            "post_notice",
            obj(R"({"cohort":"53-54","severity":"loud","text":{"ko":"a","en":"b"}})"), c);
        QVERIFY(r && r->message.find("severity") != std::string::npos);
        r = validateCommand("post_notice", obj(R"({"severity":"info","text":{"ko":"a","en":"b"}})"),
                            c);
        QVERIFY(r && r->message.find("\"*\"") != std::string::npos);
        r = validateCommand("launch_rockets", obj("{}"), c);
        QVERIFY(r);
        QCOMPARE(r->code, std::string("unknown_op"));
        r = validateCommand("retract_notice", obj(R"({"notice_id":"x"})"), c);
        QVERIFY(r && r->message.find("notice_id") != std::string::npos);
    }
    void noticeLengthCountsCharactersNotBytes() {
        std::string ko;
        for (int i = 0; i < 500; ++i)
            ko += "가"; // 1500 bytes, 500 characters
        json::object args = obj(R"({"cohort":"*","severity":"info","text":{"en":"x"}})");
        args["text"].as_object()["ko"] = ko;
        QVERIFY(!validateCommand("post_notice", args, cohorts()));
        args["text"].as_object()["ko"] = ko + "가";
        QVERIFY(validateCommand("post_notice", args, cohorts()));
    }
    void commandFrameParsing() {
        auto c =
            parseCommandFrame(obj(R"({"type":"command","id":"a","op":"set_rate","args":{"x":1}})"));
        QVERIFY(c.error.empty());
        QCOMPARE(c.id, std::string("a"));
        QVERIFY(!parseCommandFrame(obj(R"({"type":"command","op":"set_rate"})")).error.empty());
        QVERIFY(!parseCommandFrame(obj(R"({"type":"command","id":"","op":"x"})")).error.empty());
        QVERIFY(!parseCommandFrame(obj(R"({"type":"command","id":"a","op":"x","args":[1]})"))
                     .error.empty());
    }

    void twoPersonRule() {
        TwoPersonRule rule;
        auto c = cohorts();
        auto raise = obj(R"({"cohort":"53-54","rate_per_s":300})");
        QVERIFY(!dangerReason("set_rate", raise, c, rule)); // off by default
        rule.enabled = true;
        auto why = dangerReason("set_rate", raise, c, rule);
        QVERIFY(why);
        QVERIFY2(why->find("from 100 to 300") != std::string::npos, why->c_str());
        QVERIFY(!dangerReason("set_rate", obj(R"({"cohort":"53-54","rate_per_s":200})"), c, rule));
        QVERIFY(!dangerReason("set_rate", obj(R"({"cohort":"53-54","rate_per_s":10})"), c, rule));
        QVERIFY(!dangerReason("resume_cohort", obj(R"({"cohort":"53-54"})"), c, rule));
        c[0].pausedForIncident = true;
        QVERIFY(dangerReason("resume_cohort", obj(R"({"cohort":"53-54"})"), c, rule));
        c[0].rateCeiling = 0;
        QVERIFY(dangerReason("set_rate", obj(R"({"cohort":"53-54","rate_per_s":1})"), c, rule));
    }

    // Steps add up: from 200 now, but 100 within the window, 300 is more than 2x.
    void twoPersonRuleMeasuresFromTheLowestRecentCeiling() {
        TwoPersonRule rule;
        rule.enabled = true;
        auto c = cohorts();
        c[0].rateCeiling = 200;
        auto to300 = obj(R"({"cohort":"53-54","rate_per_s":300})");
        QVERIFY(!dangerReason("set_rate", to300, c, rule));         // nothing recorded
        QVERIFY(!dangerReason("set_rate", to300, c, rule, 150.0));  // 300 <= 2 x 150
        auto why = dangerReason("set_rate", to300, c, rule, 100.0); // 300 > 2 x 100
        QVERIFY(why);
        QVERIFY2(why->find("from 100") != std::string::npos, why->c_str());
        QVERIFY(!dangerReason("set_rate", to300, c, rule, 400.0)); // higher before: current counts
    }

    void labels() {
        std::string l = R"(route="/v1/queue/{}/status",code="200")";
        QCOMPARE(labelValue(l, "route"), std::string("/v1/queue/{}/status"));
        QCOMPARE(labelValue(l, "code"), std::string("200"));
        QCOMPARE(labelValue(l, "kind"), std::string());
        QVERIFY(isBookingRoute("/v1/reservations/{}"));
        QVERIFY(!isBookingRoute("/v1/queue/{}/join"));
    }

    void config() {
        auto c = parseOpsConfig(obj("{}"));
        QCOMPARE(c.tickMs, 500);
        QCOMPARE(c.historyFrames, std::size_t(4096));
        QVERIFY(!c.twoPerson.enabled);
        c = parseOpsConfig(
            obj(R"({"ops":{"tick_ms":100,"two_person_rule":{"enabled":true,"rate_factor":3}}})"));
        QCOMPARE(c.tickMs, 100);
        QVERIFY(c.twoPerson.enabled);
        QCOMPARE(c.twoPerson.rateFactor, 3.0);
        try {
            parseOpsConfig(obj(R"({"ops":{"tick_ms":5}})"));
            QFAIL("tick_ms 5 accepted");
        } catch (const ConfigError& e) {
            QVERIFY2(std::string(e.what()).find("ops.tick_ms") != std::string::npos, e.what());
        }
    }

    void operatorsStoreOnlyHashes() {
        QTemporaryDir dir;
        store::Db db((dir.path() + "/t.db").toStdString());
        ensureSchema(db);
        std::string token = newOperatorToken();
        QVERIFY(token.size() >= 43);
        QCOMPARE(addOperator(db, "kim", Role::Operator, tokenHash(token), 1), std::string());
        QVERIFY(!addOperator(db, "kim", Role::Admin, tokenHash("x"), 2).empty()); // exists
        QVERIFY(
            !db.queryInt("SELECT count(*) FROM ops_operators WHERE token_hash = '" + token + "'")
                 .value_or(1));
        std::string reason;
        auto op = authenticate(db, token, reason);
        QVERIFY(op);
        QCOMPARE(op->name, std::string("kim"));
        QVERIFY(op->role == Role::Operator);
        QVERIFY(!authenticate(db, token + "x", reason));
        QCOMPARE(reason, std::string("invalid operator token"));
        QCOMPARE(revokeOperator(db, "kim", 3), std::string());
        QVERIFY(!authenticate(db, token, reason));
        QCOMPARE(reason, std::string("operator token revoked"));
        QVERIFY(!revokeOperator(db, "lee", 3).empty());
        QVERIFY(!validateOperatorName("a b").empty());
    }

    void auditChainDetectsTampering() {
        QTemporaryDir dir;
        store::Db db((dir.path() + "/t.db").toStdString());
        ensureSchema(db);
        for (int i = 0; i < 5; ++i) {
            AuditRow r;
            r.atMs = 1000 + i;
            r.operatorName = "kim";
            r.role = "operator";
            r.peer = "127.0.0.1:1";
            r.commandId = "c-" + std::to_string(i);
            r.op = "set_rate";
            r.args = R"({"cohort":"53-54","rate_per_s":)" + std::to_string(100 + i) + "}";
            r.result = "accepted";
            appendAudit(db, r);
            QCOMPARE(r.id, int64_t(i + 1));
        }
        auto v = verifyAudit(db);
        QVERIFY(v.ok);
        QCOMPARE(v.rows, int64_t(5));
        // The table refuses updates and deletes...
        QVERIFY_THROWS_EXCEPTION(store::SqliteError,
                                 db.exec("UPDATE ops_audit SET result = 'x' WHERE id = 2"));
        QVERIFY_THROWS_EXCEPTION(store::SqliteError, db.exec("DELETE FROM ops_audit WHERE id = 5"));
        // ...but someone with the file can drop the trigger: the chain still tells.
        db.exec("DROP TRIGGER ops_audit_no_update");
        db.exec(
            R"(UPDATE ops_audit SET args = '{"cohort":"53-54","rate_per_s":9999}' WHERE id = 3)");
        v = verifyAudit(db);
        QVERIFY(!v.ok);
        QCOMPARE(v.brokenId, int64_t(3));
        QCOMPARE(readAudit(db, 3, 10).size(), std::size_t(2));
    }

    void noticesPersist() {
        QTemporaryDir dir;
        store::Db db((dir.path() + "/t.db").toStdString());
        ensureSchema(db);
        queue::Notice n;
        n.id = 4;
        n.cohort = "*";
        n.severity = "warning";
        n.textKo = "지연";
        n.textEn = "Delay";
        n.postedBy = "kim";
        insertNotice(db, n);
        n.id = 5;
        insertNotice(db, n);
        markNoticeRetracted(db, 4, 10, "lee");
        uint64_t next = 0;
        auto active = loadActiveNotices(db, &next);
        QCOMPARE(active.size(), std::size_t(1));
        QCOMPARE(active[0].id, uint64_t(5));
        QCOMPARE(active[0].textKo, std::string("지연"));
        QCOMPARE(next, uint64_t(6));
    }
};

QTEST_GUILESS_MAIN(TstOpsLogic)
#include "tst_ops_logic.moc"
