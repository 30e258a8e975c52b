// Min/max per-pixel decimation: a time series of any length becomes at most two points per
// horizontal pixel (the minimum and the maximum of each pixel's bucket, in time order), so
// spikes survive and a chart never receives more points than it can draw.
#pragma once
#include <QList>
#include <QPointF>

#include <functional>

namespace sluice::console {

struct Sample {
    qint64 tMs = 0;
    double value = 0;
};

// Reads the samples [first, last) of a sorted time series through `at`, keeps those within
// [t0Ms, t1Ms] and returns at most 2 * pixels points (x = time in ms, y = value).
// With fewer samples than 2 * pixels the samples pass through unchanged.
QList<QPointF> decimateMinMax(qsizetype first, qsizetype last,
                              const std::function<const Sample&(qsizetype)>& at, qint64 t0Ms,
                              qint64 t1Ms, int pixels);

// Convenience overload for a plain vector (tests, benchmarks).
QList<QPointF> decimateMinMax(const QList<Sample>& samples, qint64 t0Ms, qint64 t1Ms, int pixels);

} // namespace sluice::console
