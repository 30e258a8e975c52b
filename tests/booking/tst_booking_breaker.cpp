// The identity provider's circuit breaker (pure, injected clock) and the simulated provider
// (outage, error rate, timeout, fail-fast once open, drill settings).
#include "server/app/config.h"
#include "server/booking/circuit_breaker.h"
#include "server/booking/identity_provider.h"

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>

using namespace sluice::booking;

class TestBookingBreaker : public QObject {
    Q_OBJECT
private slots:
    void opensAfterConsecutiveFailures() {
        BreakerOptions o;
        o.failureThreshold = 3;
        o.failureRatio = 0; // only the consecutive rule
        o.openMs = 1000;
        CircuitBreaker b(o);
        int64_t t = 0;
        for (int i = 0; i < 2; ++i) {
            QVERIFY(b.allow(t));
            b.onFailure(t);
        }
        QCOMPARE(b.state(t), BreakerState::Closed);
        QVERIFY(b.allow(t));
        b.onSuccess(t); // a success in between resets the run
        for (int i = 0; i < 2; ++i) {
            QVERIFY(b.allow(t));
            b.onFailure(t);
        }
        QCOMPARE(b.state(t), BreakerState::Closed);
        QVERIFY(b.allow(t));
        b.onFailure(t);
        QCOMPARE(b.state(t), BreakerState::Open);
        QCOMPARE(b.opens(), uint64_t(1));
    }

    void opensOnFailureRatio() {
        BreakerOptions o;
        o.failureThreshold = 0; // only the ratio rule
        o.failureRatio = 0.5;
        o.window = 10;
        o.minCalls = 10;
        CircuitBreaker b(o);
        // Alternating success/failure: 50% once ten calls are in the window.
        for (int i = 0; i < 9; ++i) {
            QVERIFY(b.allow(0));
            if (i % 2)
                b.onFailure(0);
            else
                b.onSuccess(0);
        }
        QCOMPARE(b.state(0), BreakerState::Closed); // 4 of 9, and below min_calls
        QVERIFY(b.allow(0));
        b.onFailure(0); // 5 of 10
        QCOMPARE(b.state(0), BreakerState::Open);
    }

    void openRejectsAtOnceUntilOpenMs() {
        BreakerOptions o;
        o.failureThreshold = 1;
        o.openMs = 5000;
        CircuitBreaker b(o);
        QVERIFY(b.allow(100));
        b.onFailure(100);
        QVERIFY(!b.allow(101));
        QCOMPARE(b.retryAfterMs(101), int64_t(4999));
        QVERIFY(!b.allow(5099));
        QCOMPARE(b.rejected(), uint64_t(2));
        QCOMPARE(b.state(5100), BreakerState::HalfOpen);
        QCOMPARE(b.retryAfterMs(5100), int64_t(0));
    }

    void halfOpenProbeClosesOnSuccess() {
        BreakerOptions o;
        o.failureThreshold = 1;
        o.openMs = 1000;
        CircuitBreaker b(o);
        QVERIFY(b.allow(0));
        b.onFailure(0);
        QVERIFY(b.allow(1000));  // the probe
        QVERIFY(!b.allow(1001)); // only one probe at a time
        b.onSuccess(1002);
        QCOMPARE(b.state(1002), BreakerState::Closed);
        QVERIFY(b.allow(1003));
        QVERIFY(b.allow(1003));
    }

    void halfOpenProbeFailureReopens() {
        BreakerOptions o;
        o.failureThreshold = 1;
        o.openMs = 1000;
        CircuitBreaker b(o);
        QVERIFY(b.allow(0));
        b.onFailure(0);
        QVERIFY(b.allow(1500));
        b.onFailure(1600);
        QCOMPARE(b.state(1600), BreakerState::Open);
        QVERIFY(!b.allow(2599));
        QCOMPARE(b.state(2600), BreakerState::HalfOpen);
        QCOMPARE(b.opens(), uint64_t(2));
    }

    void staleResultsWhileOpenAreIgnored() {
        BreakerOptions o;
        o.failureThreshold = 2;
        o.openMs = 1000;
        CircuitBreaker b(o);
        QVERIFY(b.allow(0));
        QVERIFY(b.allow(0));
        QVERIFY(b.allow(0));
        b.onFailure(0);
        b.onFailure(0);  // opens
        b.onSuccess(10); // the third call answers late: must not close an open breaker
        QCOMPARE(b.state(10), BreakerState::Open);
    }

    // ---- the simulated provider ----

