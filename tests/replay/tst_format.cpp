// The recording format without a server: keyframes (state -> snapshot frame -> state) lose
// nothing; a synthetic recording reads back with its markers and keyframes; seeking backwards
// and forwards gives the same state as playing through (through the real ConsoleSession); a
// foreign, corrupt or too-new file is refused with a clear message; the threaded recorder
// writes everything and reports an unwritable folder or a full disk without stopping anyone.
#include "statecompare.h"

#include "console/model/consolesession.h"
#include "console/model/frameparser.h"
#include "console/recording/recorder.h"
#include "console/recording/recordingformat.h"
#include "console/recording/retention.h"
#include "console/recording/syntheticrecording.h"
#include "console/replay/recordingreader.h"
#include "console/replay/replaysource.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace sluice::console;
using namespace sluice::console::recording;
using namespace sluice::console::replay;
using sluice::console::testing::describeDifference;

namespace {
QJsonObject fixture(const char* name) {
    QFile f(QStringLiteral(SLUICE_FIXTURES_DIR "/ops/%1").arg(QLatin1String(name)));
    if (!f.open(QIODevice::ReadOnly)) qFatal("fixture %s missing", name);
    return QJsonDocument::fromJson(f.readAll()).object();
}
void applyJson(DashboardState& s, const QJsonObject& o) {
    const ParseResult p = parseFrame(o);
    if (!p.frame) qFatal("fixture does not parse: %s", qPrintable(p.error));
    s.apply(*p.frame);
}
} // namespace

class TestFormat : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_synthetic;
    SyntheticResult m_synth;

private slots:
    void initTestCase();
    void keyframeLosesNothing();
    void syntheticReadsBack();
    void stateAtMatchesPlayThrough();
    void seekBackAndForthEqualsPlayThrough();
    void playbackDeliversInBatchesAndEnds();
    void markersAndSteps();
    void refusesForeignCorruptAndNewer();
    void recorderWritesEverything();
    void recorderUnwritableFolder();
    void recorderFullDisk();
    void retentionKeepsNewestWithinLimits();
};

void TestFormat::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_synthetic = m_dir.filePath("synthetic.sluicerec");
    SyntheticOptions o;
    o.durationMs = 20 * 60'000; // 2,400 ticks
    o.clinics = 300;
    o.keyframeEvery = 200;
    o.eventEvery = 25;
    QElapsedTimer t;
    t.start();
    m_synth = writeSyntheticRecording(m_synthetic, o);
    QVERIFY2(m_synth.ok, qPrintable(m_synth.error));
    qInfo("synthetic recording: %lld rows, %d keyframes, %lld ms", m_synth.frames,
          m_synth.keyframes, t.elapsed());
}

void TestFormat::keyframeLosesNothing() {
    DashboardState live;
    applyJson(live, fixture("hello.json"));
    applyJson(live, fixture("snapshot.json"));
    applyJson(live, fixture("tick.json"));
    QJsonObject notice = fixture("event_notice_posted.json");
    notice["seq"] = 1236;
    QJsonObject data = notice["data"].toObject();
    QJsonObject n = data["notice"].toObject();
    n["id"] = 8; // the snapshot already has notice 7
    data["notice"] = n;
    notice["data"] = data;
    applyJson(live, notice);
    QJsonObject approval = fixture("event_approval_requested.json");
    approval["seq"] = 1237;
    applyJson(live, approval);
    QJsonObject state = fixture("event_cohort_state.json");
    state["seq"] = 1238;
    applyJson(live, state);
    QVERIFY(live.hasSnapshot());
    QCOMPARE(live.notices().size(), 2); // one from the snapshot, one posted
    QCOMPARE(live.approvals().size(), 1);

    const QJsonObject key = snapshotFromState(live);
    // Through the storage encoding too.
    Encoding enc;
    const QByteArray bytes = encodeBody(key, &enc, 16);
    QCOMPARE(enc, Encoding::ZlibJson);
    QJsonObject decoded;
    QVERIFY(decodeBody(bytes, int(enc), &decoded));
    DashboardState rebuilt;
    const ParseResult p = parseFrame(decoded);
    QVERIFY2(p.frame, qPrintable(p.error));
    rebuilt.apply(*p.frame);
    QCOMPARE(describeDifference(live, rebuilt), QString());
    QCOMPARE(rebuilt.identityProvider(), live.identityProvider());
    QCOMPARE(rebuilt.requestRate(), live.requestRate());
    QCOMPARE(rebuilt.consoles(), live.consoles());
    QCOMPARE(rebuilt.serverTimeMs(), live.serverTimeMs());
    QCOMPARE(rebuilt.cohorts().first().state, QStringLiteral("paused"));
    QVERIFY(!decodeBody("garbage", 1, &decoded));
    QVERIFY(!decodeBody("{}", 7, &decoded));
}

