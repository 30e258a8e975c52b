// Recording and replay against a REAL sluice-server process under load (sluice-surge's demo
// scenario when built, plus a thread joining the queue over HTTP): a live console records its
// session while operators post and retract notices, change rates and pause a cohort, and the
// server is killed and restarted (an explicit gap); the live DashboardState is captured at
// chosen receive times. The recording is then replayed: seeking to each of those instants, in
// a shuffled order (backwards and forwards), rebuilds exactly the state the live console had
// (cohort figures, the stock of every clinic, active notices). A recorder process killed with
// SIGKILL while writing (`sluice-console --record`) leaves a file that still opens up to its last
// complete frame. The command line records without a window and replays to a screenshot.
#include "statecompare.h"
#include "support/http_client.h"
#include "support/server_process.h"

#include "console/model/consolesession.h"
#include "console/recording/recorder.h"
#include "console/replay/recordingreader.h"
#include "console/replay/replaysource.h"
#include "console/transport/livesource.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <random>
#include <thread>

using namespace sluice::console;
using namespace sluice::console::recording;
using namespace sluice::console::replay;
using sluice::console::testing::describeDifference;
using sluice::test::ServerProcess;

namespace {
const char* kConfig = R"({
 "cohorts": [
  {"id": "53-54", "label": {"ko": "53–54세", "en": "Ages 53–54"}, "birth_year_from": 1967,
   "birth_year_to": 1968, "prequeue_opens": "-1m", "opens": "-1s", "rate_per_s": 100, "max_active": 1000},
  {"id": "50-52", "label": {"ko": "50–52세", "en": "Ages 50–52"}, "birth_year_from": 1969,
   "birth_year_to": 1971, "prequeue_opens": "-1m", "opens": "-1s", "rate_per_s": 20, "max_active": 2000}
 ],
 "ops": {"tick_ms": 250, "history_frames": 4096}
})";

struct Capture {
    qint64 recvMs = 0;
    DashboardState state;
};

// Joins the 50-52 queue over HTTP until stopped: the queue grows while the console records.
class Joiner {
public:
    Joiner(const std::string& host, uint16_t port) {
        m_thread = std::thread([this, host, port] {
            sluice::test::HttpClient http(host, port);
            while (!m_stop) {
                const auto r =
                    http.post("/v1/queue/50-52/join", "{}", {{"Content-Type", "application/json"}});
                if (r.status == 200 || r.status == 201)
                    ++joins;
                else
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        });
    }
    ~Joiner() {
        m_stop = true;
        m_thread.join();
    }
    std::atomic<int> joins{0};

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};
} // namespace

class TestLive : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerProcess> m_server;
    QString m_token;
    QTemporaryDir m_dir;
    QString tokenFile();

private slots:
    void initTestCase();
    void cleanupTestCase();
    void recordUnderLoadThenReplayEqualsLive();
    void killedRecorderStillOpens();
    void commandLineRecordAndReplay();
};

