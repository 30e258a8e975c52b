// The console's command line (see commandline.h).
#include "console/views/commandline.h"

#include "console/transport/tlstrust.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace sluice::console {

CommandLine parseCommandLine(const QStringList& args) {
    CommandLine out;
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "CommandLine", "Sluice operations console: watch and steer the waiting room."));
    const QCommandLineOption help({"h", "help"},
                                  QCoreApplication::translate("CommandLine", "Show this help."));
    const QCommandLineOption version(
        {"v", "version"}, QCoreApplication::translate("CommandLine", "Show the version."));
    const QCommandLineOption connect(
        "connect",
        QCoreApplication::translate(
            "CommandLine",
            "Connect at start to the server's base URL, e.g. http://127.0.0.1:8080."),
        "URL");
    const QCommandLineOption tokenFile(
        "token-file",
        QCoreApplication::translate("CommandLine", "Read the operator token from FILE."), "FILE");
    const QCommandLineOption caFile(
        "ca-file",
        QCoreApplication::translate("CommandLine",
                                    "For https:// servers: trust the CA certificate(s) in this "
                                    "PEM FILE instead of the system's CA store."),
        "FILE");
    const QCommandLineOption pin(
        "pin-sha256",
        QCoreApplication::translate(
            "CommandLine",
            "For https:// servers: accept only the certificate with this SHA-256 fingerprint "
            "(as `openssl x509 -noout -fingerprint -sha256` prints it)."),
        "FINGERPRINT");
    const QCommandLineOption screenshot(
        "screenshot",
        QCoreApplication::translate(
            "CommandLine",
            "Save the main window as a PNG to FILE after --after seconds, then exit."),
        "FILE");
    const QCommandLineOption after(
        "after",
        QCoreApplication::translate("CommandLine", "Seconds before the screenshot (default 3)."),
        "S", "3");
    const QCommandLineOption lang(
        "lang", QCoreApplication::translate("CommandLine", "Interface language: ko or en."),
        "LANG");
    const QCommandLineOption record(
        "record",
        QCoreApplication::translate(
            "CommandLine",
            "Record the session to FILE without a window (needs --connect and --duration)."),
        "FILE");
    const QCommandLineOption duration(
        "duration", QCoreApplication::translate("CommandLine", "Seconds to record with --record."),
        "S");
    const QCommandLineOption replay(
        "replay",
        QCoreApplication::translate("CommandLine", "Open the recording FILE in replay mode."),
        "FILE");
    const QCommandLineOption at(
        "at",
        QCoreApplication::translate(
            "CommandLine", "With --replay: start at TIME (20:15:30, 2021-07-19 20:15, +5:00)."),
        "TIME");
    const QCommandLineOption scenario(
        "scenario",
        QCoreApplication::translate("CommandLine",
                                    "Show a scripted scene instead of a server (screenshots, "
                                    "training): normal, paused, soldout, frozen or replay."),
        "NAME");
    const QCommandLineOption wall(
        "wall",
        QCoreApplication::translate("CommandLine", "Start in the wall mode (full screen)."));
    p.addOptions({help, version, connect, tokenFile, caFile, pin, screenshot, after, lang, record,
                  duration, replay, at, scenario, wall});
    out.helpText =
        p.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("sluice-console"));
    if (!p.parse(args)) {
        out.error = p.errorText();
        return out;
    }
    if (p.isSet(help)) {
        out.helpShown = true;
        return out;
    }
    if (p.isSet(version)) {
        out.versionShown = true;
        return out;
    }
    if (!p.positionalArguments().isEmpty()) {
        out.error = QCoreApplication::translate("CommandLine", "unexpected argument: %1")
                        .arg(p.positionalArguments().first());
        return out;
    }
    if (p.isSet(connect)) {
        out.connectUrl = QUrl(p.value(connect), QUrl::StrictMode);
        const QString scheme = out.connectUrl.scheme();
        if (!out.connectUrl.isValid() || out.connectUrl.host().isEmpty() ||
            (scheme != "http" && scheme != "https" && scheme != "ws" && scheme != "wss")) {
            out.error =
                QCoreApplication::translate(
                    "CommandLine", "--connect: expected a URL like http://127.0.0.1:8080, got %1")
                    .arg(p.value(connect));
            return out;
        }
    }
    out.tokenFile = p.value(tokenFile);
    out.caFile = p.value(caFile);
    out.pinSha256 = p.value(pin);
    if (p.isSet(pin) && !TlsTrust::parsePin(out.pinSha256)) {
        out.error = QCoreApplication::translate(
                        "CommandLine", "--pin-sha256: expected 64 hex digits (AB:CD:…), got %1")
                        .arg(out.pinSha256);
        return out;
    }
    out.screenshotFile = p.value(screenshot);
    bool ok = false;
    out.afterS = p.value(after).toDouble(&ok);
    if (!ok || out.afterS < 0 || out.afterS > 3600) {
        out.error = QCoreApplication::translate("CommandLine",
                                                "--after: expected seconds between 0 and 3600");
        return out;
    }
    out.recordFile = p.value(record);
    out.replayFile = p.value(replay);
    out.atText = p.value(at);
    if (!out.recordFile.isEmpty()) {
        out.durationS = p.value(duration).toDouble(&ok);
        if (!p.isSet(connect) || !p.isSet(duration)) {
            out.error = QCoreApplication::translate(
                "CommandLine", "--record needs --connect URL and --duration S");
            return out;
        }
        if (!ok || out.durationS <= 0) {
            out.error = QCoreApplication::translate("CommandLine",
                                                    "--duration: expected seconds greater than 0");
            return out;
        }
    }
    if (!out.replayFile.isEmpty() && (p.isSet(connect) || p.isSet(record))) {
        out.error = QCoreApplication::translate(
            "CommandLine", "--replay cannot be combined with --connect or --record");
        return out;
    }
    if (p.isSet(at) && out.replayFile.isEmpty()) {
        out.error = QCoreApplication::translate("CommandLine", "--at needs --replay");
        return out;
    }
    out.wall = p.isSet(wall);
    if (p.isSet(scenario)) {
        out.scenario = p.value(scenario);
        static const QStringList names = {"normal", "paused", "soldout", "frozen", "replay"};
        if (!names.contains(out.scenario)) {
            out.error = QCoreApplication::translate(
                "CommandLine", "--scenario: expected normal, paused, soldout, frozen or replay");
            return out;
        }
        if (p.isSet(connect) || p.isSet(replay) || p.isSet(record)) {
            out.error = QCoreApplication::translate(
                "CommandLine",
                "--scenario cannot be combined with --connect, --replay or --record");
            return out;
        }
    }
    if (p.isSet(lang)) {
        out.lang = p.value(lang);
        if (out.lang != "ko" && out.lang != "en") {
            out.error = QCoreApplication::translate("CommandLine", "--lang: expected ko or en");
            return out;
        }
    }
    return out;
}

} // namespace sluice::console
