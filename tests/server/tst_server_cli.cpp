// sluice-server's command line: help, version, and a clear one-line error for each mistake
// an operator can make at 19:55 before an opening.
#include "support/server_process.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

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
    static mode_t modeOf(const QString& path) {
        struct stat st {};
        if (::stat(path.toLocal8Bit().constData(), &st) != 0) return 0;
        return st.st_mode & 07777;
    }
    // A demo server started once in `dir`, stopped cleanly: keys, database and waiting-room
    // state exist afterwards.
    static void startOnce(const QString& dir) {
        ServerProcess::Options o;
        o.demo = true;
        o.dataDir = dir;
        ServerProcess server(o);
        QVERIFY2(server.start(), server.output().constData());
        QVERIFY(server.terminate());
    }
    static CliResult startDemoIn(const QString& dir) {
        return ServerProcess::runServerBinary(
            {"--demo", "--data-dir", dir, "--listen", "127.0.0.1:0"}, 10'000);
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

    // Whatever the umask, the data folder is 0700 and every file in it 0600: another local
    // user must not read manage keys out of the WAL.
    void dataFolderAndFilesArePrivate() {
        const QString dir = m_dir.filePath("private");
        const mode_t old = ::umask(0);
        startOnce(dir);
        ::umask(old);
        QCOMPARE(modeOf(dir), mode_t(0700));
        for (const char* f : {"sluice.db", "signing-keys"}) {
            const QString path = dir + "/" + f;
            QVERIFY2(QFile::exists(path), f);
            QCOMPARE(modeOf(path) & 077, mode_t(0));
        }
        // A folder an older version left readable is made private on start.
        QVERIFY(::chmod(dir.toLocal8Bit().constData(), 0755) == 0);
        QVERIFY(::chmod((dir + "/sluice.db").toLocal8Bit().constData(), 0644) == 0);
        startOnce(dir);
        QCOMPARE(modeOf(dir), mode_t(0700));
        QCOMPARE(modeOf(dir + "/sluice.db") & 077, mode_t(0));
        const QDir d(dir);
        for (const QString& f : d.entryList(QDir::Files | QDir::Hidden))
            QVERIFY2((modeOf(dir + "/" + f) & 077) == 0, qPrintable(f));
    }

    void dataFolderOthersCanWriteIsRefused() {
        const QString dir = m_dir.filePath("shared");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(::chmod(dir.toLocal8Bit().constData(), 0777) == 0);
        oneLineError(startDemoIn(dir), 1, "can be written by other users");
    }

    // A folder that held a waiting room must not silently start from scratch when its database
    // is gone, emptied, or made anew by `operator add`.
    void missingOrEmptyDatabaseIsRefused() {
        const QString dir = m_dir.filePath("lost");
        startOnce(dir);
        const QString db = dir + "/sluice.db";
        QFile::remove(db + "-wal");
        QFile::remove(db + "-shm");
        QVERIFY(QFile::rename(db, db + ".moved"));
        oneLineError(startDemoIn(dir), 1, "is missing");
        QVERIFY(!QFile::exists(db)); // refused before anything was created
        {
            QFile f(db);
            QVERIFY(f.open(QIODevice::WriteOnly)); // 0 bytes
        }
        oneLineError(startDemoIn(dir), 1, "is empty");
        QFile::remove(db);
        auto add = ServerProcess::runServerBinary(
            {"--data-dir", dir, "operator", "add", "mallory", "--role", "admin"});
        QCOMPARE(add.exitCode, 0);
        oneLineError(startDemoIn(dir), 1, "holds no waiting-room state");
        // Putting the real database back makes the folder start again.
        QFile::remove(db);
        QVERIFY(QFile::rename(db + ".moved", db));
        startOnce(dir);
    }

    void emptyKeyFileIsRefusedNotReplaced() {
        const QString dir = m_dir.filePath("nokeys");
        startOnce(dir);
        const QString keys = dir + "/signing-keys";
        {
            QFile f(keys);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        }
        oneLineError(startDemoIn(dir), 1, "holds no signing key");
        QCOMPARE(QFileInfo(keys).size(), qint64(0)); // not replaced by a new key
    }

    void onlineBackupIsConsistentAndPrivate() {
        const QString dir = m_dir.filePath("live");
        ServerProcess::Options o;
        o.demo = true;
        o.dataDir = dir;
        ServerProcess server(o);
        QVERIFY2(server.start(), server.output().constData());
        const QString dest = m_dir.filePath("backup1");
        auto r = server.cli({"backup", dest}); // while the server serves
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("integrity ok"));
        QCOMPARE(modeOf(dest), mode_t(0700));
        QCOMPARE(modeOf(dest + "/sluice.db") & 077, mode_t(0));
        QVERIFY(QFile::exists(dest + "/signing-keys"));
        oneLineError(server.cli({"backup", dest}), 1, "already holds a backup");
        QVERIFY(server.terminate());
        // The backup is a data folder that starts.
        startOnce(dest);
    }
};

QTEST_GUILESS_MAIN(TstServerCli)
#include "tst_server_cli.moc"
