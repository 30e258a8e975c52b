// Admission arithmetic. Credit is kept as a double so low rates (0.5/s) still admit people
// over several ticks; credit that could not be used (capped by issued, max_active or stock)
// is dropped, so an idle cohort cannot bank a burst.
#include "server/queue/admission_controller.h"

#include <algorithm>
#include <cmath>

namespace sluice::queue {

void AdmissionController::reset(uint64_t serving, int64_t nowMs) {
    m_serving = std::max(m_serving, serving);
    m_credit = 0;
    m_lastMs = nowMs;
}

uint64_t AdmissionController::tick(const AdmissionInputs& in) {
    const int64_t elapsed = m_lastMs ? std::max<int64_t>(0, in.nowMs - *m_lastMs) : 0;
    m_lastMs = in.nowMs;
    if (in.paused || in.ratePerS <= 0) {
        m_credit = 0;
        return m_serving;
    }
    m_credit += in.ratePerS * double(elapsed) / 1000.0;
    double whole = std::floor(m_credit);
    uint64_t room = in.issued > m_serving ? in.issued - m_serving : 0;
    int64_t activeRoom = std::max<int64_t>(0, in.maxActive - in.active);
    uint64_t allowed = std::min<uint64_t>(room, static_cast<uint64_t>(activeRoom));
    if (in.stockLeft) {
        int64_t stockRoom = std::max<int64_t>(0, *in.stockLeft - in.active);
        allowed = std::min<uint64_t>(allowed, static_cast<uint64_t>(stockRoom));
    }
    uint64_t admit = std::min<uint64_t>(allowed, whole > 0 ? static_cast<uint64_t>(whole) : 0);
    m_serving += admit;
    m_credit -= double(admit);
    if (admit < static_cast<uint64_t>(whole))
        m_credit = m_credit - std::floor(m_credit); // capped: drop the excess
    return m_serving;
}

double AimdController::adjust(double currentRate, double ceiling, double latencyP99Ms,
                              double errorRate) const {
    const double floor = ceiling * m_params.floorShare;
    double next;
    if (latencyP99Ms > m_params.latencyTargetMs || errorRate > m_params.errorRateTarget)
        next = currentRate * m_params.decreaseFactor;
    else
        next = currentRate + ceiling * m_params.increaseShare;
    return std::clamp(next, std::min(floor, ceiling), ceiling);
}

} // namespace sluice::queue
