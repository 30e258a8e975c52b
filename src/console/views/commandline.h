// The console's command line: --connect URL, --token-file FILE, --ca-file FILE,
// --pin-sha256 FINGERPRINT, --screenshot FILE --after S,
// --lang ko|en, --scenario NAME, --wall, --help, --version. Parsed into a struct so tests can check
// it.
#pragma once
#include <QStringList>
#include <QUrl>

namespace sluice::console {

struct CommandLine {
    QUrl connectUrl;
    QString tokenFile;
    // https:// servers: trust only the CA(s) in this PEM file instead of the system store, or
    // exactly the certificate with this SHA-256 fingerprint (transport/tlstrust.h).
    QString caFile;
    QString pinSha256;
    QString screenshotFile;
    double afterS = 3;
    // Recording and replay: --record FILE (no window; needs --connect and
    // --duration S), --replay FILE [--at TIME].
    QString recordFile;
    double durationS = 0;
    QString replayFile;
    QString atText;
    QString lang; // empty: saved choice or the system default
    // Screenshots and demos: --scenario normal|paused|soldout|frozen|replay (scripted data),
    // --wall (start in the wall mode).
    QString scenario;
    bool wall = false;
    QString error; // non-empty: print and exit 2
    bool helpShown = false, versionShown = false;
    QString helpText;
};

// `args` includes the program name. --help and --version fill helpText and set the flags
// instead of exiting, so the caller decides.
CommandLine parseCommandLine(const QStringList& args);

} // namespace sluice::console
