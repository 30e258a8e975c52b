// History of every charted metric: per metric a raw ring buffer (the last hour at the fastest
// tick) and a coarse ring buffer of 10 s min/max buckets (the last 24 h). Both are bounded.
// Charts read a window decimated to about two points per pixel; nothing is appended to a chart
// point by point.
#pragma once
#include "console/model/decimation.h"
#include "console/model/ringbuffer.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace sluice::console {

class MetricSeries {
public:
    static constexpr qsizetype kRawCapacity = 16384;            // 1 h at 4 Hz, with room
    static constexpr qint64 kBucketMs = 10'000;                 // coarse bucket width
    static constexpr qsizetype kCoarseCapacity = 2 * 8640 + 32; // 24 h of min/max pairs

    MetricSeries();
    void add(qint64 tMs, double value);
    void clear();

    const RingBuffer<Sample>& raw() const { return m_raw; }
    const RingBuffer<Sample>& coarse() const { return m_coarse; }
    quint64 version() const { return m_version; }
    bool isEmpty() const { return m_raw.isEmpty(); }
    const Sample& last() const { return m_raw.last(); }

    // The window [t0Ms, t1Ms] decimated to at most ~2 * pixels points. Uses the raw buffer when
    // it covers the window, else the coarse buckets plus the raw samples after the last bucket.
    QList<QPointF> window(qint64 t0Ms, qint64 t1Ms, int pixels) const;

private:
    void closeBucket();

    RingBuffer<Sample> m_raw;
    RingBuffer<Sample> m_coarse;
    // The coarse bucket being filled.
    bool m_bucketOpen = false;
    qint64 m_bucketStart = 0;
    Sample m_bucketMin, m_bucketMax;
    quint64 m_version = 0;
};

class MetricStore {
public:
    void add(const QString& key, qint64 tMs, double value);
    const MetricSeries* series(const QString& key) const;
    QStringList keys(const QString& prefix = {}) const;
    qint64 latestTimeMs() const { return m_latestMs; }
    void clear();

private:
    QHash<QString, MetricSeries*> m_index;
    std::vector<std::unique_ptr<MetricSeries>> m_series;
    qint64 m_latestMs = 0;
};

} // namespace sluice::console
