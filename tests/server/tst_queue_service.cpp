// The waiting room in-process, over real HTTP on loopback: pause, sold out, the admission
// window, notices, operator commands' validation, and admission-token checks at their
// boundaries (what the booking zone relies on).
#include "common/signed_codec.h"
#include "common/timeutil.h"
#include "queue_test_util.h"
#include "server/app/config.h"
#include "server/http/server.h"
#include "server/queue/queue_service.h"
#include "server/store/writer.h"
#include "support/http_client.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <boost/asio/executor_work_guard.hpp>

#include <future>
#include <thread>

using namespace sluice;
using namespace sluice::test;
namespace json = boost::json;

namespace {
std::string str(const json::value& v, const char* key) {
    auto* p = v.is_object() ? v.as_object().if_contains(key) : nullptr;
    return p && p->is_string() ? std::string(p->as_string()) : std::string();
}
queue::CommandResult wait(std::function<void(queue::QueueService::Done)> f) {
    std::promise<queue::CommandResult> p;
    f([&p](queue::CommandResult r) { p.set_value(std::move(r)); });
    return p.get_future().get();
}
} // namespace

class TstQueueService : public QObject {
    Q_OBJECT
    boost::asio::io_context m_control{1}; // first: destroyed last
    QTemporaryDir m_dir;
    ServerConfig m_config;
    std::shared_ptr<SignedCodec> m_codec;
    std::unique_ptr<store::Writer> m_writer;
    metrics::Registry m_metrics;
    queue::NoticeBoard m_notices;
    std::unique_ptr<queue::QueueService> m_queue;
    http::Router m_router;
    std::unique_ptr<http::HttpServer> m_server;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> m_work;
    std::thread m_controlThread;
    std::unique_ptr<HttpClient> m_http;
    std::atomic<int64_t> m_stock{1'000'000};

    std::string join(const std::string& cohort) {
        // 503 + Retry-After while the opening is being recorded: a client retries.
        for (int i = 0; i < 100; ++i) {
            auto r = m_http->post("/v1/queue/" + cohort + "/join");
            if (r.status != 503) return str(r.json(), "ticket");
            QThread::msleep(20);
        }
        return {};
    }
    HttpResult admit(const std::string& cohort, const std::string& ticket) {
        return m_http->post("/v1/queue/" + cohort + "/admit", {}, {{"X-Sluice-Ticket", ticket}});
    }
    HttpResult admitWhenServed(const std::string& cohort, const std::string& ticket) {
        QElapsedTimer t;
        t.start();
        HttpResult r;
        do {
            r = admit(cohort, ticket);
            if (r.status != 409) break;
            QThread::msleep(30);
        } while (t.elapsed() < 5000);
        return r;
    }

private slots:
    void initTestCase() {
        std::string text = "{\"cohorts\":[" + cohortJson("a", "-1m", "-1s", 1000) + "," +
                           cohortJson("b", "-1m", "-1s", 1000, 100000, 1) + "," +
                           cohortJson("c", "-1m", "-1s", 1000) + "]}";
        m_config = parseConfig(text, "test", nowUnixMs());
        auto ring = std::make_shared<KeyRing>();
        ring->add(1, std::string(32, 's'));
        m_codec = std::make_shared<SignedCodec>(ring);
        m_writer = std::make_unique<store::Writer>(store::Writer::Options{
            m_dir.filePath("q.db").toStdString(), store::Sync::Full, 512, {}});
        m_queue = std::make_unique<queue::QueueService>(m_config, m_codec, *m_writer, m_metrics,
                                                        m_notices);
        m_queue->recover();
        m_queue->setStockProbe([this](const std::string& cohort) {
            return cohort == "c" ? m_stock.load() : int64_t(1'000'000);
        });
        m_queue->registerRoutes(m_router);
        http::ServerOptions opts;
        opts.port = 0;
        opts.threads = 2;
        m_server = std::make_unique<http::HttpServer>(opts, m_router, m_metrics);
        m_server->bind();
        m_work.emplace(boost::asio::make_work_guard(m_control));
        m_controlThread = std::thread([this] { m_control.run(); });
        m_queue->start(m_control);
        m_server->start();
        m_http = std::make_unique<HttpClient>("127.0.0.1", m_server->port());
    }

    void cleanupTestCase() {
        m_server->stop();
        m_queue->shutdown();
        m_work.reset();
        m_control.stop();
        m_controlThread.join();
    }

    void pausedHoldsWaitersButKeepsServedPlaces() {
        std::string served = join("a");
        QCOMPARE(admitWhenServed("a", served).status, 200);
        auto r = wait([&](auto done) { m_queue->pause("a", true, done); });
        QVERIFY(r.ok);
        QCOMPARE(r.newValue.as_string(), "paused");
        // Let a tick pass so nothing more is served, then join behind.
        QThread::msleep(250);
        std::string waiting = join("a");
        QThread::msleep(300);
        auto blocked = admit("a", waiting);
        QCOMPARE(blocked.status, 423);
        QCOMPARE(blocked.errorCode(), std::string("paused"));
        QCOMPARE(admit("a", served).status, 200); // already served: the place is kept
        auto status = m_http->get("/v1/queue/a/status").json();
        QCOMPARE(str(status, "state"), std::string("paused"));
        QVERIFY(wait([&](auto done) { m_queue->resume("a", done); }).ok);
        QCOMPARE(admitWhenServed("a", waiting).status, 200);
    }

