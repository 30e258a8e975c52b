// Min/max per-pixel decimation (see decimation.h).
#include "console/model/decimation.h"

#include <cmath>

namespace sluice::console {

QList<QPointF> decimateMinMax(qsizetype first, qsizetype last,
                              const std::function<const Sample&(qsizetype)>& at, qint64 t0Ms,
                              qint64 t1Ms, int pixels) {
    QList<QPointF> out;
    if (first >= last || t1Ms < t0Ms || pixels <= 0) return out;
    // Skip samples before the window (input is sorted).
    qsizetype lo = first, hi = last;
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (at(mid).tMs < t0Ms)
            lo = mid + 1;
        else
            hi = mid;
    }
    qsizetype end = lo;
    {
        qsizetype a = lo, b = last;
        while (a < b) {
            const qsizetype mid = a + (b - a) / 2;
            if (at(mid).tMs <= t1Ms)
                a = mid + 1;
            else
                b = mid;
        }
        end = a;
    }
    const qsizetype count = end - lo;
    if (count <= 0) return out;
    if (count <= 2 * qsizetype(pixels)) {
        out.reserve(count);
        for (qsizetype i = lo; i < end; ++i) {
            const Sample& s = at(i);
            out.append(QPointF(double(s.tMs), s.value));
        }
        return out;
    }
    out.reserve(2 * pixels);
    const double span = double(qMax<qint64>(1, t1Ms - t0Ms));
    qsizetype i = lo;
    while (i < end) {
        const int bucket =
            qBound(0, int(std::floor(double(at(i).tMs - t0Ms) / span * pixels)), pixels - 1);
        qsizetype minI = i, maxI = i;
        qsizetype j = i + 1;
        for (; j < end; ++j) {
            const Sample& s = at(j);
            const int b =
                qBound(0, int(std::floor(double(s.tMs - t0Ms) / span * pixels)), pixels - 1);
            if (b != bucket) break;
            if (s.value < at(minI).value) minI = j;
            if (s.value > at(maxI).value) maxI = j;
        }
        const qsizetype a = qMin(minI, maxI), b = qMax(minI, maxI);
        out.append(QPointF(double(at(a).tMs), at(a).value));
        if (b != a) out.append(QPointF(double(at(b).tMs), at(b).value));
        i = j;
    }
    return out;
}

QList<QPointF> decimateMinMax(const QList<Sample>& samples, qint64 t0Ms, qint64 t1Ms, int pixels) {
    return decimateMinMax(
        0, samples.size(), [&samples](qsizetype i) -> const Sample& { return samples.at(i); }, t0Ms,
        t1Ms, pixels);
}

} // namespace sluice::console
