// Admission control for one cohort, as pure arithmetic: the caller passes the clock. Each tick
// moves `serving` forward by rate x elapsed, never past `issued`, never while paused, never
// letting admitted-but-unfinished sessions exceed max_active, never beyond the doses left.
#pragma once
#include <cstdint>
#include <optional>

namespace sluice::queue {

struct AdmissionInputs {
    int64_t nowMs = 0;
    uint64_t issued = 0; // positions that exist (1..issued)
    int64_t active = 0;  // admitted sessions not yet finished
    double ratePerS = 0; // current admission rate
    int64_t maxActive = 0;
    bool paused = false;
    std::optional<int64_t> stockLeft; // doses still reachable; nullopt = unknown/unlimited
};

class AdmissionController {
public:
    explicit AdmissionController(uint64_t serving = 0) : m_serving(serving) {}
    // Returns the new `serving`; monotonic.
    uint64_t tick(const AdmissionInputs& in);
    uint64_t serving() const { return m_serving; }
    // Recovery: serving restored from storage, clock restarted.
    void reset(uint64_t serving, int64_t nowMs);

private:
    uint64_t m_serving = 0;
    double m_credit = 0; // fractional admissions carried between ticks
    std::optional<int64_t> m_lastMs;
};

// Automatic mode: additive increase, multiplicative decrease of the admission rate from the
// booking zone's health, bounded by the operator's ceiling.
struct AimdParams {
    double latencyTargetMs = 500;  // p99 of booking requests
    double errorRateTarget = 0.02; // share of 5xx/timeouts in booking
    double decreaseFactor = 0.7;
    double increaseShare = 0.05; // of the ceiling per adjustment
    double floorShare = 0.05;    // never below this share of the ceiling
};

class AimdController {
public:
    explicit AimdController(AimdParams p = {}) : m_params(p) {}
    // Returns the next rate given the current rate and the latest health figures.
    double adjust(double currentRate, double ceiling, double latencyP99Ms, double errorRate) const;

private:
    AimdParams m_params;
};

} // namespace sluice::queue
