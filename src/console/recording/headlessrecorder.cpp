// The windowless recorder (see headlessrecorder.h).
#include "console/recording/headlessrecorder.h"

#include "console/recording/recorder.h"
#include "console/transport/livesource.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace sluice::console::recording {

namespace {
std::atomic<bool> g_stopRequested{false};
extern "C" void onStopSignal(int) {
    g_stopRequested = true;
}
} // namespace

int runHeadlessRecorder(const HeadlessRecordOptions& o) {
    Recorder recorder;
    Recorder::Options ro;
    ro.flushIntervalMs = o.flushIntervalMs;
    ro.writer.keyframeEvery = o.keyframeEvery;
    LiveSource source(o.baseUrl, o.token);
    source.setTlsTrust(o.tls);
    recorder.attach(&source);
    if (!recorder.start(o.file,
                        {{QStringLiteral("source"), o.baseUrl.toString()},
                         {QStringLiteral("mode"), QStringLiteral("headless")}},
                        ro)) {
        std::fprintf(stderr, "sluice-console: cannot record to %s: %s\n", qPrintable(o.file),
                     qPrintable(recorder.errorString()));
        return 1;
    }
    int exitCode = 0;
    QObject::connect(&recorder, &Recorder::failed, &recorder, [&exitCode](const QString& message) {
        std::fprintf(stderr, "sluice-console: recording failed: %s\n", qPrintable(message));
        exitCode = 1;
        QCoreApplication::exit(1);
    });
    QObject::connect(&source, &DataSource::statusMessage, &source, [](const QString& message) {
        if (!message.isEmpty()) std::fprintf(stderr, "sluice-console: %s\n", qPrintable(message));
    });
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &stopPoll, [] {
        if (g_stopRequested) QCoreApplication::exit(0);
    });
    stopPoll.start(100);
    // Precise: a coarse timer may fire up to 5 % early, and --duration is a promise.
    QTimer::singleShot(qint64(o.durationS * 1000), Qt::PreciseTimer, &source,
                       [] { QCoreApplication::exit(0); });
    std::printf("recording %s from %s for %g s\n", qPrintable(QFileInfo(o.file).absoluteFilePath()),
                qPrintable(o.baseUrl.toString()), o.durationS);
    std::fflush(stdout);
    source.open();
    const int rc = QCoreApplication::exec();
    source.close();
    recorder.detach();
    recorder.stop();
    if (recorder.hasFailed()) exitCode = 1;
    std::printf("recorded %lld rows to %s\n", recorder.framesWritten(),
                qPrintable(QFileInfo(o.file).absoluteFilePath()));
    std::fflush(stdout);
    return exitCode != 0 ? exitCode : rc;
}

} // namespace sluice::console::recording
