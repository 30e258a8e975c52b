// Fixed-capacity ring buffer: the console's per-metric history. Bounded by construction, so a
// console left running for days never grows (PlotJuggler's unbounded buffers did).
#pragma once
#include <QtGlobal>

#include <vector>

namespace sluice::console {

template <typename T> class RingBuffer {
public:
    explicit RingBuffer(qsizetype capacity = 1024)
        : m_data(static_cast<size_t>(qMax<qsizetype>(1, capacity))) {}

    qsizetype capacity() const { return static_cast<qsizetype>(m_data.size()); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    bool isFull() const { return m_size == capacity(); }

    // Appends, overwriting the oldest element when full.
    void push(const T& value) {
        m_data[static_cast<size_t>(m_head)] = value;
        m_head = (m_head + 1) % capacity();
        if (m_size < capacity()) ++m_size;
    }
    // i = 0 is the oldest element, size() - 1 the newest.
    const T& at(qsizetype i) const {
        Q_ASSERT(i >= 0 && i < m_size);
        const qsizetype start = (m_head - m_size + capacity()) % capacity();
        return m_data[static_cast<size_t>((start + i) % capacity())];
    }
    T& last() {
        Q_ASSERT(m_size > 0);
        return m_data[static_cast<size_t>((m_head - 1 + capacity()) % capacity())];
    }
    const T& last() const { return at(m_size - 1); }
    const T& first() const { return at(0); }
    void clear() {
        m_size = 0;
        m_head = 0;
    }

    // First index whose element is not less than `key` under `less(element, key)`; elements must
    // be sorted (time series are).
    template <typename K, typename Less> qsizetype lowerBound(const K& key, Less less) const {
        qsizetype lo = 0, hi = m_size;
        while (lo < hi) {
            const qsizetype mid = lo + (hi - lo) / 2;
            if (less(at(mid), key))
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

private:
    std::vector<T> m_data;
    qsizetype m_head = 0; // next write position
    qsizetype m_size = 0;
};

} // namespace sluice::console