void TestFormat::syntheticReadsBack() {
    RecordingReader r;
    QVERIFY2(r.open(m_synthetic), qPrintable(r.errorString()));
    QCOMPARE(r.frameCount(), m_synth.frames);
    QCOMPARE(int(r.keyframes().size()), m_synth.keyframes);
    QVERIFY(m_synth.keyframes >= 10);
    QCOMPARE(r.formatVersion(), kFormatVersion);
    QVERIFY(r.endedCleanly());
    QCOMPARE(r.meta().value("source"), QStringLiteral("synthetic"));
    QCOMPARE(r.meta().value("node_id"), QStringLiteral("synthetic"));
    QCOMPARE(r.meta().value("operator"), QStringLiteral("kim"));
    QCOMPARE(r.startMs(), SyntheticOptions().startMs);
    QVERIFY(r.endMs() >= m_synth.endMs);
    int alerts = 0, actions = 0, links = 0;
    for (const Marker& m : r.markers()) {
        alerts += m.category == Marker::Category::Alert;
        actions += m.category == Marker::Category::Action;
        links += m.category == Marker::Category::Link;
        QVERIFY(!m.text.isEmpty());
    }
    QVERIFY(alerts > 0);
    QVERIFY(actions > 0);
    QVERIFY(links >= 3); // connected, lost, connected again
    const QList<RecordedFrame> first = r.readFrames(0, r.firstId() + 2);
    QCOMPARE(first.size(), 3);
    QCOMPARE(first.at(1).kind, QStringLiteral("hello"));
    QCOMPARE(first.at(2).kind, QStringLiteral("snapshot"));
    QCOMPARE(first.at(2).body.value("clinics").toArray().size(), 300);
}

void TestFormat::stateAtMatchesPlayThrough() {
    // The pure rebuild (keyframe + rows) against applying every row from the start.
    RecordingReader r;
    QVERIFY(r.open(m_synthetic));
    const QList<RecordedFrame> all = r.readFrames(0, r.lastId());
    QCOMPARE(all.size(), r.frameCount());
    std::mt19937 rng(7);
    QList<qint64> instants;
    for (int i = 0; i < 12; ++i)
        instants.append(r.startMs() + qint64(rng() % quint32(r.endMs() - r.startMs())));
    instants.append(r.endMs());
    std::sort(instants.begin(), instants.end());
    DashboardState played;
    int next = 0;
    for (const qint64 t : instants) {
        while (next < all.size() && all[next].recvMs <= t) {
            const ParseResult p = parseFrame(all[next].body);
            if (p.frame) played.apply(*p.frame);
            ++next;
        }
        const DashboardState rebuilt = r.stateAt(t);
        QVERIFY2(describeDifference(played, rebuilt).isEmpty(),
                 qPrintable(
                     QStringLiteral("at %1: %2").arg(t).arg(describeDifference(played, rebuilt))));
    }
}

