// Circuit breaker state machine (see circuit_breaker.h).
#include "server/booking/circuit_breaker.h"

#include <algorithm>

namespace sluice::booking {

const char* breakerStateName(BreakerState s) {
    switch (s) {
    case BreakerState::Closed:
        return "closed";
    case BreakerState::Open:
        return "open";
    case BreakerState::HalfOpen:
        return "half_open";
    }
    return "closed";
}

BreakerState CircuitBreaker::state(int64_t nowMs) const {
    if (m_state == BreakerState::Open && nowMs - m_openedAtMs >= m_o.openMs)
        return BreakerState::HalfOpen;
    return m_state;
}

int64_t CircuitBreaker::retryAfterMs(int64_t nowMs) const {
    if (state(nowMs) != BreakerState::Open) return 0;
    return std::max<int64_t>(0, m_openedAtMs + m_o.openMs - nowMs);
}

bool CircuitBreaker::allow(int64_t nowMs) {
    BreakerState s = state(nowMs);
    if (s != m_state) { // the open period ran out: start probing
        m_state = s;
        m_probesInFlight = 0;
    }
    switch (m_state) {
    case BreakerState::Closed:
        return true;
    case BreakerState::Open:
        ++m_rejected;
        return false;
    case BreakerState::HalfOpen:
        if (m_probesInFlight >= std::max(1, m_o.halfOpenProbes)) {
            ++m_rejected;
            return false;
        }
        ++m_probesInFlight;
        return true;
    }
    return false;
}

void CircuitBreaker::record(bool failure) {
    m_recent.push_back(failure);
    m_recentFailures += failure ? 1 : 0;
    while (static_cast<int>(m_recent.size()) > std::max(1, m_o.window)) {
        m_recentFailures -= m_recent.front() ? 1 : 0;
        m_recent.pop_front();
    }
}

void CircuitBreaker::open(int64_t nowMs) {
    m_state = BreakerState::Open;
    m_openedAtMs = nowMs;
    m_probesInFlight = 0;
    m_consecutive = 0;
    m_recent.clear();
    m_recentFailures = 0;
    ++m_opens;
}

void CircuitBreaker::onSuccess(int64_t nowMs) {
    (void)nowMs;
    if (m_state == BreakerState::HalfOpen) {
        // The probe got through: the dependency is back. Start with a clean history.
        m_state = BreakerState::Closed;
        m_probesInFlight = 0;
        m_recent.clear();
        m_recentFailures = 0;
    }
    if (m_state == BreakerState::Open)
        return; // a call admitted before the breaker opened; its result is stale
    m_consecutive = 0;
    record(false);
}

void CircuitBreaker::onFailure(int64_t nowMs) {
    if (m_state == BreakerState::HalfOpen) {
        open(nowMs);
        return;
    }
    if (m_state == BreakerState::Open) return;
    ++m_consecutive;
    record(true);
    const int calls = static_cast<int>(m_recent.size());
    const bool ratioTripped = m_o.failureRatio > 0 && calls >= m_o.minCalls &&
                              m_recentFailures >= m_o.failureRatio * calls;
    if ((m_o.failureThreshold > 0 && m_consecutive >= m_o.failureThreshold) || ratioTripped)
        open(nowMs);
}

} // namespace sluice::booking
