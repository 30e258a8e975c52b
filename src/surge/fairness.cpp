// Fairness measures: FIFO inversion count under the happens-before order of joins, plain
// inversion count, Spearman rank correlation.
#include "surge/fairness.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sluice::surge {

namespace {

class Fenwick {
public:
    explicit Fenwick(std::size_t n) : m_tree(n + 1, 0) {}
    void add(std::size_t i) { // 0-based
        for (++i; i < m_tree.size(); i += i & (~i + 1))
            ++m_tree[i];
    }
    uint64_t prefix(std::size_t i) const { // count of indices < i
        uint64_t s = 0;
        for (; i > 0; i -= i & (~i + 1))
            s += m_tree[i];
        return s;
    }

private:
    std::vector<uint64_t> m_tree;
};

uint64_t mergeCount(std::vector<uint64_t>& v, std::vector<uint64_t>& tmp, std::size_t lo,
                    std::size_t hi) {
    if (hi - lo < 2) return 0;
    const std::size_t mid = lo + (hi - lo) / 2;
    uint64_t n = mergeCount(v, tmp, lo, mid) + mergeCount(v, tmp, mid, hi);
    std::size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (v[j] < v[i]) {
            n += mid - i;
            tmp[k++] = v[j++];
        } else {
            tmp[k++] = v[i++];
        }
    }
    while (i < mid)
        tmp[k++] = v[i++];
    while (j < hi)
        tmp[k++] = v[j++];
    std::copy(tmp.begin() + static_cast<std::ptrdiff_t>(lo),
              tmp.begin() + static_cast<std::ptrdiff_t>(hi),
              v.begin() + static_cast<std::ptrdiff_t>(lo));
    return n;
}

std::vector<double> ranks(const std::vector<double>& v) {
    std::vector<std::size_t> idx(v.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < idx.size();) {
        std::size_t j = i;
        while (j + 1 < idx.size() && v[idx[j + 1]] == v[idx[i]])
            ++j;
        const double avg = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (std::size_t k = i; k <= j; ++k)
            r[idx[k]] = avg;
        i = j + 1;
    }
    return r;
}

} // namespace

uint64_t countFifoInversions(std::vector<JoinObservation> joins) {
    const std::size_t n = joins.size();
    if (n < 2) return 0;
    // Position ranks (positions are unique per ticket; ties would simply not count).
    std::vector<uint64_t> positions(n);
    for (std::size_t i = 0; i < n; ++i)
        positions[i] = joins[i].position;
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    auto rankOf = [&](uint64_t p) {
        return static_cast<std::size_t>(std::lower_bound(positions.begin(), positions.end(), p) -
                                        positions.begin());
    };
    std::vector<std::size_t> bySent(n), byAnswered(n);
    std::iota(bySent.begin(), bySent.end(), 0);
    std::iota(byAnswered.begin(), byAnswered.end(), 0);
    std::sort(bySent.begin(), bySent.end(),
              [&](std::size_t a, std::size_t b) { return joins[a].sentNs < joins[b].sentNs; });
    std::sort(byAnswered.begin(), byAnswered.end(), [&](std::size_t a, std::size_t b) {
        return joins[a].answeredNs < joins[b].answeredNs;
    });
    Fenwick tree(positions.size());
    uint64_t inserted = 0, inversions = 0;
    std::size_t next = 0;
    for (std::size_t b : bySent) {
        while (next < n && joins[byAnswered[next]].answeredNs < joins[b].sentNs) {
            tree.add(rankOf(joins[byAnswered[next]].position));
            ++inserted;
            ++next;
        }
        // Completed earlier arrivals holding a later position than b.
        inversions += inserted - tree.prefix(rankOf(joins[b].position) + 1);
    }
    return inversions;
}

uint64_t countInversions(std::vector<uint64_t> values) {
    std::vector<uint64_t> tmp(values.size());
    return mergeCount(values, tmp, 0, values.size());
}

double spearmanRho(const std::vector<double>& x, const std::vector<double>& y) {
    const std::size_t n = std::min(x.size(), y.size());
    if (n < 3) return 0.0;
    std::vector<double> xs(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<double> ys(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n));
    const auto rx = ranks(xs), ry = ranks(ys);
    const double mean = (static_cast<double>(n) + 1.0) / 2.0;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = rx[i] - mean, dy = ry[i] - mean;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx <= 0 || syy <= 0) return 0.0;
    return sxy / std::sqrt(sxx * syy);
}

} // namespace sluice::surge
