// Records a session while it runs: every frame the attached data source delivers (with its
// receive time; the server time, seq and kind are taken from the frame), every connection state
// change (so gaps are explicit) and every operator action with its outcome. The UI thread only
// appends to a queue under a mutex; a worker thread writes the queue in batches (one SQLite
// transaction per batch, keyframes included) through a RecordingWriter. A failure (full disk,
// unwritable folder) stops the recording and is announced by failed(); the live view carries on
// and nothing here ever shows a box.
#pragma once
#include "console/recording/recordingwriter.h"
#include "console/transport/datasource.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QWaitCondition>

#include <atomic>
#include <memory>

namespace sluice::console {
class CommandTracker;
}

namespace sluice::console::recording {

class RecorderThread;

class Recorder : public QObject {
    Q_OBJECT
public:
    struct Options {
        RecordingWriter::Options writer;
        int flushIntervalMs = 250; // a batch at least this often
        int maxQueued = 200'000;   // frames waiting for the disk before new ones are dropped
    };

    explicit Recorder(QObject* parent = nullptr);
    ~Recorder() override;

    // Creates the file and starts the worker. False (errorString() says why, failed() is
    // emitted) when the file cannot be created.
    bool start(const QString& path, const QMap<QString, QString>& meta, const Options& options);
    bool start(const QString& path, const QMap<QString, QString>& meta = {}) {
        return start(path, meta, Options());
    }
    // Writes what is queued, closes the file cleanly (ended_at) and stops the worker.
    void stop();

    // Records what this source delivers (frames, state changes, status messages).
    void attach(DataSource* source);
    void detach();
    // Records the operator's actions and their outcomes from this tracker.
    void attachCommands(CommandTracker* tracker);

    void recordFrame(const QJsonObject& frame, qint64 receivedAtMs);
    void recordLink(DataSource::State state, const QString& message, qint64 atMs);
    void recordItem(const RecordedItem& item);

    bool isRecording() const { return m_running && !m_failed; }
    bool hasFailed() const { return m_failed; }
    QString errorString() const;
    QString path() const { return m_path; }
    qint64 framesWritten() const { return m_written.load(); }
    qint64 framesDropped() const { return m_dropped.load(); }

signals:
    void failed(const QString& message);

private:
    friend class RecorderThread;
    void onWorkerFailed(const QString& message);

    QString m_path;
    Options m_options;
    std::unique_ptr<RecorderThread> m_thread;
    QPointer<DataSource> m_source;
    QPointer<CommandTracker> m_tracker;
    QMetaObject::Connection m_trackerConnection;

    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QList<RecordedItem> m_queue;
    QString m_error;
    bool m_stopping = false;
    bool m_running = false;
    std::atomic<bool> m_failed{false};
    std::atomic<qint64> m_written{0}, m_dropped{0};
    DataSource::State m_lastState = DataSource::State::Disconnected;
};

} // namespace sluice::console::recording
