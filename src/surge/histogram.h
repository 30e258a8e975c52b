// Log-bucketed latency histogram (HDR-style): 64 linear sub-buckets per power of two, so any
// recorded value is reproduced within about 1.6%. Values are microseconds; fixed memory.
#pragma once
#include <array>
#include <cstdint>

namespace sluice::surge {

class LatencyHistogram {
public:
    static constexpr int kSubBits = 6; // 64 sub-buckets per power of two
    static constexpr int kSub = 1 << kSubBits;
    static constexpr int kMaxExp = 40; // up to 2^40 us (~12 days)
    static constexpr int kBuckets = (kMaxExp + 1) * kSub;

    void record(int64_t us);
    void merge(const LatencyHistogram& other);
    uint64_t count() const { return m_count; }
    int64_t max() const { return m_max; }
    // The value at quantile q in [0,1] (upper edge of its bucket, clamped to the max seen);
    // 0 when empty.
    int64_t quantile(double q) const;

    // Bucket arithmetic, exposed for tests.
    static int bucketOf(int64_t us);
    static int64_t upperEdge(int bucket);

private:
    std::array<uint64_t, kBuckets> m_counts{};
    uint64_t m_count = 0;
    int64_t m_max = 0;
};

} // namespace sluice::surge
