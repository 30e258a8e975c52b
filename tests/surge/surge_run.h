// Runs the real sluice-surge binary against a test server and reads its JSON report (shared by
// the end-to-end surge suites).
#pragma once
#include "support/server_process.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace sluice::test {

struct SurgeRun {
    int exitCode = -1;
    QJsonObject report;
    QByteArray out, err;
};

// `scenario` is relative to the source folder; the seed is fixed, progress off.
inline SurgeRun runSurge(const ServerProcess& server, const QString& scenario,
                         const QStringList& extra, int timeoutMs) {
    QTemporaryDir dir;
    const QString reportPath = dir.filePath("report.json");
    QProcess p;
    QStringList args{
        "--target", server.baseUrl(), "--scenario", QString(SLUICE_SOURCE_DIR) + "/" + scenario,
        "--report", reportPath,       "--seed",     "20210719",
        "--quiet"};
    args += extra;
    p.start(SLUICE_SURGE_BIN, args);
    SurgeRun r;
    if (!p.waitForStarted(10'000)) return r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5'000);
        r.err = "sluice-surge did not finish in time";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    QFile f(reportPath);
    if (f.open(QIODevice::ReadOnly)) r.report = QJsonDocument::fromJson(f.readAll()).object();
    return r;
}

inline double num(const QJsonObject& o, const char* key) {
    return o.value(key).toDouble(-1);
}

} // namespace sluice::test
