// The replay clock: maps wall time onto recording time. Pure logic with the wall clock injected
// (a function returning monotonic milliseconds), tested without timers. Playing at speed s, the
// recording time advances s ms per wall ms from an anchor; every change of speed, pause, resume
// or seek re-anchors at the current position, so the playhead never jumps. The position is
// clamped to the recording's range; at the end the clock reports atEnd().
#pragma once
#include <QtGlobal>

#include <functional>

namespace sluice::console::replay {

class ReplayClock {
public:
    using Now = std::function<qint64()>;
    static constexpr double kMinSpeed = 0.5;
    static constexpr double kMaxSpeed = 60.0;

    explicit ReplayClock(Now now);

    // The recording's time range; the position is clamped into it.
    void setRange(qint64 startMs, qint64 endMs);
    qint64 startMs() const { return m_start; }
    qint64 endMs() const { return m_end; }

    qint64 position() const;
    bool isPlaying() const { return m_playing; }
    bool atEnd() const { return position() >= m_end; }
    double speed() const { return m_speed; }

    void play();
    void pause();
    // Clamped to [kMinSpeed, kMaxSpeed]; re-anchors so the position does not jump.
    void setSpeed(double speed);
    void seek(qint64 tMs);

private:
    qint64 clamp(qint64 t) const;

    Now m_now;
    qint64 m_start = 0, m_end = 0;
    qint64 m_anchorMedia = 0; // recording time at the anchor
    qint64 m_anchorWall = 0;  // wall time at the anchor
    double m_speed = 1.0;
    bool m_playing = false;
};

} // namespace sluice::console::replay
