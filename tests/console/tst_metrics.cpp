// Pure logic of the charts and tiles: ring buffers, min/max decimation, the metric store's
// windows, threshold evaluation and the reconnect backoff.
#include "console/model/decimation.h"
#include "console/model/metricstore.h"
#include "console/model/ringbuffer.h"
#include "console/model/thresholds.h"
#include "console/transport/backoff.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace sluice::console;

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void ringBufferKeepsNewest();
    void ringBufferLowerBound();
    void decimationPassesSmallInputs();
    void decimationBoundsAndKeepsExtremes();
    void decimationWindowing();
    void decimationIsFast();
    void metricStoreWindows();
    void metricStoreRestartsOnTimeGoingBack();
    void thresholds_data();
    void thresholds();
    void thresholdsFromJson();
    void defaultThresholdsLoad();
    void backoffGrowsAndCaps();
    void backoffJitterSpreads();
};

void TestMetrics::ringBufferKeepsNewest() {
    RingBuffer<int> rb(4);
    QVERIFY(rb.isEmpty());
    for (int i = 1; i <= 3; ++i)
        rb.push(i);
    QCOMPARE(rb.size(), 3);
    QCOMPARE(rb.first(), 1);
    QCOMPARE(rb.last(), 3);
    for (int i = 4; i <= 10; ++i)
        rb.push(i);
    QCOMPARE(rb.size(), 4);
    QVERIFY(rb.isFull());
    QCOMPARE(rb.at(0), 7);
    QCOMPARE(rb.at(3), 10);
    rb.clear();
    QCOMPARE(rb.size(), 0);
    rb.push(42);
    QCOMPARE(rb.first(), 42);
}

void TestMetrics::ringBufferLowerBound() {
    RingBuffer<int> rb(5);
    for (int i = 0; i < 12; ++i)
        rb.push(i * 10); // keeps 70..110
    auto less = [](int a, int b) { return a < b; };
    QCOMPARE(rb.lowerBound(0, less), 0);
    QCOMPARE(rb.lowerBound(75, less), 1);
    QCOMPARE(rb.lowerBound(110, less), 4);
    QCOMPARE(rb.lowerBound(111, less), 5);
}

void TestMetrics::decimationPassesSmallInputs() {
    QList<Sample> s;
    for (int i = 0; i < 10; ++i)
        s.append({i * 1000, double(i)});
    const auto out = decimateMinMax(s, 0, 9000, 100);
    QCOMPARE(out.size(), 10);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(out.at(i), QPointF(i * 1000, i));
    QVERIFY(decimateMinMax(s, 0, 9000, 0).isEmpty());
    QVERIFY(decimateMinMax(QList<Sample>{}, 0, 9000, 10).isEmpty());
}

void TestMetrics::decimationBoundsAndKeepsExtremes() {
    QList<Sample> s;
    QRandomGenerator rng(7);
    double lo = 1e9, hi = -1e9;
    for (int i = 0; i < 100000; ++i) {
        double v = std::sin(i / 500.0) * 100 + rng.bounded(10.0);
        if (i == 31337) v = 5000;  // a spike must survive
        if (i == 77777) v = -5000; // and a dip
        lo = qMin(lo, v);
        hi = qMax(hi, v);
        s.append({qint64(i) * 10, v});
    }
    const int pixels = 600;
    const auto out = decimateMinMax(s, 0, 999990, pixels);
    QVERIFY(out.size() <= 2 * pixels);
    QVERIFY(out.size() >= pixels);
    double outLo = 1e9, outHi = -1e9;
    for (int i = 0; i < out.size(); ++i) {
        outLo = qMin(outLo, out.at(i).y());
        outHi = qMax(outHi, out.at(i).y());
        if (i > 0) QVERIFY2(out.at(i).x() >= out.at(i - 1).x(), "time must not go backwards");
    }
    QCOMPARE(outLo, lo);
    QCOMPARE(outHi, hi);
    // Every bucket's min and max of the input appear in the output.
    const double bucketMs = 999990.0 / pixels;
    const int bucket = int(31337 * 10 / bucketMs);
    double bucketMin = 1e9;
    for (const auto& x : s)
        if (int(x.tMs / bucketMs) == bucket) bucketMin = qMin(bucketMin, x.value);
    bool found = false;
    for (const auto& p : out)
        found = found || p.y() == bucketMin;
    QVERIFY(found);
}