void TestFormat::seekBackAndForthEqualsPlayThrough() {
    // Play through with the real session at a fixed step, capturing the state; then seek to
    // those instants in a shuffled order (backwards, forwards, short and long jumps).
    qint64 wall = 0;
    ReplaySource play(m_synthetic);
    play.setWallClock([&wall] { return wall; });
    ConsoleSession session;
    session.setSource(&play);
    play.open();
    QVERIFY2(play.isOpen(), qPrintable(play.errorString()));
    QVERIFY(session.state().hasSnapshot());
    play.setSpeed(60);
    play.play();
    QList<QPair<qint64, DashboardState>> captured;
    while (play.isPlaying()) {
        wall += 137; // 8.2 s of recording per step at 60x
        play.advance();
        if (captured.size() < 400) captured.append({play.position(), session.state()});
    }
    QCOMPARE(play.position(), play.endMs());
    QVERIFY(captured.size() > 100);

    ReplaySource seeker(m_synthetic);
    ConsoleSession s2;
    s2.setSource(&seeker);
    seeker.open();
    std::vector<int> order(size_t(captured.size()));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(3));
    order.resize(80);
    // Some short steps forward too (played on, not rebuilt).
    for (int i = 10; i < 20; ++i)
        order.push_back(i);
    for (const int i : order) {
        seeker.seek(captured[i].first);
        QCOMPARE(seeker.position(), captured[i].first);
        const QString diff = describeDifference(captured[i].second, s2.state());
        QVERIFY2(
            diff.isEmpty(),
            qPrintable(
                QStringLiteral("seek to #%1 (%2): %3").arg(i).arg(captured[i].first).arg(diff)));
    }
    QVERIFY(seeker.rebuildCount() < int(order.size())); // short forward steps played on
    QVERIFY(!s2.canAct());
    QVERIFY(!seeker.acceptsCommands());
    QVERIFY(seeker.sendCommand("pause_cohort", {{"cohort", "c0"}}).isEmpty());
}

