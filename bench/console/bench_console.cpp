// Console load benchmark: 20 cohorts, 5,000 clinics, a 4 Hz tick (with ~100 changed clinics
// per tick, an event a second) fed as JSON text through a synthetic data source into the real
// session and main window (offscreen, dashboard showing), for ~20 s. Prints the CPU used, as a
// percentage of one core (getrusage), for the 5-minute chart window and for the 1-hour window
// after an hour of history has been loaded. Target: under 15 %.
//   bench_console [--seconds S] [--clinics N] [--cohorts N] [--hz F]
#include "console/model/consolesession.h"
#include "console/transport/datasource.h"
#include "console/views/chartspanel.h"
#include "console/views/languagemanager.h"
#include "console/views/mainwindow.h"
#include "console/views/profilestore.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

using namespace sluice::console;

namespace {

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec +
           u.ru_stime.tv_usec / 1e6;
}

// Generates a server's frames and hands them over as JSON text, like the live source does.
class SyntheticSource : public DataSource {
    Q_OBJECT
public:
    SyntheticSource(int cohorts, int clinics) : m_rng(7) {
        for (int i = 0; i < cohorts; ++i) {
            m_waiting.append(200'000 + 50'000 * i);
            m_serving.append(0);
        }
        for (int i = 0; i < clinics; ++i)
            m_stock.append(2000 + int(m_rng.bounded(500)));
    }
    void open() override { setState(State::Connected); }
    void close() override { setState(State::Disconnected); }
    State state() const override { return m_state; }
    QString description() const override { return QStringLiteral("synthetic"); }
    bool isLive() const override { return true; }

