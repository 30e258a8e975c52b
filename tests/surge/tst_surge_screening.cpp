// End to end with abuse screening at join: a real sluice-server whose cohort asks every new
// ticket for a 10-bit proof of work (config "screening": {"pow_bits": 10}, pre-queue open, the
// opening 10 s after start) and the real sluice-surge binary replaying a short opening
// (tests/surge/screening-scenario.json: 3,000 citizens, refreshers, multi-window users, bots and
// ticket farms buying 25 pre-queue draws each). Every honest citizen must get its ticket by
// solving the server's challenges for real (the server verifies each one), a refresh with a
// held ticket must never be asked for work, every bot ticket must have been paid for, the
// report's refusals must agree with the server's counters, and the invariants must hold.
#include "surge/surge_run.h"

#include <QtTest>

using sluice::test::num;
using sluice::test::ServerProcess;

namespace {

const char* kConfig = R"({"cohorts":[{"id":"53-54","label":{"ko":"53–54세","en":"Ages 53–54"},
 "birth_year_from":1967,"birth_year_to":1968,"prequeue_opens":"+0s","opens":"+10s",
 "rate_per_s":2000,"max_active":50000}],
 "screening": {"pow_bits": 10}})";

QByteArray dump(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// 2^10 hashes are expected per solve; the mean of a few hundred solves is well inside this.
bool nearTwoToTheTen(double mean) {
    return mean > 512 && mean < 2048;
}

} // namespace

class TestSurgeScreening : public QObject {
    Q_OBJECT
private slots:
    void citizensPayOnceFarmsPayPerTicket() {
        ServerProcess::Options o;
        o.config = kConfig;
        ServerProcess server(o);
        QVERIFY2(server.start(), server.output().constData());

        QElapsedTimer timer;
        timer.start();
        const auto run = sluice::test::runSurge(
            server, "tests/surge/screening-scenario.json",
            {"--duration-limit", "90", "--browser-hashes-per-s", "200000"}, 110'000);
        qInfo("surge took %.1f s", timer.elapsed() / 1000.0);
        qInfo("%s", run.out.constData());
        QVERIFY2(!run.report.isEmpty(), run.err.right(2000).constData());
        const auto& r = run.report;

        // The invariants, with screening on.
        QVERIFY2(num(r, "lost_places") == 0, dump(r.value("lost_place_reasons").toObject()));
        QCOMPARE(num(r, "bypass_successes"), 0.0);
        QCOMPARE(num(r, "oversold_clinics"), 0.0);
        QCOMPARE(num(r, "fifo_inversions"), 0.0);
        QCOMPARE(num(r, "admission_order_violations"), 0.0);
        QCOMPARE(r.value("invariants_ok").toBool(), true);
        QCOMPARE(r.value("duration_limit_hit").toBool(), false);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(num(r, "booked") > 0.7 * num(r, "citizens"));

        QVERIFY2(r.contains("screening"), "the report has no screening section");
        const auto sc = r.value("screening").toObject();
        QCOMPARE(num(sc, "pow_bits_at_start"), 10.0);
        const auto bits = sc.value("challenges_by_bits").toObject();
        QCOMPARE(bits.keys(), QStringList{"10"});

        // Refused joins: counted by the surge and by the server alike (the server also counts
        // answers the surge never read, so at least as many). A solution of the surge is never
        // refused as invalid: the work is genuine.
        const auto refused = sc.value("joins_refused").toObject();
        const auto serverRefused = sc.value("server_joins_refused_total").toObject();
        QVERIFY2(num(refused, "pow_required") > 0, dump(refused));
        QCOMPARE(num(refused, "pow_invalid"), 0.0);
        for (const char* code : {"pow_required", "pow_invalid", "pow_reused"})
            QVERIFY2(num(serverRefused, code) >= num(refused, code),
                     dump(refused) + " vs the server's " + dump(serverRefused));
        // A reused challenge only after a join whose answer was lost (a timeout and a resend).
        QVERIFY(num(refused, "pow_reused") <=
                r.value("errors").toObject().value("timeout").toDouble(0));
        QVERIFY(num(sc, "challenges_fetched") > 0); // citizens who learnt fetch it first

        // Honest citizens: every one got a ticket, every ticket was paid for, at one solve per
        // ticket or more; the measured work is what 10 bits take.
        const auto h = sc.value("honest").toObject();
        QVERIFY2(num(h, "citizens_without_ticket") == 0, dump(h));
        QVERIFY2(num(h, "tickets") >= num(h, "citizens") - num(r, "abandoned"), dump(h));
        QCOMPARE(num(h, "tickets_without_work"), 0.0);
        QVERIFY2(num(h, "solves") >= num(h, "tickets_paid"), dump(h));
        QVERIFY(num(h, "tickets_paid") == num(h, "tickets"));
        const auto hs = h.value("per_solve").toObject();
        QVERIFY2(nearTwoToTheTen(num(hs.value("hashes").toObject(), "mean")), dump(hs));
        QVERIFY(num(hs.value("cpu_ms").toObject(), "p50") > 0);
        QVERIFY(num(h, "cpu_ms") > 0);

        // Bots pay per ticket: the farms bought all their draws, each one with its own work.
        const auto b = sc.value("bots").toObject();
        QCOMPARE(num(b, "tickets_without_work"), 0.0);
        QVERIFY(num(b, "solves") >= num(b, "tickets"));
        const auto farm = b.value("by_kind").toObject().value("bot_farm").toObject();
        QVERIFY2(num(farm, "citizens") > 0, dump(b));
        QCOMPARE(num(farm, "tickets"), 25 * num(farm, "citizens"));
        QCOMPARE(num(farm, "tickets_paid"), num(farm, "tickets"));
        QVERIFY(num(farm, "solves") >= num(farm, "tickets"));
        QCOMPARE(num(farm.value("tickets_per_bot").toObject(), "max"), 25.0);
        QVERIFY2(nearTwoToTheTen(num(farm, "hashes_per_ticket")), dump(farm));
        QVERIFY(num(farm, "hashes_per_bot") > 10 * num(h, "hashes_per_ticket"));

        // The model is labelled as one.
        QVERIFY(sc.value("browser_model")
                    .toObject()
                    .value("label")
                    .toString()
                    .startsWith("model, not measured"));
        QVERIFY(run.out.contains("MODEL, not measured"));
        QVERIFY2(server.running(), "the server must survive the surge");
    }
};

QTEST_GUILESS_MAIN(TestSurgeScreening)
#include "tst_surge_screening.moc"
