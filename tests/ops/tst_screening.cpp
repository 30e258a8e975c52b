// Abuse screening at join (off by default): the proof-of-work primitives and the published
// example, the spent-challenge set and the per-client limiter as pure parts; then a real
// sluice-server with screening on: a join without work gets 403 pow_required and a challenge,
// a solved one gets a ticket, the same challenge a second time, a forged, foreign, too easy or
// wrong one are refused, a held ticket's rejoin needs nothing; an operator switches it per
// cohort through the ops stream (audited, survives kill -9), the per-client limit answers 429
// with Retry-After, counts clients behind a trusted proxy by X-Forwarded-For and nobody else's.
#include "ops_test_client.h"

#include "common/crypto.h"
#include "common/pow.h"
#include "server/queue/join_screen.h"

#include <QtTest>

using namespace sluice;
using namespace sluice::test;
using queue::clientKey;
using queue::ClientLimiter;
using queue::PowRefusal;
using queue::SpentChallenges;

namespace {
const char* kConfig = R"({"cohorts":[
  {"id":"53-54","label":{"ko":"53–54세","en":"Ages 53–54"},"birth_year_from":1967,
   "birth_year_to":1968,"prequeue_opens":"-1m","opens":"-1s","rate_per_s":100,"max_active":1000},
  {"id":"50-52","label":{"ko":"50–52세","en":"Ages 50–52"},"birth_year_from":1969,
   "birth_year_to":1971,"prequeue_opens":"-1m","opens":"-1s","rate_per_s":100,"max_active":1000}],
 "ops": {"tick_ms": 100},
 "screening": {"pow_bits": 10, "trusted_proxies": ["127.0.0.1"]}})";

std::string powHeader(const boost::json::object& refusal) {
    const auto& ch = refusal.at("challenge").as_object();
    const std::string challenge(ch.at("challenge").as_string());
    return challenge + ":" + powSolve(challenge, int(ch.at("bits").to_number<double>()));
}
} // namespace

class TstScreening : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> m_server;
    QString m_token;

    HttpClient http() { return HttpClient(m_server->host(), m_server->port()); }

