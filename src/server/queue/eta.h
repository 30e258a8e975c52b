// Waiting-time estimates from the measured admission rate (not the configured one): the rate
// per second over the last minute, its median gives P50 and its 10th percentile gives P90.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>

namespace sluice::queue {

class EtaEstimator {
public:
    explicit EtaEstimator(int64_t windowMs = 60'000) : m_windowMs(windowMs) {}
    // Feed the cumulative number served at a time; call at least once a second.
    void sample(int64_t nowMs, uint64_t served);
    // Admissions per second: median and low (10th percentile) over the window; nullopt
    // until at least two seconds have been measured.
    std::optional<double> rateP50() const { return m_p50; }
    std::optional<double> rateP10() const { return m_p10; }
    // Seconds until `ahead` people are admitted; nullopt when no rate is measured yet.
    std::optional<double> etaP50(uint64_t ahead) const;
    std::optional<double> etaP90(uint64_t ahead) const;
    double currentRate() const { return m_current; } // over the last full second

private:
    void recompute();
    int64_t m_windowMs;
    std::deque<std::pair<int64_t, uint64_t>> m_points; // (second boundary ms, served)
    std::deque<double> m_rates;                        // per-second rates in the window
    std::optional<double> m_p50, m_p10;
    double m_current = 0;
};

} // namespace sluice::queue
