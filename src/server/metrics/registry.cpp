// Prometheus text rendering and histogram arithmetic.
#include "server/metrics/registry.h"

#include <cstdio>
#include <sstream>

namespace sluice::metrics {

void Histogram::observeUs(uint64_t us) {
    std::size_t i = 0;
    while (i < kBoundsUs.size() && us > kBoundsUs[i])
        ++i;
    m_counts[i].fetch_add(1, std::memory_order_relaxed);
    m_count.fetch_add(1, std::memory_order_relaxed);
    m_sumUs.fetch_add(us, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
    Snapshot s;
    for (std::size_t i = 0; i < kBuckets; ++i)
        s.counts[i] = m_counts[i].load(std::memory_order_relaxed);
    s.count = m_count.load(std::memory_order_relaxed);
    s.sumUs = m_sumUs.load(std::memory_order_relaxed);
    return s;
}

Histogram::Snapshot Histogram::Snapshot::operator-(const Snapshot& older) const {
    Snapshot d;
    for (std::size_t i = 0; i < kBuckets; ++i)
        d.counts[i] = counts[i] - older.counts[i];
    d.count = count - older.count;
    d.sumUs = sumUs - older.sumUs;
    return d;
}

double Histogram::Snapshot::quantileMs(double q) const {
    uint64_t total = 0;
    for (auto c : counts)
        total += c;
    if (total == 0) return 0.0;
    const double rank = q * double(total);
    uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
        if (counts[i] == 0) continue;
        if (double(seen + counts[i]) >= rank) {
            double lo = i == 0 ? 0.0 : double(kBoundsUs[i - 1]);
            double hi = i < kBoundsUs.size() ? double(kBoundsUs[i]) : lo * 2;
            double within = (rank - double(seen)) / double(counts[i]);
            return (lo + (hi - lo) * within) / 1000.0;
        }
        seen += counts[i];
    }
    return double(kBoundsUs.back()) / 1000.0;
}

std::size_t Registry::family(const std::string& name, const std::string& help, const char* type) {
    for (std::size_t i = 0; i < m_families.size(); ++i)
        if (m_families[i].name == name) return i;
    m_families.push_back({name, help, type});
    return m_families.size() - 1;
}

Counter& Registry::counter(const std::string& name, const std::string& help,
                           const std::string& labels) {
    std::lock_guard lock(m_mutex);
    std::size_t f = family(name, help, "counter");
    for (auto& c : m_counters)
        if (c.family == f && c.labels == labels) return c.counter;
    auto& e = m_counters.emplace_back();
    e.family = f;
    e.labels = labels;
    return e.counter;
}

Histogram& Registry::histogram(const std::string& name, const std::string& help,
                               const std::string& labels) {
    std::lock_guard lock(m_mutex);
    std::size_t f = family(name, help, "histogram");
    for (auto& h : m_histograms)
        if (h.family == f && h.labels == labels) return h.histogram;
    auto& e = m_histograms.emplace_back();
    e.family = f;
    e.labels = labels;
    return e.histogram;
}

void Registry::gauge(const std::string& name, const std::string& help, const std::string& labels,
                     std::function<double()> read) {
    std::lock_guard lock(m_mutex);
    std::size_t f = family(name, help, "gauge");
    m_gauges.push_back({f, labels, std::move(read)});
}

void Registry::counterFn(const std::string& name, const std::string& help,
                         const std::string& labels, std::function<double()> read) {
    std::lock_guard lock(m_mutex);
    std::size_t f = family(name, help, "counter");
    m_gauges.push_back({f, labels, std::move(read)});
}

std::vector<std::pair<std::string, uint64_t>>
Registry::counterValues(const std::string& name) const {
    std::lock_guard lock(m_mutex);
    std::vector<std::pair<std::string, uint64_t>> out;
    for (auto& c : m_counters)
        if (m_families[c.family].name == name) out.emplace_back(c.labels, c.counter.value());
    return out;
}

const Histogram* Registry::findHistogram(const std::string& name, const std::string& labels) const {
    std::lock_guard lock(m_mutex);
    for (auto& h : m_histograms)
        if (m_families[h.family].name == name && h.labels == labels) return &h.histogram;
    return nullptr;
}

namespace {
std::string withLabels(const std::string& name, const std::string& labels,
                       const std::string& extra = {}) {
    std::string all = labels;
    if (!extra.empty()) all += (all.empty() ? "" : ",") + extra;
    return all.empty() ? name : name + "{" + all + "}";
}
std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}
} // namespace

std::string Registry::renderPrometheus() const {
    std::lock_guard lock(m_mutex);
    std::ostringstream out;
    for (std::size_t f = 0; f < m_families.size(); ++f) {
        const auto& fam = m_families[f];
        out << "# HELP " << fam.name << ' ' << fam.help << "\n# TYPE " << fam.name << ' '
            << fam.type << '\n';
        for (auto& c : m_counters)
            if (c.family == f)
                out << withLabels(fam.name, c.labels) << ' ' << c.counter.value() << '\n';
        for (auto& g : m_gauges)
            if (g.family == f)
                out << withLabels(fam.name, g.labels) << ' ' << num(g.read()) << '\n';
        for (auto& h : m_histograms) {
            if (h.family != f) continue;
            auto s = h.histogram.snapshot();
            uint64_t cumulative = 0;
            for (std::size_t i = 0; i < Histogram::kBuckets; ++i) {
                cumulative += s.counts[i];
                std::string le = i < Histogram::kBoundsUs.size()
                                     ? num(double(Histogram::kBoundsUs[i]) / 1e6)
                                     : "+Inf";
                out << withLabels(fam.name + "_bucket", h.labels, "le=\"" + le + "\"") << ' '
                    << cumulative << '\n';
            }
            out << withLabels(fam.name + "_sum", h.labels) << ' ' << num(double(s.sumUs) / 1e6)
                << '\n';
            out << withLabels(fam.name + "_count", h.labels) << ' ' << s.count << '\n';
        }
    }
    return out.str();
}

} // namespace sluice::metrics
