// Circuit breaker in front of the identity provider: a pure state machine with the clock passed
// in, so tests drive it deterministically. Closed -> Open after N consecutive failures or a
// failure ratio over a sliding window of recent calls; Open answers "reject" at once until
// open_ms has passed; then Half-open lets a limited number of probes through: one success
// closes it, one failure opens it again. Not thread-safe: the owner guards it.
#pragma once
#include <cstdint>
#include <deque>

namespace sluice::booking {

enum class BreakerState { Closed, Open, HalfOpen };
const char* breakerStateName(BreakerState s);

struct BreakerOptions {
    int failureThreshold = 5;  // consecutive failures that open the breaker
    double failureRatio = 0.5; // ... or this share of failures among the last `window` calls
    int window = 20;           // ratio window; the ratio rule needs at least `minCalls`
    int minCalls = 10;
    int64_t openMs = 5'000; // how long it stays open before probing
    int halfOpenProbes = 1; // concurrent probes allowed while half-open
};

class CircuitBreaker {
public:
    explicit CircuitBreaker(BreakerOptions o = {}) : m_o(o) {}

    // Asks to make a call now. False: rejected at once (open, or half-open with the probe
    // budget in use). A true answer must be followed by exactly one onSuccess/onFailure.
    bool allow(int64_t nowMs);
    void onSuccess(int64_t nowMs);
    void onFailure(int64_t nowMs);

    BreakerState state(int64_t nowMs) const; // Open turns into HalfOpen once openMs has passed
    // Milliseconds until a probe will be allowed (0 unless open).
    int64_t retryAfterMs(int64_t nowMs) const;
    uint64_t opens() const { return m_opens; }
    uint64_t rejected() const { return m_rejected; }
    int consecutiveFailures() const { return m_consecutive; }
    const BreakerOptions& options() const { return m_o; }
    void setOptions(const BreakerOptions& o) { m_o = o; }

private:
    void open(int64_t nowMs);
    void record(bool failure);

    BreakerOptions m_o;
    BreakerState m_state = BreakerState::Closed;
    int64_t m_openedAtMs = 0;
    int m_consecutive = 0;
    int m_probesInFlight = 0;
    std::deque<bool> m_recent; // true = failure
    int m_recentFailures = 0;
    uint64_t m_opens = 0;
    uint64_t m_rejected = 0;
};

} // namespace sluice::booking
