// The replay clock, pure, with an injected wall clock: speed changes re-anchor without a jump,
// pause and resume keep the position, seeking clamps to the range, the end is reported.
#include "console/replay/replayclock.h"
#include "console/replay/timeinput.h"

#include <QDateTime>

#include <QtTest>

using sluice::console::replay::ReplayClock;

class TestClock : public QObject {
    Q_OBJECT
    qint64 m_wall = 1'000'000;
    ReplayClock make() {
        return ReplayClock([this] { return m_wall; });
    }

private slots:
    void init() { m_wall = 1'000'000; }

    void pausedClockDoesNotMove() {
        ReplayClock c = make();
        c.setRange(10'000, 70'000);
        QCOMPARE(c.position(), 10'000);
        m_wall += 5000;
        QCOMPARE(c.position(), 10'000);
        QVERIFY(!c.isPlaying());
    }

    void playsAtSpeed() {
        ReplayClock c = make();
        c.setRange(0, 1'000'000);
        c.play();
        m_wall += 1000;
        QCOMPARE(c.position(), 1000);
        c.setSpeed(10);
        m_wall += 1000;
        QCOMPARE(c.position(), 11'000);
    }

    void speedChangeReanchorsWithoutJump() {
        ReplayClock c = make();
        c.setRange(0, 10'000'000);
        c.play();
        c.setSpeed(4);
        m_wall += 2500;
        const qint64 before = c.position();
        QCOMPARE(before, 10'000);
        // At the instant of each change the position is unchanged, whatever the new speed.
        for (double s : {60.0, 0.5, 2.0, 1.0, 30.0}) {
            const qint64 at = c.position();
            c.setSpeed(s);
            QCOMPARE(c.position(), at);
            m_wall += 100;
            QCOMPARE(c.position(), at + qint64(std::llround(100 * s)));
        }
    }

    void speedIsClamped() {
        ReplayClock c = make();
        c.setSpeed(1000);
        QCOMPARE(c.speed(), ReplayClock::kMaxSpeed);
        c.setSpeed(0.01);
        QCOMPARE(c.speed(), ReplayClock::kMinSpeed);
        c.setSpeed(std::numeric_limits<double>::quiet_NaN());
        QCOMPARE(c.speed(), ReplayClock::kMinSpeed);
    }

    void pauseAndResume() {
        ReplayClock c = make();
        c.setRange(0, 1'000'000);
        c.setSpeed(2);
        c.play();
        m_wall += 1000;
        c.pause();
        QCOMPARE(c.position(), 2000);
        m_wall += 60'000; // time passes while paused
        QCOMPARE(c.position(), 2000);
        c.play();
        QCOMPARE(c.position(), 2000);
        m_wall += 500;
        QCOMPARE(c.position(), 3000);
        c.play(); // playing twice changes nothing
        QCOMPARE(c.position(), 3000);
    }

    void seekClampsAndKeepsPlaying() {
        ReplayClock c = make();
        c.setRange(1000, 5000);
        c.seek(-5);
        QCOMPARE(c.position(), 1000);
        c.seek(99'999);
        QCOMPARE(c.position(), 5000);
        c.seek(2000);
        c.play();
        m_wall += 1000;
        QCOMPARE(c.position(), 3000);
        c.seek(1500);
        QCOMPARE(c.position(), 1500);
        m_wall += 100;
        QCOMPARE(c.position(), 1600);
    }

    void typedTimes() {
        using sluice::console::replay::parseTimeInput;
        const qint64 start = QDateTime(QDate(2021, 7, 19), QTime(19, 58, 10)).toMSecsSinceEpoch();
        const qint64 end = start + 3 * 3600'000;
        QCOMPARE(*parseTimeInput("+90s", start, end), start + 90'000);
        QCOMPARE(*parseTimeInput("+12:30", start, end), start + 750'000);
        QCOMPARE(*parseTimeInput("+1:02:03", start, end), start + 3723'000);
        QCOMPARE(*parseTimeInput("20:15", start, end),
                 QDateTime(QDate(2021, 7, 19), QTime(20, 15)).toMSecsSinceEpoch());
        QCOMPARE(*parseTimeInput("20:15:30", start, end),
                 QDateTime(QDate(2021, 7, 19), QTime(20, 15, 30)).toMSecsSinceEpoch());
        // Before the start on the clock: the next day (a recording across midnight).
        QCOMPARE(*parseTimeInput("00:30", start, end),
                 QDateTime(QDate(2021, 7, 20), QTime(0, 30)).toMSecsSinceEpoch());
        QCOMPARE(*parseTimeInput("2021-07-19 21:00", start, end),
                 QDateTime(QDate(2021, 7, 19), QTime(21, 0)).toMSecsSinceEpoch());
        QCOMPARE(*parseTimeInput("2021-07-19T11:00:00.000Z", start, end), qint64(1626692400000));
        for (const char* bad : {"", "soon", "+", "+-1:00", "25:99", "+a:b"})
            QVERIFY2(!parseTimeInput(bad, start, end), bad);
    }

    void endOfFile() {
        ReplayClock c = make();
        c.setRange(0, 10'000);
        c.setSpeed(60);
        c.play();
        m_wall += 100;
        QVERIFY(!c.atEnd());
        m_wall += 1000; // 60 s of recording later: past the end
        QCOMPARE(c.position(), 10'000);
        QVERIFY(c.atEnd());
        c.pause();
        QCOMPARE(c.position(), 10'000);
        c.seek(0);
        QVERIFY(!c.atEnd());
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