    void sendHelloAndSnapshot(qint64 nowMs) {
        deliver(QJsonObject{{"type", "hello"},
                            {"protocol", 1},
                            {"server_version", "bench"},
                            {"node_id", "bench"},
                            {"operator", QJsonObject{{"name", "bench"}, {"role", "operator"}}},
                            {"tick_interval_ms", 250},
                            {"resume", QJsonObject{{"mode", "snapshot"}}}});
        QJsonObject s = figures("snapshot", nowMs, true);
        s["notices"] = QJsonArray{};
        s["pending_approvals"] = QJsonArray{};
        deliver(s);
    }
    void sendTick(qint64 nowMs) {
        for (int i = 0; i < m_waiting.size(); ++i) {
            const qint64 admitted = 20 + m_rng.bounded(10);
            m_serving[i] += admitted;
            m_waiting[i] = qMax<qint64>(0, m_waiting[i] - admitted + m_rng.bounded(40));
        }
        deliver(figures("tick", nowMs, false));
        if (m_seq % 4 == 0) {
            deliver(QJsonObject{
                {"type", "event"},
                {"seq", ++m_seq},
                {"server_time",
                 QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                {"kind", "operator_action"},
                {"severity", "info"},
                {"operator", "bench"},
                {"message", QStringLiteral("bench event %1").arg(m_seq)},
                {"data", QJsonObject{}}});
        }
    }

protected:
    bool sendCommandFrame(const QString&, const QString&, const QJsonObject&) override {
        return false;
    }

private:
    void setState(State s) {
        m_state = s;
        emit stateChanged(s);
    }
    void deliver(const QJsonObject& o) {
        // Serialise and parse, as the wire would.
        const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Compact);
        emit frameReceived(QJsonDocument::fromJson(text).object(),
                           QDateTime::currentMSecsSinceEpoch());
    }
    QJsonObject figures(const char* type, qint64 nowMs, bool allClinics) {
        QJsonObject f{{"type", type},
                      {"seq", allClinics ? m_seq : ++m_seq},
                      {"server_time",
                       QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                      {"interval_ms", 250}};
        QJsonArray cs;
        for (int i = 0; i < m_waiting.size(); ++i)
            cs.append(
                QJsonObject{{"id", QStringLiteral("c%1").arg(i)},
                            {"label", QJsonObject{{"ko", QStringLiteral("집단 %1").arg(i)},
                                                  {"en", QStringLiteral("Cohort %1").arg(i)}}},
                            {"state", "open"},
                            {"issued", m_serving[i] + m_waiting[i]},
                            {"serving", m_serving[i]},
                            {"waiting", m_waiting[i]},
                            {"rate_ceiling", 100.0},
                            {"max_rate", 4000.0},
                            {"actual_rate", 96.0 + m_rng.bounded(4.0)},
                            {"max_active", 10000},
                            {"active", 9000 + m_rng.bounded(500)},
                            {"mode", "manual"},
                            {"eta_last_s", m_waiting[i] / 100.0}});
        f["cohorts"] = cs;
        QJsonArray ks;
        auto clinic = [this](int i) {
            return QJsonObject{{"id", QStringLiteral("k%1").arg(i, 5, 10, QLatin1Char('0'))},
                               {"name", QStringLiteral("보건소 %1").arg(i)},
                               {"region", QStringLiteral("지역 %1").arg(i % 17)},
                               {"district", QStringLiteral("구 %1").arg(i % 250)},
                               {"remaining_today", m_stock[i] / 10},
                               {"remaining_window", m_stock[i]},
                               {"reserved_last_minute", int(m_rng.bounded(20))}};
        };
        if (allClinics) {
            for (int i = 0; i < m_stock.size(); ++i)
                ks.append(clinic(i));
        } else {
            for (int k = 0; k < 100; ++k) { // ~400 bookings/s spread over clinics
                const int i = int(m_rng.bounded(m_stock.size()));
                m_stock[i] = qMax(0, m_stock[i] - 1);
                ks.append(clinic(i));
            }
        }
        f["clinics"] = ks;
        const qint64 n = m_seq;
        f["errors"] = QJsonObject{
            {"http",
             QJsonObject{{"/v1/queue/{}/admit", QJsonObject{{"4xx", n * 3}, {"5xx", n / 10}}},
                         {"/v1/reservations", QJsonObject{{"4xx", n}, {"5xx", n / 20}}}}},
            {"bypass", QJsonObject{{"bypass_no_token", n * 2}, {"bypass_forged", n / 3}}},
            {"identity_provider",
             QJsonObject{{"breaker", "closed"}, {"timeouts", n / 7}, {"errors", n / 5}}},
            {"booking_conflicts", n / 2},
            {"sold_out", n / 9},
            {"overload_rejections", n / 4}};
        f["latency_ms"] = QJsonObject{
            {"/v1/queue/{}/status",
             QJsonObject{{"p50", 0.2}, {"p95", 0.9}, {"p99", 2.0 + m_rng.bounded(1.0)}}},
            {"/v1/reservations", QJsonObject{{"p50", 3.0 + m_rng.bounded(1.0)},
                                             {"p95", 9.0},
                                             {"p99", 20.0 + m_rng.bounded(5.0)}}}};
        f["request_rate"] =
            QJsonObject{{"/v1/queue/{}/status", 50000.0}, {"/v1/reservations", 400.0}};
        return f;
    }

    State m_state = State::Disconnected;
    QRandomGenerator m_rng;
    QList<qint64> m_waiting, m_serving;
    QList<int> m_stock;
    qint64 m_seq = 1;
};

struct Result {
    double cpuPercent = 0;
    int ticks = 0;
    double wallS = 0;
};

Result run(MainWindow& window, SyntheticSource& src, double seconds, double hz, qint64& serverMs) {
    const int intervalMs = int(1000 / hz);
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    int ticks = 0;
    QObject::connect(&timer, &QTimer::timeout, [&] {
        serverMs += intervalMs;
        src.sendTick(serverMs);
        ++ticks;
    });
    // Settle, then measure.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 500)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    timer.start(intervalMs);
    QTimer stop;
    stop.setSingleShot(true);
    QEventLoop loop;
    QObject::connect(&stop, &QTimer::timeout, &loop, &QEventLoop::quit);
    stop.start(int(seconds * 1000));
    loop.exec();
    timer.stop();
    Result r;
    r.wallS = wall.elapsed() / 1000.0;
    r.cpuPercent = 100.0 * (cpuSeconds() - cpu0) / r.wallS;
    r.ticks = ticks;
    Q_UNUSED(window);
    return r;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName("SluiceBench");
    QApplication::setApplicationName("bench_console");
    double seconds = 20, hz = 4;
    int clinics = 5000, cohorts = 20;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == "--seconds")
            seconds = args[i + 1].toDouble();
        else if (args[i] == "--clinics")
            clinics = args[i + 1].toInt();
        else if (args[i] == "--cohorts")
            cohorts = args[i + 1].toInt();
        else if (args[i] == "--hz")
            hz = args[i + 1].toDouble();
    }

    LanguageManager lang;
    lang.setLanguage("ko");
    ConsoleSession session;
    ProfileStore profiles;
    MainWindow window(&session, &lang, &profiles);
    auto* src = new SyntheticSource(cohorts, clinics);
    window.setSource(src);
    window.resize(1600, 1000);
    window.show();
    qint64 serverMs = QDateTime::currentMSecsSinceEpoch() - 3600'000;
    src->sendHelloAndSnapshot(serverMs);
    std::printf("console benchmark: %d cohorts, %d clinics, %.1f Hz ticks, %.0f s per run, "
                "offscreen, Qt %s\n",
                cohorts, clinics, hz, seconds, qVersion());

    // Run 1: a fresh console, 5-minute chart window.
    window.charts()->setWindowIndex(0);
    const Result a = run(window, *src, seconds, hz, serverMs);
    std::printf("5 min window, fresh:        cpu %.1f %% of one core (%d ticks in %.1f s)\n",
                a.cpuPercent, a.ticks, a.wallS);

    // Run 2: an hour of history loaded first, 1-hour window (the charts decimate ~14,400
    // samples per series each refresh).
    const int prefill = int(3600 * hz);
    for (int i = 0; i < prefill; ++i) {
        serverMs += qint64(1000 / hz);
        src->sendTick(serverMs);
        if (i % 500 == 0) QApplication::processEvents();
    }
    window.charts()->setWindowIndex(1);
    const Result b = run(window, *src, seconds, hz, serverMs);
    std::printf("1 h window, 1 h of history: cpu %.1f %% of one core (%d ticks in %.1f s)\n",
                b.cpuPercent, b.ticks, b.wallS);

    std::printf("clinic rows %d, event log rows %d, chart replaces %d\n",
                session.clinicModel()->rowCount(), session.eventLog()->rowCount(),
                window.charts()->replaceCount());
    const double worst = qMax(a.cpuPercent, b.cpuPercent);
    std::printf("RESULT cpu_percent_one_core=%.1f target=15 %s\n", worst,
                worst < 15 ? "PASS" : "OVER");
    return 0;
}

#include "bench_console.moc"
