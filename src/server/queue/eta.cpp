// Per-second admission rates over a sliding window, and ETAs from their quantiles.
#include "server/queue/eta.h"

#include <algorithm>
#include <vector>

namespace sluice::queue {

void EtaEstimator::sample(int64_t nowMs, uint64_t served) {
    if (!m_points.empty() && nowMs - m_points.back().first < 1000) return;
    if (!m_points.empty()) {
        auto [t0, s0] = m_points.back();
        double secs = double(nowMs - t0) / 1000.0;
        m_current = secs > 0 ? double(served - std::min(served, s0)) / secs : 0;
        m_rates.push_back(m_current);
    }
    m_points.emplace_back(nowMs, served);
    while (m_points.size() > 1 && nowMs - m_points.front().first > m_windowMs)
        m_points.pop_front();
    while (m_rates.size() > static_cast<std::size_t>(m_windowMs / 1000))
        m_rates.pop_front();
    recompute();
}

void EtaEstimator::recompute() {
    if (m_rates.size() < 2) {
        m_p50.reset();
        m_p10.reset();
        return;
    }
    std::vector<double> r(m_rates.begin(), m_rates.end());
    std::sort(r.begin(), r.end());
    m_p50 = r[r.size() / 2];
    m_p10 = r[r.size() / 10];
}

std::optional<double> EtaEstimator::etaP50(uint64_t ahead) const {
    if (ahead == 0) return 0.0;
    if (!m_p50 || *m_p50 <= 0) return std::nullopt;
    return double(ahead) / *m_p50;
}

std::optional<double> EtaEstimator::etaP90(uint64_t ahead) const {
    if (ahead == 0) return 0.0;
    if (!m_p10 || !m_p50 || *m_p50 <= 0) return std::nullopt;
    // A slow tenth of seconds at zero would make P90 infinite; bound it by a quarter of P50's rate.
    double slow = std::max(*m_p10, *m_p50 / 4);
    return double(ahead) / slow;
}

} // namespace sluice::queue
