// Reconnect delays: exponential backoff with full jitter, capped. Pure logic with the random
// source injected so tests are deterministic; thousands of consoles reconnecting after a server
// restart spread out instead of arriving together.
#pragma once
#include <QRandomGenerator>

namespace sluice::console {

class Backoff {
public:
    Backoff(int initialMs = 500, int maxMs = 30'000, double factor = 2.0, double jitter = 0.5,
            quint32 seed = QRandomGenerator::global()->generate());

    // Delay before the next attempt, then advances the attempt counter. The nominal delay is
    // initial * factor^attempt capped at max; the result lies in [nominal * (1 - jitter), nominal].
    int nextDelayMs();
    // The nominal (un-jittered) delay for an attempt number.
    int nominalDelayMs(int attempt) const;
    int attempts() const { return m_attempt; }
    void reset() { m_attempt = 0; }

private:
    int m_initialMs, m_maxMs;
    double m_factor, m_jitter;
    int m_attempt = 0;
    QRandomGenerator m_random;
};

} // namespace sluice::console
