// A recording without a window (`sluice-console --record FILE --connect URL --duration S`): a
// control-room machine that records everything. Connects the live source, records every frame
// and connection change to FILE for S seconds (SIGINT/SIGTERM end it early, cleanly), prints
// what it did, and returns the process exit code: 0 done, 1 the recording failed (message on
// stderr). Needs a QCoreApplication, no display.
#pragma once
#include "console/transport/tlstrust.h"

#include <QString>
#include <QUrl>

namespace sluice::console::recording {

struct HeadlessRecordOptions {
    QString file;
    QUrl baseUrl;
    QString token;
    TlsTrust tls;
    double durationS = 60;
    int flushIntervalMs = 250;
    int keyframeEvery = 60;
};

int runHeadlessRecorder(const HeadlessRecordOptions& options);

} // namespace sluice::console::recording
