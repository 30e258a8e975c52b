// Replay benchmark: generates a synthetic 24-hour recording at a 500 ms tick (about 170,000
// frames, 2,000 clinics, keyframes every N broadcast frames) through the real writer, then
// prints the time to open it (target < 2 s) and the time of random seeks (target < 100 ms):
// the pure rebuild (RecordingReader::stateAt) and a seek of the replay source driving a real
// ConsoleSession (with the chart history before the playhead).
// Usage: bench_replay [--hours H] [--clinics N] [--keyframe-every N] [--seeks N] [--file F]
// [--keep]
#include "console/model/consolesession.h"
#include "console/recording/syntheticrecording.h"
#include "console/replay/recordingreader.h"
#include "console/replay/replaysource.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace sluice::console;
using namespace sluice::console::recording;
using namespace sluice::console::replay;

namespace {
struct Stats {
    double p50 = 0, p99 = 0, max = 0, mean = 0;
};
Stats stats(std::vector<double> v) {
    Stats s;
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    s.p50 = v[v.size() / 2];
    s.p99 = v[std::min(v.size() - 1, size_t(double(v.size()) * 0.99))];
    s.max = v.back();
    double sum = 0;
    for (double x : v)
        sum += x;
    s.mean = sum / double(v.size());
    return s;
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    double hours = 24;
    int clinics = 2000, keyEvery = 60, seeks = 200;
    QString file;
    bool keep = false;
    const QStringList a = app.arguments();
    for (int i = 1; i < a.size(); ++i) {
        const QString k = a[i];
        const QString v = i + 1 < a.size() ? a[i + 1] : QString();
        if (k == "--hours")
            hours = v.toDouble(), ++i;
        else if (k == "--clinics")
            clinics = v.toInt(), ++i;
        else if (k == "--keyframe-every")
            keyEvery = v.toInt(), ++i;
        else if (k == "--seeks")
            seeks = v.toInt(), ++i;
        else if (k == "--file")
            file = v, ++i;
        else if (k == "--keep")
            keep = true;
        else {
            std::fprintf(stderr, "usage: bench_replay [--hours H] [--clinics N] [--keyframe-every "
                                 "N] [--seeks N] [--file F] [--keep]\n");
            return 2;
        }
    }
    QTemporaryDir tmp;
    if (file.isEmpty()) file = tmp.filePath("bench-24h.sluicerec");

    if (!QFileInfo::exists(file)) {
        SyntheticOptions o;
        o.durationMs = qint64(hours * 3600'000);
        o.clinics = clinics;
        o.cohorts = 6;
        o.changedClinicsPerTick = 25;
        o.eventEvery = 120; // an event a minute
        o.keyframeEvery = keyEvery;
        o.batch = 4000;
        QElapsedTimer t;
        t.start();
        const SyntheticResult r = writeSyntheticRecording(file, o);
        if (!r.ok) {
            std::fprintf(stderr, "generation failed: %s\n", qPrintable(r.error));
            return 1;
        }
        std::printf("generated %s: %lld rows, %d keyframes (every %d frames), %.1f MB, %.1f s\n",
                    qPrintable(QFileInfo(file).fileName()), r.frames, r.keyframes, keyEvery,
                    double(QFileInfo(file).size()) / 1e6, double(t.elapsed()) / 1000.0);
    } else {
        std::printf("using %s (%.1f MB)\n", qPrintable(file), double(QFileInfo(file).size()) / 1e6);
    }
    std::fflush(stdout);

    // Open: header and format checks, time index, keyframe index, markers.
    std::vector<double> opens;
    for (int i = 0; i < 3; ++i) {
        RecordingReader r;
        QElapsedTimer t;
        t.start();
        if (!r.open(file)) {
            std::fprintf(stderr, "open failed: %s\n", qPrintable(r.errorString()));
            return 1;
        }
        opens.push_back(double(t.nsecsElapsed()) / 1e6);
        if (i == 0)
            std::printf("recording: %lld frames, %zu keyframes, %lld markers, %.1f h\n",
                        r.frameCount(), r.keyframes().size(), qint64(r.markers().size()),
                        double(r.endMs() - r.startMs()) / 3600e3);
    }
    const Stats o = stats(opens);
    std::printf("open: median %.0f ms, max %.0f ms (target < 2000 ms)\n", o.p50, o.max);

    RecordingReader reader;
    reader.open(file);
    std::mt19937_64 rng(2021);
    std::vector<double> pure;
    for (int i = 0; i < seeks; ++i) {
        const qint64 t =
            reader.startMs() + qint64(rng() % quint64(reader.endMs() - reader.startMs()));
        QElapsedTimer timer;
        timer.start();
        const DashboardState s = reader.stateAt(t);
        pure.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!s.hasSnapshot() || s.clinics().size() != clinics) {
            std::fprintf(stderr, "seek to %lld rebuilt %lld clinics\n", t,
                         qint64(s.clinics().size()));
            return 1;
        }
    }
    const Stats p = stats(pure);
    std::printf("random seek, state rebuilt (keyframe + frames): median %.1f ms, p99 %.1f ms, max "
                "%.1f ms over %d seeks (target < 100 ms)\n",
                p.p50, p.p99, p.max, seeks);

    for (const qint64 primeMs : {qint64(0), qint64(2 * 60'000)}) {
        ReplaySource src(file);
        src.setPrimeMs(primeMs);
        src.setDeferredPrime(false); // measure the history rebuild inside the seek
        ConsoleSession session;
        session.setSource(&src);
        src.open();
        std::vector<double> full;
        for (int i = 0; i < seeks / 2; ++i) {
            const qint64 t = src.startMs() + qint64(rng() % quint64(src.endMs() - src.startMs()));
            QElapsedTimer timer;
            timer.start();
            src.seek(t);
            full.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        const Stats f = stats(full);
        std::printf("random seek, replay source + console session (%s): median %.1f ms, p99 %.1f "
                    "ms, max %.1f ms over %d seeks\n",
                    primeMs ? "with 2 min of chart history" : "state only", f.p50, f.p99, f.max,
                    seeks / 2);
    }
    if (keep)
        std::printf("kept %s\n", qPrintable(QFileInfo(file).absoluteFilePath()));
    else if (!tmp.path().isEmpty() && file.startsWith(tmp.path()))
        QFile::remove(file);
    return 0;
}
