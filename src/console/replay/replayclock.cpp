// The replay clock (see replayclock.h).
#include "console/replay/replayclock.h"

#include <cmath>

namespace sluice::console::replay {

ReplayClock::ReplayClock(Now now) : m_now(std::move(now)) {}

qint64 ReplayClock::clamp(qint64 t) const {
    return qBound(m_start, t, qMax(m_start, m_end));
}

void ReplayClock::setRange(qint64 startMs, qint64 endMs) {
    const qint64 pos = position();
    m_start = startMs;
    m_end = qMax(startMs, endMs);
    m_anchorMedia = clamp(pos);
    m_anchorWall = m_now();
}

qint64 ReplayClock::position() const {
    if (!m_playing) return clamp(m_anchorMedia);
    const double advanced = double(m_now() - m_anchorWall) * m_speed;
    return clamp(m_anchorMedia + qint64(std::llround(advanced)));
}

void ReplayClock::play() {
    if (m_playing) return;
    m_anchorMedia = position();
    m_anchorWall = m_now();
    m_playing = true;
}

void ReplayClock::pause() {
    if (!m_playing) return;
    m_anchorMedia = position();
    m_anchorWall = m_now();
    m_playing = false;
}

void ReplayClock::setSpeed(double speed) {
    if (!std::isfinite(speed)) return;
    m_anchorMedia = position();
    m_anchorWall = m_now();
    m_speed = qBound(kMinSpeed, speed, kMaxSpeed);
}

void ReplayClock::seek(qint64 tMs) {
    m_anchorMedia = clamp(tMs);
    m_anchorWall = m_now();
}

} // namespace sluice::console::replay
