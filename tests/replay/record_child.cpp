// A control-room recorder as a separate process, for the test that kills one with SIGKILL while
// it writes: records the live stream of a server into a file until killed (or for --duration).
// Usage: replay_record_child FILE URL TOKEN [SECONDS]
#include "console/recording/headlessrecorder.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    if (a.size() < 4) return 2;
    sluice::console::recording::HeadlessRecordOptions o;
    o.file = a.at(1);
    o.baseUrl = QUrl(a.at(2));
    o.token = a.at(3);
    o.durationS = a.size() > 4 ? a.at(4).toDouble() : 3600;
    o.flushIntervalMs = 100;
    o.keyframeEvery = 20;
    return sluice::console::recording::runHeadlessRecorder(o);
}
