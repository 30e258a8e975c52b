// The waiting room over real HTTP against a real sluice-server process: every endpoint, every
// error code, refresh-after-admit, pre-queue fairness, and limits (body, headers, timeouts,
// connection cap).
#include "queue_test_util.h"
#include "server/queue/prequeue.h"
#include "support/http_client.h"
#include "support/server_process.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace sluice::test;
namespace json = boost::json;

namespace {
std::string str(const json::value& v, const char* key) {
    auto* p = v.as_object().if_contains(key);
    return p && p->is_string() ? std::string(p->as_string()) : std::string();
}
int64_t num(const json::value& v, const char* key) {
    auto* p = v.as_object().if_contains(key);
    return p && p->is_number() ? p->to_number<int64_t>() : -1;
}
} // namespace

class TstQueueHttp : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_http;

    HttpResult join(const std::string& cohort, const Headers& h = {}) {
        return m_http->post("/v1/queue/" + cohort + "/join", {}, h);
    }
    HttpResult admitWhenServed(const std::string& cohort, const std::string& ticket) {
        QElapsedTimer t;
        t.start();
        HttpResult r;
        while (t.elapsed() < 10'000) {
            r = m_http->post("/v1/queue/" + cohort + "/admit", {}, {{"X-Sluice-Ticket", ticket}});
            if (r.status != 409) return r;
            QThread::msleep(50);
        }
        return r;
    }