void TestFormat::playbackDeliversInBatchesAndEnds() {
    qint64 wall = 0;
    ReplaySource src(m_synthetic);
    src.setWallClock([&wall] { return wall; });
    QSignalSpy frames(&src, &DataSource::frameReceived);
    QSignalSpy finished(&src, &ReplaySource::finished);
    QSignalSpy playing(&src, &ReplaySource::playingChanged);
    src.open();
    QVERIFY(src.isOpen());
    QCOMPARE(src.state(), DataSource::State::Connected);
    const int atOpen = int(frames.size());
    QVERIFY(atOpen >= 2); // hello + snapshot
    const qint64 start = src.position();
    src.play();
    wall += 1000; // 1 s at 1x: two ticks
    src.advance();
    QCOMPARE(src.position(), start + 1000);
    const int afterOne = int(frames.size()) - atOpen;
    QVERIFY2(afterOne >= 1 && afterOne <= 3, qPrintable(QString::number(afterOne)));
    src.setSpeed(60);
    QCOMPARE(src.position(), start + 1000); // no jump
    wall += 1000;                           // one minute of recording in one batch
    src.advance();
    QCOMPARE(src.position(), start + 61'000);
    QVERIFY(frames.size() - atOpen >= 115);
    src.pause();
    QCOMPARE(playing.size(), 2);
    wall += 5000;
    src.advance();
    QCOMPARE(src.position(), start + 61'000);
    // The end: the clock stops there and says so once.
    src.seek(src.endMs() - 1000);
    src.play();
    wall += 100;
    src.advance();
    QCOMPARE(src.position(), src.endMs());
    QCOMPARE(finished.size(), 1);
    QVERIFY(!src.isPlaying());
    // Play again at the end starts over.
    src.play();
    QVERIFY(src.position() < src.startMs() + 60'000);
}

void TestFormat::markersAndSteps() {
    ReplaySource src(m_synthetic);
    src.open();
    QVERIFY(!src.markers().isEmpty());
    src.seek(src.startMs());
    QVERIFY(src.stepToNextMarker());
    const qint64 first = src.position();
    bool found = false;
    for (const Marker& m : src.markers())
        found = found || m.recvMs == first;
    QVERIFY(found);
    QVERIFY(src.stepToNextMarker());
    QVERIFY(src.position() > first);
    QVERIFY(src.stepToPreviousMarker());
    QCOMPARE(src.position(), first);
    src.seek(src.endMs());
    while (src.stepToNextMarker()) {
    }
    QVERIFY(src.stepToPreviousMarker());
    QVERIFY(src.position() < src.endMs());
}

void TestFormat::refusesForeignCorruptAndNewer() {
    auto refused = [](const QString& path, RecordingReader::Error expected, const QString& words) {
        RecordingReader r;
        if (r.open(path)) return QStringLiteral("opened %1").arg(path);
        if (r.error() != expected)
            return QStringLiteral("%1: error %2, expected %3: %4")
                .arg(path)
                .arg(int(r.error()))
                .arg(int(expected))
                .arg(r.errorString());
        if (!r.errorString().contains(words) ||
            !r.errorString().contains(QFileInfo(path).fileName()))
            return QStringLiteral("unclear message: %1").arg(r.errorString());
        return QString();
    };
    // A text file.
    const QString text = m_dir.filePath("notes.txt");
    QFile t(text);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write("this is not a recording\n");
    t.close();
    QCOMPARE(refused(text, RecordingReader::Error::NotSqlite, "not a Sluice recording"), QString());
    QCOMPARE(refused(m_dir.filePath("missing.sluicerec"), RecordingReader::Error::NotFound,
                     "does not exist"),
             QString());
    // Another application's SQLite database.
    const QString foreign = m_dir.filePath("other.db");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "foreign");
        db.setDatabaseName(foreign);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)"));
        QVERIFY(q.exec("INSERT INTO customers(name) VALUES ('kim')"));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase("foreign");
    QCOMPARE(refused(foreign, RecordingReader::Error::Foreign, "not a Sluice recording"),
             QString());
    // A meta table of another kind.
    const QString otherMeta = m_dir.filePath("othermeta.db");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "othermeta");
        db.setDatabaseName(otherMeta);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)"));
        QVERIFY(q.exec("INSERT INTO meta VALUES ('format', 'something-else')"));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase("othermeta");
    QCOMPARE(refused(otherMeta, RecordingReader::Error::Foreign, "not a Sluice recording"),
             QString());

    // A recording from a newer console that this one cannot read.
    SyntheticOptions small;
    small.durationMs = 30'000;
    small.clinics = 20;
    const QString newer = m_dir.filePath("newer.sluicerec");
    QVERIFY(writeSyntheticRecording(newer, small).ok);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "newer");
        db.setDatabaseName(newer);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(
            "UPDATE meta SET value = '7' WHERE key IN ('format_version', 'min_reader_version')"));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase("newer");
    QCOMPARE(refused(newer, RecordingReader::Error::TooNew, "newer console"), QString());
    // A newer format that says older readers may read it opens.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "compatible");
        db.setDatabaseName(newer);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("UPDATE meta SET value = '1' WHERE key = 'min_reader_version'"));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase("compatible");
    {
        RecordingReader r;
        QVERIFY2(r.open(newer), qPrintable(r.errorString()));
        QCOMPARE(r.formatVersion(), 7);
    }

    // Corrupt: a damaged database header, and a file cut to a fraction of its pages.
    const QString damagedHeader = m_dir.filePath("damaged-header.sluicerec");
    QVERIFY(QFile::copy(m_synthetic, damagedHeader));
    {
        QFile f(damagedHeader);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(16);
        f.write(QByteArray(84, '\xA5')); // page size, versions, counters: nonsense
        f.close();
    }
    {
        RecordingReader r;
        QVERIFY(!r.open(damagedHeader));
        QVERIFY2(r.errorString().contains("damaged.") || r.errorString().contains("damaged and") ||
                     r.errorString().contains("Cannot open"),
                 qPrintable(r.errorString()));
        QVERIFY(r.errorString().contains("damaged-header.sluicerec"));
    }
    const QString truncated = m_dir.filePath("truncated.sluicerec");
    QVERIFY(QFile::copy(m_synthetic, truncated));
    {
        QFile f(truncated);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 3));
        // And garbage over a stretch of what is left (index and table pages).
        f.seek(4096 * 3);
        std::mt19937 rng(1);
        QByteArray junk(4096 * 40, '\0');
        for (char& c : junk)
            c = char(rng());
        f.write(junk);
        f.close();
    }
    {
        RecordingReader r;
        QVERIFY2(!r.open(truncated), "a truncated, overwritten file opened");
        QVERIFY2(r.error() == RecordingReader::Error::Damaged ||
                     r.error() == RecordingReader::Error::Foreign,
                 qPrintable(r.errorString()));
        QVERIFY(r.errorString().contains("truncated.sluicerec"));
    }
    // The replay source reports it as its status, never a box; it stays disconnected.
    ReplaySource src(text);
    QSignalSpy status(&src, &DataSource::statusMessage);
    src.open();
    QVERIFY(!src.isOpen());
    QCOMPARE(src.state(), DataSource::State::Disconnected);
    QCOMPARE(status.size(), 1);
    QVERIFY(status.first().first().toString().contains("not a Sluice recording"));
}

