// A scripted DataSource for tests: frames and state changes are pushed by the test, commands
// are recorded. Shows that the session and views run on any source, not only the live one.
#pragma once
#include "console/transport/datasource.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>

namespace sluice::console::testing {

class FakeSource : public DataSource {
    Q_OBJECT
public:
    using DataSource::DataSource;
    struct Sent {
        QString id, op;
        QJsonObject args;
    };

    void open() override { setState(State::Connected); }
    void close() override { setState(State::Disconnected); }
    State state() const override { return m_state; }
    QString description() const override { return QStringLiteral("fake"); }
    bool isLive() const override { return m_live; }
    void requestSnapshot() override { ++snapshotRequests; }

    void setLive(bool live) { m_live = live; }
    void setState(State s) {
        if (s == m_state) return;
        m_state = s;
        emit stateChanged(s);
    }
    void push(const QJsonObject& frame) {
        emit frameReceived(frame, QDateTime::currentMSecsSinceEpoch());
    }
    // A frame received at a chosen time (alert hold times, timestamps).
    void pushAt(const QJsonObject& frame, qint64 receivedAtMs) {
        emit frameReceived(frame, receivedAtMs);
    }
    LinkStatus linkStatus() const override { return m_link; }
    void setLink(const LinkStatus& link) {
        m_link = link;
        emit linkStatusChanged();
    }

    QList<Sent> sent;
    int snapshotRequests = 0;

protected:
    bool sendCommandFrame(const QString& id, const QString& op, const QJsonObject& args) override {
        if (m_state != State::Connected) return false;
        sent.append({id, op, args});
        return true;
    }

private:
    State m_state = State::Disconnected;
    bool m_live = true;
    LinkStatus m_link;
};

} // namespace sluice::console::testing
