// Process metrics: counters, gauges and latency histograms, rendered in Prometheus text format
// and read by the ops stream. Registration happens at start-up (takes a lock); updates on the
// hot path are relaxed atomic increments on objects whose addresses never change.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace sluice::metrics {

class Counter {
public:
    void inc(uint64_t n = 1) { m_value.fetch_add(n, std::memory_order_relaxed); }
    uint64_t value() const { return m_value.load(std::memory_order_relaxed); }

private:
    alignas(64) std::atomic<uint64_t> m_value{0};
};

// Latency histogram with fixed bucket bounds in microseconds.
class Histogram {
public:
    static constexpr std::array<uint64_t, 16> kBoundsUs = {
        100,    250,     500,     1'000,   2'500,     5'000,     10'000,    25'000,
        50'000, 100'000, 250'000, 500'000, 1'000'000, 2'500'000, 5'000'000, 10'000'000};
    static constexpr std::size_t kBuckets = kBoundsUs.size() + 1; // last is +Inf

    void observeUs(uint64_t us);
    struct Snapshot {
        std::array<uint64_t, kBuckets> counts{};
        uint64_t count = 0;
        uint64_t sumUs = 0;
        Snapshot operator-(const Snapshot& older) const;
        // Quantile estimate in milliseconds by linear interpolation inside the bucket.
        double quantileMs(double q) const;
    };
    Snapshot snapshot() const;

private:
    std::array<std::atomic<uint64_t>, kBuckets> m_counts{};
    std::atomic<uint64_t> m_count{0};
    std::atomic<uint64_t> m_sumUs{0};
};

class Registry {
public:
    // `labels` is the Prometheus label set without braces, e.g. `route="/v1/x",code="200"`.
    Counter& counter(const std::string& name, const std::string& help,
                     const std::string& labels = {});
    Histogram& histogram(const std::string& name, const std::string& help,
                         const std::string& labels = {});
    void gauge(const std::string& name, const std::string& help, const std::string& labels,
               std::function<double()> read);
    // A counter whose value is read when rendered (e.g. process_cpu_seconds_total).
    void counterFn(const std::string& name, const std::string& help, const std::string& labels,
                   std::function<double()> read);
    std::string renderPrometheus() const;

    // Reads every counter with this name: (labels, value), for the ops stream.
    std::vector<std::pair<std::string, uint64_t>> counterValues(const std::string& name) const;
    const Histogram* findHistogram(const std::string& name, const std::string& labels) const;

private:
    struct Family {
        std::string name, help, type;
    };
    struct CounterEntry {
        std::size_t family;
        std::string labels;
        Counter counter;
    };
    struct HistogramEntry {
        std::size_t family;
        std::string labels;
        Histogram histogram;
    };
    struct GaugeEntry {
        std::size_t family;
        std::string labels;
        std::function<double()> read;
    };
    std::size_t family(const std::string& name, const std::string& help, const char* type);

    mutable std::mutex m_mutex;
    std::vector<Family> m_families;
    std::deque<CounterEntry> m_counters; // deque: stable addresses
    std::deque<HistogramEntry> m_histograms;
    std::deque<GaugeEntry> m_gauges;
};

} // namespace sluice::metrics
