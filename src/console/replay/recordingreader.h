// Opens a recording file (docs/recording-format.md) for replay: checks that it is a Sluice
// recording this console can read (refusing foreign, corrupt or too-new files with a sentence a
// person can read), loads the time index (receive time of every row), the keyframe index and
// the timeline markers, and reads frames by id range. Rebuilds the state at any instant from
// the nearest keyframe. No widgets, no signals: ReplaySource, tests and the benchmark use it.
// One thread only (its SQLite connection is its own).
#pragma once
#include "console/model/dashboardstate.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>
#include <vector>

namespace sluice::console::replay {

// One stored row: a server frame, or a console row (link, command, note).
struct RecordedFrame {
    qint64 id = 0;
    qint64 recvMs = 0;
    QString kind;
    QJsonObject body;
};

struct Keyframe {
    qint64 frameId = 0; // the state includes every row up to and including this one
    qint64 recvMs = 0;
};

struct Marker {
    enum class Category { Action, Alert, Link };
    qint64 frameId = 0;
    qint64 recvMs = 0;
    Category category = Category::Action;
    QString kind; // event kind, "command" or "link"
    QString text; // one line for people
};

// A keyframe's content: the last hello, the state as a snapshot frame, the link state.
struct KeyframeContent {
    QJsonObject hello, snapshot, link;
};

class RecordingReader {
public:
    enum class Error { None, NotFound, Unreadable, NotSqlite, Foreign, TooNew, Damaged, Empty };

    RecordingReader();
    ~RecordingReader();
    RecordingReader(const RecordingReader&) = delete;
    RecordingReader& operator=(const RecordingReader&) = delete;

    bool open(const QString& path);
    void close();
    bool isOpen() const;
    Error error() const { return m_errorCode; }
    QString errorString() const { return m_error; }

    QString path() const { return m_path; }
    QMap<QString, QString> meta() const { return m_meta; }
    int formatVersion() const { return m_version; }
    // False when the recording has no ended_at: the process was killed or the machine stopped
    // while recording; it is readable up to the last complete frame.
    bool endedCleanly() const { return m_meta.contains(QStringLiteral("ended_at")); }

    qint64 frameCount() const { return qint64(m_recv.size()); }
    qint64 startMs() const { return m_recv.empty() ? 0 : m_recv.front(); }
    qint64 endMs() const { return m_recv.empty() ? 0 : m_recv.back(); }
    qint64 firstId() const { return m_ids.empty() ? 0 : m_ids.front(); }
    qint64 lastId() const { return m_ids.empty() ? 0 : m_ids.back(); }
    const std::vector<Keyframe>& keyframes() const { return m_keyframes; }
    const QList<Marker>& markers() const { return m_markers; }

    // The id of the last row received at or before `tMs`; 0 when none.
    qint64 frameIdAt(qint64 tMs) const;
    // Receive time of a row id (binary search in the index); 0 when unknown.
    qint64 recvMsOf(qint64 frameId) const;
    // The last keyframe with frameId <= `frameId`; nullptr when none.
    const Keyframe* keyframeAtOrBefore(qint64 frameId) const;
    bool readKeyframe(const Keyframe& k, KeyframeContent* out);
    // Rows with afterId < id <= toId, in order. Rows that cannot be decoded are skipped (counted).
    QList<RecordedFrame> readFrames(qint64 afterId, qint64 toId);
    int skippedRows() const { return m_skipped; }

    // The state at `tMs` (every row received at or before it applied), rebuilt from the nearest
    // keyframe. Pure: what a replay shows at that instant.
    DashboardState stateAt(qint64 tMs);

private:
    bool fail(Error code, const QString& message);
    bool load();

    struct Db;
    std::unique_ptr<Db> m_db;
    QString m_path, m_error;
    Error m_errorCode = Error::None;
    QMap<QString, QString> m_meta;
    int m_version = 0;
    std::vector<qint64> m_ids, m_recv;
    std::vector<Keyframe> m_keyframes;
    QList<Marker> m_markers;
    int m_skipped = 0;
};

} // namespace sluice::console::replay
