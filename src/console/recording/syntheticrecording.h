// Generates a synthetic recording through the real RecordingWriter: cohorts, clinics whose stock
// drains tick by tick, operator actions, notices posted and retracted, alerts and a connection
// gap with a resync snapshot. For the replay benchmark (24 h at a 500 ms tick, 2,000 clinics)
// and the replay tests. Deterministic for a given seed.
#pragma once
#include "console/recording/recordingwriter.h"

#include <QString>

namespace sluice::console::recording {

struct SyntheticOptions {
    qint64 startMs = 1626692400000; // 2021-07-19T11:00:00Z
    qint64 durationMs = 10 * 60'000;
    int tickMs = 500;
    int clinics = 200;
    int cohorts = 4;
    int changedClinicsPerTick = 20;
    int eventEvery = 40; // ticks between events
    bool withGap = true; // a connection loss half way, then hello + snapshot
    int keyframeEvery = 60;
    int batch = 2000; // rows per transaction
    quint32 seed = 42;
};

struct SyntheticResult {
    bool ok = false;
    QString error;
    qint64 frames = 0;
    int keyframes = 0;
    qint64 endMs = 0;
};

SyntheticResult writeSyntheticRecording(const QString& path, const SyntheticOptions& options);

} // namespace sluice::console::recording
