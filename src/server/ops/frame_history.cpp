// Bounded history of broadcast frames (see frame_history.h).
#include "server/ops/frame_history.h"

namespace sluice::ops {

uint64_t FrameHistory::push(FramePtr frame) {
    m_frames.push_back(std::move(frame));
    if (m_frames.size() > m_capacity) m_frames.pop_front();
    return ++m_lastSeq;
}

std::optional<std::vector<FramePtr>> FrameHistory::after(uint64_t since) const {
    if (since > m_lastSeq) return std::nullopt;
    if (since + 1 < firstSeq()) return std::nullopt;
    std::vector<FramePtr> out;
    std::size_t skip = static_cast<std::size_t>(since + 1 - firstSeq());
    out.reserve(m_frames.size() - skip);
    for (std::size_t i = skip; i < m_frames.size(); ++i)
        out.push_back(m_frames[i]);
    return out;
}

} // namespace sluice::ops
