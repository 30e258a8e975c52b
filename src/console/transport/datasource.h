// The console's data-source interface: where frames come from. The live WebSocket source and
// the replay source implement it; the session and the views above it never know which
// one feeds them (QGroundControl's "replay is just another link").
#pragma once
#include "console/transport/linkstatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace sluice::console {

class DataSource : public QObject {
    Q_OBJECT
public:
    enum class State {
        Disconnected, // closed, or not opened yet
        Connecting,   // first attempt in progress
        Connected,    // frames flowing
        Stalled,      // connected but nothing received for longer than the link-loss threshold
        Reconnecting, // lost; waiting for the next attempt
    };
    Q_ENUM(State)

    explicit DataSource(QObject* parent = nullptr) : QObject(parent) {}
    ~DataSource() override = default;

    virtual void open() = 0;
    virtual void close() = 0;
    virtual State state() const = 0;
    // A human-readable description of where the data comes from (URL, file name).
    virtual QString description() const = 0;
    // False for a replay: the views show a replay marker, staleness is not judged by wall time.
    virtual bool isLive() const = 0;
    // False for a replay: every action is disabled.
    virtual bool acceptsCommands() const { return isLive(); }
    // Asks for a fresh snapshot (after a seq gap). A replay may ignore it.
    virtual void requestSnapshot() {}
    // Why the link is down, as a cause (the live source); None for a replay.
    virtual LinkStatus linkStatus() const { return {}; }
    // The source's clock: the wall clock live, the recorded time in a replay (the console's own
    // log rows and the ages it shows use it).
    virtual qint64 currentTimeMs() const { return QDateTime::currentMSecsSinceEpoch(); }

    // Sends a command with a new client-chosen id and returns the id, or an empty string when
    // it could not be sent (disconnected, replay). The answer arrives as an ack/nack frame with
    // the same id.
    QString sendCommand(const QString& op, const QJsonObject& args);
    // Sends a command again under its original id (after a reconnect): the server answers a
    // replayed id with the original answer and does nothing twice.
    bool resendCommand(const QString& id, const QString& op, const QJsonObject& args) {
        return sendCommandFrame(id, op, args);
    }

protected:
    virtual bool sendCommandFrame(const QString& id, const QString& op,
                                  const QJsonObject& args) = 0;

signals:
    // One decoded JSON frame. `receivedAtMs` is wall-clock ms at reception (live) or the
    // recorded reception time (replay).
    void frameReceived(const QJsonObject& frame, qint64 receivedAtMs);
    // A message that was not a JSON object (reported, skipped).
    void undecodableMessage(const QString& reason);
    void stateChanged(sluice::console::DataSource::State state);
    // Why the link is down or degraded, for the status banner; empty when healthy.
    void statusMessage(const QString& message);
    // linkStatus() changed.
    void linkStatusChanged();
    // Everything derived so far is invalid (replay seek, new server): the session clears its
    // history before the next snapshot.
    void historyReset();

private:
    QString m_commandTag;
    quint64 m_nextCommand = 1;
};

QString stateName(DataSource::State state);

} // namespace sluice::console
