// Where session recordings live and how long they are kept: the platform's app-data folder
// (QStandardPaths) unless the settings say otherwise, one file per session, and a retention
// policy by total size and age, applied at the start of each recording. The plan is pure
// (a list of files in, the ones to delete out); the current recording is never deleted.
#pragma once
#include <QList>
#include <QString>
#include <QStringList>

namespace sluice::console::recording {

struct RecordingFileInfo {
    QString path;
    qint64 bytes = 0;
    qint64 modifiedMs = 0;
};

struct RetentionPolicy {
    qint64 maxTotalBytes = 2LL * 1024 * 1024 * 1024; // 0: no size limit
    int maxAgeDays = 30;                             // 0: no age limit
};

// The files to delete, oldest first: every file older than maxAgeDays, then the oldest until
// the total fits in maxTotalBytes. `keepPath` is never in the list.
QStringList planRetention(QList<RecordingFileInfo> files, qint64 nowMs,
                          const RetentionPolicy& policy, const QString& keepPath);

// The recordings folder: QSettings "recording/folder", else <AppDataLocation>/recordings.
QString recordingFolder();
// The policy from QSettings ("recording/max_total_mb", "recording/max_age_days").
RetentionPolicy retentionPolicyFromSettings();
void saveRetentionPolicy(const RetentionPolicy& policy);
// A new file name in `folder` for a session starting now (local time, unique).
QString newRecordingPath(const QString& folder);
// Lists *.sluicerec in `folder`, applies the plan (with the -wal/-shm companions); returns the
// deleted paths.
QStringList applyRetention(const QString& folder, const RetentionPolicy& policy,
                           const QString& keepPath);

} // namespace sluice::console::recording
