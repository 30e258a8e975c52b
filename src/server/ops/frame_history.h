// The bounded in-memory history of broadcast frames (tick, event) by seq, from which a
// reconnecting console is resent what it missed. Pure logic, no I/O; used on one thread.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sluice::ops {

// A frame serialised once and shared by every connection that sends it.
using FramePtr = std::shared_ptr<const std::string>;

class FrameHistory {
public:
    explicit FrameHistory(std::size_t capacity) : m_capacity(capacity ? capacity : 1) {}

    // Appends the frame with the next seq (lastSeq() + 1) and returns that seq.
    uint64_t push(FramePtr frame);
    uint64_t lastSeq() const { return m_lastSeq; }
    uint64_t firstSeq() const {
        return m_frames.empty() ? m_lastSeq + 1 : m_lastSeq + 1 - m_frames.size();
    }
    std::size_t size() const { return m_frames.size(); }

    // Every frame with seq > since, in order. nullopt when `since` is older than the history
    // (frames were dropped) or newer than the last seq (a sequence from another process).
    std::optional<std::vector<FramePtr>> after(uint64_t since) const;

private:
    std::size_t m_capacity;
    uint64_t m_lastSeq = 0;
    std::deque<FramePtr> m_frames;
};

} // namespace sluice::ops
