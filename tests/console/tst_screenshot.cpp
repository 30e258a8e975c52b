// The screenshot the issue asks for: a real server under a small live surge (sluice-surge, when
// built), and the real sluice-console binary run offscreen in Korean with --connect,
// --token-file and --screenshot FILE --after 3. The PNG is kept in the build folder
// (console-screenshot.png) as a CI artifact; the test checks it exists, has the window's size
// and is not blank.
#include "consoletestserver.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace sluice::console::testing;
using sluice::test::ServerProcess;

class TestScreenshot : public QObject {
    Q_OBJECT
private slots:
    void helpAndVersion();
    void koreanDashboardUnderSurge();
};

void TestScreenshot::helpAndVersion() {
    QProcess p;
    p.start(SLUICE_CONSOLE_BIN, {"--help"});
    QVERIFY(p.waitForFinished(20'000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray help = p.readAllStandardOutput();
    for (const char* opt :
         {"--connect", "--token-file", "--screenshot", "--after", "--lang", "--version"})
        QVERIFY2(help.contains(opt), opt);
    p.start(SLUICE_CONSOLE_BIN, {"--version"});
    QVERIFY(p.waitForFinished(20'000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().startsWith("sluice-console "));
    p.start(SLUICE_CONSOLE_BIN, {"--lang", "xx"});
    QVERIFY(p.waitForFinished(20'000));
    QCOMPARE(p.exitCode(), 2);
}

void TestScreenshot::koreanDashboardUnderSurge() {
    ServerProcess server(ServerProcess::Options{kConsoleTestConfig, {}, 2, {}, false});
    const QString token = addOperator(server, "kim", "operator");
    QVERIFY(!token.isEmpty());
    QVERIFY2(server.start(), server.output().constData());
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QFile tokenFile(tmp.filePath("token"));
    QVERIFY(tokenFile.open(QIODevice::WriteOnly));
    tokenFile.write(token.toUtf8() + "\n");
    tokenFile.close();

    QProcess surge;
    const QString surgeBin = QStringLiteral(SLUICE_SURGE_BIN);
    if (!surgeBin.isEmpty()) {
        surge.setProcessChannelMode(QProcess::MergedChannels);
        surge.start(surgeBin, {"--target", server.baseUrl(), "--scenario",
                               SLUICE_SOURCE_DIR "/resources/scenarios/demo.json", "--cohort",
                               "53-54", "--citizens", "3000", "--time-scale", "0.2",
                               "--duration-limit", "30", "--quiet"});
        QVERIFY(surge.waitForStarted(10'000));
        QTest::qWait(3000); // let the surge get going
    } else {
        qWarning("sluice-surge is not built: the screenshot shows an idle server");
    }

    const QString png = QDir(SLUICE_BINARY_DIR).filePath("console-screenshot.png");
    QFile::remove(png);
    QProcess console;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("XDG_CONFIG_HOME", tmp.filePath("config")); // no saved layout from elsewhere
    env.insert("XDG_DATA_HOME", tmp.filePath("data"));
    console.setProcessEnvironment(env);
    console.setProcessChannelMode(QProcess::MergedChannels);
    console.start(SLUICE_CONSOLE_BIN,
                  {"--lang", "ko", "--connect", server.baseUrl(), "--token-file",
                   tokenFile.fileName(), "--screenshot", png, "--after", "3"});
    QVERIFY(console.waitForFinished(60'000));
    const QByteArray out = console.readAll();
    QVERIFY2(console.exitStatus() == QProcess::NormalExit && console.exitCode() == 0,
             out.constData());
    if (surge.state() != QProcess::NotRunning) {
        surge.terminate();
        surge.waitForFinished(10'000);
    }

    QVERIFY2(QFile::exists(png), out.constData());
    QImage img(png);
    QVERIFY(!img.isNull());
    QVERIFY2(img.width() >= 1000 && img.height() >= 700,
             qPrintable(QString("%1x%2").arg(img.width()).arg(img.height())));
    // Not blank: many distinct colours (text, charts, tiles), sampled on a grid.
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3)
            colours.insert(img.pixel(x, y));
    QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
    qInfo("screenshot: %s (%dx%d, %lld colours)", qPrintable(png), img.width(), img.height(),
          qint64(colours.size()));
    // The server's own suites check its shutdown; here it only has to go away.
    if (!server.terminate())
        qWarning("sluice-server did not exit cleanly: %s", server.output().right(800).constData());
}

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
