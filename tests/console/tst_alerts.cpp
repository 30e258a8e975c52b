// The alert rules and the alert engine, pure (no widgets, no timers, time passed in): every rule
// raises on its condition and not on figures that only look alarming (nobody waiting is no
// admission problem), hold times and threshold bands keep figures near a threshold from
// flapping, alerts clear when the condition ends, escalate, and keep who acknowledged them.
#include "console/alerts/alertengine.h"
#include "console/alerts/alerttext.h"
#include "console/model/frameparser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace sluice::console;

namespace {
QJsonObject fixture(const QString& name) {
    QFile f(QStringLiteral(SLUICE_FIXTURES_DIR "/ops/") + name + ".json");
    if (!f.open(QIODevice::ReadOnly)) qFatal("missing fixture %s", qPrintable(name));
    return QJsonDocument::fromJson(f.readAll()).object();
}
// A state with one cohort built from the snapshot fixture, changed by `edit`.
DashboardState stateWith(const std::function<void(QJsonObject& cohort, QJsonObject& snap)>& edit) {
    QJsonObject s = fixture("snapshot");
    QJsonObject c = s["cohorts"].toArray().at(0).toObject();
    c["eta_last_s"] = 600; // the fixture's 3564 s is close to the ETA threshold
    edit(c, s);
    s["cohorts"] = QJsonArray{c};
    DashboardState state;
    state.apply(*parseFrame(s).frame);
    return state;
}
QStringList keys(const QList<AlertSignal>& list, bool raiseOnly = true) {
    QStringList out;
    for (const auto& s : list)
        if (!raiseOnly || s.level == AlertSignal::Level::Raise) out.append(s.key);
    return out;
}
QList<AlertSignal> rules(const DashboardState& s, double errorPercent = 0, double bypass = 0) {
    AlertInputs in;
    in.state = &s;
    in.ratesValid = true;
    in.errorPercent = errorPercent;
    in.bypassPerS = bypass;
    in.link = {true, true, false, true};
    return evaluateAlertRules(in);
}
} // namespace

