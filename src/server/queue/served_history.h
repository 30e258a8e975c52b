// When each queue position was served: an append-only list of (time, serving) points kept in
// fixed chunks so that one writer can append while many readers binary-search without a lock.
// It makes admission tokens deterministic: a position's token is issued at the time its
// position was served, so asking again returns byte-for-byte the same token.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace sluice::queue {

class ServedHistory {
public:
    static constexpr std::size_t kChunk = 4096;
    static constexpr std::size_t kMaxChunks = 4096; // 16.7M ticks: > 19 days at 10 Hz

    ServedHistory() : m_chunks(kMaxChunks) {}
    // Single writer. Points must increase in both time and serving.
    void append(int64_t timeMs, uint64_t serving) {
        std::size_t n = m_size.load(std::memory_order_relaxed);
        if (n >= kChunk * kMaxChunks) return;
        if (n > 0) {
            auto last = at(n - 1);
            if (serving <= last.serving) return;
            if (timeMs < last.timeMs) timeMs = last.timeMs;
        }
        auto& chunk = m_chunks[n / kChunk];
        if (!chunk) chunk = std::make_unique<std::array<Point, kChunk>>();
        (*chunk)[n % kChunk] = {timeMs, serving};
        m_size.store(n + 1, std::memory_order_release);
    }
    // Time at which `position` (1-based) was first served; nullopt if not served yet.
    std::optional<int64_t> servedAt(uint64_t position) const {
        std::size_t n = m_size.load(std::memory_order_acquire);
        std::size_t lo = 0, hi = n;
        while (lo < hi) {
            std::size_t mid = (lo + hi) / 2;
            if (at(mid).serving >= position)
                hi = mid;
            else
                lo = mid + 1;
        }
        if (lo == n) return std::nullopt;
        return at(lo).timeMs;
    }
    std::size_t size() const { return m_size.load(std::memory_order_acquire); }
    uint64_t lastServing() const {
        std::size_t n = size();
        return n ? at(n - 1).serving : 0;
    }

private:
    struct Point {
        int64_t timeMs;
        uint64_t serving;
    };
    Point at(std::size_t i) const { return (*m_chunks[i / kChunk])[i % kChunk]; }
    std::vector<std::unique_ptr<std::array<Point, kChunk>>> m_chunks;
    std::atomic<std::size_t> m_size{0};
};

} // namespace sluice::queue