private slots:
    void powPrimitives() {
        // The worked example of docs/api.md, checked there with Python's hashlib as well.
        uint64_t hashes = 0;
        const std::string s = powSolve("sluice-example", 12, &hashes);
        QCOMPARE(QByteArray::fromStdString(s), QByteArray("6896"));
        QCOMPARE(hashes, uint64_t(6897));
        QCOMPARE(QByteArray::fromStdString(sha256Hex("sluice-example:6896")),
                 QByteArray("000e2208f96de0da89b4918116003a0c7109ba983d841168f757465acddd72e2"));
        QVERIFY(powZeroBits("sluice-example", "6896") >= 12);
        QVERIFY(powSolves("sluice-example", "6896", 12));
        // Every smaller counter fails: the solver returns the smallest.
        for (int i = 0; i < 6896; ++i)
            QVERIFY(!powSolves("sluice-example", std::to_string(i), 12));
        for (const char* bad : {"", "68a6", "-6896", " 6896", "123456789012345678901"})
            QVERIFY2(!powSolves("sluice-example", bad, 0), bad);
        QVERIFY(powSolves("anything", "0", 0));
    }

    void spentChallengesLastTheirLifetime() {
        SpentChallenges spent(1000);
        QVERIFY(spent.spend(42, 0));
        QVERIFY(!spent.spend(42, 10));
        spent.release(42); // the join failed: the work is still good
        QVERIFY(spent.spend(42, 20));
        // Still remembered a whole lifetime later (a generation change in between).
        for (uint64_t n = 100; n < 200; ++n)
            QVERIFY(spent.spend(n, 1010)); // rotates every shard
        QVERIFY(!spent.spend(42, 1015));
        // Forgotten only when it could no longer be presented (expired).
        for (uint64_t n = 200; n < 300; ++n)
            QVERIFY(spent.spend(n, 2030));
        for (uint64_t n = 300; n < 400; ++n)
            QVERIFY(spent.spend(n, 3050));
        QVERIFY(spent.spend(42, 3060));
        QVERIFY(spent.size() <= 300);
    }

    void limiterAndClientKeys() {
        ClientLimiter l;
        QCOMPARE(l.take("a", 3, 0), 0);
        QCOMPARE(l.take("a", 3, 1), 0);
        QCOMPARE(l.take("a", 3, 2), 0);
        const int64_t wait = l.take("a", 3, 3);
        QVERIFY2(wait > 19'000 && wait <= 20'000, qPrintable(QString::number(wait)));
        QCOMPARE(l.take("b", 3, 3), 0); // another client
        QCOMPARE(l.take("a", 3, 20'010), 0);
        QVERIFY(l.take("a", 0, 20'011) == 0); // 0 = off
        const std::vector<std::string> proxies{"127.0.0.1"};
        QCOMPARE(clientKey("10.0.0.1:5555", "", proxies), std::string("10.0.0.1"));
        // Only a trusted proxy's header counts, and only the address it appended.
        QCOMPARE(clientKey("10.0.0.1:5555", "1.2.3.4", proxies), std::string("10.0.0.1"));
        QCOMPARE(clientKey("127.0.0.1:5555", "9.9.9.9, 1.2.3.4", proxies), std::string("1.2.3.4"));
        // IPv6 by /64; IPv4-mapped as IPv4.
        QCOMPARE(clientKey("2001:db8:1:2:aaaa::1:443", "", proxies),
                 clientKey("2001:db8:1:2:bbbb::9:443", "", proxies));
        QVERIFY(clientKey("2001:db8:1:2::1:443", "", proxies) !=
                clientKey("2001:db8:1:3::1:443", "", proxies));
        QCOMPARE(clientKey("::ffff:10.1.2.3:80", "", proxies), std::string("10.1.2.3"));
    }

    void initTestCase() {
        m_server =
            std::make_unique<ServerProcess>(ServerProcess::Options{kConfig, {}, 2, {}, false});
        m_token = addOperator(*m_server, "kim", "operator");
        QVERIFY(!m_token.isEmpty());
        QVERIFY2(m_server->start(), m_server->output().constData());
    }
    void cleanupTestCase() {
        if (m_server && m_server->running()) m_server->terminate();
    }

    void joinAsksForWorkAndTakesItOnce() {
        HttpClient c = http();
        auto ch = c.get("/v1/queue/53-54/challenge");
        QCOMPARE(ch.status, 200);
        QCOMPARE(ch.header("cache-control"), std::string("no-store"));
        QVERIFY(ch.json().as_object().at("required").as_bool());
        QCOMPARE(ch.json().as_object().at("bits").to_number<int>(), 10);

        auto refused = c.post("/v1/queue/53-54/join");
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), std::string("pow_required"));
        const std::string header = powHeader(refused.json().as_object());
        auto joined = c.post("/v1/queue/53-54/join", {}, {{"X-Sluice-Pow", header}});
        QCOMPARE(joined.status, 201);
        const std::string ticket(joined.json().as_object().at("ticket").as_string());
        // The same work twice: refused, with a new challenge to solve.
        auto again = c.post("/v1/queue/53-54/join", {}, {{"X-Sluice-Pow", header}});
        QCOMPARE(again.status, 403);
        QCOMPARE(again.errorCode(), std::string("pow_reused"));
        QVERIFY(again.json().as_object().at("challenge").as_object().at("challenge").is_string());
        // A held ticket's rejoin draws nothing new: no work asked.
        auto rejoin = c.post("/v1/queue/53-54/join", {}, {{"X-Sluice-Ticket", ticket}});
        QCOMPARE(rejoin.status, 200);
        QCOMPARE(std::string(rejoin.json().as_object().at("ticket").as_string()), ticket);

        // Forged, foreign, malformed and wrong work.
        const auto fresh = c.post("/v1/queue/53-54/join").json().as_object();
        const std::string challenge(fresh.at("challenge").as_object().at("challenge").as_string());
        std::string forged = challenge;
        forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';
        const std::string solution = powSolve(challenge, 10);
        std::string wrong = "0";
        while (powSolves(challenge, wrong, 10))
            wrong = std::to_string(std::stoi(wrong) + 1);
        const std::string foreign(c.post("/v1/queue/50-52/join")
                                      .json()
                                      .as_object()
                                      .at("challenge")
                                      .as_object()
                                      .at("challenge")
                                      .as_string());
        for (const auto& [value, code] : std::vector<std::pair<std::string, std::string>>{
                 {forged + ":" + solution, "pow_invalid"},
                 {challenge + ":" + wrong, "pow_invalid"},
                 {foreign + ":" + powSolve(foreign, 10), "pow_invalid"},
                 {challenge, "pow_invalid"},
                 {ticket + ":0", "pow_invalid"}, // a ticket is not a challenge
                 {"", "pow_required"}}) {
            auto r = c.post("/v1/queue/53-54/join", {}, {{"X-Sluice-Pow", value}});
            QVERIFY2(r.status == 403 && r.errorCode() == code,
                     (value + " -> " + std::to_string(r.status) + " " + r.body).c_str());
        }
        // The genuine one still works after all that.
        QCOMPARE(c.post("/v1/queue/53-54/join", {}, {{"X-Sluice-Pow", challenge + ":" + solution}})
                     .status,
                 201);
        const std::string metrics = c.get("/metrics").body;
        QVERIFY(metricValue(metrics, "sluice_queue_join_refused_total{cohort=\"53-54\",reason="
                                     "\"pow_required\"}") >= 2);
        QVERIFY(metricValue(metrics, "sluice_queue_join_refused_total{cohort=\"53-54\",reason="
                                     "\"pow_reused\"}") >= 1);
        QVERIFY(metricValue(metrics, "sluice_queue_join_refused_total{cohort=\"53-54\",reason="
                                     "\"pow_invalid\"}") >= 5);
    }

    void operatorSwitchesItPerCohortAndItSurvivesACrash() {
        OpsClient kim;
        kim.open(m_server->port(), m_token);
        QVERIFY(kim.waitConnected());
        auto bad = kim.command("s-0", "set_screening", {{"cohort", "53-54"}, {"pow_bits", 29}});
        QCOMPARE(bad["type"].toString(), QString("nack"));
        QCOMPARE(bad["code"].toString(), QString("invalid_args"));
        auto none = kim.command("s-00", "set_screening", {{"cohort", "53-54"}});
        QCOMPARE(none["type"].toString(), QString("nack"));
        auto ack =
            kim.command("s-1", "set_screening",
                        {{"cohort", "53-54"}, {"pow_bits", 0}, {"joins_per_client_per_min", 2}});
        QVERIFY2(ack["type"].toString() == "ack", QJsonDocument(ack).toJson().constData());
        HttpClient c = http();
        QCOMPARE(c.post("/v1/queue/53-54/join").status, 201);
        QCOMPARE(c.post("/v1/queue/53-54/join").status, 201);
        auto limited = c.post("/v1/queue/53-54/join");
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), std::string("too_many_joins"));
        const int retry = std::stoi(limited.header("retry-after"));
        QVERIFY2(retry >= 1 && retry <= 30, limited.header("retry-after").c_str());
        // Behind the trusted proxy (127.0.0.1 here), each client address has its own budget.
        for (const char* who : {"198.51.100.7", "198.51.100.8"}) {
            QCOMPARE(c.post("/v1/queue/53-54/join", {}, {{"X-Forwarded-For", who}}).status, 201);
            QCOMPARE(c.post("/v1/queue/53-54/join", {}, {{"X-Forwarded-For", who}}).status, 201);
            QCOMPARE(c.post("/v1/queue/53-54/join", {}, {{"X-Forwarded-For", who}}).status, 429);
        }
        // The other cohort kept the config's screening.
        QCOMPARE(c.post("/v1/queue/50-52/join").status, 403);
        // Audited with old and new values.
        auto audit =
            c.get("/v1/ops/audit?limit=20", {{"Authorization", "Bearer " + m_token.toStdString()}});
        QVERIFY2(audit.body.find("set_screening") != std::string::npos &&
                     audit.body.find("joins_per_client_per_min") != std::string::npos,
                 audit.body.c_str());
        // kill -9: the cohort's setting is durable.
        m_server->kill9();
        QVERIFY2(m_server->restart(), m_server->output().constData());
        HttpClient after = http();
        QCOMPARE(after.post("/v1/queue/53-54/join").status, 201); // no work asked
        QCOMPARE(after.post("/v1/queue/53-54/join").status, 201);
        QCOMPARE(after.post("/v1/queue/53-54/join").status, 429); // the limit holds
        auto ch = after.get("/v1/queue/53-54/challenge").json().as_object();
        QVERIFY(!ch.at("required").as_bool());
        QVERIFY(ch.at("challenge").is_null());
    }
};

QTEST_MAIN(TstScreening)
#include "tst_screening.moc"
