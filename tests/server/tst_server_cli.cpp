// sluice-server's command line: help, version, and a clear one-line error for each mistake
// an operator can make at 19:55 before an opening.
#include "support/server_process.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace sluice::test;

class TstServerCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& text) {
        QFile f(m_dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return f.fileName();
    }
    static void oneLineError(const CliResult& r, int code, const QString& needle) {
        QCOMPARE(r.exitCode, code);
        QString err = r.err.trimmed();
        QVERIFY2(!err.contains('\n'), qPrintable(err));
        QVERIFY2(err.contains(needle), qPrintable(err + " lacks " + needle));
    }

private slots:
    void helpAndVersion() {
        auto h = ServerProcess::runServerBinary({"--help"});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("--listen"));
        QVERIFY(h.out.contains("--data-dir"));
        auto v = ServerProcess::runServerBinary({"--version"});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("sluice-server "));
    }

    void badFlags() {
        oneLineError(ServerProcess::runServerBinary({"--bogus"}), 2, "unknown option '--bogus'");
        oneLineError(ServerProcess::runServerBinary({"--listen"}), 2, "--listen needs a value");
        oneLineError(ServerProcess::runServerBinary({"--demo", "--listen", "nocolon"}), 2,
                     "HOST:PORT");
        oneLineError(ServerProcess::runServerBinary({"--demo", "--threads", "zero"}), 2,
                     "--threads");
        oneLineError(ServerProcess::runServerBinary({}), 2, "--config FILE or --demo is required");
    }

    void badConfigs() {
        QString dataDir = m_dir.filePath("data");
        oneLineError(ServerProcess::runServerBinary(
                         {"--config", m_dir.filePath("missing.json"), "--data-dir", dataDir}),
                     1, "cannot read the config file");
        QString notJson = writeFile("a.json", "{cohorts: nope");
        oneLineError(ServerProcess::runServerBinary({"--config", notJson, "--data-dir", dataDir}),
                     1, "not valid JSON");
        QString badRate = writeFile(
            "b.json",
            R"({"cohorts":[{"id":"53-54","birth_year_from":1967,"birth_year_to":1968,"opens":"+5m","rate_per_s":-3,"max_active":10}]})");
        oneLineError(ServerProcess::runServerBinary({"--config", badRate, "--data-dir", dataDir}),
                     1, "cohorts[0].rate_per_s");
        QString badTime = writeFile(
            "c.json",
            R"({"cohorts":[{"id":"x","birth_year_from":1967,"birth_year_to":1968,"opens":"tomorrow","rate_per_s":3,"max_active":10}]})");
        oneLineError(ServerProcess::runServerBinary({"--config", badTime, "--data-dir", dataDir}),
                     1, "cohorts[0].opens");
        QString dup = writeFile(
            "d.json",
            R"({"cohorts":[{"id":"x","birth_year_from":1967,"birth_year_to":1968,"opens":"+1m","rate_per_s":3,"max_active":10},{"id":"x","birth_year_from":1967,"birth_year_to":1968,"opens":"+1m","rate_per_s":3,"max_active":10}]})");
        oneLineError(ServerProcess::runServerBinary({"--config", dup, "--data-dir", dataDir}), 1,
                     "duplicate cohort id");
    }

    void portInUse() {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        auto r = ServerProcess::runServerBinary(
            {"--demo", "--data-dir", m_dir.filePath("d2"), "--listen",
             QString("127.0.0.1:%1").arg(squatter.serverPort())});
        oneLineError(r, 1, "already in use");
    }

    void unwritableDataFolder() {
        QString file = writeFile("plainfile", "x");
        auto r = ServerProcess::runServerBinary(
            {"--demo", "--data-dir", file + "/sub", "--listen", "127.0.0.1:0"});
        oneLineError(r, 1, "data folder");
    }

    void keysCreatedPrivateAndRotatable() {
        QString dataDir = m_dir.filePath("keys");
        auto r = ServerProcess::runServerBinary({"--data-dir", dataDir, "keys", "rotate"});
        QCOMPARE(r.exitCode, 0);
        QFile keys(dataDir + "/signing-keys");
        QVERIFY(keys.exists());
        QCOMPARE(keys.permissions() &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
    }
};

QTEST_GUILESS_MAIN(TstServerCli)
#include "tst_server_cli.moc"
