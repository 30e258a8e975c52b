// kill -9 a real server at random moments while citizens join, across the opening instant,
// and check after every restart: no ticket number issued twice, `serving` never backwards,
// every ticket still accepted at the same place, the shuffle never redone differently, and a
// place admitted before the crash gets the same admission token after it.
#include "queue_test_util.h"
#include "server/store/sqlite.h"
#include "support/http_client.h"
#include "support/server_process.h"

#include <QElapsedTimer>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

using namespace sluice::test;
namespace json = boost::json;

namespace {
std::string str(const json::value& v, const char* key) {
    if (!v.is_object()) return {};
    auto* p = v.as_object().if_contains(key);
    return p && p->is_string() ? std::string(p->as_string()) : std::string();
}
int64_t num(const json::value& v, const char* key) {
    if (!v.is_object()) return -1;
    auto* p = v.as_object().if_contains(key);
    return p && p->is_number() ? p->to_number<int64_t>() : -1;
}
} // namespace

class TstQueueCrash : public QObject {
    Q_OBJECT
private slots:
    void killNineAtRandomMoments() {
        // Opens 4 s after the first start: the kills land before, around and after the opening.
        std::string cfg = "{\"cohorts\":[" + cohortJson("c", "+0s", "+4s", 40) + "]}";
        ServerProcess server(ServerProcess::Options{cfg, {}, 2, {}, false});
        QVERIFY2(server.start(), server.output().constData());
        std::mt19937 rng(20210719);

        std::mutex mu;
        std::vector<std::string> tickets;           // every ticket a citizen ever received
        std::map<std::string, int64_t> placeOf;     // ticket -> place, once known
        std::map<std::string, std::string> tokenOf; // ticket -> admission token
        std::set<uint64_t> numbers;
        int64_t servingSeen = 0;
        std::string seedHash, seed;
        int64_t prequeueSize = -1;
        // 10 in the test command; scripts/crash-loop.sh N runs more.
        int iterations = 10;
        if (qEnvironmentVariableIsSet("SLUICE_CRASH_ITERATIONS"))
            iterations = qEnvironmentVariableIntValue("SLUICE_CRASH_ITERATIONS");

        for (int it = 0; it < iterations; ++it) {
            std::atomic<bool> stop{false};
            std::thread load([&] {
                HttpClient http(server.host(), server.port());
                while (!stop) {
                    auto r = http.request("POST", "/v1/queue/c/join", {}, {}, 2000);
                    if (r.status != 201) {
                        if (r.status == 0) QThread::msleep(5);
                        continue;
                    }
                    std::string t = str(r.json(), "ticket");
                    std::lock_guard lock(mu);
                    uint64_t n = ticketNumber(t);
                    if (!numbers.insert(n).second)
                        qCritical("ticket number %llu issued twice", (unsigned long long)n);
                    tickets.push_back(t);
                }
            });
            QThread::msleep(100 + rng() % 700);
            server.kill9();
            stop = true;
            load.join();
            QVERIFY2(server.restart(), server.output().constData());

            HttpClient http(server.host(), server.port());
            std::lock_guard lock(mu);
            QCOMPARE(numbers.size(), tickets.size()); // no number twice
            auto fair = http.get("/v1/cohorts/c/fairness").json();
            if (seedHash.empty()) seedHash = str(fair, "seed_sha256");
            QCOMPARE(str(fair, "seed_sha256"), seedHash); // the commitment never changes
            if (!fair.as_object().at("seed").is_null()) {
                if (seed.empty()) {
                    seed = str(fair, "seed");
                    prequeueSize = num(fair, "prequeue_size");
                }
                QCOMPARE(str(fair, "seed"), seed); // never reshuffled
                QCOMPARE(num(fair, "prequeue_size"), prequeueSize);
            }
            auto status = http.get("/v1/queue/c/status").json();
            int64_t serving = num(status, "serving");
            QVERIFY2(serving >= servingSeen,
                     qPrintable(
                         QString("serving went back from %1 to %2").arg(servingSeen).arg(serving)));
            servingSeen = serving;
            // Every ticket ever issued is still accepted, at the place it had.
            for (const auto& t : tickets) {
                auto p = http.get("/v1/queue/c/position", {{"X-Sluice-Ticket", t}});
                QCOMPARE(p.status, 200);
                int64_t place = num(p.json(), "position");
                if (place < 0) continue; // pre-queue before the opening: no place yet
                auto known = placeOf.find(t);
                if (known == placeOf.end())
                    placeOf[t] = place;
                else
                    QCOMPARE(place, known->second);
            }
            // Places served before the crash get the same token after it.
            for (const auto& [t, token] : tokenOf) {
                auto a = http.post("/v1/queue/c/admit", {}, {{"X-Sluice-Ticket", t}});
                QCOMPARE(a.status, 200);
                QCOMPARE(str(a.json(), "admission_token"), token);
            }
            for (const auto& [t, place] : placeOf) {
                if (place > serving || tokenOf.count(t)) continue;
                auto a = http.post("/v1/queue/c/admit", {}, {{"X-Sluice-Ticket", t}});
                QCOMPARE(a.status, 200);
                tokenOf[t] = str(a.json(), "admission_token");
                if (tokenOf.size() > 40) break;
            }
            // Let the server run a little so admission moves between kills.
            QThread::msleep(300);
            servingSeen =
                std::max(servingSeen, num(http.get("/v1/queue/c/status").json(), "serving"));
        }
        QVERIFY2(tickets.size() > 100, "too few joins to mean anything");
        QVERIFY2(!seed.empty(), "the cohort never opened during the test");
        QVERIFY2(!tokenOf.empty(), "no place was ever admitted during the test");
        qInfo("%zu tickets over %d kills; %zu places admitted; serving %lld", tickets.size(),
              iterations, tokenOf.size(), (long long)servingSeen);
        QVERIFY(server.terminate());
        sluice::store::Db db((server.dataDir() + "/sluice.db").toStdString(),
                             sluice::store::Sync::Full, true);
        QCOMPARE(db.integrityCheck(), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TstQueueCrash)
#include "tst_queue_crash.moc"