    void outageTimesOutThenFailsFast() {
        boost::asio::io_context io;
        std::atomic<int64_t> now{1'000'000};
        IdpSettings s;
        s.p50Ms = 1;
        s.p99Ms = 2;
        s.timeoutMs = 30;
        s.outages = {{1'000'000, 1'060'000}};
        s.breaker.failureThreshold = 3;
        s.breaker.openMs = 10'000;
        IdentityProvider idp(io, s, [&] { return now.load(); });
        std::vector<IdpOutcome> got;
        for (int i = 0; i < 3; ++i) {
            idp.verify([&](IdpAnswer a) { got.push_back(a.outcome); });
            const auto t0 = std::chrono::steady_clock::now();
            io.restart();
            io.run();
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - t0)
                                .count();
            QVERIFY2(ms >= 25, "an outage must hold the caller until the timeout");
        }
        QCOMPARE(got, (std::vector<IdpOutcome>{IdpOutcome::Timeout, IdpOutcome::Timeout,
                                               IdpOutcome::Timeout}));
        // Open now: the answer comes synchronously, without any timer.
        bool answered = false;
        IdpAnswer last;
        idp.verify([&](IdpAnswer a) {
            answered = true;
            last = a;
        });
        QVERIFY(answered);
        QCOMPARE(last.outcome, IdpOutcome::Rejected);
        QVERIFY(last.retryAfterMs > 9000 && last.retryAfterMs <= 10'000);
        QCOMPARE(idp.state()["breaker"].as_string(), "open");
        // After the outage and the open period, the probe succeeds and closes the breaker.
        now = 1'070'000;
        idp.verify([&](IdpAnswer a) { last = a; });
        io.restart();
        io.run();
        QCOMPARE(last.outcome, IdpOutcome::Ok);
        QCOMPARE(idp.state()["breaker"].as_string(), "closed");
    }

    void errorRateIsApplied() {
        boost::asio::io_context io;
        IdpSettings s;
        s.p50Ms = 0;
        s.p99Ms = 0;
        s.errorRate = 0.3;
        s.breaker.failureThreshold = 0;
        s.breaker.failureRatio = 0;
        IdentityProvider idp(io, s, [] { return int64_t(0); });
        int errors = 0, ok = 0;
        for (int i = 0; i < 2000; ++i)
            idp.verify([&](IdpAnswer a) { (a.outcome == IdpOutcome::Error ? errors : ok)++; });
        io.run();
        QCOMPARE(errors + ok, 2000);
        QVERIFY2(errors > 480 && errors < 720,
                 qPrintable(QString("errors %1 of 2000 at rate 0.3").arg(errors)));
    }

    void latencyFollowsP50() {
        boost::asio::io_context io;
        IdpSettings s;
        s.p50Ms = 40;
        s.p99Ms = 120;
        s.timeoutMs = 10'000;
        IdentityProvider idp(io, s, [] { return int64_t(0); });
        std::vector<double> lat;
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < 300; ++i)
            idp.verify([&](IdpAnswer) {
                lat.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                        .count());
            });
        io.run();
        std::sort(lat.begin(), lat.end());
        const double p50 = lat[lat.size() / 2];
        QVERIFY2(p50 > 25 && p50 < 70,
                 qPrintable(QString("median latency %1 ms for p50 40").arg(p50)));
        QVERIFY2(lat.back() < 1000, "log-normal tail far beyond p99");
    }

    void drillSettingsAndValidation() {
        boost::asio::io_context io;
        IdentityProvider idp(io, IdpSettings{}, [] { return int64_t(1000); });
        boost::json::value oldV, newV;
        QCOMPARE(
            idp.update(boost::json::parse(R"({"outage": true, "error_rate": 0.25})").as_object(),
                       &oldV, &newV),
            std::string());
        QCOMPARE(oldV.as_object()["outage"].as_bool(), false);
        QCOMPARE(newV.as_object()["outage"].as_bool(), true);
        QCOMPARE(idp.settings().errorRate, 0.25);
        QVERIFY(idp.state()["in_outage"].as_bool());
        const std::string bad =
            idp.update(boost::json::parse(R"({"error_rate": 2})").as_object(), nullptr, nullptr);
        QVERIFY2(bad.find("identity_provider.error_rate") != std::string::npos, bad.c_str());
        QCOMPARE(idp.settings().errorRate, 0.25); // unchanged by a refused update
    }

    void configErrorsNameTheField() {
        auto fails = [](const char* text, const char* field) {
            try {
                parseIdpSettings(boost::json::parse(text).as_object(), "identity_provider", 0);
            } catch (const sluice::ConfigError& e) {
                return std::string(e.what()).find(field) != std::string::npos;
            }
            return false;
        };
        QVERIFY(fails(R"({"latency_ms": {"p50": 100, "p99": 10}})",
                      "identity_provider.latency_ms.p99"));
        QVERIFY(fails(R"({"outages": [{"from": "+2m", "to": "soon"}]})",
                      "identity_provider.outages[0].to"));
        QVERIFY(fails(R"({"breaker": {"open_ms": -1}})", "identity_provider.breaker.open_ms"));
        QVERIFY(fails(R"({"timeout_ms": "fast"})", "timeout_ms"));
        auto s = parseIdpSettings(
            boost::json::parse(R"({"outages": [{"from": "+2m", "to": "+3m"}]})").as_object(),
            "identity_provider", 1'000'000);
        QCOMPARE(s.outages.size(), std::size_t(1));
        QCOMPARE(s.outages[0].first, int64_t(1'120'000));
        QCOMPARE(s.outages[0].second, int64_t(1'180'000));
    }
};

QTEST_APPLESS_MAIN(TestBookingBreaker)
#include "tst_booking_breaker.moc"
