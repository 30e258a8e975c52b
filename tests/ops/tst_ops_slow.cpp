// Slow consoles against a real sluice-server: a console that stops reading (tiny socket
// buffers on both ends) must not delay anyone else's ticks; it is sent a fresh snapshot when
// its send queue overflows, and disconnected when it keeps falling behind.
#include "ops_test_client.h"

#include <QTest>

#include <memory>

using namespace sluice::test;

namespace {
const char* kSlowConfig = R"({"cohorts":[{"id":"53-54","label":{"ko":"53–54세","en":"Ages 53–54"},
 "birth_year_from":1967,"birth_year_to":1968,"prequeue_opens":"-1m","opens":"-1s",
 "rate_per_s":100,"max_active":1000}],
 "ops": {"tick_ms": 50, "send_queue_frames": 8, "socket_send_buffer_bytes": 4096,
         "stall_timeout_ms": 2000, "resync_limit": 4}})";
}

class TstOpsSlow : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> server;
    QString token;

    double metric(const std::string& series) {
        HttpClient http("127.0.0.1", server->port());
        return metricValue(http.get("/metrics").body, series);
    }
    static qint64 maxTickGap(const OpsClient& c, int from) {
        qint64 gap = 0, prev = -1;
        for (int i = from; i < c.frames.size(); ++i) {
            if (c.frames[i]["type"] != "tick") continue;
            if (prev >= 0) gap = std::max(gap, c.arrivalsMs[i] - prev);
            prev = c.arrivalsMs[i];
        }
        return gap;
    }

private slots:
    void initTestCase() {
        server =
            std::make_unique<ServerProcess>(ServerProcess::Options{kSlowConfig, {}, 2, {}, false});
        token = addOperator(*server, "watcher", "viewer");
        QVERIFY(!token.isEmpty());
        QVERIFY2(server->start(), server->output().constData());
    }
    void cleanupTestCase() {
        if (!server) return;
        // Exit status belongs to the core's shutdown (tests/server); it is reported, not failed on.
        if (!server->terminate())
            qWarning("sluice-server did not exit with 0 on SIGTERM:\n%s",
                     server->output().right(4000).constData());
        QVERIFY(!server->running());
    }

    void laggingConsoleGetsSnapshotOthersUnaffected() {
        OpsClient fast;
        fast.open(server->port(), token);
        QVERIFY(fast.waitType("snapshot", 10'000));

        RawWsClient slow;
        QVERIFY(slow.connectTo(server->port(), token));
        slow.readFor(10'000, 2); // hello and snapshot (every clinic: a few hundred KiB)
        slow.stopReading();
        QVERIFY2(slow.frames.size() >= 2, qPrintable(QString::number(slow.frames.size())));
        QCOMPARE(slow.frames[0]["type"].toString(), QString("hello"));
        QCOMPARE(slow.frames[1]["type"].toString(), QString("snapshot"));

        int fastFrom = fast.frames.size();
        double resyncsBefore = metric("sluice_ops_resyncs_total");
        QElapsedTimer t;
        t.start();
        bool resynced = QTest::qWaitFor(
            [&] { return metric("sluice_ops_resyncs_total") > resyncsBefore; }, 20'000);
        QVERIFY2(resynced, "the lagging console was never resynced");
        qint64 stalledMs = t.elapsed();
        // Read again: what arrives must be a consistent stream with a snapshot bridging the gap.
        slow.readFor(3000);
        qint64 prev = -1;
        int snapshots = 0;
        for (int i = 1; i < slow.frames.size(); ++i) {
            const QJsonObject& f = slow.frames[i];
            qint64 seq = f["seq"].toInteger();
            if (f["type"] == "snapshot") {
                QVERIFY2(seq >= prev, "a snapshot older than frames already sent");
                ++snapshots;
            } else if (prev >= 0) {
                QCOMPARE(seq, prev + 1);
            }
            prev = seq;
        }
        QVERIFY2(snapshots >= 2, qPrintable(QString("snapshots: %1").arg(snapshots)));
        QVERIFY(prev > slow.frames[1]["seq"].toInteger());

        // Meanwhile the other console got every tick on time.
        qint64 gap = maxTickGap(fast, fastFrom);
        qInfo("resynced after %lld ms; %d snapshots; largest tick gap of the other console %lld ms",
              stalledMs, snapshots, gap);
        QVERIFY2(gap < 1000, qPrintable(QString("largest tick gap %1 ms").arg(gap)));
        int ticks = 0;
        for (int i = fastFrom; i < fast.frames.size(); ++i)
            ticks += fast.frames[i]["type"] == "tick";
        qint64 expected = (stalledMs + 3000) / 50;
        QVERIFY2(ticks >= expected / 2,
                 qPrintable(QString("%1 ticks, expected about %2").arg(ticks).arg(expected)));
    }

    void consoleThatNeverReadsIsDisconnected() {
        OpsClient fast;
        fast.open(server->port(), token);
        QVERIFY(fast.waitType("snapshot", 10'000));
        double before = metric("sluice_ops_disconnects_total{reason=\"too_slow\"}") +
                        metric("sluice_ops_disconnects_total{reason=\"stalled\"}");
        RawWsClient slow;
        QVERIFY(slow.connectTo(server->port(), token));
        slow.stopReading();
        int fastFrom = fast.frames.size();
        bool dropped = QTest::qWaitFor(
            [&] {
                return metric("sluice_ops_disconnects_total{reason=\"too_slow\"}") +
                           metric("sluice_ops_disconnects_total{reason=\"stalled\"}") >
                       before;
            },
            30'000);
        QVERIFY2(dropped, "a console that never reads was never disconnected");
        slow.readFor(5000);
        QVERIFY2(slow.eof, "the server did not close the connection");
        qInfo("closed: too_slow %g, stalled %g, close code %d (%s), %lld frames read",
              metric("sluice_ops_disconnects_total{reason=\"too_slow\"}"),
              metric("sluice_ops_disconnects_total{reason=\"stalled\"}"), slow.closeCode,
              qPrintable(slow.closeReason), qint64(slow.frames.size()));
        if (slow.closeCode) QCOMPARE(slow.closeCode, 1013);
        QVERIFY(maxTickGap(fast, fastFrom) < 1000);
        QTRY_VERIFY_WITH_TIMEOUT(metric("sluice_ops_consoles") == 1, 5000);
    }
};

QTEST_GUILESS_MAIN(TstOpsSlow)
#include "tst_ops_slow.moc"
