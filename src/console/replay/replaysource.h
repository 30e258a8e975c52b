// The replay data source: a recording behind the same DataSource interface as the live
// WebSocket, so the session and every view run unchanged (QGroundControl's LogReplayLink).
// Playback: a ReplayClock (play, pause, speed 0.5x..60x, seek) and a timer that, each tick,
// delivers every row received up to the playhead in one batch; the views refresh on their own
// coalesced timers, so a fast replay never floods them. A seek emits historyReset() and
// rebuilds the state from the nearest keyframe (plus some history for the charts); a short
// seek forward just plays on. The recorded connection state is the source's state (gaps show as
// such). Never accepts commands.
#pragma once
#include "console/replay/recordingreader.h"
#include "console/replay/replayclock.h"
#include "console/transport/datasource.h"

#include <QTimer>

namespace sluice::console::replay {

class ReplaySource : public DataSource {
    Q_OBJECT
public:
    explicit ReplaySource(const QString& path, QObject* parent = nullptr);
    ~ReplaySource() override;

    // Tests inject the wall clock (monotonic ms); the default is a QElapsedTimer.
    void setWallClock(ReplayClock::Now now);

    void open() override;
    void close() override;
    State state() const override { return m_state; }
    QString description() const override;
    bool isLive() const override { return false; }
    bool acceptsCommands() const override { return false; }
    // The recorded time: of the row being delivered, else the playhead.
    qint64 currentTimeMs() const override { return m_delivering > 0 ? m_delivering : m_position; }

    bool isOpen() const { return m_reader.isOpen(); }
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }
    RecordingReader& reader() { return m_reader; }

    qint64 startMs() const { return m_clock.startMs(); }
    qint64 endMs() const { return m_clock.endMs(); }
    // The playhead: the recording time shown now (every row received at or before it applied).
    qint64 position() const { return m_position; }
    bool isPlaying() const { return m_clock.isPlaying(); }
    double speed() const { return m_clock.speed(); }
    const QList<Marker>& markers() const { return m_reader.markers(); }
    // Markers grouped into moments: what one operator action leaves (the command sent, its
    // answer, the server's events about it) lies within a couple of seconds and is one step.
    struct Step {
        qint64 firstMs = 0, lastMs = 0;
        Marker::Category category = Marker::Category::Action;
        QStringList texts;
    };
    const QList<Step>& steps();
    static constexpr qint64 kStepGapMs = 2000;

    // History before the playhead rebuilt after a seek, so the charts show the window around
    // it. Deferred (default): the seek itself rebuilds only the state (fast), and once seeking
    // has stopped for a moment the same instant is rebuilt again with this much history.
    void setPrimeMs(qint64 ms) { m_primeMs = qMax<qint64>(0, ms); }
    qint64 primeMs() const { return m_primeMs; }
    void setDeferredPrime(bool deferred) { m_deferPrime = deferred; }
    void setTickIntervalMs(int ms) { m_timer.setInterval(qMax(5, ms)); }
    // Number of full rebuilds so far (tests: a short seek forward plays on instead).
    int rebuildCount() const { return m_rebuilds; }

public slots:
    void play();
    void pause();
    void togglePlay();
    void setSpeed(double speed);
    void seek(qint64 tMs);
    bool stepToNextMarker();
    bool stepToPreviousMarker();
    // One playback step: delivers the rows up to the clock's position (the timer calls it).
    void advance();

signals:
    void positionChanged(qint64 ms);
    void playingChanged(bool playing);
    void finished();

protected:
    bool sendCommandFrame(const QString&, const QString&, const QJsonObject&) override {
        return false;
    }

private:
    void setState(State s);
    void applyLink(const QJsonObject& link);
    void deliverUpTo(qint64 frameId);
    void rebuildAt(qint64 tMs, qint64 primeMs);
    void setPosition(qint64 ms);
    void catchUp(); // delivers the rows up to the clock's position
    qint64 firstSnapshotMs();

    QString m_path, m_error;
    RecordingReader m_reader;
    ReplayClock m_clock;
    QTimer m_timer;
    State m_state = State::Disconnected;
    qint64 m_cursor = 0; // id of the last row delivered
    qint64 m_position = 0;
    qint64 m_primeMs = 2 * 60'000;
    bool m_deferPrime = true;
    QTimer m_primeTimer;
    int m_rebuilds = 0;
    qint64 m_forwardLimit = 600; // rows: beyond this a seek forward rebuilds from a keyframe
    qint64 m_delivering = 0;     // recv time of the row being delivered
    QList<Step> m_steps;
    bool m_stepsBuilt = false;
};

} // namespace sluice::console::replay
