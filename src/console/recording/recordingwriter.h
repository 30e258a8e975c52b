// Writes a recording file (docs/recording-format.md) synchronously: creates the schema, appends
// batches of frames in one transaction each, keeps its own DashboardState from the frames it
// writes and stores a keyframe (the whole state as a snapshot frame) every N broadcast frames,
// so a reader rebuilds any moment from the nearest keyframe. Used on the recorder's worker
// thread and directly by the benchmark. One thread only (its SQLite connection is its own).
#pragma once
#include "console/model/dashboardstate.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>

namespace sluice::console::recording {

// One row to append: a server frame (kind = its "type") or a console row (link, command, note).
struct RecordedItem {
    qint64 recvMs = 0;
    QString kind;
    QJsonObject body;
};

class RecordingWriter {
public:
    struct Options {
        int keyframeEvery = 60; // broadcast frames between keyframes (30 s at a 500 ms tick)
        int maxPageCount = 0;   // > 0: SQLite's max_page_count (tests simulate a full disk)
    };

    RecordingWriter();
    ~RecordingWriter();
    RecordingWriter(const RecordingWriter&) = delete;
    RecordingWriter& operator=(const RecordingWriter&) = delete;

    // Creates a new file (the folder too). Refuses an existing non-empty file. `meta` adds or
    // overrides meta rows (source, host, ...).
    bool create(const QString& path, const QMap<QString, QString>& meta, const Options& options);
    // Appends the batch in one transaction (meta updates queued by setMeta go with it).
    bool write(const QList<RecordedItem>& batch);
    void setMeta(const QString& key, const QString& value);
    // Writes ended_at and the pending meta, checkpoints the WAL and closes.
    bool finish(qint64 endedAtMs);
    void close();

    bool isOpen() const;
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }
    qint64 framesWritten() const { return m_frames; }
    int keyframesWritten() const { return m_keyframes; }
    const DashboardState& state() const { return m_state; }

private:
    bool exec(const QString& sql);
    bool fail(const QString& what, const QString& detail);
    bool writeMeta();
    bool writeKeyframe(qint64 frameId, qint64 recvMs);

    struct Db;
    std::unique_ptr<Db> m_db;
    QString m_path, m_error;
    Options m_options;
    QMap<QString, QString> m_pendingMeta;
    DashboardState m_state;
    QJsonObject m_lastHello;
    QJsonObject m_link;
    qint64 m_lastRecvMs = 0;
    qint64 m_frames = 0;
    int m_keyframes = 0;
    int m_sinceKeyframe = 0;
};

} // namespace sluice::console::recording