class TestAlerts : public QObject {
    Q_OBJECT
private slots:
    void healthyFixtureRaisesNothing() {
        const DashboardState s = stateWith([](QJsonObject&, QJsonObject&) {});
        QCOMPARE(keys(rules(s)), QStringList());
    }
    void pausedOrClosedWhilePeopleWait() {
        const DashboardState paused = stateWith([](QJsonObject& c, QJsonObject&) {
            c["state"] = "paused";
            c["paused_for_incident"] = true;
            c["waiting"] = 7834;
            c["actual_rate"] = 0;
        });
        const auto r = rules(paused);
        QCOMPARE(keys(r), QStringList{"cohort_paused_waiting:53-54"});
        QCOMPARE(r.at(0).severity, AlertSeverity::Critical);
        QCOMPARE(r.at(0).facts.value("waiting").toDouble(), 7834.0);
        QVERIFY(r.at(0).facts.value("incident").toBool());
        // Paused with nobody waiting: nothing to say.
        const DashboardState empty = stateWith([](QJsonObject& c, QJsonObject&) {
            c["state"] = "paused";
            c["waiting"] = 0;
        });
        QCOMPARE(keys(rules(empty)), QStringList());
        const DashboardState closed = stateWith([](QJsonObject& c, QJsonObject&) {
            c["state"] = "closed";
            c["closed_reason"] = "sold_out";
            c["waiting"] = 2532;
        });
        QCOMPARE(keys(rules(closed)), QStringList{"cohort_closed_waiting:53-54"});
        QVERIFY(alertText(rules(closed).at(0).rule, "53-54", rules(closed).at(0).facts, {})
                    .contains("sold out"));
    }
    void admissionLowOnlyWithAQueue() {
        // 9/s against a 400/s ceiling while one person waits: no problem.
        const DashboardState one = stateWith([](QJsonObject& c, QJsonObject&) {
            c["waiting"] = 1;
            c["actual_rate"] = 9;
        });
        QCOMPARE(keys(rules(one), false), QStringList());
        // The same rate with a real queue: far below the ceiling.
        const DashboardState queue = stateWith([](QJsonObject& c, QJsonObject&) {
            c["waiting"] = 50'000;
            c["actual_rate"] = 9;
            c["eta_last_s"] = 600;
        });
        QCOMPARE(keys(rules(queue)), QStringList{"admission_low:53-54"});
        // Inside the band (0.5 .. 0.6 of the ceiling): holds an alert, raises none.
        const DashboardState band = stateWith([](QJsonObject& c, QJsonObject&) {
            c["waiting"] = 50'000;
            c["actual_rate"] = 220;
            c["eta_last_s"] = 600;
        });
        QCOMPARE(keys(rules(band)), QStringList());
        QCOMPARE(keys(rules(band), false), QStringList{"admission_low:53-54"});
    }
    void figuresAgainstThresholds() {
        const DashboardState eta =
            stateWith([](QJsonObject& c, QJsonObject&) { c["eta_last_s"] = 20'000; });
        const auto r = rules(eta);
        QCOMPARE(keys(r), QStringList{"eta_high:53-54"});
        QCOMPARE(r.at(0).severity, AlertSeverity::Critical);
        const DashboardState s = stateWith([](QJsonObject&, QJsonObject&) {});
        QCOMPARE(keys(rules(s, 6.0)), QStringList{"error_rate"});
        QCOMPARE(rules(s, 6.0).at(0).severity, AlertSeverity::Critical);
        QCOMPARE(keys(rules(s, 1.5)), QStringList{"error_rate"});
        QCOMPARE(rules(s, 1.5).at(0).severity, AlertSeverity::Warning);
        QCOMPARE(keys(rules(s, 0, 76)), QStringList{"bypass_rate"});
        const DashboardState slow = stateWith([](QJsonObject&, QJsonObject& snap) {
            QJsonObject lat = snap["latency_ms"].toObject();
            lat["/v1/reservations"] = QJsonObject{{"p50", 400}, {"p95", 900}, {"p99", 3500}};
            snap["latency_ms"] = lat;
        });
        QCOMPARE(keys(rules(slow)), QStringList{"booking_latency"});
        const DashboardState doses = stateWith([](QJsonObject&, QJsonObject& snap) {
            QJsonArray cl = snap["clinics"].toArray();
            QJsonObject k = cl.at(0).toObject();
            k["remaining_window"] = 40;
            snap["clinics"] = QJsonArray{k};
        });
        QCOMPARE(keys(rules(doses)), QStringList{"doses_low"});
        QCOMPARE(rules(doses).at(0).severity, AlertSeverity::Critical);
        const DashboardState breaker = stateWith([](QJsonObject&, QJsonObject& snap) {
            QJsonObject e = snap["errors"].toObject();
            e["identity_provider"] =
                QJsonObject{{"breaker", "open"}, {"timeouts", 1}, {"errors", 1}};
            snap["errors"] = e;
        });
        QCOMPARE(keys(rules(breaker)), QStringList{"identity_breaker"});
    }
    void linkLostOrStale() {
        const DashboardState s = stateWith([](QJsonObject&, QJsonObject&) {});
        AlertInputs in;
        in.state = &s;
        in.link = {true, false, true, true};
        QCOMPARE(keys(evaluateAlertRules(in)), QStringList{"link_lost"});
        in.link = {true, true, true, true};
        QCOMPARE(keys(evaluateAlertRules(in)), QStringList{"data_stale"});
        in.link = {true, false, true, false}; // never had data: nothing was lost
        QCOMPARE(keys(evaluateAlertRules(in)), QStringList());
    }
    void hysteresisInTimeAndBand() {
        AlertEngine e;
        const DashboardState s = stateWith([](QJsonObject&, QJsonObject&) {});
        // The error rate crosses 1 % for less than the raise hold: nothing.
        QVERIFY(e.update(rules(s, 1.2), 0).isEmpty());
        QVERIFY(e.update(rules(s, 0.2), 1000).isEmpty());
        QVERIFY(e.update(rules(s, 1.2), 2000).isEmpty());
        QVERIFY(e.update(rules(s, 1.3), 4000).isEmpty());
        auto c = e.update(rules(s, 1.1), 5000);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.at(0).type, AlertChange::Type::Raised);
        QCOMPARE(c.at(0).alert.startedMs, 2000); // when the condition began
        // Dipping just below the threshold (inside the band) and back: no flapping.
        for (qint64 t = 6000; t < 60'000; t += 500)
            QVERIFY(e.update(rules(s, (t / 500) % 2 ? 0.9 : 1.1), t).isEmpty());
        QCOMPARE(e.alerts().size(), 1);
        // Clearly below the band, but not for long enough: stays.
        QVERIFY(e.update(rules(s, 0.1), 60'000).isEmpty());
        QVERIFY(e.update(rules(s, 0.1), 65'000).isEmpty());
        c = e.update(rules(s, 0.1), 70'500);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.at(0).type, AlertChange::Type::Cleared);
        QVERIFY(e.alerts().isEmpty());
    }
    void escalationAndAcknowledgement() {
        AlertEngine e;
        const DashboardState s = stateWith([](QJsonObject&, QJsonObject&) {});
        e.update(rules(s, 1.5), 0);
        e.update(rules(s, 1.5), 3000);
        QCOMPARE(e.alerts().size(), 1);
        QVERIFY(e.acknowledge("error_rate", Alert::Ack::Server, "kim", "on it", 3500).has_value());
        QVERIFY(e.find("error_rate")->acknowledged());
        QCOMPARE(e.find("error_rate")->ackBy, QStringLiteral("kim"));
        QCOMPARE(e.unacknowledgedCritical(), 0);
        // Worse: critical, and it needs acknowledging again.
        const auto c = e.update(rules(s, 8.0), 4000);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.at(0).type, AlertChange::Type::Escalated);
        QVERIFY(!e.find("error_rate")->acknowledged());
        QCOMPARE(e.unacknowledgedCritical(), 1);
        // A local acknowledgement never overrides the server's.
        e.acknowledge("error_rate", Alert::Ack::Server, "lee", {}, 5000);
        QVERIFY(!e.acknowledge("error_rate", Alert::Ack::Local, "me", {}, 5100).has_value());
        QCOMPARE(e.find("error_rate")->ackBy, QStringLiteral("lee"));
        // Acknowledged by another console before this one raised it: applied when raised.
        AlertEngine f;
        f.acknowledge("error_rate", Alert::Ack::Server, "park", {}, 0);
        f.update(rules(s, 1.5), 0);
        f.update(rules(s, 1.5), 3000);
        QCOMPARE(f.find("error_rate")->ackBy, QStringLiteral("park"));
    }
    void criticalAlertsFirst() {
        AlertEngine e;
        const DashboardState paused = stateWith([](QJsonObject& c, QJsonObject&) {
            c["state"] = "paused";
            c["waiting"] = 10;
        });
        e.update(rules(paused, 1.5), 0);
        e.update(rules(paused, 1.5), 3000);
        QCOMPARE(e.alerts().size(), 2);
        QCOMPARE(e.alerts().at(0).severity, AlertSeverity::Critical);
        QCOMPARE(e.alerts().at(0).key, QStringLiteral("cohort_paused_waiting:53-54"));
        QCOMPARE(alertTitleForKey("cohort_paused_waiting:53-54",
                                  [](const QString& id) { return id == "53-54" ? "X" : id; }),
                 QStringLiteral("X: paused while people wait"));
    }
};

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
