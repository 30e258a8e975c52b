// Log-bucketed latency histogram: bucket arithmetic and quantiles.
#include "surge/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace sluice::surge {

int LatencyHistogram::bucketOf(int64_t us) {
    if (us < kSub) return us < 0 ? 0 : static_cast<int>(us); // exact below 64 us
    const auto v = static_cast<uint64_t>(us);
    const int exp = 63 - std::countl_zero(v); // floor(log2 v) >= kSubBits
    const int shift = exp - kSubBits;
    const int sub = static_cast<int>((v >> shift) & (kSub - 1));
    const int index = (exp - kSubBits + 1) * kSub + sub;
    return std::min(index, kBuckets - 1);
}

int64_t LatencyHistogram::upperEdge(int bucket) {
    if (bucket < kSub) return bucket;
    const int group = bucket / kSub; // >= 1
    const int sub = bucket % kSub;
    const int exp = group + kSubBits - 1;
    const int shift = exp - kSubBits;
    const uint64_t base = (uint64_t{1} << exp) + (static_cast<uint64_t>(sub) << shift);
    return static_cast<int64_t>(base + ((uint64_t{1} << shift) - 1));
}

void LatencyHistogram::record(int64_t us) {
    ++m_counts[static_cast<std::size_t>(bucketOf(us))];
    ++m_count;
    m_max = std::max(m_max, us);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (int i = 0; i < kBuckets; ++i)
        m_counts[static_cast<std::size_t>(i)] += other.m_counts[static_cast<std::size_t>(i)];
    m_count += other.m_count;
    m_max = std::max(m_max, other.m_max);
}

int64_t LatencyHistogram::quantile(double q) const {
    if (m_count == 0) return 0;
    q = std::clamp(q, 0.0, 1.0);
    auto rank = static_cast<uint64_t>(std::ceil(q * static_cast<double>(m_count)));
    rank = std::clamp<uint64_t>(rank, 1, m_count);
    uint64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
        seen += m_counts[static_cast<std::size_t>(i)];
        if (seen >= rank) return std::min(upperEdge(i), m_max);
    }
    return m_max;
}

} // namespace sluice::surge