void TestLive::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<ServerProcess>(ServerProcess::Options{kConfig, {}, 2, {}, false});
    const auto r = m_server->cli({"operator", "add", "rec", "--role", "operator"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    m_token = r.lastLine().trimmed();
    QVERIFY(!m_token.isEmpty());
    QVERIFY2(m_server->start(), m_server->output().constData());
}

void TestLive::cleanupTestCase() {
    if (m_server && m_server->running()) m_server->terminate();
}

void TestLive::recordUnderLoadThenReplayEqualsLive() {
    const QString path = m_dir.filePath("live.sluicerec");
    ConsoleSession session;
    auto* live = new LiveSource(QUrl(m_server->baseUrl()), m_token);
    live->setBackoff(Backoff(200, 1000, 2.0, 0.5));
    live->setLinkLossThresholdMs(2000);
    session.setSource(live);
    Recorder recorder;
    Recorder::Options ro;
    ro.writer.keyframeEvery = 25; // several keyframes in a short session
    ro.flushIntervalMs = 100;
    QVERIFY2(recorder.start(path, {{"source", m_server->baseUrl()}}, ro),
             qPrintable(recorder.errorString()));
    recorder.attach(live);
    recorder.attachCommands(session.commands());

    // Capture the live state after a frame, at most every 700 ms; a capture counts only when the
    // next frame has a later receive time (a replay at that instant includes every frame of
    // that millisecond).
    QList<Capture> captures;
    std::optional<Capture> pending;
    qint64 lastCaptureMs = 0;
    connect(live, &DataSource::frameReceived, this, [&](const QJsonObject&, qint64 recvMs) {
        if (pending && recvMs > pending->recvMs) captures.append(*pending);
        if (pending && recvMs >= pending->recvMs) pending.reset();
        if (session.state().hasSnapshot() && recvMs - lastCaptureMs >= 700) {
            pending = Capture{recvMs, session.state()};
            lastCaptureMs = recvMs;
        }
    });
    live->open();
    QVERIFY(
        QTest::qWaitFor([&] { return session.state().hasSnapshot() && session.canAct(); }, 15'000));

    // Load: the surge generator's demo scenario (bookings drain clinic stock) and HTTP joins.
    QProcess surge;
    const QString surgeBin = QStringLiteral(SLUICE_SURGE_BIN);
    if (!surgeBin.isEmpty()) {
        surge.setProcessChannelMode(QProcess::MergedChannels);
        surge.start(surgeBin, {"--target", m_server->baseUrl(), "--scenario",
                               SLUICE_SOURCE_DIR "/resources/scenarios/demo.json", "--cohort",
                               "53-54", "--citizens", "2000", "--time-scale", "0.1",
                               "--duration-limit", "40", "--quiet"});
        QVERIFY(surge.waitForStarted(10'000));
    } else {
        qWarning("sluice-surge is not built: load from HTTP joins only");
    }
    auto joiner = std::make_unique<Joiner>(m_server->host(), m_server->port());

    auto act = [&](const QString& op, const QJsonObject& args) {
        const QString id = session.sendCommand(op, args, op);
        QVERIFY2(!id.isEmpty(), qPrintable(op));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         const TrackedCommand* c = session.commands()->find(id);
                         return c && c->status != TrackedCommand::Status::Pending;
                     },
                     10'000),
                 qPrintable(op));
        QTest::qWait(800);
    };
    QTest::qWait(2000);
    act("post_notice",
        {{"cohort", "*"},
         {"severity", "warning"},
         {"text", QJsonObject{{"ko", "본인인증 지연"}, {"en", "Identity checks are slow"}}}});
    act("post_notice", {{"cohort", "53-54"},
                        {"severity", "info"},
                        {"text", QJsonObject{{"ko", "곧 재개"}, {"en", "Resuming soon"}}}});
    act("set_rate", {{"cohort", "50-52"}, {"rate_per_s", 5}});
    act("pause_cohort", {{"cohort", "50-52"}, {"incident", false}});
    QTest::qWait(1500);
    act("resume_cohort", {{"cohort", "50-52"}});
    QVERIFY(!session.state().notices().isEmpty());
    act("retract_notice", {{"notice_id", double(session.state().notices().first().id)}});
    act("set_rate", {{"cohort", "50-52"}, {"rate_per_s", 40}});
    QTest::qWait(2000);

    // The server dies and comes back: the recording shows the gap and the fresh snapshot.
    const int capturesBeforeKill = int(captures.size());
    m_server->kill9();
    QVERIFY(QTest::qWaitFor(
        [&] { return session.connectionState() != DataSource::State::Connected; }, 10'000));
    QVERIFY2(m_server->restart(), m_server->output().right(2000).constData());
    QVERIFY(QTest::qWaitFor(
        [&] {
            return session.connectionState() == DataSource::State::Connected && !session.isStale();
        },
        20'000));
    act("post_notice", {{"cohort", "*"},
                        {"severity", "info"},
                        {"text", QJsonObject{{"ko", "복구됨"}, {"en", "Recovered"}}}});
    QTest::qWait(4000);

    joiner.reset();
    if (surge.state() != QProcess::NotRunning) {
        surge.terminate();
        surge.waitForFinished(10'000);
    }
    live->close();
    recorder.stop();
    QVERIFY2(!recorder.hasFailed(), qPrintable(recorder.errorString()));
    session.setSource(nullptr);
    delete live;

    QVERIFY2(captures.size() >= 15, qPrintable(QString::number(captures.size())));
    QVERIFY(captures.size() > capturesBeforeKill);
    // The load moved the figures the captures hold.
    const CohortFigures* first = captures.first().state.cohort("50-52");
    const CohortFigures* last = captures.last().state.cohort("50-52");
    QVERIFY(first && last);
    qInfo("%lld captures; 50-52 issued %lld -> %lld; %lld clinics; recording %.1f MB",
          qint64(captures.size()), first->issued, last->issued,
          qint64(captures.last().state.clinics().size()), double(QFileInfo(path).size()) / 1e6);
    bool noticesSeen = false, stockMoved = false;
    for (const Capture& c : captures)
        noticesSeen = noticesSeen || !c.state.notices().isEmpty();
    for (auto it = captures.first().state.clinics().begin();
         it != captures.first().state.clinics().end(); ++it) {
        const auto other = captures[capturesBeforeKill - 1].state.clinics().constFind(it.key());
        if (other != captures[capturesBeforeKill - 1].state.clinics().cend() && !(*other == *it))
            stockMoved = true;
    }
    QVERIFY(noticesSeen);
    QVERIFY(!captures.first().state.clinics().isEmpty());
    if (!surgeBin.isEmpty() && !stockMoved)
        qWarning("no clinic stock changed during the recording");

    // Replay: every capture, in a shuffled order, through the real session.
    ReplaySource replay(path);
    ConsoleSession replayed;
    replayed.setSource(&replay);
    replay.open();
    QVERIFY2(replay.isOpen(), qPrintable(replay.errorString()));
    QVERIFY(replay.reader().endedCleanly());
    QCOMPARE(replay.reader().meta().value("operator"), QStringLiteral("rec"));
    std::vector<int> order(size_t(captures.size()));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(11));
    for (const int i : order) {
        replay.seek(captures[i].recvMs);
        const QString diff = describeDifference(captures[i].state, replayed.state());
        QVERIFY2(
            diff.isEmpty(),
            qPrintable(
                QStringLiteral("capture %1 at %2: %3").arg(i).arg(captures[i].recvMs).arg(diff)));
        // The pure rebuild agrees too.
        const QString pure =
            describeDifference(captures[i].state, replay.reader().stateAt(captures[i].recvMs));
        QVERIFY2(pure.isEmpty(), qPrintable(pure));
    }
    // Playing through from the start reaches the same states at the same instants.
    qint64 wall = 0;
    replay.setWallClock([&wall] { return wall; });
    replay.seek(replay.startMs());
    replay.setSpeed(1);
    replay.play();
    int checked = 0;
    for (const Capture& c : captures) {
        if (c.recvMs < replay.position()) continue;
        wall += c.recvMs - replay.position(); // at 1x the playhead lands exactly on the capture
        replay.advance();
        QCOMPARE(replay.position(), c.recvMs);
        const QString diff = describeDifference(c.state, replayed.state());
        QVERIFY2(diff.isEmpty(),
                 qPrintable(QStringLiteral("playing through, at %1: %2").arg(c.recvMs).arg(diff)));
        ++checked;
    }
    replay.pause();
    QVERIFY2(checked >= captures.size() - 1, qPrintable(QString::number(checked)));

    // Markers: the operator's actions (command rows and operator_action events), the gap.
    int actions = 0, links = 0;
    for (const Marker& m : replay.markers()) {
        actions += m.category == Marker::Category::Action;
        links += m.category == Marker::Category::Link;
    }
    QVERIFY2(actions >= 8, qPrintable(QString::number(actions)));
    QVERIFY2(links >= 2, qPrintable(QString::number(links)));
    QVERIFY(!replayed.canAct());
}

QString TestLive::tokenFile() {
    const QString path = m_dir.filePath("token");
    QFile f(path);
    if (!f.exists() && f.open(QIODevice::WriteOnly)) f.write(m_token.toUtf8() + "\n");
    return path;
}

void TestLive::killedRecorderStillOpens() {
    const QString path = m_dir.filePath("killed.sluicerec");
    auto joiner = std::make_unique<Joiner>(m_server->host(), m_server->port());
    QProcess child;
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(SLUICE_CONSOLE_BIN, {"--record", path, "--connect", m_server->baseUrl(),
                                     "--token-file", tokenFile(), "--duration", "120"});
    QVERIFY(child.waitForStarted(10'000));
    // Let it write a few batches (and keyframes), then kill it mid-stream.
    qint64 rows = 0;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     RecordingReader r;
                     if (!r.open(path)) return false;
                     rows = r.frameCount();
                     return rows >= 40 && !r.keyframes().empty();
                 },
                 30'000),
             child.readAll().constData());
    QTest::qWait(700);
    ::kill(pid_t(child.processId()), SIGKILL);
    QVERIFY(child.waitForFinished(10'000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    joiner.reset();
    QVERIFY(QFileInfo::exists(path + "-wal") || QFileInfo(path).size() > 0);

    RecordingReader r;
    QVERIFY2(r.open(path), qPrintable(r.errorString()));
    QVERIFY(!r.endedCleanly());
    QVERIFY(r.frameCount() >= rows);
    const DashboardState end = r.stateAt(r.endMs());
    QVERIFY(end.hasSnapshot());
    QVERIFY(!end.clinics().isEmpty());
    QCOMPARE(r.skippedRows(), 0);
    // Every stored row decodes, up to the last one.
    const QList<RecordedFrame> all = r.readFrames(0, r.lastId());
    QCOMPARE(qint64(all.size()), r.frameCount());
    QCOMPARE(all.last().id, r.lastId());
    r.close();

    ReplaySource replay(path);
    ConsoleSession s;
    s.setSource(&replay);
    replay.open();
    QVERIFY2(replay.isOpen(), qPrintable(replay.errorString()));
    replay.seek(replay.endMs());
    QVERIFY(s.state().hasSnapshot());
    QCOMPARE(describeDifference(end, s.state()), QString());
    qInfo("killed recorder: %lld rows readable, %zu keyframes", r.frameCount(),
          r.keyframes().size());
}

void TestLive::commandLineRecordAndReplay() {
    const QString path = m_dir.filePath("cli.sluicerec");
    QProcess rec;
    rec.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer t;
    t.start();
    rec.start(SLUICE_CONSOLE_BIN, {"--record", path, "--connect", m_server->baseUrl(),
                                   "--token-file", tokenFile(), "--duration", "3"});
    QVERIFY(rec.waitForFinished(30'000));
    const QByteArray out = rec.readAll();
    QVERIFY2(rec.exitStatus() == QProcess::NormalExit && rec.exitCode() == 0, out.constData());
    QVERIFY2(t.elapsed() >= 2900, qPrintable(QString::number(t.elapsed())));
    {
        RecordingReader r;
        QVERIFY2(r.open(path), qPrintable(r.errorString()));
        QVERIFY(r.endedCleanly());
        QCOMPARE(r.meta().value("mode"), QStringLiteral("headless"));
        QVERIFY(r.stateAt(r.endMs()).hasSnapshot());
        QVERIFY(r.frameCount() >= 8); // hello, snapshot, ~12 ticks at 250 ms
    }
    // A file that exists is never overwritten.
    rec.start(SLUICE_CONSOLE_BIN,
              {"--record", path, "--connect", m_server->baseUrl(), "--duration", "1"});
    QVERIFY(rec.waitForFinished(30'000));
    QCOMPARE(rec.exitCode(), 1);
    rec.start(SLUICE_CONSOLE_BIN, {"--record", path});
    QVERIFY(rec.waitForFinished(30'000));
    QCOMPARE(rec.exitCode(), 2); // --connect and --duration needed

    // Replay to a screenshot, at a typed time.
    const QString png = QDir(SLUICE_BINARY_DIR).filePath("replay-screenshot.png");
    QFile::remove(png);
    QProcess view;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
    env.insert("XDG_DATA_HOME", m_dir.filePath("data"));
    view.setProcessEnvironment(env);
    view.setProcessChannelMode(QProcess::MergedChannels);
    view.start(SLUICE_CONSOLE_BIN, {"--lang", "ko", "--replay", path, "--at", "+0:02",
                                    "--screenshot", png, "--after", "1.5"});
    QVERIFY(view.waitForFinished(60'000));
    const QByteArray vout = view.readAll();
    QVERIFY2(view.exitStatus() == QProcess::NormalExit && view.exitCode() == 0, vout.constData());
    QImage img(png);
    QVERIFY2(!img.isNull() && img.width() >= 1000, vout.constData());
    // A foreign file: refused with the reason, exit code 1 with --screenshot.
    view.start(SLUICE_CONSOLE_BIN, {"--replay", tokenFile(), "--screenshot",
                                    m_dir.filePath("x.png"), "--after", "0.5"});
    QVERIFY(view.waitForFinished(60'000));
    const QByteArray bad = view.readAll();
    QVERIFY2(bad.contains("not a Sluice recording"), bad.constData());
}

QTEST_MAIN(TestLive)
#include "tst_live.moc"
