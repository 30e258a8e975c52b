// Fairness measures of the report, pure functions over what the surge observed.
//
// FIFO inversions (post-opening arrivals): a pair (a, b) is out of order when a's join was
// answered before b's join was sent (a arrived strictly before b: no overlap in flight, so
// the server had to see a first) and yet a holds the later queue position. Pairs whose joins
// overlapped in flight have no defined order and are not counted. O(n log n): a sweep over
// send times with a Fenwick tree over position ranks.
//
// Pre-queue rank correlation: Spearman's rho between arrival order (join send time) and the
// assigned position. The pre-queue is shuffled at the opening, so it should be near 0.
#pragma once
#include <cstdint>
#include <vector>

namespace sluice::surge {

struct JoinObservation {
    int64_t sentNs = 0;     // when the join was sent (scheduled)
    int64_t answeredNs = 0; // when its answer arrived
    uint64_t position = 0;  // the queue position the ticket turned out to hold
};

// Pairs (a, b) with a.answeredNs < b.sentNs and a.position > b.position.
uint64_t countFifoInversions(std::vector<JoinObservation> joins);
// Plain inversion count of a sequence (pairs i < j with v[i] > v[j]), by merge sort.
uint64_t countInversions(std::vector<uint64_t> values);
// Spearman's rho of x and y (average ranks for ties); 0 when fewer than 3 points or a constant.
double spearmanRho(const std::vector<double>& x, const std::vector<double>& y);

} // namespace sluice::surge
