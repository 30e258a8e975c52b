// Reconnect delays (see backoff.h).
#include "console/transport/backoff.h"

#include <cmath>

namespace sluice::console {

Backoff::Backoff(int initialMs, int maxMs, double factor, double jitter, quint32 seed)
    : m_initialMs(qMax(1, initialMs)), m_maxMs(qMax(initialMs, maxMs)), m_factor(qMax(1.0, factor)),
      m_jitter(qBound(0.0, jitter, 1.0)), m_random(seed) {}

int Backoff::nominalDelayMs(int attempt) const {
    const double d = m_initialMs * std::pow(m_factor, qMin(attempt, 60));
    return d >= m_maxMs ? m_maxMs : int(d);
}

int Backoff::nextDelayMs() {
    const int nominal = nominalDelayMs(m_attempt);
    ++m_attempt;
    const double lowFraction = 1.0 - m_jitter;
    const double f = lowFraction + m_random.generateDouble() * m_jitter;
    return qMax(1, int(std::lround(nominal * f)));
}

} // namespace sluice::console