private slots:
    void initTestCase() {
        std::string cfg = "{\"cohorts\":[" + cohortJson("open", "-1m", "-1s", 5000) + "," +
                          cohortJson("later", "+0s", "+1h", 100) + "," +
                          cohortJson("future", "+1h", "+2h", 100) +
                          "],\"server\":{\"read_timeout_ms\":600,\"idle_timeout_ms\":600}}";
        m_server = std::make_unique<ServerProcess>(ServerProcess::Options{cfg, {}, 2, {}, false});
        QVERIFY2(m_server->start(), m_server->output().constData());
        m_http = std::make_unique<HttpClient>(m_server->host(), m_server->port());
    }

    void cohortsListed() {
        auto r = m_http->get("/v1/cohorts");
        QCOMPARE(r.status, 200);
        auto cohorts = r.json().as_object().at("cohorts").as_array();
        QCOMPARE(cohorts.size(), std::size_t(3));
        std::map<std::string, std::string> states;
        for (auto& c : cohorts)
            states[str(c, "id")] = str(c, "state");
        QCOMPARE(states["later"], std::string("prequeue"));
        QCOMPARE(states["future"], std::string("scheduled"));
        QVERIFY(states["open"] == "open" || states["open"] == "prequeue"); // opening takes one tick
        QCOMPARE(str(cohorts[0].as_object().at("label"), "ko"), std::string("open세"));
    }

    void joinAdmitAndRefreshReturnsTheSameToken() {
        auto j = join("open");
        QCOMPARE(j.status, 201);
        auto body = j.json();
        std::string ticket = str(body, "ticket");
        QVERIFY(!ticket.empty());
        QCOMPARE(str(body, "cohort"), std::string("open"));
        auto a1 = admitWhenServed("open", ticket);
        QCOMPARE(a1.status, 200);
        std::string token = str(a1.json(), "admission_token");
        QVERIFY(!token.empty());
        QVERIFY(!str(a1.json(), "expires_at").empty());
        // A refresh, a dropped connection: the same token, byte for byte.
        m_http->disconnect();
        auto a2 = m_http->post("/v1/queue/open/admit", {}, {{"X-Sluice-Ticket", ticket}});
        QCOMPARE(a2.status, 200);
        QCOMPARE(str(a2.json(), "admission_token"), token);
        auto p = m_http->get("/v1/queue/open/position", {{"X-Sluice-Ticket", ticket}});
        QCOMPARE(p.status, 200);
        QCOMPARE(str(p.json(), "state"), std::string("served"));
        QCOMPARE(num(p.json(), "ahead"), int64_t(0));
        // The admission token is not a ticket.
        auto wrongKind = m_http->post("/v1/queue/open/admit", {}, {{"X-Sluice-Ticket", token}});
        QCOMPARE(wrongKind.status, 401);
    }

    void rejoinWithHeldTicketKeepsThePlace() {
        auto j = join("open");
        std::string ticket = str(j.json(), "ticket");
        auto again = join("open", {{"X-Sluice-Ticket", ticket}});
        QCOMPARE(again.status, 200);
        QCOMPARE(str(again.json(), "ticket"), ticket);
        // A garbage held ticket is ignored: a fresh one is issued.
        auto fresh = join("open", {{"X-Sluice-Ticket", "garbage"}});
        QCOMPARE(fresh.status, 201);
        QVERIFY(str(fresh.json(), "ticket") != ticket);
    }

    void prequeueAndScheduled() {
        auto j = join("later");
        QCOMPARE(j.status, 201);
        QCOMPARE(str(j.json(), "state"), std::string("prequeue"));
        std::string ticket = str(j.json(), "ticket");
        auto p = m_http->get("/v1/queue/later/position", {{"X-Sluice-Ticket", ticket}});
        QCOMPARE(p.status, 200);
        QCOMPARE(str(p.json(), "state"), std::string("prequeue"));
        QVERIFY(p.json().as_object().at("ahead").is_null());
        auto a = m_http->post("/v1/queue/later/admit", {}, {{"X-Sluice-Ticket", ticket}});
        QCOMPARE(a.status, 409);
        QCOMPARE(a.errorCode(), std::string("not_open_yet"));
        auto s = join("future");
        QCOMPARE(s.status, 409);
        QCOMPARE(s.errorCode(), std::string("not_open_yet"));
    }

    void badTickets() {
        std::string ticket = str(join("open").json(), "ticket");
        std::string tampered = ticket;
        tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
        for (const std::string& bad : {tampered, ticket.substr(0, ticket.size() - 3),
                                       std::string("x"), std::string(300, 'A')}) {
            auto r = m_http->get("/v1/queue/open/position", {{"X-Sluice-Ticket", bad}});
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), std::string("invalid_ticket"));
            auto a = m_http->post("/v1/queue/open/admit", {}, {{"X-Sluice-Ticket", bad}});
            QCOMPARE(a.status, 401);
        }
        auto missing = m_http->get("/v1/queue/open/position");
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.errorCode(), std::string("missing_ticket"));
        auto other = m_http->get("/v1/queue/later/position", {{"X-Sluice-Ticket", ticket}});
        QCOMPARE(other.status, 403);
        QCOMPARE(other.errorCode(), std::string("wrong_cohort"));
    }

    void unknownCohortsPathsAndMethods() {
        for (auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
                 {"POST", "/v1/queue/nope/join"},
                 {"GET", "/v1/queue/nope/status"},
                 {"GET", "/v1/queue/nope/position"},
                 {"POST", "/v1/queue/nope/admit"},
                 {"GET", "/v1/cohorts/nope/fairness"}}) {
            auto r = m_http->request(method, target);
            QCOMPARE(r.status, 404);
            QCOMPARE(r.errorCode(), std::string("unknown_cohort"));
        }
        auto nf = m_http->get("/v2/whatever");
        QCOMPARE(nf.status, 404);
        QCOMPARE(nf.errorCode(), std::string("not_found"));
        auto na = m_http->get("/v1/queue/open/join");
        QCOMPARE(na.status, 405);
        QCOMPARE(na.errorCode(), std::string("method_not_allowed"));
    }

    void malformedJsonAndLimits() {
        auto bad = m_http->post("/v1/queue/open/join", "{not json");
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorCode(), std::string("malformed_json"));
        auto big = m_http->post("/v1/queue/open/join", std::string(200 * 1024, 'x'));
        QCOMPARE(big.status, 413);
        QCOMPARE(big.errorCode(), std::string("body_too_large"));
        m_http->disconnect();
        auto hugeHeader =
            m_http->get("/v1/queue/open/status", {{"X-Filler", std::string(16 * 1024, 'h')}});
        QCOMPARE(hugeHeader.status, 431);
        m_http->disconnect();
        // Beast checks its header limit only while the header's end is not buffered yet: a
        // header just over the limit that arrives in one piece must be refused all the same
        // (found by fuzz_http_request, tests/fuzz/crashes/http_request/).
        for (std::size_t size : {std::size_t{8 * 1024 + 200}, std::size_t{12 * 1024}}) {
            auto whole =
                m_http->get("/v1/queue/open/status", {{"X-Filler", std::string(size, 'h')}});
            QCOMPARE(whole.status, 431);
            m_http->disconnect();
        }
    }

    // RFC 9112 6.3: a Transfer-Encoding that does not end in chunked cannot frame a body, and
    // one beside a Content-Length is a smuggling attempt: 400 and a close, never a second
    // request read out of the body.
    void ambiguousFramingIs400AndClose() {
        const std::string inner = "GET /v1/queue/open/status HTTP/1.1\r\nHost: x\r\n\r\n";
        for (const char* te : {"gzip", "identity", "xchunked", "chunked, gzip"}) {
            std::string req =
                "POST /v1/queue/open/join HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " +
                std::string(te) + "\r\nContent-Length: " + std::to_string(inner.size()) +
                "\r\n\r\n" + inner;
            std::string got = m_http->raw(req, 3000);
            QVERIFY2(got.rfind("HTTP/1.1 400", 0) == 0, got.c_str());
            QVERIFY2(got.find("HTTP/1.1", 5) == std::string::npos, got.c_str()); // one answer
            QVERIFY(got.find("bad_framing") != std::string::npos);
        }
        // Transfer-Encoding alone, not chunked: no way to find the body's end.
        std::string got = m_http->raw(
            "POST /v1/queue/open/join HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
            3000);
        QVERIFY2(got.rfind("HTTP/1.1 400", 0) == 0, got.c_str());
    }

    // Malformed framing gets an answer that says so, not a silent close.
    void malformedFramingIs400() {
        const char* cases[] = {
            "POST /v1/queue/open/join HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
            "Content-Length: 5\r\n\r\nabcde",
            "POST /v1/queue/open/join HTTP/1.1\r\nHost: x\r\nContent-Length: 3x\r\n\r\nabc",
            "POST /v1/queue/open/join HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            "zz\r\nabc\r\n0\r\n\r\n",
            "POST /v1/queue/open/join HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
            "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            "GARBAGE\r\n\r\n",
        };
        for (const char* c : cases) {
            std::string got = m_http->raw(c, 3000);
            QVERIFY2(got.rfind("HTTP/1.1 400", 0) == 0, (std::string(c) + " -> " + got).c_str());
            QVERIFY(got.find("Connection: close") != std::string::npos);
        }
    }

    // A client that asks before sending its body is told to go on at once.
    void expectContinueIsAnswered() {
        QElapsedTimer t;
        t.start();
        std::string got = m_http->raw("POST /v1/queue/open/join HTTP/1.1\r\nHost: x\r\n"
                                      "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n",
                                      3000);
        QVERIFY2(got.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0) == 0, got.c_str());
        // With the body sent too, the request is answered after the interim response.
        got = m_http->raw("POST /v1/queue/open/join HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                          "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n{}",
                          3000);
        QVERIFY2(got.find("HTTP/1.1 201") != std::string::npos, got.c_str());
    }

    void slowClientIsDisconnected() {
        QElapsedTimer t;
        t.start();
        // Half a request, then silence: the server must drop it after its read timeout (600 ms).
        std::string got = m_http->raw("GET /v1/queue/open/status HTTP/1.1\r\nHost: x\r\n", 5000);
        QVERIFY2(t.elapsed() < 3000, qPrintable(QString("held for %1 ms").arg(t.elapsed())));
        QVERIFY(got.empty());
    }

    void statusIsCacheableAndComplete() {
        auto r = m_http->get("/v1/queue/open/status");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("cache-control"), std::string("public, max-age=1"));
        auto b = r.json().as_object();
        for (const char* key : {"state", "issued", "serving", "rate_per_s", "notices", "waiting"})
            QVERIFY2(b.contains(key), key);
        QVERIFY(b.at("notices").is_array());
        QVERIFY(num(r.json(), "issued") >= num(r.json(), "serving"));
    }

    void fairnessCommitment() {
        auto later = m_http->get("/v1/cohorts/later/fairness");
        QCOMPARE(later.status, 200);
        QVERIFY(later.json().as_object().at("seed").is_null());
        QCOMPARE(str(later.json(), "seed_sha256").size(), std::size_t(64));
        QElapsedTimer t;
        t.start();
        HttpResult open;
        do {
            open = m_http->get("/v1/cohorts/open/fairness");
        } while (open.json().as_object().at("seed").is_null() && t.elapsed() < 5000);
        std::string seed = str(open.json(), "seed");
        QVERIFY(!seed.empty());
        QByteArray digest =
            QCryptographicHash::hash(QByteArray::fromHex(QByteArray::fromStdString(seed)),
                                     QCryptographicHash::Sha256)
                .toHex();
        QCOMPARE(digest.toStdString(), str(open.json(), "seed_sha256"));
    }

    void healthReadyMetrics() {
        QCOMPARE(m_http->get("/healthz").status, 200);
        QCOMPARE(m_http->get("/readyz").status, 200);
        auto m = m_http->get("/metrics");
        QCOMPARE(m.status, 200);
        QVERIFY(
            m.body.find("sluice_http_requests_total{route=\"/v1/queue/{}/join\",code=\"201\"}") !=
            std::string::npos);
        QVERIFY(m.body.find("sluice_queue_issued{cohort=\"open\"}") != std::string::npos);
        QVERIFY(m.body.find("sluice_queue_serving{cohort=\"open\"}") != std::string::npos);
        QVERIFY(m.body.find("sluice_queue_waiting{cohort=\"open\"}") != std::string::npos);
        QVERIFY(m.body.find("sluice_http_request_duration_seconds_bucket") != std::string::npos);
        // The figures operations teams' Prometheus expects of any process, and the build.
        auto value = [&](const std::string& series) {
            auto at = m.body.find("\n" + series + " ");
            return at == std::string::npos ? -1.0
                                           : std::atof(m.body.c_str() + at + series.size() + 2);
        };
        QVERIFY(value("process_resident_memory_bytes") > 1e6);
        QVERIFY(value("process_open_fds") >= 3);
        QVERIFY(value("process_max_fds") >= value("process_open_fds"));
        QVERIFY(value("process_cpu_seconds_total") >= 0);
        const double start = value("process_start_time_seconds");
        QVERIFY2(std::abs(start - QDateTime::currentSecsSinceEpoch()) < 3600, "start time");
        QVERIFY(m.body.find("# TYPE process_cpu_seconds_total counter") != std::string::npos);
        QVERIFY(m.body.find("sluice_build_info{version=\"") != std::string::npos);
        QCOMPARE(value("sluice_ready"), 1.0);
        QCOMPARE(value("sluice_cohort_state{cohort=\"open\",state=\"open\"}"), 1.0);
        QCOMPARE(value("sluice_cohort_state{cohort=\"open\",state=\"paused\"}"), 0.0);
        QCOMPARE(value("sluice_cohort_state{cohort=\"future\",state=\"scheduled\"}"), 1.0);
        QVERIFY(value("sluice_cohort_rate_ceiling{cohort=\"open\"}") > 0);
    }

    // 10,000 pre-queue joins in arrival order: their places are uncorrelated with arrival and
    // recomputable from the revealed seed; later joins are served strictly in arrival order.
    void prequeueFairnessEndToEnd() {
        std::string cfg = "{\"cohorts\":[" + cohortJson("pq", "+0s", "+8s", 100000) + "]}";
        ServerProcess server(ServerProcess::Options{cfg, {}, 2, {}, false});
        QVERIFY2(server.start(), server.output().constData());
        HttpClient http(server.host(), server.port());
        const int n = 10'000;
        std::vector<std::string> tickets;
        tickets.reserve(n);
        for (int i = 0; i < n; ++i) {
            auto r = http.post("/v1/queue/pq/join");
            QCOMPARE(r.status, 201);
            QCOMPARE(str(r.json(), "state"), std::string("prequeue"));
            tickets.push_back(str(r.json(), "ticket"));
        }
        QElapsedTimer t;
        t.start();
        json::value fair;
        do {
            QThread::msleep(200);
            fair = http.get("/v1/cohorts/pq/fairness").json();
        } while (fair.as_object().at("seed").is_null() && t.elapsed() < 30'000);
        QVERIFY(!fair.as_object().at("seed").is_null());
        const int64_t prequeueSize = num(fair, "prequeue_size");
        QCOMPARE(prequeueSize, int64_t(n));
        sluice::queue::PrequeuePermutation perm(
            QByteArray::fromHex(QByteArray::fromStdString(str(fair, "seed"))).toStdString(),
            uint64_t(n));
        std::vector<uint64_t> places(n);
        std::set<uint64_t> distinct;
        for (int i = 0; i < n; ++i) {
            auto p = http.get("/v1/queue/pq/position", {{"X-Sluice-Ticket", tickets[i]}});
            QCOMPARE(p.status, 200);
            int64_t place = num(p.json(), "position");
            QVERIFY(place >= 1 && place <= n);
            places[i] = uint64_t(place - 1);
            distinct.insert(places[i]);
            // Anyone can recompute their place from the revealed seed and the ticket's number.
            QCOMPARE(perm.permute(ticketNumber(tickets[i])) + 1, uint64_t(place));
        }
        QCOMPARE(distinct.size(), std::size_t(n));
        double d2 = 0;
        for (int i = 0; i < n; ++i)
            d2 += std::pow(double(i) - double(places[i]), 2);
        double rho = 1.0 - 6.0 * d2 / (double(n) * (double(n) * n - 1));
        QVERIFY2(std::abs(rho) < 0.05, qPrintable(QString("Spearman rho %1").arg(rho)));
        // After the opening: strictly first come, first served, behind the whole pre-queue.
        int64_t last = prequeueSize;
        for (int i = 0; i < 1000; ++i) {
            auto r = http.post("/v1/queue/pq/join");
            QCOMPARE(r.status, 201);
            QCOMPARE(str(r.json(), "state"), std::string("queued"));
            int64_t place = num(r.json(), "position");
            QCOMPARE(place, last + 1);
            last = place;
        }
    }

    void connectionCapAnswers503Quickly() {
        std::string cfg = "{\"cohorts\":[" + cohortJson("c", "-1m", "-1s", 100) +
                          "],\"server\":{\"max_connections_per_thread\":2}}";
        ServerProcess server(ServerProcess::Options{cfg, {}, 1, {}, false});
        QVERIFY2(server.start(), server.output().constData());
        HttpClient a(server.host(), server.port()), b(server.host(), server.port()),
            c(server.host(), server.port());
        QCOMPARE(a.get("/v1/queue/c/status").status, 200);
        QCOMPARE(b.get("/v1/queue/c/status").status, 200);
        QElapsedTimer t;
        t.start();
        auto r = c.get("/v1/queue/c/status");
        QCOMPARE(r.status, 503);
        QVERIFY(!r.header("retry-after").empty());
        QVERIFY(t.elapsed() < 1000);
        QCOMPARE(r.errorCode(), std::string("overloaded"));
    }
};

QTEST_GUILESS_MAIN(TstQueueHttp)
#include "tst_queue_http.moc"