void TestFormat::recorderWritesEverything() {
    const QString path = m_dir.filePath("recorder/rec1.sluicerec");
    Recorder rec;
    Recorder::Options o;
    o.writer.keyframeEvery = 2;
    o.flushIntervalMs = 20;
    QVERIFY2(rec.start(path, {{"source", "http://example:8080"}}, o),
             qPrintable(rec.errorString()));
    QVERIFY(rec.isRecording());
    const qint64 t = QDateTime::currentMSecsSinceEpoch() + 1000;
    rec.recordLink(DataSource::State::Connected, {}, t);
    rec.recordFrame(fixture("hello.json"), t);
    rec.recordFrame(fixture("snapshot.json"), t + 1);
    rec.recordFrame(fixture("tick.json"), t + 2);
    QJsonObject e = fixture("event_notice_posted.json");
    e["seq"] = 1236;
    rec.recordFrame(e, t + 3);
    QJsonObject alert = fixture("event_alert.json");
    alert["seq"] = 1237;
    rec.recordFrame(alert, t + 4);
    rec.recordFrame(fixture("ack.json"), t + 5);
    rec.recordLink(DataSource::State::Reconnecting, "connection lost", t + 6);
    QTRY_VERIFY(rec.framesWritten() >= 9);
    rec.stop();
    QVERIFY(!rec.hasFailed());

    RecordingReader r;
    QVERIFY2(r.open(path), qPrintable(r.errorString()));
    QVERIFY(r.endedCleanly());
    QCOMPARE(r.meta().value("source"), QStringLiteral("http://example:8080"));
    QCOMPARE(r.meta().value("operator"), QStringLiteral("kim"));
    QCOMPARE(r.meta().value("node_id"), QStringLiteral("node-a1"));
    QCOMPARE(int(r.keyframes().size()), 1); // after the tick and the event
    const QList<RecordedFrame> rows = r.readFrames(0, r.lastId());
    QStringList kinds;
    for (const RecordedFrame& f : rows)
        kinds.append(f.kind);
    QCOMPARE(kinds, QStringList({"note", "link", "hello", "snapshot", "tick", "event", "event",
                                 "ack", "link", "note"}));
    QCOMPARE(rows.at(3).body, fixture("snapshot.json"));
    QCOMPARE(rows.at(3).recvMs, t + 1);
    const DashboardState s = r.stateAt(t + 4);
    QCOMPARE(s.seq(), 1237);
    QCOMPARE(s.notices().size(), 1); // the posted notice 7 is the snapshot's own
    int alerts = 0, links = 0;
    for (const Marker& m : r.markers()) {
        alerts += m.category == Marker::Category::Alert;
        links += m.category == Marker::Category::Link;
    }
    QCOMPARE(alerts, 1);
    QCOMPARE(links, 2);
}

