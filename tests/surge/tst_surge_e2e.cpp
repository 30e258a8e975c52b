// End to end: a real sluice-server on 127.0.0.1 with one cohort opening 20 s after start, and
// the real sluice-surge binary replaying a scaled-down opening against it (50,000 citizens with
// refreshers, multi-window users, abandoners, ineligible people and every kind of bot; 5,000
// under the sanitizers). The report's invariants must hold: no lost place, no successful
// bypass, no oversold clinic, no FIFO inversion among post-opening arrivals; and the server's
// own stock, bypass counters and fairness seed must agree with what the surge saw.
#include "surge/surge_run.h"

#include <QtTest>

#include <cmath>
#include <cstdlib>

using sluice::test::num;
using sluice::test::ServerProcess;

namespace {

bool sanitized() {
#if defined(__SANITIZE_ADDRESS__)
    return true;
#else
    const char* env = std::getenv("SLUICE_SANITIZED");
    return env && *env && std::string(env) != "0";
#endif
}

const char* kConfig = R"({"cohorts":[{"id":"53-54","label":{"ko":"53–54세","en":"Ages 53–54"},
 "birth_year_from":1967,"birth_year_to":1968,"prequeue_opens":"+0s","opens":"+20s",
 "rate_per_s":2000,"max_active":50000}]})";

ServerProcess::Options serverOptions() {
    ServerProcess::Options o;
    o.config = kConfig;
    return o;
}

} // namespace

class TestSurgeE2e : public QObject {
    Q_OBJECT
private slots:
    void openingHoldsItsInvariants() {
        const int citizens = sanitized() ? 5'000 : 50'000;
        ServerProcess server(serverOptions());
        QVERIFY2(server.start(), server.output().constData());

        QElapsedTimer timer;
        timer.start();
        const auto run = sluice::test::runSurge(
            server, "tests/surge/e2e-scenario.json",
            {"--citizens", QString::number(citizens), "--duration-limit", "200"}, 230'000);
        qInfo("surge took %.1f s; server peak RSS %ld KiB", timer.elapsed() / 1000.0,
              server.peakRssKb());
        qInfo("%s", run.out.constData());
        QVERIFY2(!run.report.isEmpty(), (run.err.right(2000)).constData());
        const auto& r = run.report;

        // The report carries the agreed fields.
        for (const char* key : {"citizens", "booked", "lost_places", "bypass_successes",
                                "oversold_clinics", "fifo_inversions", "prequeue_rank_correlation",
                                "requests_per_s", "latency_ms", "errors", "time_to_admit_all_s"})
            QVERIFY2(r.contains(key), key);
        QCOMPARE(num(r, "citizens"), double(citizens));

        // The invariants.
        QVERIFY2(num(r, "lost_places") == 0,
                 QJsonDocument(r.value("lost_place_reasons").toObject()).toJson().constData());
        QVERIFY2(
            num(r, "bypass_successes") == 0,
            QJsonDocument(r.value("bypass_successes_by_kind").toObject()).toJson().constData());
        QCOMPARE(num(r, "oversold_clinics"), 0.0);
        QCOMPARE(num(r, "fifo_inversions"), 0.0);
        QCOMPARE(num(r, "admission_order_violations"), 0.0);
        QCOMPARE(r.value("invariants_ok").toBool(), true);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(r.value("duration_limit_hit").toBool(), false);

        // The run really happened: people booked, bots tried, the pre-queue was shuffled.
        const double eligible = num(r, "citizens") - num(r, "abandoned") - num(r, "not_eligible");
        QVERIFY2(num(r, "booked") > 0.8 * eligible * 0.9,
                 qPrintable(QString("booked %1 of %2").arg(num(r, "booked")).arg(eligible)));
        QVERIFY(num(r, "bypass_attempts") > 0);
        QVERIFY(num(r, "fifo_tickets") > citizens / 4);
        QVERIFY(num(r, "prequeue_tickets") > citizens / 10);
        QVERIFY2(std::abs(num(r, "prequeue_rank_correlation")) < 0.1,
                 qPrintable(QString::number(num(r, "prequeue_rank_correlation"))));
        QCOMPARE(r.value("fairness_seed_verified").toBool(), true);
        QVERIFY(num(r, "stock_entries_checked") > 1000);

        // The server agrees: its stock moved by exactly what was confirmed (the surge is the only
        // booker here), and it counted every bypass attempt made at the booking endpoints.
        QCOMPARE(num(r, "stock_mismatches"), 0.0);
        // (Attempts answered 401/403; an attempt shed with 503 under load is not a bypass attempt
        // the server saw.)
        const double bookingAttempts = num(r, "bypass_rejected");
        QVERIFY(bookingAttempts > 0);
        double serverCounted = 0;
        const auto server_counts = r.value("server_bypass_attempts_total").toObject();
        for (auto it = server_counts.begin(); it != server_counts.end(); ++it)
            serverCounted += it.value().toDouble();
        QVERIFY2(serverCounted >= bookingAttempts,
                 qPrintable(QString("server counted %1, surge made %2")
                                .arg(serverCounted)
                                .arg(bookingAttempts)));

        QVERIFY2(server.running(), "the server must survive the surge");
    }

    void refusesNonLoopbackAndUnknownCohort() {
        QProcess p;
        p.start(SLUICE_SURGE_BIN, {"--target", "http://192.0.2.1:80", "--scenario",
                                   QString(SLUICE_SOURCE_DIR) + "/resources/scenarios/demo.json"});
        QVERIFY(p.waitForFinished(10'000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("loopback"));

        ServerProcess server(serverOptions());
        QVERIFY2(server.start(), server.output().constData());
        QProcess q;
        q.start(SLUICE_SURGE_BIN, {"--target", server.baseUrl(), "--scenario",
                                   QString(SLUICE_SOURCE_DIR) + "/resources/scenarios/demo.json",
                                   "--cohort", "nope"});
        QVERIFY(q.waitForFinished(20'000));
        QCOMPARE(q.exitCode(), 3);
        QVERIFY(q.readAllStandardError().contains("no cohort"));
    }
};

QTEST_GUILESS_MAIN(TestSurgeE2e)
#include "tst_surge_e2e.moc"