    void operatorCommandsValidate() {
        auto bad = wait([&](auto done) { m_queue->setRate("a", -5, done); });
        QVERIFY(!bad.ok);
        QVERIFY2(QString::fromStdString(bad.error).contains("rate must be between 0 and 10000"),
                 bad.error.c_str());
        auto unknown = wait([&](auto done) { m_queue->pause("nope", false, done); });
        QVERIFY(!unknown.ok);
        QVERIFY(unknown.error.find("unknown cohort") != std::string::npos);
        auto ok = wait([&](auto done) { m_queue->setRate("a", 2000, done); });
        QVERIFY(ok.ok);
        QCOMPARE(ok.oldValue.as_double(), 1000.0);
        QCOMPARE(ok.newValue.as_double(), 2000.0);
        QVERIFY(!wait([&](auto done) { m_queue->setMaxActive("a", 0, done); }).ok);
        QVERIFY(wait([&](auto done) { m_queue->setMaxActive("a", 500, done); }).ok);
        QVERIFY(wait([&](auto done) {
                    m_queue->setMode("a", queue::AdmissionMode::Automatic, done);
                }).ok);
        auto views = m_queue->views();
        auto it = std::find_if(views.begin(), views.end(), [](auto& v) { return v.id == "a"; });
        QCOMPARE(it->rateCeiling, 2000.0);
        QCOMPARE(it->maxActive, int64_t(500));
        QCOMPARE(it->mode, queue::AdmissionMode::Automatic);
    }

    void placeExpiresAfterTheWindow() {
        std::string t = join("b"); // session window 1 s
        auto first = admitWhenServed("b", t);
        QCOMPARE(first.status, 200);
        std::string token = str(first.json(), "admission_token");
        std::string kind;
        QVERIFY(m_queue->verifyAdmissionToken(token, nowUnixMs(), kind));
        QThread::msleep(1200);
        auto late = admit("b", t);
        QCOMPARE(late.status, 410);
        QCOMPARE(late.errorCode(), std::string("place_expired"));
        QVERIFY(!m_queue->verifyAdmissionToken(token, nowUnixMs(), kind));
        QCOMPARE(kind, std::string("bypass_expired"));
    }

    void tokenChecksAtTheirBoundaries() {
        std::string t = join("a");
        auto r = admitWhenServed("a", t);
        QCOMPARE(r.status, 200);
        std::string token = str(r.json(), "admission_token");
        auto claims = m_codec->decode(token).claims;
        QVERIFY(claims);
        std::string kind;
        auto info = m_queue->verifyAdmissionToken(token, claims->expiresAtMs - 1, kind);
        QVERIFY(info);
        QCOMPARE(info->cohort, std::string("a"));
        QCOMPARE(info->tokenId, "a:" + std::to_string(claims->number));
        QVERIFY(!m_queue->verifyAdmissionToken(token, claims->expiresAtMs, kind));
        QCOMPARE(kind, std::string("bypass_expired"));
        QVERIFY(!m_queue->verifyAdmissionToken("", nowUnixMs(), kind));
        QCOMPARE(kind, std::string("bypass_no_token"));
        std::string flipped = token;
        flipped[20] = flipped[20] == 'a' ? 'b' : 'a';
        QVERIFY(!m_queue->verifyAdmissionToken(flipped, nowUnixMs(), kind));
        QCOMPARE(kind, std::string("bypass_forged"));
        QVERIFY(!m_queue->verifyAdmissionToken(t, nowUnixMs(), kind)); // a waiting ticket
        QCOMPARE(kind, std::string("bypass_forged"));
        // A token dated before the cohort's opening cannot exist: refused even if well signed.
        Claims early = *claims;
        early.issuedAtMs = m_config.cohorts[0].opensMs - 1000;
        QVERIFY(!m_queue->verifyAdmissionToken(m_codec->encode(early), nowUnixMs(), kind));
        QCOMPARE(kind, std::string("bypass_forged"));
    }

    void activeSessionsCountAndFinish() {
        auto before = m_queue->views()[2].active;
        std::string t = join("c");
        auto r = admitWhenServed("c", t);
        QCOMPARE(r.status, 200);
        auto pos = m_codec->decode(str(r.json(), "admission_token")).claims->number;
        QCOMPARE(m_queue->views()[2].active, before + 1);
        admit("c", t); // asking again does not count twice
        QCOMPARE(m_queue->views()[2].active, before + 1);
        m_queue->sessionFinished("c", pos);
        QCOMPARE(m_queue->views()[2].active, before);
    }

    void soldOutStopsAdmissionAndTellsWaiters() {
        m_stock = 0;
        QThread::msleep(300);
        auto status = m_http->get("/v1/queue/c/status").json();
        QCOMPARE(str(status, "state"), std::string("closed"));
        auto j = m_http->post("/v1/queue/c/join");
        QCOMPARE(j.status, 410);
        QCOMPARE(m_queue->views()[2].closedReason, std::string("sold_out"));
        m_stock = 100;
        QThread::msleep(300);
        QCOMPARE(m_http->post("/v1/queue/c/join").status, 201);
    }

    void noticesAppearAtOnce() {
        queue::Notice n;
        n.cohort = "a";
        n.severity = "warning";
        n.textKo = "잠시 후 재개됩니다";
        n.textEn = "Resuming shortly";
        n.postedAtMs = nowUnixMs();
        uint64_t id = m_notices.post(n);
        m_queue->refreshStatus();
        QElapsedTimer t;
        t.start();
        bool seen = false;
        while (!seen && t.elapsed() < 1000) {
            seen = m_http->get("/v1/queue/a/status").body.find("Resuming shortly") !=
                   std::string::npos;
            if (!seen) QThread::msleep(10);
        }
        QVERIFY(seen);
        QVERIFY(m_http->get("/v1/queue/b/status").body.find("Resuming shortly") ==
                std::string::npos);
        QVERIFY(m_notices.retract(id));
        QVERIFY(!m_notices.retract(id));
    }
};

QTEST_GUILESS_MAIN(TstQueueService)
#include "tst_queue_service.moc"
