// Recording folder and retention (see retention.h).
#include "console/recording/retention.h"

#include "console/recording/recordingformat.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace sluice::console::recording {

QStringList planRetention(QList<RecordingFileInfo> files, qint64 nowMs,
                          const RetentionPolicy& policy, const QString& keepPath) {
    std::sort(files.begin(), files.end(),
              [](const RecordingFileInfo& a, const RecordingFileInfo& b) {
                  return a.modifiedMs < b.modifiedMs;
              });
    QStringList out;
    qint64 total = 0;
    for (const auto& f : files)
        total += f.bytes;
    const qint64 maxAgeMs = qint64(policy.maxAgeDays) * 86'400'000;
    for (const auto& f : files) {
        if (f.path == keepPath) continue;
        const bool tooOld = policy.maxAgeDays > 0 && nowMs - f.modifiedMs > maxAgeMs;
        const bool tooBig = policy.maxTotalBytes > 0 && total > policy.maxTotalBytes;
        if (tooOld || tooBig) {
            out.append(f.path);
            total -= f.bytes;
        }
    }
    return out;
}

QString recordingFolder() {
    const QString configured = QSettings().value(QStringLiteral("recording/folder")).toString();
    if (!configured.isEmpty()) return configured;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/recordings");
}

RetentionPolicy retentionPolicyFromSettings() {
    QSettings s;
    RetentionPolicy p;
    p.maxTotalBytes =
        s.value(QStringLiteral("recording/max_total_mb"), 2048).toLongLong() * 1024 * 1024;
    p.maxAgeDays = s.value(QStringLiteral("recording/max_age_days"), 30).toInt();
    return p;
}

void saveRetentionPolicy(const RetentionPolicy& policy) {
    QSettings s;
    s.setValue(QStringLiteral("recording/max_total_mb"), policy.maxTotalBytes / (1024 * 1024));
    s.setValue(QStringLiteral("recording/max_age_days"), policy.maxAgeDays);
}

QString newRecordingPath(const QString& folder) {
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString path = QDir(folder).filePath(
        QStringLiteral("session-%1.%2").arg(stamp, QLatin1String(kFileSuffix)));
    for (int i = 2; QFileInfo::exists(path); ++i)
        path = QDir(folder).filePath(
            QStringLiteral("session-%1-%2.%3").arg(stamp).arg(i).arg(QLatin1String(kFileSuffix)));
    return path;
}

QStringList applyRetention(const QString& folder, const RetentionPolicy& policy,
                           const QString& keepPath) {
    QList<RecordingFileInfo> files;
    const QFileInfoList infos = QDir(folder).entryInfoList(
        {QStringLiteral("*.") + QLatin1String(kFileSuffix)}, QDir::Files);
    for (const QFileInfo& i : infos) {
        qint64 bytes = i.size();
        for (const char* suffix : {"-wal", "-shm"})
            bytes += QFileInfo(i.absoluteFilePath() + suffix).size();
        files.append({i.absoluteFilePath(), bytes, i.lastModified().toMSecsSinceEpoch()});
    }
    const QString keep = keepPath.isEmpty() ? QString() : QFileInfo(keepPath).absoluteFilePath();
    const QStringList plan =
        planRetention(files, QDateTime::currentMSecsSinceEpoch(), policy, keep);
    for (const QString& p : plan) {
        QFile::remove(p);
        QFile::remove(p + QStringLiteral("-wal"));
        QFile::remove(p + QStringLiteral("-shm"));
    }
    return plan;
}

} // namespace sluice::console::recording