void TestMetrics::decimationWindowing() {
    QList<Sample> s;
    for (int i = 0; i < 1000; ++i)
        s.append({qint64(i) * 100, double(i)});
    const auto out = decimateMinMax(s, 50'000, 60'000, 1000);
    QVERIFY(!out.isEmpty());
    QCOMPARE(out.first().x(), 50'000.0);
    QCOMPARE(out.last().x(), 60'000.0);
    QVERIFY(decimateMinMax(s, 200'000, 300'000, 10).isEmpty());
}

void TestMetrics::decimationIsFast() {
    QList<Sample> s;
    for (int i = 0; i < 100000; ++i)
        s.append({qint64(i), double(i % 977)});
    QElapsedTimer t;
    t.start();
    for (int k = 0; k < 10; ++k)
        QVERIFY(decimateMinMax(s, 0, 99999, 800).size() <= 1600);
    const qint64 perCallUs = t.nsecsElapsed() / 10 / 1000;
    qInfo("decimating 100k samples to 800 px: %lld us", perCallUs);
    QVERIFY2(perCallUs < 50'000, "decimation is far slower than measured (0.5 ms)");
}

void TestMetrics::metricStoreWindows() {
    MetricStore store;
    const qint64 start = 1'700'000'000'000;
    // 26 hours at 2 Hz: the raw buffer keeps the last ~2 h, the coarse one 24 h.
    const qint64 n = 26 * 3600 * 2;
    for (qint64 i = 0; i < n; ++i)
        store.add("queue:a", start + i * 500, double(i % 1000));
    const MetricSeries* s = store.series("queue:a");
    QVERIFY(s);
    QCOMPARE(s->raw().size(), MetricSeries::kRawCapacity);
    QVERIFY(s->coarse().size() <= MetricSeries::kCoarseCapacity);
    const qint64 end = store.latestTimeMs();
    QCOMPARE(end, start + (n - 1) * 500);
    const auto w5 = s->window(end - 5 * 60'000, end, 500);
    QCOMPARE(w5.size(), 601); // 5 min at 2 Hz, both ends included: <= 2 * 500, passed through
    const auto w1h = s->window(end - 3600'000, end, 500);
    QVERIFY(w1h.size() <= 1000);
    QVERIFY(w1h.first().x() >= end - 3600'000);
    const auto w24 = s->window(end - 24 * 3600'000, end, 500);
    QVERIFY(!w24.isEmpty());
    QVERIFY(w24.size() <= 1000 + 20);
    QVERIFY(w24.first().x() < end - 23 * 3600'000.0); // the coarse buffer reaches back 24 h
    QVERIFY(w24.last().x() > end - 11'000);           // and the newest samples are there
    for (int i = 1; i < w24.size(); ++i)
        QVERIFY(w24.at(i).x() >= w24.at(i - 1).x());
    QCOMPARE(store.keys("queue:"), QStringList{"queue:a"});
    QVERIFY(store.keys("rate:").isEmpty());
}

void TestMetrics::metricStoreRestartsOnTimeGoingBack() {
    MetricStore store;
    store.add("x", 10'000, 1);
    store.add("x", 11'000, 2);
    store.add("x", 5'000, 3);
    QCOMPARE(store.series("x")->raw().size(), 1);
    QCOMPARE(store.series("x")->last().value, 3.0);
}

void TestMetrics::thresholds_data() {
    QTest::addColumn<double>("amber");
    QTest::addColumn<double>("red");
    QTest::addColumn<bool>("higherIsWorse");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("level");
    QTest::newRow("high ok") << 1.0 << 5.0 << true << 0.5 << int(Level::Normal);
    QTest::newRow("high at amber") << 1.0 << 5.0 << true << 1.0 << int(Level::Amber);
    QTest::newRow("high between") << 1.0 << 5.0 << true << 3.0 << int(Level::Amber);
    QTest::newRow("high red") << 1.0 << 5.0 << true << 9.0 << int(Level::Red);
    QTest::newRow("low ok") << 1000.0 << 100.0 << false << 5000.0 << int(Level::Normal);
    QTest::newRow("low amber") << 1000.0 << 100.0 << false << 999.0 << int(Level::Amber);
    QTest::newRow("low red") << 1000.0 << 100.0 << false << 100.0 << int(Level::Red);
    QTest::newRow("nan") << 1.0 << 5.0 << true << double(NAN) << int(Level::Normal);
}

void TestMetrics::thresholds() {
    QFETCH(double, amber);
    QFETCH(double, red);
    QFETCH(bool, higherIsWorse);
    QFETCH(double, value);
    QFETCH(int, level);
    QCOMPARE(int(ThresholdRule{amber, red, higherIsWorse}.evaluate(value)), level);
}

void TestMetrics::thresholdsFromJson() {
    QStringList errors;
    const Thresholds t =
        Thresholds::fromJson(QJsonDocument::fromJson(R"({"a": {"amber": 1, "red": 2},
                                    "b": {"amber": 10, "red": 5, "higher_is_worse": false},
                                    "c": {"amber": "x", "red": 2}, "d": 3})")
                                 .object(),
                             &errors);
    QVERIFY(t.has("a"));
    QVERIFY(t.has("b"));
    QVERIFY(!t.has("c"));
    QCOMPARE(errors.size(), 2);
    QCOMPARE(t.evaluate("a", 1.5), Level::Amber);
    QCOMPARE(t.evaluate("b", 4), Level::Red);
    QCOMPARE(t.evaluate("unknown", 1e9), Level::Normal);
    const Thresholds back = Thresholds::fromJson(t.toJson());
    QCOMPARE(back.evaluate("b", 7), Level::Amber);
    // Overrides replace only the metrics they name.
    const Thresholds merged = t.mergedWith(Thresholds::fromJson(
        QJsonDocument::fromJson(R"({"a": {"amber": 10, "red": 20}})").object()));
    QCOMPARE(merged.evaluate("a", 1.5), Level::Normal);
    QCOMPARE(merged.evaluate("a", 25), Level::Red);
    QCOMPARE(merged.evaluate("b", 4), Level::Red);
}

void TestMetrics::defaultThresholdsLoad() {
    const Thresholds t = Thresholds::defaults();
    for (const char* k : {"waiting", "admission_ratio", "eta_last_s", "active_ratio",
                          "error_percent", "doses_left", "clinic_remaining"})
        QVERIFY2(t.has(k), k);
}

void TestMetrics::backoffGrowsAndCaps() {
    Backoff b(500, 30'000, 2.0, 0.0, 1);
    QCOMPARE(b.nextDelayMs(), 500);
    QCOMPARE(b.nextDelayMs(), 1000);
    QCOMPARE(b.nextDelayMs(), 2000);
    for (int i = 0; i < 20; ++i)
        b.nextDelayMs();
    QCOMPARE(b.nextDelayMs(), 30'000);
    QCOMPARE(b.nominalDelayMs(1000), 30'000);
    b.reset();
    QCOMPARE(b.attempts(), 0);
    QCOMPARE(b.nextDelayMs(), 500);
}

void TestMetrics::backoffJitterSpreads() {
    QSet<int> seen;
    for (quint32 seed = 1; seed <= 50; ++seed) {
        Backoff b(1000, 60'000, 2.0, 0.5, seed);
        b.nextDelayMs();
        b.nextDelayMs();
        const int d = b.nextDelayMs(); // nominal 4000
        QVERIFY2(d >= 2000 && d <= 4000, qPrintable(QString::number(d)));
        seen.insert(d);
    }
    QVERIFY2(seen.size() > 10, "jitter must spread reconnects out");
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
