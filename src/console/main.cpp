// sluice-console: parses the command line, picks the language, builds the session and the main
// window, and connects. Everything else lives in the sluice_console_* libraries.
#include "console/model/consolesession.h"
#include "console/recording/headlessrecorder.h"
#include "console/replay/recordingcontroller.h"
#include "console/replay/replaysource.h"
#include "console/replay/timeinput.h"
#include "console/transport/tlstrust.h"
#include "console/views/commandline.h"
#include "console/views/consolestyle.h"
#include "console/views/languagemanager.h"
#include "console/views/mainwindow.h"
#include "console/views/profilestore.h"
#include "console/views/scenario.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace sluice::console;

int main(int argc, char** argv) {
    // The command line first: --help, --version and errors need no display.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    const CommandLine cli = parseCommandLine(args);
    if (!cli.error.isEmpty()) {
        std::fprintf(stderr, "sluice-console: %s\n\n%s", qPrintable(cli.error),
                     qPrintable(cli.helpText));
        return 2;
    }
    if (cli.helpShown) {
        std::fputs(qPrintable(cli.helpText), stdout);
        return 0;
    }
    if (cli.versionShown) {
        std::printf("sluice-console %s (Qt %s)\n", SLUICE_CONSOLE_VERSION, qVersion());
        return 0;
    }

    // What an https:// server may show: read once, for every connection of this run.
    QString tlsError;
    const std::optional<TlsTrust> tls = TlsTrust::load(cli.caFile, cli.pinSha256, &tlsError);
    if (!tls) {
        std::fprintf(stderr, "sluice-console: %s\n", qPrintable(tlsError));
        return 2;
    }

    if (!cli.recordFile.isEmpty()) {
        // A control-room recorder (--record FILE --connect URL --duration S): no window and no
        // display; exits 0 after S seconds.
        QCoreApplication app(argc, argv);
        QCoreApplication::setOrganizationName(QStringLiteral("Sluice"));
        QCoreApplication::setApplicationName(QStringLiteral("sluice-console"));
        QCoreApplication::setApplicationVersion(QStringLiteral(SLUICE_CONSOLE_VERSION));
        recording::HeadlessRecordOptions o;
        o.file = cli.recordFile;
        o.baseUrl = cli.connectUrl;
        o.durationS = cli.durationS;
        o.tls = *tls;
        if (!cli.tokenFile.isEmpty()) {
            QString error;
            o.token = readTokenFile(cli.tokenFile, &error);
            if (o.token.isEmpty()) {
                std::fprintf(stderr, "sluice-console: --token-file %s: %s\n",
                             qPrintable(cli.tokenFile), qPrintable(error));
                return 2;
            }
        }
        return recording::runHeadlessRecorder(o);
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Sluice"));
    QApplication::setApplicationName(QStringLiteral("sluice-console"));
    QApplication::setApplicationVersion(QStringLiteral(SLUICE_CONSOLE_VERSION));
    // Fusion with a visible keyboard focus ring.
    installConsoleStyle();

    LanguageManager language;
    QSettings settings;
    QString lang = cli.lang;
    if (lang.isEmpty()) lang = settings.value(QStringLiteral("language")).toString();
    if (!language.setLanguage(lang)) language.setLanguage(LanguageManager::systemDefault());

    ConsoleSession session;
    // Operators' own thresholds: thresholds.json in the console's config folder
    // (~/.config/Sluice/sluice-console/thresholds.json), in the format of
    // resources/console/thresholds.json; the metrics it names replace the defaults.
    QFile custom(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                 QStringLiteral("/thresholds.json"));
    if (custom.open(QIODevice::ReadOnly)) {
        QStringList errors;
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(custom.readAll(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            errors.append(parseError.error != QJsonParseError::NoError
                              ? parseError.errorString()
                              : QStringLiteral("not a JSON object"));
        const Thresholds overrides = Thresholds::fromJson(doc.object(), &errors);
        for (const QString& e : errors)
            std::fprintf(stderr, "sluice-console: %s: %s\n", qPrintable(custom.fileName()),
                         qPrintable(e));
        session.setThresholds(session.thresholds().mergedWith(overrides));
    }
    ProfileStore profiles;
    MainWindow window(&session, &language, &profiles);
    window.setTlsTrust(*tls);
    const bool firstStart = !settings.contains(QStringLiteral("window/geometry"));
    window.restoreLayout();
    if (firstStart && QGuiApplication::platformName() != QLatin1String("offscreen") &&
        window.screen()) {
        // The first start on this desktop takes the whole screen: a window manager maximises
        // the window, and without one (Xvfb, a kiosk session) the geometry does it.
        window.setGeometry(window.screen()->availableGeometry());
        window.showMaximized();
    } else {
        window.show();
    }

    QTemporaryDir scenarioDir; // a scripted replay's recording lives here until the end
    if (!cli.scenario.isEmpty()) {
        // Scripted scenes: nothing is recorded, nothing is sent anywhere.
        window.recording()->setRecordingEnabled(false);
        if (cli.scenario == QLatin1String("replay")) {
            const QString path = scenarioDir.filePath(QStringLiteral("incident.sluicerec"));
            QString error;
            if (!writeScenarioRecording(ScenarioSource::Scene::Paused, path, &error) ||
                !window.openRecording(path)) {
                std::fprintf(stderr, "sluice-console: --scenario replay: %s\n", qPrintable(error));
                return 1;
            }
            // A minute after the pause: the alert is up, the timeline shows what led to it.
            replay::ReplaySource* r = window.recording()->replay();
            r->seek(r->endMs() - 30'000);
        } else {
            window.setSource(new ScenarioSource(*ScenarioSource::sceneNamed(cli.scenario)));
        }
    } else if (cli.connectUrl.isValid() && !cli.connectUrl.isEmpty()) {
        QString token;
        if (!cli.tokenFile.isEmpty()) {
            QString error;
            token = readTokenFile(cli.tokenFile, &error);
            if (token.isEmpty()) {
                std::fprintf(stderr, "sluice-console: --token-file %s: %s\n",
                             qPrintable(cli.tokenFile), qPrintable(error));
                return 2;
            }
        } else {
            // A saved profile for the same server supplies its token.
            for (const QString& name : profiles.names())
                if (profiles.profile(name).url.adjusted(QUrl::StripTrailingSlash) ==
                    cli.connectUrl.adjusted(QUrl::StripTrailingSlash)) {
                    token = profiles.token(name);
                    break;
                }
        }
        window.connectTo(cli.connectUrl, token);
    } else if (!cli.replayFile.isEmpty()) {
        // Replay mode: the same dashboard driven by the recording (the reason on the banner
        // and on stderr when the file is refused).
        if (!window.openRecording(cli.replayFile)) {
            const auto* r = qobject_cast<replay::ReplaySource*>(window.source());
            std::fprintf(stderr, "sluice-console: %s\n", r ? qPrintable(r->errorString()) : "");
        } else if (!cli.atText.isEmpty()) {
            replay::ReplaySource* r = window.recording()->replay();
            const auto t = replay::parseTimeInput(cli.atText, r->startMs(), r->endMs());
            if (!t) {
                std::fprintf(stderr, "sluice-console: --at: not a time: %s\n",
                             qPrintable(cli.atText));
                return 2;
            }
            r->seek(*t);
        }
    } else if (cli.screenshotFile.isEmpty()) {
        QTimer::singleShot(0, &window, &MainWindow::showConnectDialog);
    }

    if (cli.wall) window.setWallMode(true);
    if (!cli.screenshotFile.isEmpty()) {
        QTimer::singleShot(int(cli.afterS * 1000), &window, [&window, &cli] {
            const bool ok = window.saveScreenshot(cli.screenshotFile);
            std::printf("%s %s\n", ok ? "screenshot" : "screenshot failed:",
                        qPrintable(QFileInfo(cli.screenshotFile).absoluteFilePath()));
            std::fflush(stdout);
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
