// Admission controller, AIMD and ETA: pure arithmetic with an injected clock.
#include "server/queue/admission_controller.h"
#include "server/queue/eta.h"

#include <QtTest>

using namespace sluice::queue;

namespace {
AdmissionInputs at(int64_t ms, uint64_t issued, double rate, int64_t maxActive = 1'000'000,
                   int64_t active = 0) {
    AdmissionInputs in;
    in.nowMs = ms;
    in.issued = issued;
    in.ratePerS = rate;
    in.maxActive = maxActive;
    in.active = active;
    return in;
}
} // namespace

class TstAdmission : public QObject {
    Q_OBJECT
private slots:
    void advancesByRateTimesElapsed() {
        AdmissionController c;
        QCOMPARE(c.tick(at(0, 1'000'000, 100)), uint64_t(0)); // first tick only sets the clock
        for (int t = 100; t <= 1000; t += 100)
            c.tick(at(t, 1'000'000, 100));
        QCOMPARE(c.serving(), uint64_t(100));
        c.tick(at(3000, 1'000'000, 100));
        QCOMPARE(c.serving(), uint64_t(300));
    }

    void fractionalRatesAccumulate() {
        AdmissionController c;
        c.tick(at(0, 100, 0.5));
        for (int t = 100; t <= 4000; t += 100)
            c.tick(at(t, 100, 0.5));
        QCOMPARE(c.serving(), uint64_t(2));
    }

    void neverPastIssuedAndNoBankedBurst() {
        AdmissionController c;
        c.tick(at(0, 50, 100));
        c.tick(at(1000, 50, 100));
        QCOMPARE(c.serving(), uint64_t(50));
        c.tick(at(5000, 50, 100)); // idle, capped: credit must not pile up
        QCOMPARE(c.serving(), uint64_t(50));
        c.tick(at(5100, 10'000, 100)); // many arrive: only 100 ms worth go in
        QCOMPARE(c.serving(), uint64_t(60));
    }

    void maxActiveLimitsAdmission() {
        AdmissionController c;
        c.tick(at(0, 10'000, 1000, 1000, 990));
        c.tick(at(1000, 10'000, 1000, 1000, 990));
        QCOMPARE(c.serving(), uint64_t(10));
        c.tick(at(2000, 10'000, 1000, 1000, 1000));
        QCOMPARE(c.serving(), uint64_t(10));
        c.tick(at(2100, 10'000, 1000, 1000, 0)); // sessions finished: 100 ms worth
        QCOMPARE(c.serving(), uint64_t(110));
    }

    void pauseStopsAndResumeDoesNotBurst() {
        AdmissionController c;
        c.tick(at(0, 10'000, 100));
        c.tick(at(1000, 10'000, 100));
        QCOMPARE(c.serving(), uint64_t(100));
        auto paused = at(2000, 10'000, 100);
        paused.paused = true;
        c.tick(paused);
        paused.nowMs = 60'000;
        c.tick(paused);
        QCOMPARE(c.serving(), uint64_t(100));
        c.tick(at(60'100, 10'000, 100));
        QCOMPARE(c.serving(), uint64_t(110));
    }

    void catchesUpAfterALongTick() {
        AdmissionController c;
        c.tick(at(0, 1'000'000, 200));
        c.tick(at(5000, 1'000'000, 200)); // the loop stalled for 5 s
        QCOMPARE(c.serving(), uint64_t(1000));
    }

    void neverOutrunsStock() {
        AdmissionController c;
        auto in = at(0, 10'000, 1000, 1'000'000, 10);
        in.stockLeft = 30;
        c.tick(in);
        in.nowMs = 1000;
        c.tick(in);
        QCOMPARE(c.serving(), uint64_t(20));
        in.nowMs = 2000;
        in.stockLeft = 0;
        c.tick(in);
        QCOMPARE(c.serving(), uint64_t(20));
    }

    void resetNeverMovesBackwards() {
        AdmissionController c(500);
        c.reset(100, 0);
        QCOMPARE(c.serving(), uint64_t(500));
        c.reset(700, 0);
        QCOMPARE(c.serving(), uint64_t(700));
    }

    void aimd() {
        AimdController a;
        QCOMPARE(a.adjust(1000, 1000, 900, 0.0), 700.0);  // slow booking: x0.7
        QCOMPARE(a.adjust(1000, 1000, 100, 0.10), 700.0); // errors: x0.7
        QCOMPARE(a.adjust(700, 1000, 100, 0.0), 750.0);   // healthy: +5% of ceiling
        QCOMPARE(a.adjust(990, 1000, 100, 0.0), 1000.0);  // never above the ceiling
        QCOMPARE(a.adjust(51, 1000, 900, 0.5), 50.0);     // never below the floor
    }

    void etaFromMeasuredRate() {
        EtaEstimator e;
        QVERIFY(!e.etaP50(100));
        for (int s = 0; s <= 30; ++s)
            e.sample(s * 1000, uint64_t(s) * 100);
        QCOMPARE(*e.rateP50(), 100.0);
        QCOMPARE(*e.etaP50(1000), 10.0);
        QVERIFY(*e.etaP90(1000) >= *e.etaP50(1000));
        QCOMPARE(*e.etaP50(0), 0.0);
        // Slower recent seconds lengthen P90 more than P50.
        for (int s = 31; s <= 40; ++s)
            e.sample(s * 1000, 3000 + uint64_t(s - 30) * 20);
        QVERIFY(*e.etaP90(1000) > *e.etaP50(1000));
    }
};

QTEST_APPLESS_MAIN(TstAdmission)
#include "tst_admission.moc"
