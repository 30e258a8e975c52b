// Session recorder: queue on the UI thread, batched writes on a worker thread (see recorder.h).
#include "console/recording/recorder.h"

#include "console/model/commandtracker.h"
#include "console/recording/recordingformat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMetaEnum>
#include <QSemaphore>
#include <QThread>

namespace sluice::console::recording {

// The worker: owns the writer (and so the SQLite connection) for the whole recording.
class RecorderThread : public QThread {
public:
    RecorderThread(Recorder* owner, QString path, QMap<QString, QString> meta)
        : m_owner(owner), m_path(std::move(path)), m_meta(std::move(meta)) {}

    QSemaphore opened;
    bool openOk = false;
    QString openError;

protected:
    void run() override {
        RecordingWriter writer;
        openOk = writer.create(m_path, m_meta, m_owner->m_options.writer);
        openError = writer.errorString();
        opened.release();
        if (!openOk) return;
        QList<RecordedItem> batch;
        for (;;) {
            bool stopping = false;
            {
                QMutexLocker lock(&m_owner->m_mutex);
                if (m_owner->m_queue.isEmpty() && !m_owner->m_stopping)
                    m_owner->m_wake.wait(&m_owner->m_mutex, m_owner->m_options.flushIntervalMs);
                batch.swap(m_owner->m_queue);
                stopping = m_owner->m_stopping;
            }
            if (!batch.isEmpty()) {
                if (!writer.write(batch)) {
                    report(writer.errorString());
                    return;
                }
                m_owner->m_written.store(writer.framesWritten());
                batch.clear();
            }
            if (stopping) {
                if (m_owner->m_dropped.load() > 0)
                    writer.setMeta(QStringLiteral("frames_dropped"),
                                   QString::number(m_owner->m_dropped.load()));
                if (!writer.finish(QDateTime::currentMSecsSinceEpoch()))
                    report(writer.errorString());
                return;
            }
        }
    }

private:
    void report(const QString& message) {
        m_owner->m_failed = true;
        QMetaObject::invokeMethod(
            m_owner, [o = m_owner, message] { o->onWorkerFailed(message); }, Qt::QueuedConnection);
    }
    Recorder* m_owner;
    QString m_path;
    QMap<QString, QString> m_meta;
};

Recorder::Recorder(QObject* parent) : QObject(parent) {}

Recorder::~Recorder() {
    stop();
}

QString Recorder::errorString() const {
    QMutexLocker lock(&m_mutex);
    return m_error;
}

bool Recorder::start(const QString& path, const QMap<QString, QString>& meta,
                     const Options& options) {
    stop();
    m_path = path;
    m_options = options;
    m_failed = false;
    m_written = 0;
    m_dropped = 0;
    {
        QMutexLocker lock(&m_mutex);
        m_queue.clear();
        m_stopping = false;
        m_error.clear();
    }
    m_thread = std::make_unique<RecorderThread>(this, path, meta);
    m_thread->setObjectName(QStringLiteral("sluice-recorder"));
    m_thread->start(QThread::LowPriority);
    m_thread->opened.acquire();
    if (!m_thread->openOk) {
        const QString e = m_thread->openError;
        m_thread->wait();
        m_thread.reset();
        m_failed = true;
        {
            QMutexLocker lock(&m_mutex);
            m_error = e;
        }
        emit failed(e);
        return false;
    }
    m_running = true;
    recordItem(RecordedItem{QDateTime::currentMSecsSinceEpoch(), QString::fromLatin1(kKindNote),
                            QJsonObject{{"note", "recording_started"}}});
    if (m_source) recordLink(m_source->state(), {}, QDateTime::currentMSecsSinceEpoch());
    return true;
}

void Recorder::stop() {
    if (!m_thread) return;
    if (m_running && !m_failed)
        recordItem(RecordedItem{QDateTime::currentMSecsSinceEpoch(), QString::fromLatin1(kKindNote),
                                QJsonObject{{"note", "recording_stopped"}}});
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    m_thread.reset();
    m_running = false;
}

void Recorder::onWorkerFailed(const QString& message) {
    {
        QMutexLocker lock(&m_mutex);
        m_error = message;
        m_queue.clear();
    }
    emit failed(message);
}

void Recorder::attach(DataSource* source) {
    detach();
    m_source = source;
    if (!source) return;
    connect(source, &DataSource::frameReceived, this, &Recorder::recordFrame);
    connect(source, &DataSource::stateChanged, this, [this](DataSource::State s) {
        recordLink(s, {}, QDateTime::currentMSecsSinceEpoch());
    });
    connect(source, &DataSource::statusMessage, this, [this](const QString& message) {
        if (!m_source) return;
        recordLink(m_source->state(), message, QDateTime::currentMSecsSinceEpoch());
    });
    if (m_running) recordLink(source->state(), {}, QDateTime::currentMSecsSinceEpoch());
}

void Recorder::detach() {
    if (m_source) m_source->disconnect(this);
    m_source = nullptr;
}

void Recorder::attachCommands(CommandTracker* tracker) {
    if (m_tracker) disconnect(m_trackerConnection);
    m_tracker = tracker;
    if (!tracker) return;
    m_trackerConnection =
        connect(tracker, &CommandTracker::commandUpdated, this,
                [this](const QString& id, TrackedCommand::Status) {
                    if (!m_tracker) return;
                    const TrackedCommand* c = m_tracker->find(id);
                    if (!c) return;
                    recordItem(RecordedItem{
                        QDateTime::currentMSecsSinceEpoch(), QString::fromLatin1(kKindCommand),
                        QJsonObject{{"id", c->id},
                                    {"op", c->op},
                                    {"args", c->args},
                                    {"description", c->description},
                                    {"status_code", int(c->status)},
                                    {"status", CommandTracker::statusText(c->status)},
                                    {"detail", c->detail}}});
                });
}

void Recorder::recordFrame(const QJsonObject& frame, qint64 receivedAtMs) {
    recordItem(RecordedItem{receivedAtMs, frame.value(QStringLiteral("type")).toString(), frame});
}

void Recorder::recordLink(DataSource::State state, const QString& message, qint64 atMs) {
    const char* key = QMetaEnum::fromType<DataSource::State>().valueToKey(int(state));
    recordItem(RecordedItem{atMs, QString::fromLatin1(kKindLink),
                            QJsonObject{{"state", QString::fromLatin1(key ? key : "Disconnected")},
                                        {"message", message}}});
    m_lastState = state;
}

void Recorder::recordItem(const RecordedItem& item) {
    if (!m_running || m_failed) return;
    QMutexLocker lock(&m_mutex);
    if (m_queue.size() >= m_options.maxQueued) {
        ++m_dropped;
        return;
    }
    m_queue.append(item);
}

} // namespace sluice::console::recording
