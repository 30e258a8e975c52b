// History of every charted metric (see metricstore.h).
#include "console/model/metricstore.h"

#include <algorithm>

namespace sluice::console {

MetricSeries::MetricSeries() : m_raw(kRawCapacity), m_coarse(kCoarseCapacity) {}

void MetricSeries::add(qint64 tMs, double value) {
    // Out-of-order samples (a server restart with its clock behind) restart the history rather
    // than break the sorted order decimation relies on.
    if (!m_raw.isEmpty() && tMs < m_raw.last().tMs) clear();
    m_raw.push(Sample{tMs, value});
    const qint64 bucket = tMs - tMs % kBucketMs;
    if (m_bucketOpen && bucket != m_bucketStart) closeBucket();
    if (!m_bucketOpen) {
        m_bucketOpen = true;
        m_bucketStart = bucket;
        m_bucketMin = m_bucketMax = Sample{tMs, value};
    } else {
        if (value < m_bucketMin.value) m_bucketMin = Sample{tMs, value};
        if (value > m_bucketMax.value) m_bucketMax = Sample{tMs, value};
    }
    ++m_version;
}

void MetricSeries::closeBucket() {
    const Sample& a = m_bucketMin.tMs <= m_bucketMax.tMs ? m_bucketMin : m_bucketMax;
    const Sample& b = m_bucketMin.tMs <= m_bucketMax.tMs ? m_bucketMax : m_bucketMin;
    m_coarse.push(a);
    if (b.tMs != a.tMs) m_coarse.push(b);
    m_bucketOpen = false;
}

void MetricSeries::clear() {
    m_raw.clear();
    m_coarse.clear();
    m_bucketOpen = false;
    ++m_version;
}

QList<QPointF> MetricSeries::window(qint64 t0Ms, qint64 t1Ms, int pixels) const {
    auto rawAt = [this](qsizetype i) -> const Sample& { return m_raw.at(i); };
    if (m_raw.isEmpty()) return {};
    if (m_raw.first().tMs <= t0Ms || m_coarse.isEmpty())
        return decimateMinMax(0, m_raw.size(), rawAt, t0Ms, t1Ms, pixels);
    auto coarseAt = [this](qsizetype i) -> const Sample& { return m_coarse.at(i); };
    QList<QPointF> out = decimateMinMax(0, m_coarse.size(), coarseAt, t0Ms, t1Ms, pixels);
    const qint64 after = m_coarse.last().tMs;
    const qsizetype from =
        m_raw.lowerBound(after + 1, [](const Sample& s, qint64 t) { return s.tMs < t; });
    // The unfinished bucket: at most 10 s of raw samples, decimated to a few pixels.
    out.append(decimateMinMax(from, m_raw.size(), rawAt, qMax(t0Ms, after + 1), t1Ms,
                              qMax(2, pixels / 100)));
    return out;
}

void MetricStore::add(const QString& key, qint64 tMs, double value) {
    auto it = m_index.find(key);
    if (it == m_index.end()) {
        m_series.push_back(std::make_unique<MetricSeries>());
        it = m_index.insert(key, m_series.back().get());
    }
    (*it)->add(tMs, value);
    m_latestMs = std::max(m_latestMs, tMs);
}

const MetricSeries* MetricStore::series(const QString& key) const {
    return m_index.value(key);
}

QStringList MetricStore::keys(const QString& prefix) const {
    QStringList out;
    for (auto it = m_index.cbegin(); it != m_index.cend(); ++it)
        if (it.key().startsWith(prefix)) out.append(it.key());
    out.sort();
    return out;
}

void MetricStore::clear() {
    m_index.clear();
    m_series.clear();
    m_latestMs = 0;
}

} // namespace sluice::console