void TestFormat::recorderUnwritableFolder() {
    // A folder that cannot be created: its parent is a file (works as root too).
    const QString blocker = m_dir.filePath("blocker");
    QFile b(blocker);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.close();
    Recorder rec;
    QSignalSpy failed(&rec, &Recorder::failed);
    QVERIFY(!rec.start(blocker + "/sub/rec.sluicerec"));
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.first().first().toString().contains("folder"),
             qPrintable(failed.first().first().toString()));
    QVERIFY(rec.hasFailed());
    rec.recordFrame(fixture("tick.json"), 1); // ignored, no crash
    rec.stop();
}

void TestFormat::recorderFullDisk() {
    // SQLite's max_page_count makes the file "full" after a few pages: the same error a full
    // disk gives (SQLITE_FULL).
    const QString path = m_dir.filePath("full.sluicerec");
    Recorder rec;
    Recorder::Options o;
    o.writer.maxPageCount = 40;
    o.flushIntervalMs = 10;
    QSignalSpy failed(&rec, &Recorder::failed);
    QVERIFY(rec.start(path, {}, o));
    const QJsonObject snapshot = fixture("snapshot.json");
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 2000 && failed.isEmpty(); ++i) {
        QJsonObject s = snapshot;
        s["pad"] = QString(2000, QChar('a' + i % 26)); // incompressible enough to fill pages
        s["seq"] = 2000 + i;
        QByteArray noise(1500, '\0');
        for (int j = 0; j < noise.size(); ++j)
            noise[j] = char((i * 7919 + j * 104729) % 251);
        s["noise"] = QString::fromLatin1(noise.toBase64());
        rec.recordFrame(s, 1626692400000 + i);
        if (i % 50 == 0) QTest::qWait(20);
    }
    // Recording never blocks the caller: 2,000 frames are queued in well under a second.
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10'000);
    QVERIFY2(failed.first().first().toString().contains("full"),
             qPrintable(failed.first().first().toString()));
    QVERIFY(rec.hasFailed());
    QVERIFY(!rec.isRecording());
    rec.recordFrame(snapshot, 1); // ignored
    rec.stop();
    // What was written before the disk filled up still opens.
    RecordingReader r;
    QVERIFY2(r.open(path), qPrintable(r.errorString()));
    QVERIFY(r.frameCount() > 0);
}

void TestFormat::retentionKeepsNewestWithinLimits() {
    const qint64 now = 1'700'000'000'000;
    const qint64 day = 86'400'000;
    QList<RecordingFileInfo> files = {{"a", 100, now - 40 * day},
                                      {"b", 300, now - 2 * day},
                                      {"c", 400, now - day},
                                      {"d", 500, now - 3600'000},
                                      {"current", 50, now - 10}};
    RetentionPolicy p;
    p.maxAgeDays = 30;
    p.maxTotalBytes = 1000;
    const QStringList del = planRetention(files, now, p, "current");
    // "a" is too old; then the oldest until the total fits: b (300) goes, 400+500+50 = 950 stays.
    QCOMPARE(del, QStringList({"a", "b"}));
    p.maxTotalBytes = 10; // even then the current recording is never deleted
    QVERIFY(!planRetention(files, now, p, "current").contains("current"));
    p.maxTotalBytes = 0; // 0 = no size limit
    p.maxAgeDays = 0;    // 0 = no age limit
    QVERIFY(planRetention(files, now, p, "current").isEmpty());
}

QTEST_MAIN(TestFormat)
#include "tst_format.moc"
